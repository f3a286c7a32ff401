/** Bundles `entry` (compiled JavaScript) into `outdir` (emptied first), its chunks beside it; `packageJson` names the externals. */
export function bundleCli(entry: string, outdir: string, packageJson: string | URL): void;
