/** `proverka backup --db SOURCE --to FILE`: one consistent snapshot of the record into a new archive file, read back and checked. */
import { existsSync, rmSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { backupRecord, type BackupReport } from '../../app/record-transfer.js';
import { systemClock } from '../../domain/clock.js';
import { ArchiveError } from '../../interop/record-archive.js';
import { recordArchiveFiles } from '../../interop/record-archive-files.js';
import { openStore } from '../../store/open-store.js';
import { displayLocation } from '../database.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import { dbOption } from '../options.js';
import { formatCount, plural } from '../render/format.js';
import { transferFailure } from '../transfer-failures.js';

/** The line printed after a backup. */
export function renderBackupReport(report: BackupReport, source: string): string {
  const checkpoint = report.lastCheckpoint === null ? 'no checkpoint' : `last checkpoint ${report.lastCheckpoint.seq} (root ${report.lastCheckpoint.root.slice(0, 16)}…)`;
  return `backed up ${plural(report.events, 'event')} in ${plural(report.streams, 'stream')} from ${displayLocation(source)} (${report.backend}) to ${report.file}: ${formatCount(report.bytes)} bytes, ${checkpoint}, sha256 ${report.sha256}`;
}

/**
 * Writes the record of `source` to a new archive `file` and reads it back. An existing file is
 * refused and left untouched; on any failure no archive is left.
 */
export async function backupDatabase(source: string, file: string, io: Io): Promise<BackupReport> {
  if (existsSync(file)) throw new CliError(`${file} already exists; choose another file (it was left untouched)`);
  const store = await openStore({ location: source, mode: 'open' });
  const progress = io.progress('backing up');
  try {
    return await backupRecord(store, file, { archives: recordArchiveFiles, clock: systemClock, progress: (done, total, phase) => progress.update(done, total, phase) });
  } catch (error) {
    // A file that appeared meanwhile is someone else's; anything this run wrote goes.
    if (!(error instanceof ArchiveError && error.code === 'ARCHIVE_EXISTS')) rmSync(file, { force: true });
    throw transferFailure(error, 'no archive was left');
  } finally {
    progress.stop();
    await store.close();
  }
}

/** Adds `backup` to the program. */
export function registerBackup(program: Command, io: Io): void {
  program
    .command('backup')
    .description('save the whole record (one consistent snapshot) to a new archive file, then read it back to check it')
    .addOption(dbOption())
    .addOption(new Option('--to <file>', 'the archive to write (gzip-compressed JSON Lines; never over an existing file)').makeOptionMandatory())
    .action(async (opts: { db: string; to: string }) => {
      io.print(renderBackupReport(await backupDatabase(opts.db, opts.to, io), opts.db));
    });
}
