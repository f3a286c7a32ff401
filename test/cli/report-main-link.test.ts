/**
 * `proverka report main-link` on the small demo. Its JSON is checked against a recount the test
 * makes itself from the events in the database (better-sqlite3): each case folded event by event up
 * to the moment asked, its holder (person, unit, role) followed to see when the current holding
 * began, the overdue time of that holding, the open ancestors it blocks; then every person's,
 * unit's and step's row added up here. The moment is the one of the demo's life when most cases
 * were blocked, so that blocking is really counted. The text states the main link by name; `--unit`
 * keeps a unit's subtree; an unknown unit is one line, exit 2.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentEvent } from '../../src/domain/assignment/assignment.events.js';
import { attributedHolder, evolveAssignment, type AssignmentState } from '../../src/domain/assignment/assignment.state.js';
import type { StreamEvent } from '../../src/domain/event.js';
import { tempDir } from '../support/temp.js';
import { expectOneErrorLine } from './expect-cli.js';
import { runCli } from './run-cli.js';

const dir = tempDir('proverka-main-link-');
const db = join(dir, 'demo.db');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Row {
  readonly stream_id: string;
  readonly type: string;
  readonly actor: string;
  readonly at: string;
  readonly payload: string;
}

interface LinkRow {
  key: string;
  overdueMs: number;
  cases: number;
  blocked: number;
  caseIds: string[];
  blockedIds: string[];
}

interface Report {
  asOf: string;
  unitId: string | null;
  totals: { cases: number; overdueMs: number; blocked: number };
  mainLink: { person: string | null; unit: string | null; step: string | null };
  persons: { count: number; rows: LinkRow[] };
  units: { count: number; rows: LinkRow[] };
  steps: { count: number; rows: LinkRow[] };
  cases: { caseId: string; personId: string; unitId: string; step: string; since: string; deadline: string; heldOverdueMs: number; blockedIds: string[] }[];
  names: Record<string, string>;
}

/** One case recounted: its state at the moment, and since when its holder (person, unit, role) is unchanged. */
interface Recounted {
  readonly id: string;
  readonly state: AssignmentState;
  readonly since: number;
}

const byStream = new Map<string, StreamEvent<AssignmentEvent>[]>();

/** Every case issued by `at`, folded from its events up to `at`. */
function recount(at: number): Map<string, Recounted> {
  const out = new Map<string, Recounted>();
  for (const [id, events] of byStream) {
    let state: AssignmentState | undefined;
    let key = '';
    let since = 0;
    for (const e of events) {
      const t = Date.parse(e.at);
      if (t > at) break;
      state = evolveAssignment(state, e);
      const h = attributedHolder(state);
      const k = `${h.personId}|${state.units[h.personId] ?? ''}|${h.role}`;
      if (k !== key) {
        key = k;
        since = t;
      }
    }
    if (state !== undefined) out.set(id, { id, state, since });
  }
  return out;
}

const open = (s: AssignmentState): boolean => s.status !== 'verified' && s.status !== 'cancelled';

/** The main link recounted plainly: overdue cases (of the units `within`, if given), their held overdue time, their blocked ancestors (wherever they sit), and the rows per kind. */
function expected(at: number, within?: ReadonlySet<string>): { cases: Recounted[]; held: Map<string, number>; blocked: Map<string, string[]>; rows: Record<'person' | 'unit' | 'step', Map<string, { ms: number; cases: string[]; blocked: Set<string> }>> } {
  const all = recount(at);
  const scoped = [...all.values()].filter((c) => within === undefined || within.has(c.state.units[c.state.ownerId] ?? ''));
  const overdue = scoped.filter((c) => open(c.state) && Date.parse(c.state.deadline) < at);
  const held = new Map(overdue.map((c) => [c.id, at - Math.max(Date.parse(c.state.deadline), c.since)]));
  const blocked = new Map<string, string[]>();
  for (const c of overdue) {
    const up: string[] = [];
    for (let p = c.state.parentId; p !== null; ) {
      const parent = all.get(p);
      if (parent === undefined || !open(parent.state)) break;
      up.push(p);
      p = parent.state.parentId;
    }
    blocked.set(c.id, up);
  }
  const rows = { person: new Map(), unit: new Map(), step: new Map() } as Record<'person' | 'unit' | 'step', Map<string, { ms: number; cases: string[]; blocked: Set<string> }>>;
  for (const c of overdue) {
    const h = attributedHolder(c.state);
    for (const [kind, key] of [
      ['person', h.personId],
      ['unit', c.state.units[h.personId] ?? ''],
      ['step', h.role],
    ] as const) {
      const r = rows[kind].get(key) ?? { ms: 0, cases: [], blocked: new Set<string>() };
      r.ms += held.get(c.id) ?? 0;
      r.cases.push(c.id);
      for (const b of blocked.get(c.id) ?? []) r.blocked.add(b);
      rows[kind].set(key, r);
    }
  }
  return { cases: overdue, held, blocked, rows };
}

async function report(at: string, ...more: string[]): Promise<Report> {
  const run = await runCli(['report', 'main-link', '--db', db, '--at', at, '--top', '1000', '--json', ...more]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

function expectRows(rows: LinkRow[], want: Map<string, { ms: number; cases: string[]; blocked: Set<string> }>, held: Map<string, number>): void {
  expect(new Set(rows.map((r) => r.key))).toEqual(new Set(want.keys()));
  for (const r of rows) {
    const w = want.get(r.key);
    if (w === undefined) continue;
    const order = [...w.cases].sort((a, b) => (held.get(b) ?? 0) - (held.get(a) ?? 0) || (a < b ? -1 : 1));
    expect({ key: r.key, overdueMs: r.overdueMs, cases: r.cases, blocked: r.blocked, caseIds: r.caseIds, blockedIds: r.blockedIds }).toEqual({
      key: r.key,
      overdueMs: w.ms,
      cases: w.cases.length,
      blocked: w.blocked.size,
      caseIds: order.slice(0, 50),
      blockedIds: [...w.blocked].sort().slice(0, 50),
    });
  }
  // Ranked by overdue time, then blocked, then cases.
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1] as LinkRow;
    const b = rows[i] as LinkRow;
    expect(a.overdueMs > b.overdueMs || (a.overdueMs === b.overdueMs && (a.blocked > b.blocked || (a.blocked === b.blocked && a.cases >= b.cases)))).toBe(true);
  }
}

let asOf = '';
let busiest = '';

beforeAll(async () => {
  const built = await runCli(['demo', '--db', db, '--size', 'small']);
  expect(built.code, built.stderr).toBe(0);
  const sqlite = new Database(db, { readonly: true });
  const rows = sqlite.prepare("SELECT stream_id, type, actor, at, payload FROM events WHERE stream_id LIKE 'asg\\_%' ESCAPE '\\' ORDER BY stream_id, seq").all() as Row[];
  const span = sqlite.prepare("SELECT min(at) AS first, max(at) AS last FROM events WHERE stream_id LIKE 'asg\\_%' ESCAPE '\\'").get() as { first: string; last: string };
  sqlite.close();
  for (const r of rows) {
    const list = byStream.get(r.stream_id) ?? [];
    list.push({ type: r.type, actor: r.actor, at: r.at, payload: JSON.parse(r.payload) as object } as unknown as StreamEvent<AssignmentEvent>);
    byStream.set(r.stream_id, list);
  }
  asOf = new Date(Date.parse(span.last) + DAY).toISOString();
  // The noon of the demo's day when most open cases were blocked by overdue parts.
  let most = -1;
  for (let t = Date.parse(span.first.slice(0, 10)) + 12 * HOUR; t < Date.parse(span.last); t += DAY) {
    const e = expected(t);
    const n = new Set([...e.blocked.values()].flat()).size;
    if (n > most) {
      most = n;
      busiest = new Date(t).toISOString();
    }
  }
}, 300_000);

describe('proverka report main-link', () => {
  it.each(['end', 'busiest'] as const)('at the %s moment: totals, and every person, unit and step row, are what the test recounts from the events', async (which) => {
    const at = which === 'end' ? asOf : busiest;
    const r = await report(at);
    const want = expected(Date.parse(at));
    expect(r.asOf).toBe(at);
    expect(want.cases.length, 'the demo has overdue cases').toBeGreaterThan(0);
    const total = [...want.held.values()].reduce((a, b) => a + b, 0);
    expect(r.totals).toEqual({ cases: want.cases.length, overdueMs: total, blocked: new Set([...want.blocked.values()].flat()).size });
    if (which === 'busiest') expect(r.totals.blocked, 'parts overdue while their whole is open').toBeGreaterThan(0);
    expectRows(r.persons.rows, want.rows.person, want.held);
    expectRows(r.units.rows, want.rows.unit, want.held);
    expectRows(r.steps.rows, want.rows.step, want.held);
    for (const kind of [r.persons, r.units, r.steps]) {
      expect(kind.rows.reduce((n, x) => n + x.overdueMs, 0)).toBe(total);
      expect(kind.count).toBe(kind.rows.length);
    }
    expect(r.mainLink).toEqual({ person: r.persons.rows[0]?.key, unit: r.units.rows[0]?.key, step: r.steps.rows[0]?.key });
    // Every evidence case: its holder, since, deadline and blocked ancestors as recounted.
    const recounted = recount(Date.parse(at));
    for (const c of r.cases) {
      const x = recounted.get(c.caseId);
      if (x === undefined) throw new Error(`no case ${c.caseId}`);
      const h = attributedHolder(x.state);
      expect(c).toMatchObject({ personId: h.personId, step: h.role, since: new Date(x.since).toISOString(), deadline: x.state.deadline, heldOverdueMs: want.held.get(c.caseId), blockedIds: want.blocked.get(c.caseId) });
    }
  });

  it("--unit keeps the cases of the unit's subtree (a case sits in its owner's unit)", async () => {
    const whole = await report(busiest);
    const unit = whole.units.rows.find((u) => u.key !== '')?.key;
    if (unit === undefined) throw new Error('no unit holds overdue cases');
    const r = await report(busiest, '--unit', unit);
    expect(r.unitId).toBe(unit);
    // The demo's units that hold cases have no sub-units of their own: the subtree is the unit.
    const want = expected(Date.parse(busiest), new Set([unit]));
    expect(r.totals.cases).toBe(want.cases.length);
    expect(r.totals.overdueMs).toBe([...want.held.values()].reduce((a, b) => a + b, 0));
    expectRows(r.persons.rows, want.rows.person, want.held);
  });

  it('states the main link in words, by name, and lists its evidence', async () => {
    const r = await report(asOf);
    const run = await runCli(['report', 'main-link', '--db', db, '--at', asOf, '--top', '3']);
    expect(run.code, run.stderr).toBe(0);
    const person = r.persons.rows[0];
    if (person === undefined) throw new Error('no main link');
    const hours = Math.floor(person.overdueMs / HOUR);
    const name = r.names[person.key] ?? '';
    expect(name).not.toBe('');
    expect(run.stdout).toContain(`Person: ${name} holds ${hours.toLocaleString('en-US')} overdue ${hours === 1 ? 'hour' : 'hours'} in ${person.cases} ${person.cases === 1 ? 'case' : 'cases'} and blocks ${person.blocked} dependent ${person.blocked === 1 ? 'case' : 'cases'}.`);
    expect(run.stdout).toContain(`${r.totals.cases} overdue ${r.totals.cases === 1 ? 'case' : 'cases'}, `);
    expect(run.stdout).toContain(`The ${Math.min(3, r.persons.count)} people with most overdue hours (of ${r.persons.count})`);
    for (const id of person.caseIds) expect(run.stdout).toContain(id);
    expect(run.stdout).not.toMatch(/per_/);
  });

  it('refuses an unknown unit in one line, exit 2', async () => {
    expectOneErrorLine(await runCli(['report', 'main-link', '--db', db, '--unit', 'unit_nowhere']), /no unit unit_nowhere/);
  });
});
