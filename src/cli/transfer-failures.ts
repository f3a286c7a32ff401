/**
 * Failures particular to backups, restores and moves, as one line each: an archive that cannot be
 * read, written or trusted, and a record whose events the target refused. Everything else goes on
 * to errors.ts unchanged.
 */
import type { TransferProgress, TransferReport } from '../app/record-transfer.js';
import { ArchiveError } from '../interop/record-archive.js';
import { StoreError } from '../store/errors.js';
import type { Store } from '../store/port.js';
import { renderVerifyReport } from './commands/verify.js';
import { displayLocation, withNewDatabase } from './database.js';
import { CliError, VerificationFailed } from './errors.js';
import type { Io } from './io.js';

/** The error to rethrow: a CliError (exit 2) ending with what was left behind, or `error` itself. */
export function transferFailure(error: unknown, left: string): unknown {
  if (error instanceof ArchiveError) return new CliError(`${error.message}; ${left}`);
  if (error instanceof StoreError && error.code === 'RECORD_REJECTED') return new CliError(`the record was refused: ${error.message}; ${left}`);
  return error;
}

/**
 * Creates the database `target`, fills it with `fill` under a progress bar labelled `label`, and
 * checks the verification that comes with the report: a failure of `fill` says that `target` was
 * not created (and withNewDatabase removes it); a record that does not verify prints its report and
 * throws VerificationFailed (exit 1).
 */
export function fillNewDatabase(
  target: string,
  io: Io,
  label: string,
  what: string,
  fill: (store: Store, progress: TransferProgress) => Promise<TransferReport>,
): Promise<TransferReport> {
  return withNewDatabase(target, async (app) => {
    const bar = io.progress(label);
    let report: TransferReport;
    try {
      report = await fill(app.store, (done, total, phase) => bar.update(done, total, phase));
    } catch (error) {
      throw transferFailure(error, `${what} and ${displayLocation(target)} was not created`);
    } finally {
      bar.stop();
    }
    if (!report.verify.ok) {
      for (const line of renderVerifyReport(report.verify)) io.note(line);
      throw new VerificationFailed(report.verify);
    }
    return report;
  });
}
