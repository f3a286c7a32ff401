/**
 * `proverka migrate --from SOURCE --to TARGET`: the record copied, event for event and hash for
 * hash, from one database into a new one (either an SQLite file or a PostgreSQL URL), then the
 * target verified. The source is only read. On any failure the target is removed or dropped.
 */
import { Option, type Command } from 'commander';
import { moveRecord, type TransferReport } from '../../app/record-transfer.js';
import { openStore } from '../../store/open-store.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import { fillNewDatabase } from '../transfer-failures.js';
import { renderTransferReport } from './restore.js';

/** Copies the record of `source` into the new database `target` and verifies it; VerificationFailed (exit 1) if it does not verify. */
export async function migrateDatabase(source: string, target: string, io: Io): Promise<TransferReport> {
  if (source.trim() === target.trim()) throw new CliError('--from and --to name the same database; choose a new target');
  const from = await openStore({ location: source, mode: 'open' });
  try {
    return await fillNewDatabase(target, io, 'migrating', 'nothing was copied', (store, progress) => moveRecord(from, store, { progress }));
  } finally {
    await from.close();
  }
}

/** Adds `migrate` to the program. */
export function registerMigrate(program: Command, io: Io): void {
  program
    .command('migrate')
    .description('copy the whole record, every event and hash, into a new database (SQLite file or postgres:// URL), then verify it')
    .addOption(new Option('--from <location>', 'the database to copy: an SQLite file or a postgres:// URL').makeOptionMandatory())
    .addOption(new Option('--to <location>', 'the new database: an SQLite file that does not exist, or a new or empty postgres:// database').makeOptionMandatory())
    .action(async (opts: { from: string; to: string }) => {
      io.print(renderTransferReport(await migrateDatabase(opts.from, opts.to, io), 'migrated', opts.from, opts.to));
    });
}
