/**
 * Reading a CSV file row by row, streaming (csv-parse), gzip or not (told by its first bytes): each
 * record is handed over with the line it starts on (1 for the header), counted in the file as a
 * person sees it — a quoted field spanning lines moves the next row's line on. Empty lines are
 * skipped; rows keep their own number of fields (checking it is the caller's business). A file
 * that is not well-formed CSV (an unclosed or stray quote) ends the reading with the line at fault.
 */
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { openMaybeGzip } from '../open-maybe-gzip.js';

/** One record of the file: where it starts and its fields as text. */
export interface CsvRow {
  /** The line the record starts on, 1-based. */
  readonly line: number;
  readonly fields: readonly string[];
}

/** Why the file could not be read further as CSV: the line at fault and the parser's words. */
export interface CsvMalformed {
  readonly line: number;
  readonly message: string;
}

/** A readable stream of the file's bytes, gunzipped when the file is gzip. */
export function openCsvFile(path: string): Promise<Readable> {
  return openMaybeGzip(path);
}

function newlines(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) for (let i = f.indexOf('\n'); i !== -1; i = f.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Reads every row of the input (a byte or text stream) and hands each to `onRow` in file order.
 * Resolves to null when the whole input was read, or to where and why the CSV is malformed (the
 * rows before it were handed over). A failure to read the input itself (an I/O or gzip error) rejects.
 */
export function readCsvRows(input: Readable, options: { readonly delimiter?: string }, onRow: (row: CsvRow) => void): Promise<CsvMalformed | null> {
  return new Promise((resolve, reject) => {
    const parser = parse({ delimiter: options.delimiter ?? ',', bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
    let settled = false;
    const finish = (outcome: CsvMalformed | null | Error): void => {
      if (settled) return;
      settled = true;
      input.unpipe(parser);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    parser.on('data', (r: { record: string[]; info: { lines: number } }) => {
      if (!settled) onRow({ line: r.info.lines - newlines(r.record), fields: r.record });
    });
    parser.on('error', (e: Error & { code?: unknown; lines?: unknown }) => {
      if (typeof e.code === 'string' && e.code.startsWith('CSV_')) finish({ line: typeof e.lines === 'number' ? e.lines : 0, message: e.message });
      else finish(e);
    });
    parser.on('end', () => finish(null));
    input.on('error', (e) => finish(e));
    input.pipe(parser);
  });
}

/** A row the import refuses: its line, a stable code and a sentence. */
export interface CsvRowError {
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

/** The malformed file as the error of the row at fault (code CSV_MALFORMED). */
export function malformedRow(m: CsvMalformed): CsvRowError {
  return { line: m.line, code: 'CSV_MALFORMED', message: `the file is not well-formed CSV here: ${m.message}` };
}

/** The row error for a record whose number of fields differs from the header's (code FIELD_COUNT). */
export function fieldCountError(row: CsvRow, expected: number): CsvRowError | null {
  return row.fields.length === expected ? null : { line: row.line, code: 'FIELD_COUNT', message: `the row has ${row.fields.length} fields, the header ${expected}` };
}
