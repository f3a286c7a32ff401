import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvEventLog, MAX_KEPT_ERRORS, type CsvLogMapping } from './csv-event-log.js';
import { readCsvInstant } from './csv-instant.js';
import { openCsvFile, readCsvRows, type CsvRow } from './csv-rows.js';

async function rowsOf(text: string, delimiter = ','): Promise<{ rows: CsvRow[]; malformed: unknown }> {
  const rows: CsvRow[] = [];
  const malformed = await readCsvRows(Readable.from([text]), { delimiter }, (r) => rows.push(r));
  return { rows, malformed };
}

async function logOf(text: string, mapping: CsvLogMapping = { case: 'case', activity: 'activity', timestamp: 'time' }): Promise<CsvEventLog> {
  const { rows } = await rowsOf(text);
  const [header, ...rest] = rows;
  if (header === undefined) throw new Error('no header');
  const log = CsvEventLog.fromHeader(header, mapping);
  for (const r of rest) log.add(r);
  return log;
}

describe('readCsvInstant', () => {
  it('reads ISO-8601 with an offset, without one as UTC, and a date alone as the start or end of the day', () => {
    expect(readCsvInstant('2021-03-01T09:30:00+03:00', 'start-of-day')).toBe('2021-03-01T06:30:00.000Z');
    expect(readCsvInstant('2021-03-01T09:30:00+0300', 'start-of-day')).toBe('2021-03-01T06:30:00.000Z');
    expect(readCsvInstant('2021-03-01T09:30-05', 'start-of-day')).toBe('2021-03-01T14:30:00.000Z');
    expect(readCsvInstant('2021-03-01 09:30', 'start-of-day')).toBe('2021-03-01T09:30:00.000Z');
    expect(readCsvInstant(' 2021-03-01T09:30:00.1234567Z ', 'start-of-day')).toBe('2021-03-01T09:30:00.123Z');
    expect(readCsvInstant('2021-03-01', 'start-of-day')).toBe('2021-03-01T00:00:00.000Z');
    expect(readCsvInstant('2021-03-01', 'end-of-day')).toBe('2021-03-01T23:59:59.999Z');
  });

  it('refuses other orders, impossible dates and free text', () => {
    for (const t of ['01/03/2021', '2021-02-30T10:00:00Z', '2021-3-1', 'yesterday', '', '2021-03-01T25:00:00Z', '1614589200000']) expect(readCsvInstant(t, 'start-of-day'), t).toBeUndefined();
  });
});

describe('readCsvRows', () => {
  it('gives each record the line it starts on, across quoted line breaks and empty lines, with the chosen delimiter', async () => {
    const { rows, malformed } = await rowsOf('\uFEFFa;b\n1;"x\ny"\n\n3;4\n', ';');
    expect(malformed).toBeNull();
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x\ny'] },
      { line: 5, fields: ['3', '4'] },
    ]);
  });

  it('hands over the rows before a malformed one and names its line', async () => {
    const { rows, malformed } = await rowsOf('a,b\n1,2\n3,"x"y\n5,6\n');
    expect(rows.map((r) => r.line)).toEqual([1, 2]);
    expect(malformed).toMatchObject({ line: 3 });
  });

  it('reads a gzip file as its text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proverka-csv-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'log.csv.gz');
    writeFileSync(file, gzipSync('a,b\n1,2\n'));
    const rows: CsvRow[] = [];
    expect(await readCsvRows(await openCsvFile(file), {}, (r) => rows.push(r))).toBeNull();
    expect(rows.map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2']]);
  });
});

describe('CsvEventLog', () => {
  it('groups rows by case (not adjacent), in order of first row, keeping the file order of events and the other columns as attributes', async () => {
    const log = await logOf(
      'case,activity,time,who,team,phase,cost,note\n' +
        'c2,register,2021-01-01T10:00:00Z,ann,desk,start,5,\n' +
        'c1,register,2021-01-01T09:00:00Z,bob,desk,complete,,\n' +
        'c2,decide,2021-01-01T08:00:00+01:00,,,,7,"a, b"\n',
      { case: 'case', activity: 'activity', timestamp: 'time', resource: 'who', group: 'team', lifecycle: 'phase' },
    );
    expect(log.errors()).toEqual({ kept: [], total: 0 });
    expect(log.counts()).toEqual({ cases: 2, events: 3, rows: 3 });
    expect([...log.cases()]).toEqual([
      {
        name: 'c2',
        firstLine: 2,
        events: [
          { activity: 'register', at: '2021-01-01T10:00:00.000Z', lifecycle: 'start', resource: 'ann', group: 'desk', attributes: { cost: '5' } },
          { activity: 'decide', at: '2021-01-01T07:00:00.000Z', lifecycle: null, resource: null, group: null, attributes: { cost: '7', note: 'a, b' } },
        ],
      },
      { name: 'c1', firstLine: 3, events: [{ activity: 'register', at: '2021-01-01T09:00:00.000Z', lifecycle: 'complete', resource: 'bob', group: 'desk' }] },
    ]);
  });

  it('names the line and the reason of every row in error', async () => {
    const log = await logOf('case,activity,time\nc1,a,2021-01-01T00:00:00Z\nc1,b,01/02/2021\n,c,2021-01-01\nc1,d\nc1,e,\n');
    expect(log.errors().kept.map((e) => [e.line, e.code])).toEqual([
      [3, 'TIMESTAMP_INVALID'],
      [4, 'CASE_MISSING'],
      [5, 'FIELD_COUNT'],
      [6, 'TIMESTAMP_MISSING'],
    ]);
    expect(log.errors().total).toBe(4);
  });

  it('refuses a header without a mapped column (line 1) and reads no row after it', async () => {
    const log = await logOf('case,activity,when\nc1,a,2021-01-01\n');
    expect(log.headerAccepted).toBe(false);
    expect(log.errors().kept).toEqual([expect.objectContaining({ line: 1, code: 'COLUMN_MISSING' })]);
    expect(log.counts()).toEqual({ cases: 0, events: 0, rows: 1 });
  });

  it('keeps the first errors and counts the others', async () => {
    const n = MAX_KEPT_ERRORS + 5;
    const log = await logOf(`case,activity,time\n${'c,a,never\n'.repeat(n)}`);
    expect(log.errors().kept).toHaveLength(MAX_KEPT_ERRORS);
    expect(log.errors().total).toBe(n);
  });
});
