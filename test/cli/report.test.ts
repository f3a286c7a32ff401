/**
 * `proverka report process-map`: a log's process map as text and JSON, and one-line refusals of a
 * missing file or a file that is not XES; the record's process map (`--db`, on the small demo) with
 * its filters, every figure checked against a graph the test computes from the database's events
 * read with better-sqlite3; exactly one of --xes and --db, the filters only with --db.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { expectOneErrorLine } from './expect-cli.js';
import { runCli } from './run-cli.js';

const dir = tempDir('proverka-report-');

/** Three cases: A→B→C, A→B, A→C; times in minutes from the first event. */
function log(): string {
  const at = (min: number) => new Date(Date.UTC(2026, 0, 5, 9, min)).toISOString();
  const event = (name: string, min: number) => `<event><string key="concept:name" value="${name}"/><date key="time:timestamp" value="${at(min)}"/></event>`;
  const trace = (id: string, events: string[]) => `<trace><string key="concept:name" value="${id}"/>${events.join('')}</trace>`;
  return `<?xml version="1.0"?><log xes.version="1.0">${trace('c1', [event('A', 0), event('B', 10), event('C', 40)])}${trace('c2', [event('A', 0), event('B', 30)])}${trace('c3', [event('A', 0), event('C', 5)])}</log>`;
}

describe('proverka report process-map', () => {
  it('prints the cases, events and pairs with their mean and median times; --json gives the graph', async () => {
    const file = join(dir, 'small.xes');
    writeFileSync(file, log());
    const text = await runCli(['report', 'process-map', '--xes', file]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('3 cases, 7 events, 3 activities, 3 directly-follows pairs');
    expect(text.stdout).toMatch(/A → B\s+2\s+20 min\s+20 min/);
    expect(text.stdout).toMatch(/B → C\s+1\s+30 min\s+30 min/);
    const json = await runCli(['report', 'process-map', '--xes', file, '--json']);
    const graph = JSON.parse(json.stdout) as { cases: number; edges: Array<{ from: string; to: string; count: number; meanMs: number }> };
    expect(graph.cases).toBe(3);
    expect(graph.edges.map((e) => [e.from, e.to, e.count, e.meanMs])).toEqual([
      ['A', 'B', 2, 20 * 60_000],
      ['A', 'C', 1, 5 * 60_000],
      ['B', 'C', 1, 30 * 60_000],
    ]);
  });

  it('refuses a missing file and a file that is not XES in one line, exit 2', async () => {
    expectOneErrorLine(await runCli(['report', 'process-map', '--xes', join(dir, 'nowhere.xes')]), /no file at .*nowhere\.xes/);
    const html = join(dir, 'page.xml');
    writeFileSync(html, '<html/>');
    expectOneErrorLine(await runCli(['report', 'process-map', '--xes', html]), /cannot read .*page\.xml as XES: .*not an XES log/);
  });
});

interface Graph {
  cases: number;
  events: number;
  activities: Array<{ name: string; count: number }>;
  starts: Array<{ name: string; count: number }>;
  edges: Array<{ from: string; to: string; count: number; meanMs: number | null; medianMs: number | null }>;
  domains: string[];
}

interface RawCase {
  readonly ownerUnit: string;
  readonly domain: string;
  readonly issuedAt: number;
  readonly events: ReadonlyArray<{ readonly activity: string; readonly at: number }>;
}

/** Every case of the database, read plainly: its issue facts and its events in seq order. */
function rawCases(file: string): { cases: RawCase[]; parentOf: Map<string, string | null> } {
  const sqlite = new Database(file, { readonly: true });
  try {
    const rows = sqlite.prepare("select stream_id, type, at, payload from events where stream_id like 'asg%' order by stream_id, seq").all() as Array<{ stream_id: string; type: string; at: string; payload: string }>;
    const by = new Map<string, typeof rows>();
    for (const r of rows) if (r.stream_id.startsWith('asg_')) by.set(r.stream_id, [...(by.get(r.stream_id) ?? []), r]);
    const cases = [...by.values()].map((list): RawCase => {
      const issued = JSON.parse(list[0]?.payload ?? '{}') as { ownerId: string; domain: string; units: Record<string, string> };
      return { ownerUnit: issued.units[issued.ownerId] ?? '', domain: issued.domain, issuedAt: Date.parse(list[0]?.at ?? ''), events: list.map((r) => ({ activity: r.type.replace('assignment.', ''), at: Date.parse(r.at) })) };
    });
    const units = sqlite.prepare('select id, parent_id from units').all() as Array<{ id: string; parent_id: string | null }>;
    return { cases, parentOf: new Map(units.map((u) => [u.id, u.parent_id])) };
  } finally {
    sqlite.close();
  }
}

/** Pair counts and total times, counted plainly (events by instant, seq order on ties). */
function plainPairs(cases: readonly RawCase[]): { events: number; pairs: Map<string, { count: number; total: number }> } {
  const pairs = new Map<string, { count: number; total: number }>();
  let events = 0;
  for (const c of cases) {
    const evs = c.events.map((e, i) => ({ ...e, i })).sort((a, b) => a.at - b.at || a.i - b.i);
    events += evs.length;
    for (let i = 1; i < evs.length; i++) {
      const a = evs[i - 1] as (typeof evs)[number];
      const b = evs[i] as (typeof evs)[number];
      const t = pairs.get(`${a.activity} → ${b.activity}`) ?? { count: 0, total: 0 };
      t.count++;
      t.total += b.at - a.at;
      pairs.set(`${a.activity} → ${b.activity}`, t);
    }
  }
  return { events, pairs };
}

function expectGraphOf(g: Graph, cases: readonly RawCase[]): void {
  const plain = plainPairs(cases);
  expect(g.cases).toBe(cases.length);
  expect(g.events).toBe(plain.events);
  expect(g.edges.length).toBe(plain.pairs.size);
  for (const e of g.edges) {
    const p = plain.pairs.get(`${e.from} → ${e.to}`);
    expect(e.count, `${e.from} → ${e.to}`).toBe(p?.count);
    expect(e.meanMs).toBeCloseTo((p?.total ?? NaN) / (p?.count ?? NaN), 3);
  }
}

describe('proverka report process-map --db: the record', () => {
  const db = join(dir, 'demo.db');
  beforeAll(async () => {
    const built = await runCli(['demo', '--db', db, '--size', 'small']);
    expect(built.code, built.stderr).toBe(0);
  }, 300_000);

  it('maps every case of the record; --domain, --unit (the owner at issue, with the units below) and --from/--to narrow it', async () => {
    const { cases, parentOf } = rawCases(db);
    expect(cases.length).toBeGreaterThan(50);
    const all = JSON.parse((await runCli(['report', 'process-map', '--db', db, '--json'])).stdout) as Graph;
    expectGraphOf(all, cases);
    expect(all.starts).toEqual([{ name: 'issued', count: cases.length }]);
    expect(all.domains).toEqual([...new Set(cases.map((c) => c.domain))].sort());

    const domain = all.domains[0] as string;
    const byDomain = await runCli(['report', 'process-map', '--db', db, '--domain', domain, '--json']);
    expect(byDomain.code, byDomain.stderr).toBe(0);
    expectGraphOf(JSON.parse(byDomain.stdout) as Graph, cases.filter((c) => c.domain === domain));

    // A unit with units below it that own cases at issue.
    const under = (unit: string, top: string): boolean => {
      for (let at: string | null | undefined = unit; at !== null && at !== undefined; at = parentOf.get(at)) if (at === top) return true;
      return false;
    };
    const parents = [...new Set([...parentOf.values()].filter((p): p is string => p !== null))];
    const unit = parents.find((u) => parentOf.get(u) !== null && cases.some((c) => c.ownerUnit !== u && under(c.ownerUnit, u))) as string;
    expect(unit).toBeDefined();
    const inUnit = cases.filter((c) => under(c.ownerUnit, unit));
    const byUnit = JSON.parse((await runCli(['report', 'process-map', '--db', db, '--unit', unit, '--json'])).stdout) as Graph;
    expect(byUnit.cases).toBeGreaterThan(0);
    expectGraphOf(byUnit, inUnit);

    const issued = cases.map((c) => c.issuedAt).sort((a, b) => a - b);
    const mid = issued[Math.floor(issued.length / 2)] as number;
    const from = new Date(mid).toISOString();
    const to = new Date(mid + 30 * 86_400_000).toISOString();
    const byPeriod = JSON.parse((await runCli(['report', 'process-map', '--db', db, '--from', from, '--to', to, '--json'])).stdout) as Graph;
    expectGraphOf(byPeriod, cases.filter((c) => c.issuedAt >= mid && c.issuedAt < mid + 30 * 86_400_000));

    const text = await runCli(['report', 'process-map', '--db', db, '--domain', domain, '--top', '3']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`Process map of the record at ${db} --domain ${domain}`);
    const top = (JSON.parse(byDomain.stdout) as Graph).edges[0];
    expect(text.stdout).toMatch(new RegExp(`${top?.from} → ${top?.to}\\s+${top?.count}\\s`));
    expect(text.stdout).toContain('The 3 most frequent pairs');
  });

  it('takes exactly one of --xes and --db, the filters only with --db; an unknown unit and a period ending before it starts are refused, one line, exit 2', async () => {
    const file = join(dir, 'small.xes');
    writeFileSync(file, log());
    expectOneErrorLine(await runCli(['report', 'process-map']), /exactly one of --xes FILE .* and --db DB/);
    expectOneErrorLine(await runCli(['report', 'process-map', '--xes', file, '--db', db]), /exactly one of --xes FILE .* and --db DB/);
    expectOneErrorLine(await runCli(['report', 'process-map', '--xes', file, '--domain', 'x']), /--unit, --domain, --from and --to filter the record: they go with --db/);
    expectOneErrorLine(await runCli(['report', 'process-map', '--db', db, '--unit', 'unit_nowhere']), /no unit unit_nowhere/);
    expectOneErrorLine(await runCli(['report', 'process-map', '--db', db, '--from', '2026-02-01', '--to', '2026-01-01']), /--to must be after --from/);
    expectOneErrorLine(await runCli(['report', 'process-map', '--db', db, '--from', 'soon']), /--from/);
    expectOneErrorLine(await runCli(['report', 'process-map', '--db', join(dir, 'nowhere.db')]), /nowhere\.db/);
  });
});
