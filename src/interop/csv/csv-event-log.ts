/**
 * A CSV event log as imported cases (issue #7): one row per event, a column mapping saying which
 * columns hold the case id, the activity, the timestamp and optionally the resource, group and
 * lifecycle transition; every other column is kept as an attribute of the event (empty cells are
 * not). Rows are grouped by case id in memory — the rows of one case need not be adjacent — and
 * the cases come out in the order of their first row, their events in file order (ordering by time
 * is the analytics' business). Rows are checked one by one: a mapped column the header lacks, a
 * row with another number of fields than the header, an empty case id, or a timestamp that is not
 * ISO-8601 is an error naming its line; the caller imports nothing while there is one.
 */
import type { ImportedEvent } from '../../domain/trace/trace.js';
import { readCsvInstant } from './csv-instant.js';
import { fieldCountError, type CsvRow, type CsvRowError } from './csv-rows.js';

/** Which columns (by header name) hold an event's fields. */
export interface CsvLogMapping {
  readonly case: string;
  readonly activity: string;
  readonly timestamp: string;
  readonly resource?: string;
  readonly group?: string;
  readonly lifecycle?: string;
}

/** One case of the log: its id in the other system, the line of its first row, and its events in file order. */
export interface CsvCase {
  readonly name: string;
  readonly firstLine: number;
  readonly events: ImportedEvent[];
}

/** At most this many row errors are kept (the others are only counted), so a wholly wrong file does not fill memory. */
export const MAX_KEPT_ERRORS = 100;

interface Columns {
  readonly case: number;
  readonly activity: number;
  readonly timestamp: number;
  readonly resource: number | null;
  readonly group: number | null;
  readonly lifecycle: number | null;
  /** The other columns, by index, with their attribute names. */
  readonly others: readonly (readonly [number, string])[];
}

/** The header's names, an empty one named by its position (`column 3`). */
function headerNames(header: CsvRow): string[] {
  return header.fields.map((f, i) => (f.trim() === '' ? `column ${i + 1}` : f.trim()));
}

/** Collects a CSV event log's rows into cases, checking each row; see the module comment. */
export class CsvEventLog {
  private readonly byName = new Map<string, CsvCase>();
  private readonly kept: CsvRowError[] = [];
  private errorCount = 0;
  private eventCount = 0;
  private rowCount = 0;

  private constructor(
    private readonly columns: Columns | null,
    private readonly width: number,
  ) {}

  /** A log whose columns the header names; a mapped column the header lacks is an error of line 1 (COLUMN_MISSING), duplicated names too (COLUMN_DUPLICATED). */
  static fromHeader(header: CsvRow, mapping: CsvLogMapping): CsvEventLog {
    const names = headerNames(header);
    const errors: CsvRowError[] = [];
    const seen = new Set<string>();
    for (const n of names) {
      if (seen.has(n)) errors.push({ line: header.line, code: 'COLUMN_DUPLICATED', message: `the header names the column ${JSON.stringify(n)} twice` });
      seen.add(n);
    }
    const index = (what: string, name: string | undefined): number | null => {
      if (name === undefined) return null;
      const i = names.indexOf(name.trim());
      if (i === -1) errors.push({ line: header.line, code: 'COLUMN_MISSING', message: `the header has no column ${JSON.stringify(name)} (the ${what}); it has ${names.map((n) => JSON.stringify(n)).join(', ')}` });
      return i === -1 ? null : i;
    };
    const c = index('case id', mapping.case);
    const a = index('activity', mapping.activity);
    const t = index('timestamp', mapping.timestamp);
    const r = index('resource', mapping.resource);
    const g = index('group', mapping.group);
    const l = index('lifecycle', mapping.lifecycle);
    const mapped = new Set([c, a, t, r, g, l]);
    const others = names.flatMap((n, i): [number, string][] => (mapped.has(i) ? [] : [[i, n]]));
    const log = new CsvEventLog(c === null || a === null || t === null || errors.length > 0 ? null : { case: c, activity: a, timestamp: t, resource: r, group: g, lifecycle: l, others }, names.length);
    for (const e of errors) log.refuse(e);
    return log;
  }

  private refuse(e: CsvRowError): void {
    this.errorCount++;
    if (this.kept.length < MAX_KEPT_ERRORS) this.kept.push(e);
  }

  /** Adds a row below the header: its event joins its case, or the row's error is recorded. Once the header was refused, rows are only counted. */
  add(row: CsvRow): void {
    this.rowCount++;
    const cols = this.columns;
    if (cols === null) return;
    const wrongWidth = fieldCountError(row, this.width);
    if (wrongWidth !== null) return this.refuse(wrongWidth);
    const cell = (i: number): string => row.fields[i] ?? '';
    const optional = (i: number | null): string | null => (i === null || cell(i).trim() === '' ? null : cell(i).trim());
    const name = cell(cols.case).trim();
    if (name === '') return this.refuse({ line: row.line, code: 'CASE_MISSING', message: 'the case id is empty' });
    const stamp = cell(cols.timestamp);
    if (stamp.trim() === '') return this.refuse({ line: row.line, code: 'TIMESTAMP_MISSING', message: 'the timestamp is empty' });
    const at = readCsvInstant(stamp, 'start-of-day');
    if (at === undefined) return this.refuse({ line: row.line, code: 'TIMESTAMP_INVALID', message: `${JSON.stringify(stamp)} is not an ISO-8601 date-time (e.g. 2021-03-01T09:30:00+03:00, or 2021-03-01 09:30:00 for UTC)` });
    const attributes: Record<string, string> = {};
    let any = false;
    for (const [i, n] of cols.others) {
      if (cell(i) === '') continue;
      attributes[n] = cell(i);
      any = true;
    }
    const event: ImportedEvent = { activity: cell(cols.activity).trim(), at, lifecycle: optional(cols.lifecycle), resource: optional(cols.resource), group: optional(cols.group), ...(any ? { attributes } : {}) };
    let c = this.byName.get(name);
    if (c === undefined) this.byName.set(name, (c = { name, firstLine: row.line, events: [] }));
    c.events.push(event);
    this.eventCount++;
  }

  /** False when the header was refused: the rows could not be read (the errors say why). */
  get headerAccepted(): boolean {
    return this.columns !== null;
  }

  /** Records that the file stopped being CSV at a line (see readCsvRows). */
  malformed(e: CsvRowError): void {
    this.rowCount++;
    this.refuse(e);
  }

  /** The cases, in the order of their first row. */
  cases(): IterableIterator<CsvCase> {
    return this.byName.values();
  }

  /** How many cases, events and rows below the header were read. */
  counts(): { readonly cases: number; readonly events: number; readonly rows: number } {
    return { cases: this.byName.size, events: this.eventCount, rows: this.rowCount };
  }

  /** The errors kept (the first MAX_KEPT_ERRORS, in file order) and how many there were in all. */
  errors(): { readonly kept: readonly CsvRowError[]; readonly total: number } {
    return { kept: this.kept, total: this.errorCount };
  }
}
