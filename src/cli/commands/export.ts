/**
 * `proverka export xes --db FILE --to LOG.xes[.gz]`: the record's cases as an XES event log for
 * process-mining tools — one trace per assignment (concept:name its id; its title, domain and
 * decision as attributes), one event per event of the case in order (concept:name the event's kind
 * without `assignment.`, time:timestamp in UTC, lifecycle:transition `complete`, org:resource the
 * actor's id, org:group the actor's unit id); then the cases imported from other systems as they
 * were imported (their own names, instants, transitions, resources, groups and attributes, plus
 * `proverka:import` and `proverka:source`), so that an export re-imports to the same cases and
 * events. Reads the record, writes only the new file.
 *
 * `export ocel` (OCEL 2.0 JSON, export-ocel.ts) and `export csv` (a CSV event log that `import csv`
 * reads back, export-csv.ts) are registered here too.
 */
import type { Command } from 'commander';
import type { Proverka } from '../../app/proverka.js';
import { writeXes, type XesOutTrace } from '../../interop/xes/write-xes.js';
import { importedTraces } from '../../app/queries/imported-traces.js';
import { importedCase } from '../../domain/trace/trace.js';
import { toMs } from '../../domain/time.js';
import { withDatabase } from '../database.js';
import { refuseExportTarget } from '../export-target.js';
import type { Io } from '../io.js';
import { dbOption } from '../options.js';
import { formatCount } from '../render/format.js';
import { addCsvExport } from './export-csv.js';
import { addOcelExport } from './export-ocel.js';
import { ownActivity, ownCases, unitsOfPeople } from './export-sources.js';

/** The record's cases as XES traces, one assignment at a time. */
export async function* caseTraces(app: Proverka): AsyncGenerator<XesOutTrace> {
  const unitOf = await unitsOfPeople(app);
  for await (const c of ownCases(app)) {
    yield {
      name: c.id,
      attributes: { 'proverka:title': c.state.title, 'proverka:domain': c.state.domain, 'proverka:decision': c.state.decisionId },
      events: c.events.map((e) => ({ activity: ownActivity(e), timestamp: Date.parse(e.at), lifecycle: 'complete', resource: e.actor, group: unitOf.get(e.actor) ?? null })),
    };
  }
}

/** The cases imported from other systems, as they were imported (their name, attributes and events), marked with their import. */
export async function* importedCaseTraces(app: Proverka): AsyncGenerator<XesOutTrace> {
  for await (const { id, trace: recorded } of importedTraces(app.store)) {
    const trace = importedCase(recorded);
    yield {
      name: trace.name ?? id,
      attributes: { ...trace.attributes, 'proverka:import': trace.importId, 'proverka:source': trace.source },
      events: trace.events.map((e) => ({ activity: e.activity, timestamp: e.at === null ? null : toMs(e.at), lifecycle: e.lifecycle, resource: e.resource, group: e.group, ...(e.attributes !== undefined ? { attributes: e.attributes } : {}) })),
    };
  }
}

/** The record's own cases, then the imported ones. */
async function* allTraces(app: Proverka): AsyncGenerator<XesOutTrace> {
  yield* caseTraces(app);
  yield* importedCaseTraces(app);
}

/** Writes the record's cases to `to` as XES; refuses an existing file or a missing folder (exit 2), writing nothing. */
export async function exportXes(opts: { readonly db: string; readonly to: string }, io: Io): Promise<void> {
  refuseExportTarget(opts.to);
  const written = await withDatabase(opts.db, (app) => writeXes(opts.to, allTraces(app)));
  io.print(`wrote ${opts.to}: ${formatCount(written.traces)} cases, ${formatCount(written.events)} events (XES, IEEE 1849)`);
}

/** Adds `export` (with its `xes`, `ocel` and `csv` subcommands) to the program. */
export function registerExport(program: Command, io: Io): void {
  const exporting = program.command('export').description('the record in formats other tools read: XES, OCEL 2.0, CSV');
  exporting
    .command('xes')
    .description("the record's cases as an XES event log (gzip when the file name ends in .gz), for process-mining tools")
    .addOption(dbOption())
    .requiredOption('--to <file>', 'the XES file to write (.xes or .xes.gz); it must not exist')
    .action((opts: { db: string; to: string }) => exportXes(opts, io));
  addOcelExport(exporting, io);
  addCsvExport(exporting, io);
}
