/** `proverka checkpoint`: appends a checkpoint (Merkle root over every stream head) now. */
import type { Command } from 'commander';
import { withDatabase } from '../database.js';
import type { Io } from '../io.js';
import { dbOption } from '../options.js';
import { formatInstant, plural } from '../render/format.js';

/** Appends a checkpoint even if nothing changed since the last one, and prints its root and counts. */
export async function checkpointDatabase(location: string, io: Io): Promise<void> {
  const result = await withDatabase(location, (app) => app.checkpoint(true));
  if (result === null) {
    io.print('another process appended a checkpoint at the same moment; it covers this one');
    return;
  }
  io.print(`checkpoint ${result.seq} at ${formatInstant(result.at)} UTC`);
  io.print(`  root     ${result.root}`);
  io.print(`  covers   ${plural(result.streams, 'stream')} (${result.changed} changed since the previous checkpoint)`);
}

/** Adds `checkpoint` to the program. */
export function registerCheckpoint(program: Command, io: Io): void {
  program
    .command('checkpoint')
    .description('append a checkpoint now: a Merkle root over every stream head')
    .addOption(dbOption())
    .action((opts: { db: string }) => checkpointDatabase(opts.db, io));
}
