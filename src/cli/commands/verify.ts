/** `proverka verify`: recomputes every hash chain and checkpoint; exit 1 naming the first broken event. */
import type { Command } from 'commander';
import type { VerifyReport } from '../../store/port.js';
import { withDatabase } from '../database.js';
import { VerificationFailed } from '../errors.js';
import type { Io } from '../io.js';
import { dbOption } from '../options.js';
import { formatCount, plural } from '../render/format.js';

/** How many problems the report lists before it only counts the rest. */
export const PROBLEMS_SHOWN = 20;

/** The report as lines: on a broken record the first line names the stream and sequence of the first broken event. */
export function renderVerifyReport(report: VerifyReport): string[] {
  const checked = `${plural(report.events, 'event')} in ${plural(report.streams, 'stream')}, ${plural(report.checkpoints, 'checkpoint')}; database integrity: ${report.integrity}`;
  const [first, ...rest] = report.problems;
  if (report.ok || first === undefined) return [`intact: every hash chain and checkpoint verified (${checked})`];
  const lines = [`BROKEN at stream ${first.streamId}, seq ${first.seq ?? '-'} (${first.kind}): ${first.message}`];
  const shown = rest.slice(0, PROBLEMS_SHOWN - 1);
  if (shown.length > 0) lines.push(`other problems (${formatCount(rest.length)}):`);
  for (const p of shown) lines.push(`  ${p.streamId} seq ${p.seq ?? '-'} (${p.kind}): ${p.message}`);
  if (rest.length > shown.length) lines.push(`  … and ${plural(rest.length - shown.length, 'more problem')}`);
  lines.push(`checked ${checked}`);
  return lines;
}

/** Verifies the database; prints the report and throws VerificationFailed (exit 1) when it is broken. Writes nothing. */
export async function verifyDatabase(location: string, io: Io): Promise<void> {
  const report = await withDatabase(location, async (app) => {
    const progress = io.progress('verifying');
    try {
      return await app.store.verify((done, total) => progress.update(done, total));
    } finally {
      progress.stop();
    }
  });
  for (const line of renderVerifyReport(report)) io.print(line);
  if (!report.ok) throw new VerificationFailed(report);
}

/** Adds `verify` to the program. */
export function registerVerify(program: Command, io: Io): void {
  program
    .command('verify')
    .description('recompute every hash chain and checkpoint; exit 1 naming the first broken event')
    .addOption(dbOption())
    .action((opts: { db: string }) => verifyDatabase(opts.db, io));
}
