/**
 * `proverka export csv --db FILE --to LOG.csv[.gz]`: the record's cases as a CSV event log (RFC
 * 4180), one row per event, that `proverka import csv --case case --activity activity --timestamp
 * timestamp --lifecycle lifecycle --resource resource --group group` reads back to the same cases
 * and events. Columns: `case` (the case's stream id, unique, so that no two cases merge),
 * `activity`, `timestamp` (ISO-8601 UTC), `lifecycle`, `resource`, `group` — for the record's own
 * cases as `export xes` writes them — then `case_name` (an assignment's title, an imported case's
 * name in its system), `domain` and `decision` (an assignment's), `import` (an imported case's
 * import). The record's own cases come first, then the imported ones. A CSV event log needs an
 * instant on every row: an imported event without one is left out and counted, and so is a case
 * left without rows; the other attributes of imported events are not written. Reads the record,
 * writes only the new file.
 */
import type { Command } from 'commander';
import type { Proverka } from '../../app/proverka.js';
import { importedTraces } from '../../app/queries/imported-traces.js';
import { importedCase } from '../../domain/trace/trace.js';
import { writeCsv } from '../../interop/csv/write-csv.js';
import { withDatabase } from '../database.js';
import { refuseExportTarget } from '../export-target.js';
import type { Io } from '../io.js';
import { dbOption } from '../options.js';
import { formatCount, plural } from '../render/format.js';
import { ownActivity, ownCases, unitsOfPeople } from './export-sources.js';

/** The header of the exported log. */
export const CSV_LOG_HEADER = ['case', 'activity', 'timestamp', 'lifecycle', 'resource', 'group', 'case_name', 'domain', 'decision', 'import'] as const;

type Row = readonly (string | null)[];

/** What the rows hold: cases with at least one row, rows, and imported events left out for want of an instant. */
export interface CsvTally {
  cases: number;
  events: number;
  untimed: number;
}

/** Every case of the record as its rows (one batch per case): the own cases, then the imported ones. */
export async function* csvLogRows(app: Proverka, tally: CsvTally): AsyncGenerator<readonly Row[]> {
  const count = (rows: readonly Row[]): readonly Row[] => {
    if (rows.length > 0) tally.cases++;
    tally.events += rows.length;
    return rows;
  };
  const unitOf = await unitsOfPeople(app);
  for await (const c of ownCases(app)) {
    const s = c.state;
    yield count(c.events.map((e) => [c.id, ownActivity(e), e.at, 'complete', e.actor, unitOf.get(e.actor) ?? null, s.title, s.domain, s.decisionId, null]));
  }
  for await (const { id, trace: recorded } of importedTraces(app.store)) {
    const trace = importedCase(recorded);
    const rows: Row[] = [];
    for (const e of trace.events) {
      if (e.at === null) tally.untimed++;
      else rows.push([id, e.activity, e.at, e.lifecycle, e.resource, e.group, trace.name, null, null, trace.importId]);
    }
    yield count(rows);
  }
}

/** Writes the record's cases to `to` as CSV; refuses an existing file or a missing folder (exit 2), writing nothing. */
export async function exportCsv(opts: { readonly db: string; readonly to: string }, io: Io): Promise<void> {
  refuseExportTarget(opts.to);
  const tally: CsvTally = { cases: 0, events: 0, untimed: 0 };
  await withDatabase(opts.db, (app) => writeCsv(opts.to, CSV_LOG_HEADER, csvLogRows(app, tally)));
  const left = tally.untimed > 0 ? `; ${plural(tally.untimed, 'imported event')} without an instant left out` : '';
  io.print(`wrote ${opts.to}: ${formatCount(tally.cases)} cases, ${formatCount(tally.events)} events (CSV, one row per event${left})`);
}

/** Adds `csv` to the `export` command. */
export function addCsvExport(exporting: Command, io: Io): void {
  exporting
    .command('csv')
    .description("the record's cases as a CSV event log, one row per event (gzip when the file name ends in .gz), that import csv reads back")
    .addOption(dbOption())
    .requiredOption('--to <file>', 'the CSV file to write (.csv or .csv.gz); it must not exist')
    .action((opts: { db: string; to: string }) => exportCsv(opts, io));
}
