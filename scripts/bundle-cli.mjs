// The CLI as `npm run build` ships it and the tests run it: the compiled entry point bundled with
// esbuild into dist/bundle/ (decision 0034). Our modules and the two libraries of hundreds of small
// files that every command loads (kysely, zod) become a few files, so a start reads a handful of
// modules instead of ~470; every other package stays external, loaded from node_modules as it
// expects (some read files beside their own code). Dynamic imports stay lazy: each command's
// module, PostgreSQL's driver and the web server are chunks loaded only when used.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSync } from 'esbuild';

/** The packages bundled in; the rest of package.json's dependencies stay external. */
const BUNDLED = new Set(['kysely', 'zod']);

/**
 * Bundles `entry` (compiled JavaScript, `…/cli/main.js`) into `outdir` (emptied first), its chunks
 * beside it; `packageJson` names the externals. The XES reader's worker thread
 * (`…/interop/xes/xes-reader-worker.js`) is an entry of its own, `xes-reader-worker.js` beside
 * the chunks, where the code that starts it looks for it.
 */
export function bundleCli(entry, outdir, packageJson) {
  rmSync(outdir, { recursive: true, force: true });
  const pkg = JSON.parse(readFileSync(packageJson, 'utf8'));
  const external = Object.keys(pkg.dependencies ?? {})
    .filter((name) => !BUNDLED.has(name))
    .flatMap((name) => [name, `${name}/*`]);
  buildSync({
    entryPoints: { main: entry, 'xes-reader-worker': join(dirname(entry), '..', 'interop', 'xes', 'xes-reader-worker.js') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [entry, outdir] = process.argv.slice(2);
  if (entry === undefined || outdir === undefined) {
    console.error('usage: node scripts/bundle-cli.mjs ENTRY.js OUTDIR');
    process.exit(2);
  }
  bundleCli(entry, outdir, new URL('../package.json', import.meta.url));
}
