/**
 * `proverka report process-map --xes FILE`: the process map (directly-follows graph) of an XES
 * event log — cases, events, activities, how cases start and end, and each directly-follows pair
 * with its frequency and mean and median time — read streaming from the file (gzip or not).
 * `proverka report process-map --db DB [--unit U] [--domain D] [--from T] [--to T]`: the same over
 * the record's own cases (app/queries/process-map.ts: activities are the events' kinds, the unit is
 * the owner's at issue with its subtree, the period takes the cases issued in [from, to)). Exactly
 * one of --xes and --db; with --db and `--imported [IMPORT]`, the cases imported from other systems
 * instead, with the time each resource held them. Writes nothing.
 *
 * `proverka report handovers --db FILE [--by person|unit]`: the handover network of the record's
 * cases from their hour ledgers (see `analytics/handovers.ts` for the rules) — who passes cases to
 * whom and how long they then wait, ping-pong, refusals, time held — by name, or with `--json` all
 * of it with ids and a names map. Writes nothing.
 */
import { access } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { DirectlyFollowsGraph } from '../../analytics/directly-follows.js';
import { caseFlow, HandoverNetwork, type HandoverKeying } from '../../analytics/handovers.js';
import type { Proverka } from '../../app/proverka.js';
import { caseLedgers } from '../../app/queries/case-ledgers.js';
import { importedAnalytics, imports } from '../../app/queries/imported-traces.js';
import { processMap } from '../../app/queries/process-map.js';
import type { Instant } from '../../domain/time.js';
import { readXesGraph, type XesClassifier } from '../../interop/xes/xes-graph.js';
import { withDatabase } from '../database.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import { atOption, dbOption, instantArg, jsonOption } from '../options.js';
import { formatCount, formatSpan, plural } from '../render/format.js';
import { handoverIds, handoversJson, renderHandovers } from '../render/handovers.js';
import { addUnitsReport } from './report-units.js';
import { addMainLinkReport } from './report-main-link.js';
import { addHoursReport } from './report-hours.js';
import { addInquiryReport } from './report-inquiry.js';

/** The options of `report process-map`: a log (`xes`) or the record (`db`, with its filters). */
export interface ProcessMapOptions {
  readonly xes?: string;
  readonly db?: string;
  readonly unit?: string;
  readonly domain?: string;
  readonly from?: Instant;
  readonly to?: Instant;
  /** With --db: the imported cases instead of the record's own (true: every import; a string: that import). */
  readonly imported?: string | true;
  readonly classifier: XesClassifier;
  readonly top: number;
  readonly json?: boolean;
}

/** The record's filters given, as `--name value` words (empty when none). */
function recordFilters(opts: ProcessMapOptions): string[] {
  return (['unit', 'domain', 'from', 'to'] as const).flatMap((k) => (opts[k] === undefined ? [] : [`--${k} ${opts[k]}`]));
}

function positive(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new CliError(`--top takes a whole number from 1 to 100,000, not '${text}'`);
  return n;
}

/** The graph as lines: the figures, the start and end activities, then the `top` most frequent pairs. */
export function renderProcessMap(path: string, g: DirectlyFollowsGraph, top: number): string[] {
  const lines = [
    `Process map of ${path}`,
    `  ${plural(g.cases, 'case')}, ${plural(g.events, 'event')}, ${plural(g.activities.length, 'activity', 'activities')}, ${plural(g.edges.length, 'directly-follows pair')}`,
    `  starts: ${g.starts
      .slice(0, 5)
      .map((s) => `${s.name} (${formatCount(s.count)})`)
      .join(', ')}${g.starts.length > 5 ? ', …' : ''}`,
    `  ends:   ${g.ends
      .slice(0, 5)
      .map((s) => `${s.name} (${formatCount(s.count)})`)
      .join(', ')}${g.ends.length > 5 ? ', …' : ''}`,
    '',
    `The ${Math.min(top, g.edges.length)} most frequent pairs (of ${formatCount(g.edges.length)}):`,
  ];
  const width = Math.min(60, Math.max(4, ...g.edges.slice(0, top).map((e) => e.from.length + e.to.length + 3)));
  lines.push(`  ${'from → to'.padEnd(width)}  ${'count'.padStart(9)}  ${'mean'.padStart(12)}  ${'median'.padStart(12)}`);
  for (const e of g.edges.slice(0, top)) {
    const pair = `${e.from} → ${e.to}`;
    const shown = pair.length > width ? `${pair.slice(0, width - 1)}…` : pair;
    const t = (ms: number | null): string => (ms === null ? '—' : formatSpan(ms));
    lines.push(`  ${shown.padEnd(width)}  ${formatCount(e.count).padStart(9)}  ${t(e.meanMs).padStart(12)}  ${t(e.medianMs).padStart(12)}`);
  }
  return lines;
}

/** Reads the log and prints its process map (or its JSON); a missing file is a one-line error (exit 2). */
export async function printProcessMap(opts: ProcessMapOptions & { readonly xes: string }, io: Io): Promise<void> {
  try {
    await access(opts.xes);
  } catch {
    throw new CliError(`no file at ${opts.xes}`);
  }
  let graph: DirectlyFollowsGraph;
  try {
    graph = await readXesGraph(opts.xes, { classifier: opts.classifier });
  } catch (e) {
    throw new CliError(`cannot read ${opts.xes} as XES: ${e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)}`);
  }
  if (opts.json) io.print(JSON.stringify(graph, null, 2));
  else for (const line of renderProcessMap(opts.xes, graph, opts.top)) io.print(line);
}

/** Computes the process map of the record's cases that pass the filters (every case: the operator sees all) and prints it (or its JSON); an unknown unit is a one-line error (exit 2). */
export async function printRecordProcessMap(app: Proverka, opts: ProcessMapOptions & { readonly db: string }, io: Io): Promise<void> {
  const found = await processMap(app.store, null, {
    ...(opts.unit !== undefined ? { unitId: opts.unit } : {}),
    ...(opts.domain !== undefined ? { domain: opts.domain } : {}),
    ...(opts.from !== undefined ? { from: Date.parse(opts.from) } : {}),
    ...(opts.to !== undefined ? { to: Date.parse(opts.to) } : {}),
  });
  if (!found.ok) throw new CliError(found.error.message);
  const { domains, ...graph } = found.value;
  if (opts.json) io.print(JSON.stringify({ ...graph, domains }, null, 2));
  else for (const line of renderProcessMap([`the record at ${opts.db}`, ...recordFilters(opts)].join(' '), graph, opts.top)) io.print(line);
}

/** The process map of the imported cases (one import, or all) and the resources who held them longest; an unknown import is a one-line error (exit 2). */
export async function printImportedProcessMap(app: Proverka, opts: ProcessMapOptions & { readonly db: string; readonly imported: string | true }, io: Io): Promise<void> {
  const importId = opts.imported === true ? undefined : opts.imported;
  if (importId !== undefined && !(await imports(app.store)).some((i) => i.importId === importId)) throw new CliError(`no import ${importId} in ${opts.db} (proverka import list shows them)`);
  const { graph, held } = await importedAnalytics(app.store, { ...(importId !== undefined ? { importId } : {}), classifier: opts.classifier });
  if (opts.json) {
    io.print(JSON.stringify({ ...graph, held }, null, 2));
    return;
  }
  for (const line of renderProcessMap(`the cases imported into ${opts.db}${importId === undefined ? '' : ` by ${importId}`}`, graph, opts.top)) io.print(line);
  io.print('');
  io.print(`Time held between steps, by who performed the next step (${formatSpan(held.totalMs)} in all):`);
  for (const r of held.byResource.slice(0, opts.top)) io.print(`  ${(r.resource === '' ? '(nobody named)' : r.resource).padEnd(30)} ${formatSpan(r.ms).padStart(14)}  ${plural(r.steps, 'step')}`);
}

/** Runs `report process-map` on a log or on the record: exactly one of --xes and --db, the filters only with --db, `to` after `from` (else a one-line error, exit 2). */
export async function runProcessMap(opts: ProcessMapOptions, io: Io): Promise<void> {
  const { xes, db } = opts;
  if ((xes === undefined) === (db === undefined)) throw new CliError('report process-map takes exactly one of --xes FILE (a log) and --db DB (the record)');
  if (xes !== undefined) {
    if (recordFilters(opts).length > 0) throw new CliError('--unit, --domain, --from and --to filter the record: they go with --db, not --xes');
    return printProcessMap({ ...opts, xes }, io);
  }
  if (opts.from !== undefined && opts.to !== undefined && Date.parse(opts.to) <= Date.parse(opts.from)) throw new CliError('--to must be after --from');
  const { imported } = opts;
  if (imported !== undefined) {
    if (recordFilters(opts).length > 0) throw new CliError("--unit, --domain, --from and --to filter the record's own cases, not imported ones");
    return withDatabase(db as string, (app) => printImportedProcessMap(app, { ...opts, db: db as string, imported }, io));
  }
  return withDatabase(db as string, (app) => printRecordProcessMap(app, { ...opts, db: db as string }, io));
}

/** The options of `report handovers`. */
export interface HandoversOptions {
  readonly db: string;
  readonly by: HandoverKeying;
  readonly top: number;
  readonly at?: Instant;
  readonly json?: boolean;
}

/** Computes the handover network of every case in the record as of `at` (default now) and prints it (or its JSON). */
export async function printHandovers(app: Proverka, opts: Omit<HandoversOptions, 'db'>, io: Io): Promise<void> {
  const asOf = opts.at ?? app.now();
  const network = new HandoverNetwork();
  for (const { caseId, ledger } of await caseLedgers(app.store, asOf)) {
    const flow = caseFlow(ledger, opts.by);
    network.addCase(caseId, flow.stints, flow.refusals);
  }
  const report = network.result();
  const names = await app.store.reads.names(handoverIds(report));
  if (opts.json) io.print(JSON.stringify(handoversJson(report, opts.by, asOf, names), null, 2));
  else for (const line of renderHandovers(report, opts.by, asOf, names, opts.top)) io.print(line);
}

/** Adds `report` (process-map, handovers, units, main-link, hours, inquiry) to the program. */
export function registerReport(program: Command, io: Io): void {
  const report = program.command('report').description('reports over event logs and the record: the process map, the handover network, unit scorecards, the main link, hours held, the inquiry across cases');
  report
    .command('process-map')
    .description("the directly-follows graph of an XES log (gzip or not) or of the record's cases: frequencies and mean and median times between activities")
    .option('--xes <file>', 'the XES (or XES.gz) file to read')
    .option('--db <location>', "the record whose cases to map (an SQLite file or a postgres:// URL), instead of --xes")
    .option('--unit <id>', "with --db: only cases whose owner's unit at issue is this unit or one below it")
    .option('--domain <domain>', 'with --db: only cases of this domain')
    .addOption(new Option('--from <instant>', 'with --db: only cases issued at or after this moment (ISO-8601 or YYYY-MM-DD)').argParser(instantArg))
    .addOption(new Option('--to <instant>', 'with --db: only cases issued before this moment (ISO-8601 or YYYY-MM-DD)').argParser(instantArg))
    .option('--imported [import]', 'with --db: the cases imported from other systems (all, or one import id from `proverka import list`) instead of the record\'s own')
    .addOption(new Option('--classifier <classifier>', 'with --xes or --imported: name activities by concept:name, or by concept:name and lifecycle:transition').choices(['name', 'name+lifecycle']).default('name'))
    .addOption(new Option('--top <n>', 'how many pairs to list').argParser(positive).default(20))
    .addOption(jsonOption())
    .action((opts: ProcessMapOptions) => runProcessMap(opts, io));
  report
    .command('handovers')
    .description("the record's handover network: who passes cases to whom and how long they then wait, ping-pong, refusals, time held")
    .addOption(dbOption())
    .addOption(new Option('--by <key>', 'key the network by person or by unit').choices(['person', 'unit']).default('person'))
    .addOption(new Option('--top <n>', 'how many rows of each list to print').argParser(positive).default(20))
    .addOption(atOption())
    .addOption(jsonOption())
    .action((opts: HandoversOptions) => withDatabase(opts.db, (app) => printHandovers(app, opts, io)));
  addUnitsReport(report, io);
  addMainLinkReport(report, io);
  addHoursReport(report, io);
  addInquiryReport(report, io);
}
