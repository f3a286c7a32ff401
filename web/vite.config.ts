// Builds the single-page app into dist/web, which `proverka serve` serves at `/`.
// `npm run dev:web` serves it with hot reload and forwards /api to a server on :3000.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 800 },
  // PROVERKA_API: where the dev server forwards /api (default a local `proverka serve` on :3000).
  server: { proxy: { '/api': process.env['PROVERKA_API'] ?? 'http://127.0.0.1:3000' } },
});
