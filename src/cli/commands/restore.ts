/**
 * `proverka restore --from FILE --db TARGET`: an archive into a new database (an SQLite file, or a
 * new or empty PostgreSQL database), every event checked, then verified. On any failure nothing is
 * left: the file or the database the command created is removed or dropped.
 */
import { Option, type Command } from 'commander';
import { restoreRecord, type TransferReport } from '../../app/record-transfer.js';
import { recordArchiveFiles } from '../../interop/record-archive-files.js';
import { displayLocation } from '../database.js';
import type { Io } from '../io.js';
import { plural } from '../render/format.js';
import { fillNewDatabase } from '../transfer-failures.js';

/** The line printed after a restore or a move: how much, from where (and its back end), into where. */
export function renderTransferReport(report: TransferReport, verb: string, source: string, target: string): string {
  const origin = report.archivedAt === undefined ? report.from : `a backup of ${report.from} made ${report.archivedAt}`;
  return `${verb} ${plural(report.imported.events, 'event')} in ${plural(report.imported.streams, 'stream')} from ${displayLocation(source)} (${origin}) into ${displayLocation(target)} (${report.to}); verified: every hash chain and checkpoint intact`;
}

/**
 * Creates `target` and imports into it every event of the archive, then verifies it. Throws
 * VerificationFailed (exit 1, after printing the report) if the restored record does not verify.
 */
export function restoreDatabase(file: string, target: string, io: Io): Promise<TransferReport> {
  return fillNewDatabase(target, io, 'restoring', 'nothing was restored', (store, progress) => restoreRecord(file, store, { archives: recordArchiveFiles, progress }));
}

/** Adds `restore` to the program. */
export function registerRestore(program: Command, io: Io): void {
  program
    .command('restore')
    .description('restore an archive made by backup into a new database, checking every event, then verify it')
    .addOption(new Option('--from <file>', 'the archive to restore').makeOptionMandatory())
    .addOption(new Option('--db <location>', 'the new database: an SQLite file that does not exist, or a new or empty postgres:// database').makeOptionMandatory())
    .action(async (opts: { from: string; db: string }) => {
      io.print(renderTransferReport(await restoreDatabase(opts.from, opts.db, io), 'restored', opts.from, opts.db));
    });
}
