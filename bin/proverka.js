#!/usr/bin/env node
// The `proverka` command. The TypeScript sources are compiled to dist/ and bundled into dist/bundle/
// by `npm run build` (run automatically by `npm ci` through the `prepare` script).
import('../dist/bundle/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bundle/main.js')) {
    console.error('proverka: not built yet; run `npm run build` first');
    process.exit(2);
  }
  throw error;
});
