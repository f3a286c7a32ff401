/**
 * The main link on cases worked out by hand — the current holding only, the step of each role,
 * blocked ancestors counted once, the ranking and its ties — on ledgers computed from real events,
 * and a property: on random forests of cases, every ranking sums to the totals, and each row is
 * what a plain recount over the cases gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssignmentEvent, IssuedPayload } from '../domain/assignment/assignment.events.js';
import type { StreamEvent } from '../domain/event.js';
import { hourLedger } from '../domain/ledger/hour-ledger.js';
import { LINK_STEPS, linkCaseOf, mainLink, type LinkCase, type LinkStep } from './main-link.js';

const T0 = Date.parse('2022-03-01T00:00:00.000Z');
const HOUR = 3_600_000;
const iso = (hours: number): string => new Date(T0 + hours * HOUR).toISOString();

/** A case by hand: open unless said, held by `person` of `unit` in `step` since `since` h, due at `due` h. */
function kase(caseId: string, o: { person?: string; unit?: string; step?: LinkStep; since?: number; due: number; parent?: string; open?: boolean; overdue?: number }): LinkCase {
  const open = o.open ?? true;
  return {
    caseId,
    parentId: o.parent ?? null,
    open,
    deadline: T0 + o.due * HOUR,
    holding: open ? { personId: o.person ?? 'A', unitId: o.unit ?? 'u1', step: o.step ?? 'executing', since: T0 + (o.since ?? 0) * HOUR } : null,
    overdueMs: (o.overdue ?? 0) * HOUR,
  };
}

describe('mainLink on cases by hand', () => {
  const now = T0 + 100 * HOUR;

  it('counts only the current holding after the deadline, and only open cases past their deadline', () => {
    const r = mainLink(
      [
        kase('c1', { person: 'A', since: 10, due: 40, overdue: 60 }), // 60 h overdue, all A's
        kase('c2', { person: 'A', since: 70, due: 40, overdue: 60 }), // held since 70: 30 h are A's, 30 h an earlier holder's
        kase('c3', { person: 'B', since: 0, due: 120 }), // not yet due
        kase('c4', { due: 10, open: false }), // closed
        kase('c5', { person: 'B', since: 100, due: 50 }), // handed to B just now: overdue, 0 h of B's
      ],
      now,
    );
    expect(r.cases).toBe(3);
    expect(r.overdueMs).toBe(90 * HOUR);
    expect(r.persons.map((p) => [p.key, p.overdueMs / HOUR, p.cases, p.caseIds])).toEqual([
      ['A', 90, 2, ['c1', 'c2']],
      ['B', 0, 1, ['c5']],
    ]);
    expect(r.evidence.get('c2')).toMatchObject({ heldOverdueMs: 30 * HOUR, caseOverdueMs: 60 * HOUR, since: T0 + 70 * HOUR, deadline: T0 + 40 * HOUR, personId: 'A', unitId: 'u1', step: 'executing' });
    expect(r.evidence.has('c3')).toBe(false);
    expect(r.evidence.has('c4')).toBe(false);
  });

  it('attributes to units and steps; a unit sums its people; evidence most overdue first', () => {
    const r = mainLink(
      [
        kase('a1', { person: 'A', unit: 'u1', step: 'executing', since: 0, due: 90 }), // 10
        kase('b1', { person: 'B', unit: 'u1', step: 'verifying', since: 80, due: 50 }), // 20
        kase('c1', { person: 'C', unit: 'u2', step: 'extension', since: 75, due: 60 }), // 25
        kase('d1', { person: 'D', unit: '', step: 'handover', since: 99, due: 0 }), // 1
      ],
      now,
    );
    expect(r.persons.map((p) => [p.key, p.overdueMs / HOUR])).toEqual([
      ['C', 25],
      ['B', 20],
      ['A', 10],
      ['D', 1],
    ]);
    expect(r.units.map((u) => [u.key, u.overdueMs / HOUR, u.caseIds])).toEqual([
      ['u1', 30, ['b1', 'a1']],
      ['u2', 25, ['c1']],
      ['', 1, ['d1']],
    ]);
    expect(r.steps.map((s) => [s.key, s.overdueMs / HOUR])).toEqual([
      ['extension', 25],
      ['verifying', 20],
      ['executing', 10],
      ['handover', 1],
    ]);
  });

  it('blocks the open ancestors up to the first closed one, each counted once per key and once in all', () => {
    const r = mainLink(
      [
        kase('root', { person: 'R', due: 200 }),
        kase('mid', { person: 'M', due: 150, parent: 'root' }),
        kase('leaf1', { person: 'A', due: 50, parent: 'mid' }),
        kase('leaf2', { person: 'A', due: 60, parent: 'mid' }),
        kase('other', { person: 'B', due: 50, parent: 'shut' }),
        kase('shut', { due: 10, open: false, parent: 'root' }),
        kase('orphan', { person: 'B', due: 50, parent: 'not-given' }),
      ],
      now,
    );
    const a = r.persons.find((p) => p.key === 'A');
    expect(a).toMatchObject({ cases: 2, blocked: 2, blockedIds: ['mid', 'root'], overdueMs: 90 * HOUR });
    expect(r.evidence.get('leaf1')?.blockedIds).toEqual(['mid', 'root']);
    expect(r.persons.find((p) => p.key === 'B')).toMatchObject({ blocked: 0, blockedIds: [] });
    expect(r.blocked).toBe(2);
    expect(r.units[0]).toMatchObject({ key: 'u1', blocked: 2 });
  });

  it('attributes only the overdue cases `counts` accepts, and finds their ancestors among all the cases given', () => {
    const cases = [kase('whole', { person: 'W', unit: 'u2', due: 90 }), kase('part', { person: 'A', unit: 'u1', due: 80, parent: 'whole' })];
    const r = mainLink(cases, now, (c) => c.caseId === 'part');
    expect(r.cases).toBe(1);
    expect(r.persons).toEqual([{ key: 'A', overdueMs: 20 * HOUR, cases: 1, blocked: 1, caseIds: ['part'], blockedIds: ['whole'] }]);
  });

  it('breaks ties by blocked, then cases, then key', () => {
    const r = mainLink(
      [
        kase('p', { person: 'X', due: 200 }),
        kase('x1', { person: 'Y', due: 90, parent: 'p' }), // Y: 10 h, blocks p
        kase('z1', { person: 'Z', due: 95 }), // Z: 5 + 5 h, two cases
        kase('z2', { person: 'Z', due: 95 }),
        kase('w1', { person: 'W', due: 90 }), // W: 10 h, one case
        kase('v1', { person: 'V', due: 90 }), // V: as W
      ],
      now,
    );
    expect(r.persons.map((p) => p.key)).toEqual(['Y', 'Z', 'V', 'W']);
  });

  it('refuses a case given twice', () => {
    expect(() => mainLink([kase('c', { due: 1 }), kase('c', { due: 2 })], now)).toThrow(/twice/);
  });
});

describe('linkCaseOf on ledgers from events', () => {
  const issued = (id: string, overrides: Partial<IssuedPayload> = {}): StreamEvent<AssignmentEvent> =>
    ({
      type: 'assignment.issued',
      actor: 'I',
      at: iso(0),
      payload: {
        decisionId: 'dec',
        parentId: null,
        title: id,
        definitionOfDone: 'done',
        domain: 'roads',
        deadline: iso(24),
        urgency: 'normal',
        issuerId: 'I',
        ownerId: 'A',
        verifierId: 'V',
        controllerId: 'K',
        coExecutorIds: [],
        units: { I: 'u0', A: 'u1', V: 'u2', K: 'u3' },
        ...overrides,
      },
    });
  const e = (type: string, hours: number, actor: string, payload: object = {}): StreamEvent<AssignmentEvent> => ({ type, actor, at: iso(hours), payload }) as unknown as StreamEvent<AssignmentEvent>;

  it('a handover refused gives the case back to A: A holds since the refusal, the earlier overdue hours stay in the case only', () => {
    const events = [issued('c'), e('assignment.accepted', 1, 'A'), e('assignment.handover-offered', 30, 'A', { to: 'B', toUnit: 'u9', reason: 'r' }), e('assignment.handover-refused', 40, 'B', { reason: 'no' })];
    const c = linkCaseOf('c', hourLedger(events, iso(50)));
    expect(c).toEqual({ caseId: 'c', parentId: null, open: true, deadline: T0 + 24 * HOUR, holding: { personId: 'A', unitId: 'u1', step: 'executing', since: T0 + 40 * HOUR }, overdueMs: 26 * HOUR });
    const r = mainLink([c], T0 + 50 * HOUR);
    expect(r.persons).toEqual([{ key: 'A', overdueMs: 10 * HOUR, cases: 1, blocked: 0, caseIds: ['c'], blockedIds: [] }]);
  });

  it('each waiting role is its step: accepting, transfer, extension, verifying; a holding across the deadline counts from the deadline', () => {
    const at = (events: StreamEvent<AssignmentEvent>[], h: number): LinkCase => linkCaseOf('c', hourLedger(events, iso(h)));
    expect(at([issued('c')], 30).holding).toEqual({ personId: 'A', unitId: 'u1', step: 'accepting', since: T0 });
    expect(mainLink([at([issued('c')], 30)], T0 + 30 * HOUR).overdueMs).toBe(6 * HOUR);
    const accepted = [issued('c'), e('assignment.accepted', 1, 'A')];
    expect(at([...accepted, e('assignment.transfer-requested', 2, 'I', { to: 'B', toUnit: 'u4', reason: 'r' })], 30).holding).toMatchObject({ personId: 'B', unitId: 'u4', step: 'transfer' });
    expect(at([...accepted, e('assignment.extension-requested', 2, 'A', { deadline: iso(48), reason: 'r' })], 30).holding).toMatchObject({ personId: 'K', unitId: 'u3', step: 'extension', since: T0 + 2 * HOUR });
    expect(at([...accepted, e('assignment.submitted', 5, 'A', { evidence: [] })], 30).holding).toMatchObject({ personId: 'V', unitId: 'u2', step: 'verifying', since: T0 + 5 * HOUR });
    // An extension granted moves the deadline: no longer overdue.
    const granted = at([...accepted, e('assignment.extension-requested', 2, 'A', { deadline: iso(48), reason: 'r' }), e('assignment.extension-granted', 3, 'K', { deadline: iso(48) })], 30);
    expect(mainLink([granted], T0 + 30 * HOUR).cases).toBe(0);
    // Verified: closed, no holding.
    expect(at([...accepted, e('assignment.submitted', 5, 'A', { evidence: [] }), e('assignment.verified', 6, 'V')], 30)).toMatchObject({ open: false, holding: null });
  });

  it('a handover accepted at the very moment asked: the new holder holds, since now, with no overdue hour yet', () => {
    const events = [issued('c'), e('assignment.accepted', 1, 'A'), e('assignment.handover-offered', 30, 'A', { to: 'B', toUnit: 'u9', reason: 'r' }), e('assignment.handover-accepted', 40, 'B')];
    const c = linkCaseOf('c', hourLedger(events, iso(40)));
    expect(c.holding).toEqual({ personId: 'B', unitId: 'u9', step: 'executing', since: T0 + 40 * HOUR });
    expect(mainLink([c], T0 + 40 * HOUR).persons[0]).toMatchObject({ key: 'B', overdueMs: 0, cases: 1 });
  });
});

describe('mainLink on random forests of cases', () => {
  const people = ['A', 'B', 'C', 'D', 'E'];
  const units = ['u1', 'u2', 'u3', ''];
  const caseArb = fc.record({
    open: fc.boolean(),
    person: fc.integer({ min: 0, max: people.length - 1 }),
    unit: fc.integer({ min: 0, max: units.length - 1 }),
    step: fc.integer({ min: 0, max: LINK_STEPS.length - 1 }),
    since: fc.integer({ min: 0, max: 200 }),
    due: fc.integer({ min: 0, max: 200 }),
    parent: fc.integer({ min: -1, max: 40 }),
  });

  it('every ranking sums to the totals, and every row is what a plain recount over the cases gives', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { maxLength: 40 }), fc.integer({ min: 0, max: 220 }), (specs, nowHours) => {
        const now = T0 + nowHours * HOUR;
        // Parents only among earlier cases: a forest.
        const cases = specs.map((s, i): LinkCase => {
          const person = people[s.person] as string;
          return {
            caseId: `c${String(i).padStart(2, '0')}`,
            parentId: s.parent >= 0 && s.parent < i ? `c${String(s.parent).padStart(2, '0')}` : null,
            open: s.open,
            deadline: T0 + s.due * HOUR,
            holding: s.open ? { personId: person, unitId: units[s.unit] as string, step: LINK_STEPS[s.step] as LinkStep, since: T0 + Math.min(s.since, nowHours) * HOUR } : null,
            overdueMs: 0,
          };
        });
        const r = mainLink(cases, now);
        const overdue = cases.filter((c) => c.open && c.deadline < now);
        const held = (c: LinkCase): number => now - Math.max(c.deadline, c.holding?.since ?? 0);
        const total = overdue.reduce((n, c) => n + held(c), 0);
        expect(r.cases).toBe(overdue.length);
        expect(r.overdueMs).toBe(total);
        const byId = new Map(cases.map((c) => [c.caseId, c]));
        const ancestors = (c: LinkCase): string[] => {
          const out: string[] = [];
          for (let p = c.parentId === null ? undefined : byId.get(c.parentId); p !== undefined && p.open; p = p.parentId === null ? undefined : byId.get(p.parentId)) out.push(p.caseId);
          return out;
        };
        expect(r.blocked).toBe(new Set(overdue.flatMap(ancestors)).size);
        for (const [kind, rows, keyOf] of [
          ['person', r.persons, (c: LinkCase) => c.holding?.personId],
          ['unit', r.units, (c: LinkCase) => c.holding?.unitId],
          ['step', r.steps, (c: LinkCase) => c.holding?.step],
        ] as const) {
          expect(rows.reduce((n, x) => n + x.overdueMs, 0), kind).toBe(total);
          expect(rows.reduce((n, x) => n + x.cases, 0), kind).toBe(overdue.length);
          for (const row of rows) {
            const mine = overdue.filter((c) => keyOf(c) === row.key);
            expect(row.overdueMs).toBe(mine.reduce((n, c) => n + held(c), 0));
            expect([...row.caseIds].sort()).toEqual(mine.map((c) => c.caseId).sort());
            expect(row.blockedIds).toEqual([...new Set(mine.flatMap(ancestors))].sort());
            expect(row.blocked).toBe(row.blockedIds.length);
          }
          // Ranked: overdue time, then blocked, then cases, most first.
          for (let i = 1; i < rows.length; i++) {
            const a = rows[i - 1];
            const b = rows[i];
            if (a === undefined || b === undefined) continue;
            expect(a.overdueMs > b.overdueMs || (a.overdueMs === b.overdueMs && (a.blocked > b.blocked || (a.blocked === b.blocked && (a.cases > b.cases || (a.cases === b.cases && a.key < b.key)))))).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
