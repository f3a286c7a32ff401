/**
 * `proverka import csv` and `import assignments` as a person runs them, on the demo record: an
 * event log round trip (its cases and events counted back by `import list`, its process map equal
 * to the directly-follows graph this test computes from the rows it wrote); a bad timestamp, a bad
 * row of assignments, or a dry run imports nothing (counted back from `cases` and `import list`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { expectOneErrorLine } from './expect-cli.js';
import { runCli } from './run-cli.js';

const dir = tempDir('proverka-import-csv-');
const db = join(dir, 'record.db');

/** Runs the CLI and returns its stdout, failing with its stderr unless it exits 0. */
async function ok(args: readonly string[]): Promise<string> {
  const run = await runCli(args);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

/** A CSV text from rows of fields, quoting every field that needs it. */
function csv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map((f) => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')).join('\n') + '\n';
}

/** Every definition of done this test writes holds this word, which no demo case does: `cases --search` finds exactly the assignments imported here. */
const MARK = 'csvimportmark';

/** The assignments this test imported, by id, as `cases` lists them. */
async function caseIds(): Promise<string[]> {
  return (JSON.parse(await ok(['cases', '--db', db, '--search', MARK, '--limit', '1000', '--json'])) as { cases: { id: string }[] }).cases.map((c) => c.id).sort();
}

// The demo's ids: a decision, and people of it.
const DECISION = 'dec_pb-1922-02-11-food-imports';
const [OWNER, VERIFIER, HELPER] = ['per_krassine', 'per_gorbunov', 'per_kimka-chair'];

describe('proverka import csv', () => {
  beforeAll(async () => {
    await ok(['demo', '--db', db]);
  }, 120_000);

  // Five cases whose rows are interleaved; instants with offsets, without (UTC), and out of order within a case.
  const activities = ['register', 'check', 'approve', 'reject', 'pay', 'archive'];
  const log: string[][] = [['case id', 'activity', 'when', 'clerk', 'amount']];
  for (let i = 0; i < 30; i++) {
    const c = `case-${(i * 7) % 5}`;
    const hour = String((i * 11) % 24).padStart(2, '0');
    const when = i % 3 === 0 ? `2021-04-${String(1 + (i % 9)).padStart(2, '0')}T${hour}:15:00+03:00` : i % 3 === 1 ? `2021-04-${String(1 + (i % 9)).padStart(2, '0')} ${hour}:15` : `2021-04-${String(1 + (i % 9)).padStart(2, '0')}T${hour}:15:00Z`;
    log.push([c, activities[(i * 5) % activities.length] ?? '', when, `clerk ${i % 4}`, i % 2 === 0 ? `${i},50` : '']);
  }

  /** The directly-follows pairs of the rows above, computed here: per case, rows ordered by instant (file order for ties). */
  function expectedGraph(): { cases: number; events: number; edges: Map<string, number> } {
    const byCase = new Map<string, { activity: string; ms: number; i: number }[]>();
    log.slice(1).forEach(([c, activity, when], i) => {
      const iso = (when ?? '').replace(' ', 'T');
      const ms = Date.parse(/[Z+]/.test(iso.slice(10)) ? iso : `${iso}:00Z`);
      expect(Number.isNaN(ms), when).toBe(false);
      const list = byCase.get(c ?? '') ?? [];
      list.push({ activity: activity ?? '', ms, i });
      byCase.set(c ?? '', list);
    });
    const edges = new Map<string, number>();
    let reordered = 0;
    for (const events of byCase.values()) {
      const fileOrder = events.map((e) => e.i).join();
      events.sort((a, b) => a.ms - b.ms || a.i - b.i);
      if (events.map((e) => e.i).join() !== fileOrder) reordered++;
      for (let k = 1; k < events.length; k++) {
        const key = `${events[k - 1]?.activity} → ${events[k]?.activity}`;
        edges.set(key, (edges.get(key) ?? 0) + 1);
      }
    }
    // The rows exercise ordering by time: some cases' rows are not in time order in the file.
    expect(reordered).toBeGreaterThan(0);
    expect(edges.size).toBeGreaterThan(5);
    return { cases: byCase.size, events: log.length - 1, edges };
  }

  it('imports an event log as cases, lists it, and maps it as the rows say', async () => {
    const file = join(dir, 'log.csv');
    writeFileSync(file, csv(log));
    const args = ['import', 'csv', file, '--db', db, '--case', 'case id', '--activity', 'activity', '--timestamp', 'when', '--resource', 'clerk', '--source', 'ledger 1921', '--json'];
    const imported = JSON.parse(await ok(args)) as { importId: string; cases: number; events: number };
    const expected = expectedGraph();
    expect(imported).toMatchObject({ cases: expected.cases, events: expected.events, source: 'ledger 1921' });
    expect(JSON.parse(await ok(['import', 'list', '--db', db, '--json']))).toEqual([{ importId: imported.importId, source: 'ledger 1921', format: 'csv', cases: 5, events: 30 }]);
    const graph = JSON.parse(await ok(['report', 'process-map', '--db', db, '--imported', '--json'])) as { cases: number; events: number; edges: { from: string; to: string; count: number }[] };
    expect({ cases: graph.cases, events: graph.events }).toEqual({ cases: 5, events: 30 });
    expect(new Map(graph.edges.map((e) => [`${e.from} → ${e.to}`, e.count]))).toEqual(expected.edges);
    expect(await ok(['verify', '--db', db])).toMatch(/intact/);
  });

  it('refuses a log with an unreadable timestamp or a missing column, naming the line, and imports nothing', async () => {
    const before = await ok(['import', 'list', '--db', db, '--json']);
    const file = join(dir, 'bad-time.csv');
    writeFileSync(file, csv([...log.slice(0, 4), ['case-9', 'pay', '04/05/2021', 'clerk 9', ''], ...log.slice(4)]));
    const base = ['import', 'csv', file, '--db', db, '--case', 'case id', '--activity', 'activity', '--timestamp', 'when'];
    const refused = await runCli(base);
    expect(refused.code).toBe(2);
    expect(refused.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^line 5: TIMESTAMP_INVALID: "04\/05\/2021" is not an ISO-8601/)]);
    expect(refused.errLines).toEqual(['proverka: 1 of 31 rows refused; nothing was imported']);
    const missing = await runCli([...base.slice(0, -1), 'time', '--json']);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toEqual([expect.objectContaining({ line: 1, code: 'COLUMN_MISSING' })]);
    expect(await ok(['import', 'list', '--db', db, '--json'])).toBe(before);
  });
});

describe('proverka import assignments', () => {
  const header = ['decision', 'title', 'definition_of_done', 'domain', 'deadline', 'owner', 'verifier', 'controller', 'co_executors', 'urgency', 'parent'];
  const clean = [
    header,
    [DECISION, 'Count the tins in port', `tins counted, list signed ${MARK}`, 'food', '2030-01-01', OWNER, VERIFIER, '', '', '', ''],
    [DECISION, 'Ship the tins, fast', `tins on the train ${MARK}`, 'food', '2030-01-02T12:00:00+03:00', OWNER, VERIFIER, '', HELPER, 'urgent', ''],
  ];

  it('dry run: says all rows would be imported, and imports nothing', async () => {
    const file = join(dir, 'clean.csv');
    writeFileSync(file, csv(clean));
    expect(await caseIds()).toEqual([]);
    expect(await ok(['import', 'assignments', file, '--db', db, '--as', VERIFIER, '--dry-run'])).toMatch(/^all 2 rows would be imported/);
    expect(await caseIds()).toEqual([]);
  });

  it('refuses a file with two bad rows, naming both lines and codes, and imports nothing (not even the good row)', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      csv([
        header,
        [DECISION, 'Unknown owner', `done ${MARK}`, 'food', '2030-01-01', 'per_nobody-at-all', VERIFIER, '', '', '', ''],
        [DECISION, 'A good row', `done ${MARK}`, 'food', '2030-01-01', OWNER, VERIFIER, '', '', '', ''],
        [DECISION, 'Checks itself', `done ${MARK}`, 'food', '2030-01-01', OWNER, OWNER, '', '', '', ''],
      ]),
    );
    const before = await caseIds();
    expect(before).toEqual([]);
    const text = await runCli(['import', 'assignments', file, '--db', db, '--as', VERIFIER]);
    expect(text.code).toBe(2);
    expect(text.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^line 2: NOT_FOUND: .*per_nobody-at-all/), expect.stringMatching(/^line 4: VERIFIER_IS_OWNER: /)]);
    expect(text.errLines).toEqual(['proverka: 2 of 3 rows refused; nothing was imported']);
    const json = await runCli(['import', 'assignments', file, '--db', db, '--as', VERIFIER, '--json']);
    expect(json.code).toBe(2);
    expect((JSON.parse(json.stdout) as { line: number; code: string }[]).map((e) => [e.line, e.code])).toEqual([
      [2, 'NOT_FOUND'],
      [4, 'VERIFIER_IS_OWNER'],
    ]);
    expect(await caseIds()).toEqual(before);
  });

  it('refuses an issuer who is not a person, and a file with only a header, in one line', async () => {
    const file = join(dir, 'clean.csv');
    writeFileSync(file, csv(clean));
    expectOneErrorLine(await runCli(['import', 'assignments', file, '--db', db, '--as', 'per_nobody-at-all']), /--as per_nobody-at-all is not a person in the record/);
    const empty = join(dir, 'header-only.csv');
    writeFileSync(empty, csv([header]));
    expectOneErrorLine(await runCli(['import', 'assignments', empty, '--db', db, '--as', VERIFIER]), /header-only\.csv has no rows below its header; nothing was imported/);
    expect(await caseIds()).toEqual([]);
  });

  it('imports a clean file: every row an assignment with what its row said', async () => {
    const file = join(dir, 'clean.csv');
    writeFileSync(file, csv(clean));
    const before = await caseIds();
    const out = JSON.parse(await ok(['import', 'assignments', file, '--db', db, '--as', VERIFIER, '--json'])) as { rows: number; dryRun: boolean; created: { line: number; id: string }[] };
    expect(out).toMatchObject({ rows: 2, dryRun: false });
    expect(out.created.map((c) => c.line)).toEqual([2, 3]);
    const after = await caseIds();
    expect(after.filter((id) => !before.includes(id)).sort()).toEqual(out.created.map((c) => c.id).sort());
    const cases = (JSON.parse(await ok(['cases', '--db', db, '--search', MARK, '--json'])) as { cases: { id: string; title: string; decisionId: string; ownerId: string; verifierId: string; issuerId: string; deadline: string; urgency: string; coExecutorIds: string[] }[] }).cases;
    const [first, second] = out.created.map((c) => cases.find((k) => k.id === c.id));
    expect(first).toMatchObject({ title: 'Count the tins in port', decisionId: DECISION, ownerId: OWNER, verifierId: VERIFIER, issuerId: VERIFIER, deadline: '2030-01-01T23:59:59.999Z', urgency: 'normal', coExecutorIds: [] });
    expect(second).toMatchObject({ title: 'Ship the tins, fast', deadline: '2030-01-02T09:00:00.000Z', urgency: 'urgent', coExecutorIds: [HELPER] });
  });
});
