/**
 * `proverka export csv`: the small demo, with the running example imported and assignments whose
 * titles hold a comma, quotes, a line break, as a CSV event log, plain and gzip. Read back with
 * csv-parse, its rows are the database's events (own cases per assignment in order, then the
 * imported ones); `proverka import csv` with the header's column mapping imports it into a new
 * record as the same numbers of cases and events, the awkward titles intact. An existing target or
 * a missing folder is refused in one line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { importedCase, type ImportedEvent, type RecordedCase } from '../../src/domain/trace/trace.js';
import { findDataDir } from '../interop/data-dir.js';
import { tempDir } from '../support/temp.js';
import { expectOneErrorLine } from './expect-cli.js';
import { runCli } from './run-cli.js';

const dir = tempDir('proverka-export-csv-');
const db = join(dir, 'demo.db');
const found = findDataDir();

/** Titles that each need quoting for one reason: a comma, quotes, a line break. */
const AWKWARD = ['Count the tins, all of them', 'Weigh the "good" tins', 'Load the tins\nand the crates'];
const MAPPING = ['--case', 'case', '--activity', 'activity', '--timestamp', 'timestamp', '--lifecycle', 'lifecycle', '--resource', 'resource', '--group', 'group'];

/** Runs the CLI and returns its stdout, failing with its stderr unless it exits 0. */
async function ok(args: readonly string[]): Promise<string> {
  const run = await runCli(args);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

interface Row {
  readonly stream_id: string;
  readonly type: string;
  readonly at: string;
  readonly actor: string;
  readonly title: string;
}

let rows: Row[] = [];
let imported: { id: string; events: readonly ImportedEvent[] }[] = [];
let awkwardIds: string[] = [];

beforeAll(async () => {
  if ('problem' in found) throw new Error(found.problem);
  await ok(['demo', '--db', db, '--size', 'small']);
  await ok(['import', 'xes', join(found.dir, 'running-example.xes'), '--db', db]);
  const sheet = join(dir, 'awkward.csv');
  const lines = AWKWARD.map((t) => `dec_pb-1922-02-11-food-imports,"${t.replace(/"/g, '""')}",tins counted,food,2030-01-01,per_krassine,per_gorbunov\n`);
  writeFileSync(sheet, `decision,title,definition_of_done,domain,deadline,owner,verifier\n${lines.join('')}`);
  awkwardIds = [...(await ok(['import', 'assignments', sheet, '--db', db, '--as', 'per_gorbunov'])).matchAll(/^line \d+: (asg_\S+)$/gm)].map((m) => m[1] ?? '');
  const sqlite = new Database(db, { readonly: true });
  rows = sqlite.prepare("SELECT e.stream_id, e.type, e.at, e.actor, a.title FROM events e JOIN assignments a ON a.id = e.stream_id ORDER BY e.stream_id, e.seq").all() as Row[];
  const traces = sqlite.prepare("SELECT stream_id, payload FROM events WHERE stream_id LIKE 'trc\\_%' ESCAPE '\\' ORDER BY position").all() as { stream_id: string; payload: string }[];
  imported = traces.map((t) => ({ id: t.stream_id, events: importedCase(JSON.parse(t.payload) as RecordedCase).events }));
  sqlite.close();
}, 300_000);

describe('proverka export csv', () => {
  it.each(['log.csv', 'log.csv.gz'])('writes %s, which import csv reads back to the same cases and events', async (name) => {
    expect(awkwardIds.map((id) => rows.filter((r) => r.stream_id === id).map((r) => r.title))).toEqual(AWKWARD.map((t) => [t]));
    const file = join(dir, name);
    const cases = new Set(rows.map((r) => r.stream_id)).size + imported.length;
    const events = rows.length + imported.reduce((n, t) => n + t.events.length, 0);
    expect(await ok(['export', 'csv', '--db', db, '--to', file])).toBe(`wrote ${file}: ${cases.toLocaleString('en')} cases, ${events.toLocaleString('en')} events (CSV, one row per event)\n`);

    const bytes = readFileSync(file);
    expect(bytes[0] === 0x1f && bytes[1] === 0x8b).toBe(name.endsWith('.gz'));
    // Read as the strictest readers do: a line break outside quotes, CRLF or LF alone, ends a record.
    const records = parse<Record<string, string>>((name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'), { columns: true, record_delimiter: ['\r\n', '\n'] });
    expect(Object.keys(records[0] ?? {})).toEqual(['case', 'activity', 'timestamp', 'lifecycle', 'resource', 'group', 'case_name', 'domain', 'decision', 'import']);
    expect(records.slice(0, rows.length).map((r) => ({ stream_id: r['case'], type: `assignment.${r['activity']}`, at: r['timestamp'], actor: r['resource'], title: r['case_name'] }))).toEqual(rows);
    expect(records.slice(rows.length).map((r) => [r['case'], r['activity'], r['timestamp']])).toEqual(imported.flatMap((t) => t.events.map((e) => [t.id, e.activity, e.at])));

    const again = join(dir, `again-${name}.db`);
    await ok(['init', '--db', again]);
    expect(JSON.parse(await ok(['import', 'csv', file, '--db', again, ...MAPPING, '--json']))).toMatchObject({ cases, events });
    const sqlite = new Database(again, { readonly: true });
    const back = (sqlite.prepare("SELECT payload FROM events WHERE stream_id LIKE 'trc\\_%' ESCAPE '\\'").all() as { payload: string }[]).map((p) => importedCase(JSON.parse(p.payload) as RecordedCase));
    sqlite.close();
    expect(awkwardIds.map((id) => back.find((t) => t.name === id)?.events.map((e) => e.attributes?.['case_name']))).toEqual(AWKWARD.map((t) => [t]));
  });

  it('refuses a file that exists, leaving it untouched, and a missing folder', async () => {
    const file = join(dir, 'taken.csv');
    writeFileSync(file, 'mine');
    expectOneErrorLine(await runCli(['export', 'csv', '--db', db, '--to', file]), /taken\.csv already exists; choose another file \(it was left untouched\)/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expectOneErrorLine(await runCli(['export', 'csv', '--db', db, '--to', join(dir, 'nowhere', 'log.csv')]), /no folder .*nowhere to write/);
  });
});
