/**
 * `proverka report units` on the small demo. Its JSON is checked against figures the test counts
 * itself from the events read with better-sqlite3: per unit (its own cases: the owner's unit in the
 * issue), cases issued, verified (the last verification standing at the moment asked, in the
 * period), on time (against the deadline of the issue or of the last extension granted before),
 * escalations, rejections, reopenings and extensions granted; the time held per unit from each
 * case's hour ledger, clipped to the period; subtrees adding up their units; months adding up to the
 * period; decree inflation per body from the decision and verification events. The text shows the
 * league by name; a bad period or an unknown unit is one line, exit 2.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentEvent } from '../../src/domain/assignment/assignment.events.js';
import type { StreamEvent } from '../../src/domain/event.js';
import { hourLedger } from '../../src/domain/ledger/hour-ledger.js';
import { tempDir } from '../support/temp.js';
import { expectOneErrorLine } from './expect-cli.js';
import { runCli } from './run-cli.js';

const dir = tempDir('proverka-units-');
const db = join(dir, 'demo.db');
const FROM = '2026-06-01';
const TO = '2026-10-01';

interface Row {
  readonly stream_id: string;
  readonly type: string;
  readonly actor: string;
  readonly at: string;
  readonly payload: string;
}

interface FiguresJson {
  issued: number;
  verified: number;
  verifiedOnTime: number;
  verifiedLate: number;
  onTimeRate: number | null;
  medianToVerifiedMs: number | null;
  heldMs: number;
  escalations: number;
  rejections: number;
  reopenings: number;
  extensions: number;
  cases: Record<string, string[]>;
}

interface ReportJson {
  from: string;
  to: string;
  end: string;
  months: string[];
  units: { rank: number; unitId: string; parentId: string | null; own: FiguresJson; subtree: FiguresJson; months: { month: string; figures: FiguresJson }[] }[];
  bodies?: { bodyId: string; decisions: number; executed: number; withoutCases: number; cases: number; verified: number; inflation: number | null }[];
  names: Record<string, string>;
}

/** The figures the test counts for one unit's own cases. */
interface Counted {
  issued: Set<string>;
  verified: Set<string>;
  onTime: Set<string>;
  escalations: number;
  rejections: number;
  reopenings: number;
  extensions: number;
  heldMs: number;
}

let rows: Row[] = [];
let asOf = '';
const byStream = new Map<string, Row[]>();
const parentOf = new Map<string, string | null>();
const decisions: { id: string; bodyId: string; date: string }[] = [];
const from = Date.parse(`${FROM}T00:00:00Z`);
const to = Date.parse(`${TO}T00:00:00Z`);

function emptyCount(): Counted {
  return { issued: new Set(), verified: new Set(), onTime: new Set(), escalations: 0, rejections: 0, reopenings: 0, extensions: 0, heldMs: 0 };
}

/** The last verification of a case at or before `asOf`, unless a reopening came after it; with the deadline in force then. */
function standing(list: readonly Row[]): { at: number; deadline: number } | undefined {
  let deadline = Number.NaN;
  let found: { at: number; deadline: number } | undefined;
  const limit = Date.parse(asOf);
  for (const r of list) {
    const at = Date.parse(r.at);
    if (at > limit) break;
    const p = JSON.parse(r.payload) as { deadline?: string };
    if (r.type === 'assignment.issued' || r.type === 'assignment.extension-granted') deadline = Date.parse(p.deadline ?? '');
    if (r.type === 'assignment.verified') found = { at, deadline };
    if (r.type === 'assignment.reopened') found = undefined;
  }
  return found;
}

/** Each unit's own figures, counted from the rows. */
function countByUnit(): Map<string, Counted> {
  const out = new Map<string, Counted>();
  const of = (unit: string): Counted => {
    let c = out.get(unit);
    if (c === undefined) out.set(unit, (c = emptyCount()));
    return c;
  };
  const end = Math.min(to, Date.parse(asOf));
  const inPeriod = (at: number): boolean => at >= from && at < end;
  for (const [id, list] of byStream) {
    const issued = JSON.parse(list[0]?.payload ?? '{}') as { ownerId: string; units: Record<string, string> };
    const unit = of(issued.units[issued.ownerId] ?? '');
    if (inPeriod(Date.parse(list[0]?.at ?? ''))) unit.issued.add(id);
    const v = standing(list);
    if (v !== undefined && inPeriod(v.at)) {
      unit.verified.add(id);
      if (v.at <= v.deadline) unit.onTime.add(id);
    }
    for (const r of list) {
      if (!inPeriod(Date.parse(r.at))) continue;
      if (r.type === 'assignment.escalated') unit.escalations++;
      if (r.type === 'assignment.rejected') unit.rejections++;
      if (r.type === 'assignment.reopened') unit.reopenings++;
      if (r.type === 'assignment.extension-granted') unit.extensions++;
    }
    // Time held: the hour ledger's intervals, 'closed' left out, clipped to the period.
    const events = list.map((r) => ({ type: r.type, actor: r.actor, at: r.at, payload: JSON.parse(r.payload) as object }) as unknown as StreamEvent<AssignmentEvent>);
    for (const i of hourLedger(events, asOf).intervals) {
      if (i.role === 'closed') continue;
      const ms = Math.min(Date.parse(i.to), end) - Math.max(Date.parse(i.from), from);
      if (ms > 0) of(i.unitId).heldMs += ms;
    }
  }
  return out;
}

async function report(extra: string[] = []): Promise<ReportJson> {
  const run = await runCli(['report', 'units', '--db', db, '--from', FROM, '--to', TO, '--at', asOf, '--json', ...extra]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as ReportJson;
}

beforeAll(async () => {
  const built = await runCli(['demo', '--db', db, '--size', 'small']);
  expect(built.code, built.stderr).toBe(0);
  const sqlite = new Database(db, { readonly: true });
  rows = sqlite.prepare("SELECT stream_id, type, actor, at, payload FROM events WHERE stream_id LIKE 'asg\\_%' ESCAPE '\\' ORDER BY stream_id, seq").all() as Row[];
  for (const u of sqlite.prepare("SELECT stream_id, payload FROM events WHERE type = 'unit.created'").all() as { stream_id: string; payload: string }[]) {
    parentOf.set(u.stream_id, (JSON.parse(u.payload) as { parentId?: string | null }).parentId ?? null);
  }
  for (const d of sqlite.prepare("SELECT stream_id, payload FROM events WHERE type = 'decision.registered'").all() as { stream_id: string; payload: string }[]) {
    const p = JSON.parse(d.payload) as { bodyId: string; date: string };
    decisions.push({ id: d.stream_id, bodyId: p.bodyId, date: p.date });
  }
  const last = (sqlite.prepare('SELECT max(at) AS at FROM events').get() as { at: string }).at;
  sqlite.close();
  asOf = new Date(Date.parse(last) + 86_400_000).toISOString();
  for (const r of rows) byStream.set(r.stream_id, [...(byStream.get(r.stream_id) ?? []), r]);
}, 300_000);

describe('proverka report units', () => {
  it("each unit's own figures are those the test counts from the events", async () => {
    const r = await report();
    expect(parentOf.size).toBeGreaterThan(5);
    expect(r.units).toHaveLength(parentOf.size);
    const want = countByUnit();
    let verified = 0;
    for (const u of r.units) {
      const c = want.get(u.unitId) ?? emptyCount();
      verified += c.verified.size;
      expect(
        { issued: u.own.cases['issued'], verified: u.own.cases['verified'], onTime: u.own.cases['verifiedOnTime'], e: u.own.escalations, r: u.own.rejections, o: u.own.reopenings, x: u.own.extensions, held: u.own.heldMs },
        u.unitId,
      ).toEqual({ issued: [...c.issued].sort(), verified: [...c.verified].sort(), onTime: [...c.onTime].sort(), e: c.escalations, r: c.rejections, o: c.reopenings, x: c.extensions, held: c.heldMs });
      expect(u.own.issued).toBe(c.issued.size);
      expect(u.own.onTimeRate).toBe(c.verified.size === 0 ? null : c.onTime.size / c.verified.size);
    }
    expect(verified, 'the demo verifies cases in the period').toBeGreaterThan(20);
  });

  it('subtrees add up their units, the months add up to the period, and the league is ordered by on-time rate', async () => {
    const r = await report();
    const byId = new Map(r.units.map((u) => [u.unitId, u]));
    const under = (unit: string): string[] => [...parentOf.keys()].filter((u) => {
      for (let at: string | null | undefined = u; at !== null && at !== undefined; at = parentOf.get(at)) if (at === unit) return true;
      return false;
    });
    for (const u of r.units) {
      const members = under(u.unitId);
      for (const key of ['issued', 'verified', 'verifiedOnTime', 'heldMs', 'escalations', 'rejections', 'reopenings', 'extensions'] as const) {
        expect(u.subtree[key], `${u.unitId} ${key}`).toBe(members.reduce((n, m) => n + (byId.get(m)?.own[key] ?? 0), 0));
        expect(u.months.reduce((n, m) => n + m.figures[key], 0), `${u.unitId} months ${key}`).toBe(u.subtree[key]);
      }
    }
    expect(r.months).toEqual(['2026-06', '2026-07', '2026-08', '2026-09']);
    const rates = r.units.map((u) => u.subtree.onTimeRate ?? -1);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    expect(r.units.map((u) => u.rank)).toEqual(r.units.map((_, i) => i + 1));
  });

  it('--unit keeps that subtree only, with the same figures', async () => {
    const all = await report();
    const department = all.units.find((u) => u.parentId !== null && [...parentOf.values()].includes(u.unitId) && u.subtree.issued > 0);
    if (department === undefined) throw new Error('the demo has departments with divisions');
    const r = await report(['--unit', department.unitId]);
    expect(r.units.length).toBeLessThan(all.units.length);
    expect(r.units.find((u) => u.unitId === department.unitId)?.subtree).toEqual(department.subtree);
    for (const u of r.units) {
      let at: string | null | undefined = u.unitId;
      while (at !== null && at !== undefined && at !== department.unitId) at = parentOf.get(at);
      expect(at, u.unitId).toBe(department.unitId);
    }
  });

  it('--bodies: decree inflation per body, counted from the decisions and their cases', async () => {
    const r = await report(['--bodies']);
    const cases = new Map<string, { n: number; verified: number }>();
    for (const [, list] of byStream) {
      const p = JSON.parse(list[0]?.payload ?? '{}') as { decisionId: string };
      if (list.some((x) => x.type === 'assignment.cancelled' && x.at <= asOf)) continue;
      const t = cases.get(p.decisionId) ?? { n: 0, verified: 0 };
      t.n++;
      if (standing(list) !== undefined) t.verified++;
      cases.set(p.decisionId, t);
    }
    const want = new Map<string, { decisions: number; executed: number; withoutCases: number }>();
    for (const d of decisions) {
      if (!(d.date >= FROM && d.date < TO)) continue;
      const w = want.get(d.bodyId) ?? { decisions: 0, executed: 0, withoutCases: 0 };
      const c = cases.get(d.id);
      w.decisions++;
      if (c === undefined) w.withoutCases++;
      else if (c.verified === c.n) w.executed++;
      want.set(d.bodyId, w);
    }
    expect(want.size).toBeGreaterThan(0);
    const got = new Map((r.bodies ?? []).map((b) => [b.bodyId, { decisions: b.decisions, executed: b.executed, withoutCases: b.withoutCases }]));
    expect(got).toEqual(want);
    for (const b of r.bodies ?? []) expect(b.inflation).toBe(b.executed === 0 ? null : b.decisions / b.executed);
  });

  it('prints the league table by name, and the decree inflation', async () => {
    const r = await report();
    const run = await runCli(['report', 'units', '--db', db, '--from', FROM, '--to', TO, '--at', asOf, '--bodies', '--top', '5']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Unit scorecards from ${FROM} 00:00 to ${TO} 00:00 (UTC)`);
    expect(run.stdout).toContain(`League table (the 5 first of ${r.units.length}`);
    const top = r.units[0];
    if (top === undefined) throw new Error('no unit');
    expect(run.stdout).toMatch(new RegExp(`\\s1\\s+${(r.names[top.unitId] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+${top.subtree.issued}\\s+${top.subtree.verified}\\s`));
    expect(run.stdout).toContain('Decree inflation');
    expect(run.stdout).not.toMatch(/unit_|body_/);
  });

  it('refuses a period that ends before it begins, and an unknown unit, in one line, exit 2', async () => {
    expectOneErrorLine(await runCli(['report', 'units', '--db', db, '--from', TO, '--to', FROM]), /--to.*after.*--from/);
    expectOneErrorLine(await runCli(['report', 'units', '--db', db, '--unit', 'unit_nowhere']), /no unit unit_nowhere/);
  });
});
