/**
 * `proverka import csv FILE --db DB --case COL --activity COL --timestamp COL …`: another system's
 * event log as CSV, imported as cases (one per case id, rows grouped in memory) in ONE bulk
 * transaction; every row is checked before anything is written, and a row in error (its line,
 * code and reason printed on stdout) means nothing is imported (exit 2).
 *
 * `proverka import assignments FILE --db DB --as PERSON [--dry-run]`: assignments from a
 * spreadsheet CSV, every row through the application's `assignment.issue` inside ONE bulk
 * transaction; every refusal is collected with its row's line; if any row is refused, or on a dry
 * run, the transaction is rolled back so nothing is imported. See docs/decisions/0030-csv-import.md.
 */
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CommandInput } from '../../app/commands/schemas.js';
import type { Proverka } from '../../app/proverka.js';
import { SYSTEM_ACTOR } from '../../domain/event.js';
import { assignmentColumns, assignmentRow, type AssignmentColumns } from '../../interop/csv/csv-assignments.js';
import { CsvEventLog, type CsvLogMapping } from '../../interop/csv/csv-event-log.js';
import { malformedRow, openCsvFile, readCsvRows, type CsvRow, type CsvRowError } from '../../interop/csv/csv-rows.js';
import { withDatabase } from '../database.js';
import { newImportId } from '../import-id.js';
import { IMPORT_BULK } from '../import-writes.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import { dbOption, jsonOption } from '../options.js';
import { formatCount } from '../render/format.js';

/** What a CSV event-log import brought (the same shape as `import xes --json`). */
export interface CsvImportResult {
  readonly importId: string;
  readonly source: string;
  readonly cases: number;
  readonly events: number;
}

/** Parses `--delimiter`: one character, or `tab`. */
function delimiterArg(text: string): string {
  if (text === 'tab' || text === '\\t') return '\t';
  if ([...text].length !== 1 || text === '"' || text === '\n' || text === '\r') throw new InvalidArgumentError('one character (or "tab"), not a quote or a line break');
  return text;
}

function delimiterOption(): Option {
  return new Option('--delimiter <char>', 'the field separator (default ","; "tab" for tab-separated)').argParser(delimiterArg).default(',');
}

function requireFile(file: string): void {
  if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`no file at ${file}`);
}

/** Prints row errors: `line N: CODE: message` each (or a JSON array), then fails with the summary (exit 2). */
function refuseRows(io: Io, json: boolean | undefined, shown: readonly CsvRowError[], total: number, summary: string): never {
  if (json) io.print(JSON.stringify(shown, null, 2));
  else {
    for (const e of shown) io.print(`line ${e.line}: ${e.code}: ${e.message}`);
    if (total > shown.length) io.print(`… and ${formatCount(total - shown.length)} more`);
  }
  throw new CliError(summary);
}

/** Reads a CSV file's rows: the first to `on.header`, the others to `on.row`; a malformed file ends with `on.malformed`. An empty or unreadable file is a usage error. */
async function readRows(file: string, delimiter: string, on: { header(row: CsvRow): void; row(row: CsvRow): void; malformed(e: CsvRowError): void }): Promise<void> {
  let header = true;
  let malformed: CsvRowError | null;
  try {
    const m = await readCsvRows(await openCsvFile(file), { delimiter }, (row) => {
      if (header) on.header(row);
      else on.row(row);
      header = false;
    });
    malformed = m === null ? null : malformedRow(m);
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}; nothing was imported`);
  }
  if (malformed !== null) on.malformed(malformed);
  else if (header) throw new CliError(`${file} is empty: a CSV with a header row is expected; nothing was imported`);
}

/** Why an import stopped in the transaction: the case the record refused. */
class CaseRefused extends Error {}

/** Imports the collected cases of a CSV event log in one bulk transaction; a refused case aborts it all. */
export async function importCsvLog(app: Proverka, log: CsvEventLog, source: string): Promise<CsvImportResult> {
  const importId = newImportId(app.now());
  let cases = 0;
  let events = 0;
  await app.bulk(
    async (run) => {
      for (const c of log.cases()) {
        const r = await run(SYSTEM_ACTOR, { type: 'trace.import', importId, source, format: 'csv', name: c.name, attributes: {}, events: c.events });
        if (!r.ok) throw new CaseRefused(`the case ${JSON.stringify(c.name)} (first row at line ${c.firstLine}) was refused: ${r.error.message} [${r.error.code}]`);
        cases++;
        events += c.events.length;
      }
    },
    IMPORT_BULK,
  );
  return { importId, source, cases, events };
}

interface CsvLogOptions {
  readonly db: string;
  readonly case: string;
  readonly activity: string;
  readonly timestamp: string;
  readonly resource?: string;
  readonly group?: string;
  readonly lifecycle?: string;
  readonly source?: string;
  readonly delimiter: string;
  readonly json?: boolean;
}

/** `import csv`: reads and checks every row, then imports the cases (or lists the rows in error and imports nothing). */
async function importCsvCommand(file: string, opts: CsvLogOptions, io: Io): Promise<void> {
  requireFile(file);
  const source = opts.source ?? basename(file);
  if (source.trim() === '') throw new CliError('--source must name what is imported');
  const mapping: CsvLogMapping = {
    case: opts.case,
    activity: opts.activity,
    timestamp: opts.timestamp,
    ...(opts.resource === undefined ? {} : { resource: opts.resource }),
    ...(opts.group === undefined ? {} : { group: opts.group }),
    ...(opts.lifecycle === undefined ? {} : { lifecycle: opts.lifecycle }),
  };
  let log: CsvEventLog | null = null;
  const pending: CsvRowError[] = [];
  await readRows(file, opts.delimiter, {
    header: (row) => (log = CsvEventLog.fromHeader(row, mapping)),
    row: (row) => log?.add(row),
    malformed: (e) => (log === null ? pending.push(e) : log.malformed(e)),
  });
  const read = log as CsvEventLog | null;
  if (read === null) refuseRows(io, opts.json, pending, pending.length, `${file} is not well-formed CSV; nothing was imported`);
  const errors = read.errors();
  const summary = read.headerAccepted ? `${formatCount(errors.total)} of ${formatCount(read.counts().rows)} rows refused` : `the header of ${file} was refused`;
  if (errors.total > 0) refuseRows(io, opts.json, errors.kept, errors.total, `${summary}; nothing was imported`);
  if (read.counts().rows === 0) throw new CliError(`${file} has no rows below its header; nothing was imported`);
  const result = await withDatabase(opts.db, async (app) => {
    try {
      return await importCsvLog(app, read, source);
    } catch (e) {
      if (e instanceof CaseRefused) throw new CliError(`${file}: ${e.message}; nothing was imported`);
      throw e;
    }
  });
  if (opts.json) io.print(JSON.stringify(result, null, 2));
  else io.print(`imported ${file} as ${result.importId}: ${formatCount(result.cases)} cases, ${formatCount(result.events)} events`);
}

/** Thrown after every row was tried, to roll the bulk transaction back (refusals, or a dry run). */
class RollBack extends Error {}

/** What a run of `import assignments` found: the rows read, the refusals, and the ids issued (none once rolled back). */
export interface AssignmentImport {
  readonly rows: number;
  readonly errors: readonly CsvRowError[];
  readonly created: readonly { readonly line: number; readonly id: string }[];
}

/**
 * Issues every row's assignment as `actor` in one bulk transaction and collects every refusal with
 * its line (errors found while reading the file included). Commits only when no row was refused and
 * it is not a dry run; otherwise rolls everything back and returns `created` empty.
 */
export async function importAssignments(
  app: Proverka,
  rows: readonly { readonly line: number; readonly command: CommandInput }[],
  fileErrors: readonly CsvRowError[],
  actor: string,
  dryRun: boolean,
): Promise<AssignmentImport> {
  const errors: CsvRowError[] = [...fileErrors];
  const created: { line: number; id: string }[] = [];
  try {
    await app.bulk(async (run) => {
      for (const { line, command } of rows) {
        const r = await run(actor, command);
        if (r.ok) created.push({ line, id: r.value.id });
        else errors.push({ line, code: r.error.code, message: r.error.message });
      }
      if (errors.length > 0 || dryRun) throw new RollBack();
    });
  } catch (e) {
    if (!(e instanceof RollBack)) throw e;
    errors.sort((a, b) => a.line - b.line);
    return { rows: rows.length + fileErrors.length, errors, created: [] };
  }
  return { rows: rows.length, errors, created };
}

/** `import assignments`: reads the spreadsheet, tries every row, reports, and keeps them only when all are clean. */
async function importAssignmentsCommand(file: string, opts: { readonly db: string; readonly as: string; readonly dryRun?: boolean; readonly delimiter: string; readonly json?: boolean }, io: Io): Promise<void> {
  requireFile(file);
  let columns: AssignmentColumns | null = null;
  const headerErrors: CsvRowError[] = [];
  const fileErrors: CsvRowError[] = [];
  const rows: { line: number; command: CommandInput }[] = [];
  let read = 0;
  await readRows(file, opts.delimiter, {
    header: (row) => {
      const c = assignmentColumns(row);
      if (c.ok) columns = c.value;
      else headerErrors.push(...c.errors);
    },
    row: (row) => {
      read++;
      if (columns === null) return;
      const spec = assignmentRow(columns, row);
      if (spec.ok) rows.push({ line: row.line, command: { type: 'assignment.issue', ...spec.value, coExecutorIds: [...spec.value.coExecutorIds] } });
      else fileErrors.push(spec.error);
    },
    malformed: (e) => {
      read++;
      fileErrors.push(e);
    },
  });
  if (headerErrors.length > 0) refuseRows(io, opts.json, [...headerErrors, ...fileErrors], headerErrors.length + fileErrors.length, `the header of ${file} was refused; nothing was imported`);
  if (read === 0) throw new CliError(`${file} has no rows below its header; nothing was imported`);
  const result = await withDatabase(opts.db, async (app) => {
    const actor = await app.store.reads.snapshot(opts.as);
    if (actor?.kind !== 'person') throw new CliError(`--as ${opts.as} is not a person in the record: assignments are issued by a person`);
    return importAssignments(app, rows, fileErrors, opts.as, opts.dryRun === true);
  });
  if (result.errors.length > 0) refuseRows(io, opts.json, result.errors, result.errors.length, `${formatCount(result.errors.length)} of ${formatCount(read)} rows refused; nothing was imported`);
  if (opts.json) io.print(JSON.stringify({ rows: result.rows, dryRun: opts.dryRun === true, created: result.created }, null, 2));
  else if (opts.dryRun) io.print(`all ${formatCount(result.rows)} rows would be imported (dry run: nothing was imported)`);
  else {
    for (const c of result.created) io.print(`line ${c.line}: ${c.id}`);
    io.print(`imported ${formatCount(result.created.length)} assignments`);
  }
}

/** Adds `csv` and `assignments` to the `import` command. */
export function addCsvImports(importing: Command, io: Io): void {
  importing
    .command('csv')
    .description('import a CSV event log as cases (rows grouped by the case column), all or nothing')
    .argument('<file>', 'the CSV file (gzip or not), with a header row')
    .addOption(dbOption())
    .requiredOption('--case <column>', 'the column holding the case id')
    .requiredOption('--activity <column>', 'the column holding the activity')
    .requiredOption('--timestamp <column>', 'the column holding the instant (ISO-8601; without an offset, UTC)')
    .option('--resource <column>', 'the column holding who did it')
    .option('--group <column>', 'the column holding their unit or team')
    .option('--lifecycle <column>', 'the column holding the lifecycle transition (start, complete …)')
    .option('--source <name>', 'what the import is called in the record (default: the file name)')
    .addOption(delimiterOption())
    .addOption(jsonOption())
    .action((file: string, opts: CsvLogOptions) => importCsvCommand(file, opts, io));
  importing
    .command('assignments')
    .description('issue assignments from a spreadsheet CSV: every row checked, nothing imported unless all are clean')
    .argument('<file>', 'the CSV file: decision,title,definition_of_done,domain,deadline,owner,verifier[,controller,co_executors,urgency,parent]')
    .addOption(dbOption())
    .requiredOption('--as <person>', 'the person who issues them (per_…)')
    .option('--dry-run', 'check every row and report, importing nothing')
    .addOption(delimiterOption())
    .addOption(jsonOption())
    .action((file: string, opts: { db: string; as: string; dryRun?: boolean; delimiter: string; json?: boolean }) => importAssignmentsCommand(file, opts, io));
}
