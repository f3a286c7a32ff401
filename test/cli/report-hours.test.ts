/**
 * `proverka report hours` on the small demo. Its JSON is checked against what the test recounts
 * from the database itself (hours-recount.ts): the total against each case's life from issue to
 * verification (or the moment asked) clipped to the period with a plain loop; each holder's hours,
 * overdue part, roles and cases against the ledgers computed from the raw events and clipped here;
 * the founding cases' people against the ledgers `proverka case ID --json` prints. `--unit` keeps a
 * subtree read from the units table; `--domain` one domain. The text shows names and hours with one
 * decimal; bad input is one line, exit 2.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HourLedger } from '../../src/domain/ledger/hour-ledger.js';
import { tempDir } from '../support/temp.js';
import { expectOneErrorLine } from './expect-cli.js';
import { ledgerOf, overlap, plainHeld, plainLife, readDemo, subtree, type DemoRecord, type Held } from './hours-recount.js';
import { runCli } from './run-cli.js';

const dir = tempDir('proverka-hours-');
const db = join(dir, 'demo.db');
const DAY = 86_400_000;

interface Report {
  by: string;
  from: string | null;
  to: string;
  at: string;
  unitId: string | null;
  domain: string | null;
  totalMs: number;
  overdueMs: number;
  byRole: Record<string, number>;
  cases: number;
  holders: ({ key: string } & Held)[];
  names: Record<string, string>;
}

interface CaseJson {
  ledger: { intervals: HourLedger['intervals']; byPerson: { id: string; ms: number; overdueMs: number }[] };
}

let demo: DemoRecord;
let asOf = 0;
let founding: string[] = [];
let cannedMeat = '';
/** A month in the middle of the city's activity. */
let mid = { from: 0, to: 0 };

async function report(...args: string[]): Promise<Report> {
  const run = await runCli(['report', 'hours', '--db', db, '--json', ...args]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

async function caseJson(id: string): Promise<CaseJson> {
  const run = await runCli(['case', id, '--db', db, '--at', new Date(asOf).toISOString(), '--json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as CaseJson;
}

function ledgersAt(at: number): HourLedger[] {
  return [...demo.byCase.values()].flatMap((rows) => ledgerOf(rows, at) ?? []);
}

/** A text matched literally inside a regular expression. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function rowsOf(r: Report): Map<string, Held> {
  return new Map(r.holders.map(({ key, ...h }) => [key, h]));
}

const iso = (ms: number): string => new Date(ms).toISOString();

beforeAll(async () => {
  const built = await runCli(['demo', '--db', db, '--size', 'small']);
  expect(built.code, built.stderr).toBe(0);
  // The demo ends with the founding cases, one `  ID  TITLE` line each.
  const listed = built.stdout.split('\n').flatMap((l) => {
    const m = /^\s+(asg_\S+)\s+(.+)$/.exec(l);
    return m === null ? [] : [{ id: m[1] ?? '', title: m[2] ?? '' }];
  });
  founding = listed.map((c) => c.id);
  cannedMeat = listed.find((c) => /canned-meat/i.test(c.title))?.id ?? '';
  demo = readDemo(db);
  asOf = Date.parse(demo.lastAt) + DAY;
  const issues = [...demo.byCase.values()].map((rows) => Date.parse(rows[0]?.at ?? '')).sort((a, b) => a - b);
  const median = issues[issues.length >> 1] ?? 0;
  mid = { from: median, to: median + 30 * DAY };
}, 300_000);

describe.concurrent('proverka report hours', () => {
  it('over all time: the holders sum to the total, which is every case life counted plainly; each person is what the ledgers give', async () => {
    const r = await report('--at', iso(asOf));
    expect(r).toMatchObject({ by: 'person', from: null, to: iso(asOf), at: iso(asOf), unitId: null, domain: null });
    const lives = [...demo.byCase.values()].map((rows) => plainLife(rows, asOf));
    expect(r.totalMs).toBe(lives.reduce((s, l) => s + (l === null ? 0 : l.to - l.from), 0));
    expect(r.cases).toBe(lives.filter((l) => l !== null && l.to > l.from).length);
    expect(r.holders.reduce((s, h) => s + h.ms, 0)).toBe(r.totalMs);
    expect(r.holders.reduce((s, h) => s + h.overdueMs, 0)).toBe(r.overdueMs);
    expect(r.overdueMs).toBeGreaterThan(0);
    expect(rowsOf(r)).toEqual(plainHeld(ledgersAt(asOf), (i) => i.personId, -Infinity, Infinity));
    for (const h of r.holders) expect(Object.values(h.byRole).reduce((s, v) => s + v, 0)).toBe(h.ms);
    // Most first.
    expect(r.holders.map((h) => h.ms)).toEqual([...r.holders.map((h) => h.ms)].sort((a, b) => b - a));
  });

  it('clips every interval to [from, to): the total is the cases\' lives clipped, each unit what the clipped ledgers give', async () => {
    const { from, to } = mid;
    const lives = [...demo.byCase.values()].flatMap((rows) => plainLife(rows, asOf) ?? []);
    // The period really cuts cases at both edges.
    expect(lives.some((l) => l.from < from && l.to > from)).toBe(true);
    expect(lives.some((l) => l.from < to && l.to > to)).toBe(true);
    const r = await report('--at', iso(asOf), '--from', iso(from), '--to', iso(to), '--by', 'unit');
    expect(r).toMatchObject({ by: 'unit', from: iso(from), to: iso(to) });
    expect(r.totalMs).toBe(lives.reduce((s, l) => s + overlap(l.from, l.to, from, to), 0));
    expect(r.holders.reduce((s, h) => s + h.ms, 0)).toBe(r.totalMs);
    expect(rowsOf(r)).toEqual(plainHeld(ledgersAt(asOf), (i) => i.unitId, from, to));
    const people = await report('--at', iso(asOf), '--from', iso(from), '--to', iso(to));
    expect(people.totalMs).toBe(r.totalMs);
    expect(people.overdueMs).toBe(r.overdueMs);
  });

  it('--at in the past computes the ledgers as the record stood then, and ends the period there', async () => {
    const at = mid.from + 12 * 3_600_000;
    const r = await report('--at', iso(at));
    expect(r.to).toBe(iso(at));
    expect(r.totalMs).toBe([...demo.byCase.values()].reduce((s, rows) => s + ((l) => (l === null ? 0 : l.to - l.from))(plainLife(rows, at)), 0));
    expect(rowsOf(r)).toEqual(plainHeld(ledgersAt(at), (i) => i.personId, -Infinity, Infinity));
  });

  it('--unit keeps the holders of that unit and the units below it', async () => {
    // A unit with a unit above it and at least two below it.
    const below = (id: string): number => [...demo.parents.values()].filter((p) => p === id).length;
    const parent = [...demo.parents.keys()].find((id) => demo.parents.get(id) !== null && below(id) >= 2);
    if (parent === undefined) throw new Error('the demo has a unit with two units below it');
    const units = subtree(demo.parents, parent);
    const r = await report('--at', iso(asOf), '--by', 'unit', '--unit', parent);
    expect(r.unitId).toBe(parent);
    expect(r.holders.length).toBeGreaterThan(1);
    for (const h of r.holders) expect(units.has(h.key)).toBe(true);
    expect(rowsOf(r)).toEqual(plainHeld(ledgersAt(asOf), (i) => i.unitId, -Infinity, Infinity, (u) => units.has(u)));
    const people = await report('--at', iso(asOf), '--unit', parent);
    expect(people.totalMs).toBe(r.totalMs);
    expect(rowsOf(people)).toEqual(plainHeld(ledgersAt(asOf), (i) => i.personId, -Infinity, Infinity, (u) => units.has(u)));
  });

  it('--domain keeps the cases of that domain: the canned-meat case alone, its people as `proverka case --json` gives them', async () => {
    expect(cannedMeat).toMatch(/^asg_/);
    const r = await report('--at', iso(asOf), '--domain', 'foreign-trade');
    const view = await caseJson(cannedMeat);
    expect(r.cases).toBe(1);
    expect(r.holders.map((h) => ({ id: h.key, ms: h.ms, overdueMs: h.overdueMs }))).toEqual(view.ledger.byPerson);
  });

  it("per person, the founding cases' people over February 1922 are the sums of the intervals `proverka case --json` prints", async () => {
    expect(founding).toHaveLength(3);
    const from = Date.parse('1922-02-01T00:00:00Z');
    const to = Date.parse('1922-03-01T00:00:00Z');
    const views = await Promise.all(founding.map(caseJson));
    const want = new Map<string, { ms: number; overdueMs: number }>();
    for (const v of views) {
      for (const i of v.ledger.intervals) {
        const ms = overlap(Date.parse(i.from), Date.parse(i.to), from, to);
        const w = want.get(i.personId) ?? { ms: 0, overdueMs: 0 };
        want.set(i.personId, { ms: w.ms + ms, overdueMs: w.overdueMs + (i.overdue ? ms : 0) });
      }
    }
    // These people hold no other case of the demo.
    const others = [...demo.byCase].filter(([id]) => !founding.includes(id)).flatMap(([, rows]) => rows.map((x) => `${x.actor} ${x.payload}`));
    for (const p of want.keys()) expect(others.some((t) => t.includes(`"${p}"`) || t.startsWith(`${p} `))).toBe(false);
    const r = await report('--at', iso(asOf), '--from', iso(from), '--to', iso(to));
    const got = rowsOf(r);
    const held = [...want].filter(([, w]) => w.ms > 0);
    expect(held.length).toBeGreaterThan(3);
    for (const [p, w] of held) expect(got.get(p), p).toMatchObject(w);
    for (const [p, w] of want) if (w.ms === 0) expect(got.has(p)).toBe(false);
  });

  it('prints the top holders by name, hours with one decimal, and a totals line', async () => {
    const r = await report('--at', iso(asOf));
    const run = await runCli(['report', 'hours', '--db', db, '--at', iso(asOf), '--top', '3']);
    expect(run.code, run.stderr).toBe(0);
    const hours = (ms: number): string => (ms / 3_600_000).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const first = r.holders[0];
    if (first === undefined) throw new Error('the demo has holders');
    expect(run.stdout).toContain(`${r.holders.length} people held ${r.cases} cases for ${hours(r.totalMs)} h, of which ${hours(r.overdueMs)} h overdue`);
    expect(run.stdout).toContain(`The 3 people who held most (of ${r.holders.length}), in hours:`);
    expect(run.stdout).toMatch(new RegExp(`\\n  ${literal(r.names[first.key] ?? '?')}\\s+${first.cases}\\s+${hours(first.ms)}\\s+${hours(first.overdueMs)}\\s`));
    expect(run.stdout).toMatch(new RegExp(`\\n  total \\(${r.holders.length} people\\)\\s+${r.cases}\\s+${hours(r.totalMs)}\\s+${hours(r.overdueMs)}\\s`));
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(3 + 1 + 1 + 3 + 1);
    expect(run.stdout).not.toMatch(/per_/);
  });

  it('refuses bad input in one line, exit 2, printing nothing', async () => {
    expectOneErrorLine(await runCli(['report', 'hours', '--db', db, '--unit', 'unit_nowhere']), /no unit unit_nowhere/);
    expectOneErrorLine(await runCli(['report', 'hours', '--db', db, '--from', '2026-09-01', '--to', '2026-08-01']), /--to must come after --from/);
    expectOneErrorLine(await runCli(['report', 'hours', '--db', db, '--from', '2026-09-01', '--to', '2026-09-01']), /--to must come after --from/);
    expectOneErrorLine(await runCli(['report', 'hours', '--db', db, '--at', '1922-01-01', '--from', '1922-02-01']), /--from must come before --at/);
    expectOneErrorLine(await runCli(['report', 'hours', '--db', db, '--from', 'last week']), /--from.*not a date-time/);
    expectOneErrorLine(await runCli(['report', 'hours', '--db', db, '--by', 'team']), /--by.*'team' is invalid.*person, unit/);
  });
});
