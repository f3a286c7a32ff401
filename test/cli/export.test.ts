/**
 * `proverka export xes`: the small demo's cases as an XES log, plain and gzip. Read back, the log
 * has as many cases as the record has assignments and as many events as their streams hold
 * (counted in the database itself); its process map read by Proverka equals the one the independent
 * plain script computes from the same file; each event's activity, time and resource are the
 * record's. An existing target is refused and left untouched.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { readXes, type XesTrace } from '../../src/interop/xes/read-xes.js';
import { readXesGraph } from '../../src/interop/xes/xes-graph.js';
import { differences } from '../interop/compare-graphs.js';
import { plainDirectlyFollows } from '../interop/plain-dfg.js';
import { tempDir } from '../support/temp.js';
import { expectOneErrorLine } from './expect-cli.js';
import { runCli } from './run-cli.js';

const dir = tempDir('proverka-export-');
const db = join(dir, 'demo.db');

interface Row {
  readonly stream_id: string;
  readonly type: string;
  readonly at: string;
  readonly actor: string;
}

let rows: Row[] = [];

beforeAll(async () => {
  const built = await runCli(['demo', '--db', db, '--size', 'small']);
  expect(built.code, built.stderr).toBe(0);
  const sqlite = new Database(db, { readonly: true });
  rows = sqlite.prepare("SELECT stream_id, type, at, actor FROM events WHERE stream_id LIKE 'asg\\_%' ESCAPE '\\' ORDER BY stream_id, seq").all() as Row[];
  sqlite.close();
}, 300_000);

describe('proverka export xes', () => {
  it.each(['log.xes', 'log.xes.gz'])('writes %s: the record’s cases and events, read back the same', async (name) => {
    const file = join(dir, name);
    const run = await runCli(['export', 'xes', '--db', db, '--to', file]);
    expect(run.code, run.stderr).toBe(0);
    const streams = [...new Set(rows.map((r) => r.stream_id))];
    expect(run.stdout).toContain(`${streams.length.toLocaleString('en')} cases, ${rows.length.toLocaleString('en')} events`);

    const traces: XesTrace[] = [];
    const totals = await readXes(file, (t) => {
      traces.push(t);
    });
    expect(totals).toEqual({ traces: streams.length, events: rows.length });
    const exported = traces.flatMap((t) => t.events.map((e) => ({ stream_id: t.name, type: `assignment.${e.activity}`, at: new Date(e.timestamp ?? Number.NaN).toISOString(), actor: e.resource })));
    const sorted = [...exported].sort((a, b) => ((a.stream_id ?? '') < (b.stream_id ?? '') ? -1 : (a.stream_id ?? '') > (b.stream_id ?? '') ? 1 : 0));
    expect(sorted).toEqual(rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })));

    const mine = await readXesGraph(file);
    expect(differences(plainDirectlyFollows(file, 'name'), mine)).toEqual([]);
    expect(mine.cases).toBe(streams.length);
  });

  it('refuses a file that exists, leaving it untouched', async () => {
    const file = join(dir, 'taken.xes');
    writeFileSync(file, 'mine');
    expectOneErrorLine(await runCli(['export', 'xes', '--db', db, '--to', file]), /already exists/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });
});
