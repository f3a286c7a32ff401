/** `proverka rebuild`: empties every projection and refills it from the events alone. */
import type { Command } from 'commander';
import { withDatabase } from '../database.js';
import type { Io } from '../io.js';
import { dbOption } from '../options.js';
import { plural } from '../render/format.js';

/** Rebuilds the projections in one transaction (all or nothing) and prints what was replayed. */
export async function rebuildDatabase(location: string, io: Io): Promise<void> {
  const report = await withDatabase(location, async (app) => {
    const progress = io.progress('rebuilding');
    try {
      return await app.store.rebuild((done, total) => progress.update(done, total));
    } finally {
      progress.stop();
    }
  });
  io.print(`rebuilt every projection from ${plural(report.events, 'event')} in ${plural(report.streams, 'stream')}`);
}

/** Adds `rebuild` to the program. */
export function registerRebuild(program: Command, io: Io): void {
  program
    .command('rebuild')
    .description('rebuild every projection from the events alone')
    .addOption(dbOption())
    .action((opts: { db: string }) => rebuildDatabase(opts.db, io));
}
