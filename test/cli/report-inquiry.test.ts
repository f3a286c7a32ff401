/**
 * `proverka report inquiry` on the small demo. The founding document's canned-meat purchase is
 * found by its domain and by its title text, with its stall: the ping-pong between the consumers'
 * society (MPO) and the foreign-trade commissariat (NKVT), the refusals in the database, its
 * longest wait and its people as `proverka case --json` gives them. Across many cases (a domain
 * issued in a month, a unit's subtree) the figures are checked against what the test recounts
 * from the database (hours-recount.ts). Bad input is one line, exit 2.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HourLedger } from '../../src/domain/ledger/hour-ledger.js';
import { tempDir } from '../support/temp.js';
import { expectOneErrorLine } from './expect-cli.js';
import { plainLife, readDemo, subtree, type DemoRecord, type Row } from './hours-recount.js';
import { runCli } from './run-cli.js';

const dir = tempDir('proverka-inquiry-');
const db = join(dir, 'demo.db');
const DAY = 86_400_000;

interface Held {
  ms: number;
  overdueMs: number;
  cases: number;
}
interface Network {
  cases: number;
  passes: number;
  refusals: number;
  returns: number;
  pingPong: { a: string; b: string; returns: number; cases: number }[];
  returning: { caseId: string; returns: number; keys: string[] }[];
}
interface Inquiry {
  at: string;
  selection: Record<string, string | null>;
  cases: number;
  verified: number;
  cancelled: number;
  open: number;
  overdueNow: number;
  late: number;
  totalMs: number;
  overdueMs: number;
  byUnitRole: ({ unitId: string; role: string } & Held)[];
  byPerson: ({ key: string } & Held)[];
  waits: number;
  longestWaits: { caseId: string; personId: string; unitId: string; role: string; from: string; to: string; ms: number; overdueMs: number }[];
  handovers: { person: Network; unit: Network };
  names: Record<string, string>;
}

let demo: DemoRecord;
let asOf = '';
let cannedMeat = '';

const issuedOf = (rows: readonly Row[]): { domain: string; ownerId: string; units: Record<string, string> } => JSON.parse(rows[0]?.payload ?? '{}') as { domain: string; ownerId: string; units: Record<string, string> };

async function inquiry(...args: string[]): Promise<Inquiry> {
  const run = await runCli(['report', 'inquiry', '--db', db, '--at', asOf, '--json', ...args]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Inquiry;
}

/** A text matched literally inside a regular expression. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The report's own figures agree with each other. */
function expectConsistent(r: Inquiry): void {
  expect(r.verified + r.cancelled + r.open).toBe(r.cases);
  expect(r.byPerson.reduce((s, p) => s + p.ms, 0)).toBe(r.totalMs);
  expect(r.byUnitRole.reduce((s, p) => s + p.ms, 0)).toBe(r.totalMs);
  expect(r.byUnitRole.reduce((s, p) => s + p.overdueMs, 0)).toBe(r.overdueMs);
  expect(r.longestWaits.map((w) => w.ms)).toEqual([...r.longestWaits.map((w) => w.ms)].sort((a, b) => b - a));
  expect(r.handovers.person.cases).toBe(r.cases);
}

/** Counts over the cases given, from their raw events: status, lives, refusals. */
function recount(cases: readonly (readonly Row[])[]): { cases: number; verified: number; cancelled: number; open: number; totalMs: number; refusals: number } {
  const at = Date.parse(asOf);
  let verified = 0;
  let cancelled = 0;
  let totalMs = 0;
  let refusals = 0;
  for (const rows of cases) {
    const closing = rows.filter((r) => ['assignment.verified', 'assignment.cancelled', 'assignment.reopened', 'assignment.beneficiary-disputed'].includes(r.type)).pop()?.type;
    if (closing === 'assignment.verified') verified++;
    if (closing === 'assignment.cancelled') cancelled++;
    const life = plainLife(rows, at);
    totalMs += life === null ? 0 : life.to - life.from;
    refusals += rows.filter((r) => r.type === 'assignment.handover-refused' || r.type === 'assignment.transfer-refused').length;
  }
  return { cases: cases.length, verified, cancelled, open: cases.length - verified - cancelled, totalMs, refusals };
}

beforeAll(async () => {
  const built = await runCli(['demo', '--db', db, '--size', 'small']);
  expect(built.code, built.stderr).toBe(0);
  cannedMeat = /^\s+(asg_\S+)\s+The canned-meat purchase/m.exec(built.stdout)?.[1] ?? '';
  demo = readDemo(db);
  asOf = new Date(Date.parse(demo.lastAt) + DAY).toISOString();
}, 300_000);

describe.concurrent('proverka report inquiry', () => {
  it('finds the canned-meat purchase by its domain, with where it stalled: the MPO ↔ NKVT ping-pong, the refusals, its longest wait', async () => {
    expect(cannedMeat).toMatch(/^asg_/);
    const r = await inquiry('--domain', 'foreign-trade');
    expectConsistent(r);
    expect(r).toMatchObject({ cases: 1, verified: 1, open: 0, late: 1, selection: { domain: 'foreign-trade', search: null } });
    const run = await runCli(['case', cannedMeat, '--db', db, '--at', asOf, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const ledger = (JSON.parse(run.stdout) as { ledger: Pick<HourLedger, 'elapsedMs' | 'overdueMs' | 'byPerson' | 'intervals'> }).ledger;
    expect(r.totalMs).toBe(ledger.elapsedMs);
    expect(r.overdueMs).toBe(ledger.overdueMs);
    expect(r.byPerson.map((p) => ({ id: p.key, ms: p.ms, overdueMs: p.overdueMs }))).toEqual(ledger.byPerson);
    // The ping-pong: a unit of the consumers' society and one of the foreign-trade commissariat send the case back and forth.
    const unit = r.handovers.unit;
    expect(unit.returning.map((c) => c.caseId)).toEqual([cannedMeat]);
    const pair = unit.pingPong.find((p) => [r.names[p.a], r.names[p.b]].some((n) => /MPO/.test(n ?? '')) && [r.names[p.a], r.names[p.b]].some((n) => /NKVT/.test(n ?? '')));
    expect(pair?.returns).toBeGreaterThanOrEqual(2);
    expect(r.handovers.person.refusals).toBe(recount([demo.byCase.get(cannedMeat) ?? []]).refusals);
    expect(r.handovers.person.refusals).toBeGreaterThanOrEqual(2);
    // The longest wait, merged plainly from the case's own intervals (same holder, unit and role in a row; closed time left out).
    const waits: { personId: string; role: string; ms: number }[] = [];
    let last: (typeof ledger.intervals)[number] | undefined;
    for (const i of ledger.intervals) {
      const w = waits[waits.length - 1];
      const joins = w !== undefined && last !== undefined && last.role !== 'closed' && last.personId === i.personId && last.unitId === i.unitId && last.role === i.role;
      last = i;
      if (i.role === 'closed') continue;
      if (joins) w.ms += i.ms;
      else waits.push({ personId: i.personId, role: i.role, ms: i.ms });
    }
    const longest = [...waits].sort((a, b) => b.ms - a.ms)[0];
    expect(r.waits).toBe(waits.length);
    expect(r.longestWaits[0]).toMatchObject({ caseId: cannedMeat, personId: longest?.personId, role: longest?.role, ms: longest?.ms });
  });

  it('finds it by its title text, in any case, and prints the stall by name', async () => {
    const r = await inquiry('--search', 'CANNED meat');
    expect(r.cases).toBe(1);
    expect(r.handovers.unit.returning[0]?.caseId).toBe(cannedMeat);
    const run = await runCli(['report', 'inquiry', '--db', db, '--at', asOf, '--search', 'CANNED meat']);
    expect(run.code, run.stderr).toBe(0);
    const out = run.stdout;
    expect(out).toContain('Inquiry: where did the cases whose title contains "CANNED meat" stall?');
    expect(out).toContain('1 case: 1 verified, 0 cancelled, 0 open');
    const pair = r.handovers.unit.pingPong[0];
    if (pair === undefined) throw new Error('the canned-meat case has ping-pong');
    expect(out).toMatch(new RegExp(`${literal(r.names[pair.a] ?? '?')}\\s+↔ ${literal(r.names[pair.b] ?? '?')}\\s+${pair.returns}\\s+1`));
    const most = r.byUnitRole[0];
    const hours = (ms: number): string => (ms / 3_600_000).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    expect(out).toContain(`most of it with ${r.names[most?.unitId ?? ''] ?? '?'}, executing: ${hours(most?.ms ?? 0)} h`);
    expect(out).toMatch(/Purchasing Section of the MPO/);
    expect(out).toMatch(/Import Department of the NKVT/);
    expect(out).toContain(`${cannedMeat}  Buy the canned meat`);
    expect(out).not.toMatch(/per_|unit_/);
  });

  it('--at in the past shows the cases as they stood then: the canned meat still open and overdue on 1 March 1922', async () => {
    const at = '1922-03-01T00:00:00.000Z';
    const run = await runCli(['report', 'inquiry', '--db', db, '--at', at, '--domain', 'foreign-trade', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout) as Inquiry;
    expectConsistent(r);
    const life = plainLife(demo.byCase.get(cannedMeat) ?? [], Date.parse(at));
    expect(r).toMatchObject({ at, cases: 1, verified: 0, open: 1, overdueNow: 1, late: 1, totalMs: life === null ? -1 : life.to - life.from });
    // Krassine took the case over only on 9 March: not among its holders yet.
    expect(r.byPerson.map((p) => r.names[p.key])).not.toContain('L. B. Krassine');
    expect(r.byPerson.map((p) => r.names[p.key])).toContain('Head of the MPO purchasing section');
  });

  it('across the cases of a domain issued in one month: the counts and hours the test recounts from the events', async () => {
    const issues = [...demo.byCase.values()].map((rows) => Date.parse(rows[0]?.at ?? '')).sort((a, b) => a - b);
    const from = issues[issues.length >> 1] ?? 0;
    const to = from + 30 * DAY;
    const domain = 'transport';
    const chosen = [...demo.byCase.values()].filter((rows) => issuedOf(rows).domain === domain && Date.parse(rows[0]?.at ?? '') >= from && Date.parse(rows[0]?.at ?? '') < to);
    const want = recount(chosen);
    expect(want.cases).toBeGreaterThan(5);
    const r = await inquiry('--domain', domain, '--from', new Date(from).toISOString(), '--to', new Date(to).toISOString(), '--top', '5');
    expectConsistent(r);
    expect({ cases: r.cases, verified: r.verified, cancelled: r.cancelled, open: r.open, totalMs: r.totalMs, refusals: r.handovers.person.refusals }).toEqual(want);
    expect(r.longestWaits).toHaveLength(Math.min(5, r.waits));
  });

  it("--unit selects the cases whose owner's unit at issue is in its subtree", async () => {
    const below = (id: string): number => [...demo.parents.values()].filter((p) => p === id).length;
    const parent = [...demo.parents.keys()].find((id) => demo.parents.get(id) !== null && below(id) >= 2);
    if (parent === undefined) throw new Error('the demo has a unit with two units below it');
    const units = subtree(demo.parents, parent);
    const chosen = [...demo.byCase.values()].filter((rows) => {
      const issued = issuedOf(rows);
      return units.has(issued.units[issued.ownerId] ?? '');
    });
    expect(chosen.length).toBeGreaterThan(5);
    const r = await inquiry('--unit', parent);
    expectConsistent(r);
    const want = recount(chosen);
    expect({ cases: r.cases, verified: r.verified, cancelled: r.cancelled, open: r.open, totalMs: r.totalMs, refusals: r.handovers.person.refusals }).toEqual(want);
  });

  it('says so when no case matches', async () => {
    expect((await inquiry('--search', 'no such title anywhere')).cases).toBe(0);
    const run = await runCli(['report', 'inquiry', '--db', db, '--at', asOf, '--search', 'no such title anywhere']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('no case matches');
  });

  it('refuses bad input in one line, exit 2, printing nothing', async () => {
    expectOneErrorLine(await runCli(['report', 'inquiry', '--db', db, '--unit', 'unit_nowhere']), /no unit unit_nowhere/);
    expectOneErrorLine(await runCli(['report', 'inquiry', '--db', db, '--from', '1922-03-01', '--to', '1922-02-01']), /--to must come after --from/);
    expectOneErrorLine(await runCli(['report', 'inquiry', '--db', db, '--to', '1922-02-30']), /--to.*not a date-time/);
    expectOneErrorLine(await runCli(['report', 'inquiry', '--db', db, '--top', '0']), /--top.*out of range/);
  });
});
