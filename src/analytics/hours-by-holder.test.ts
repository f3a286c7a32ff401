/**
 * Hours held per holder on ledgers made by hand: clipping at the period's edges, the overdue part,
 * roles, cases counted once per holder, the subtree filter, keys by unit; a ledger from real
 * events; and a property — on random tilings and periods, the hours equal a count hour by hour.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssignmentEvent, IssuedPayload } from '../domain/assignment/assignment.events.js';
import type { HoldingRole } from '../domain/assignment/assignment.state.js';
import type { StreamEvent } from '../domain/event.js';
import { hourLedger } from '../domain/ledger/hour-ledger.js';
import { clippedMs, HOLDING_ROLES, HoursByHolder, type HeldInterval } from './hours-by-holder.js';

const T0 = Date.parse('2022-03-01T00:00:00.000Z');
const HOUR = 3_600_000;
const iso = (hours: number): string => new Date(T0 + hours * HOUR).toISOString();
const at = (hours: number): number => T0 + hours * HOUR;

/** Intervals that tile from hour `start`: each [person, unit, role, hours, overdue?]. */
function tiling(start: number, ...spec: Array<[string, string, HoldingRole, number, boolean?]>): HeldInterval[] {
  let h = start;
  return spec.map(([personId, unitId, role, hours, overdue]) => {
    const i = { from: iso(h), to: iso(h + hours), personId, unitId, role, overdue: overdue ?? false };
    h += hours;
    return i;
  });
}

describe('clippedMs', () => {
  const i = { from: iso(10), to: iso(20) };
  it('counts only the part inside [from, to), cut at both edges', () => {
    expect(clippedMs(i, { from: at(12), to: at(15) })).toBe(3 * HOUR);
    expect(clippedMs(i, { from: at(5), to: at(12) })).toBe(2 * HOUR);
    expect(clippedMs(i, { from: at(18), to: at(30) })).toBe(2 * HOUR);
    expect(clippedMs(i, { from: at(0), to: at(30) })).toBe(10 * HOUR);
    expect(clippedMs(i, { from: Number.NEGATIVE_INFINITY, to: Number.POSITIVE_INFINITY })).toBe(10 * HOUR);
  });
  it('counts nothing for an interval that only touches the period or lies outside it', () => {
    expect(clippedMs(i, { from: at(20), to: at(30) })).toBe(0);
    expect(clippedMs(i, { from: at(0), to: at(10) })).toBe(0);
    expect(clippedMs(i, { from: at(25), to: at(30) })).toBe(0);
  });
});

describe('HoursByHolder on ledgers by hand', () => {
  // Case 1: A accepts 0–2, executes 2–10 (overdue from 8), B answers a handover 10–12 (overdue), A executes 12–15 (overdue).
  const case1 = tiling(0, ['A', 'u1', 'accepting', 2], ['A', 'u1', 'executing', 6], ['A', 'u1', 'executing', 2, true], ['B', 'u2', 'handover', 2, true], ['A', 'u1', 'executing', 3, true]);
  // Case 2: B executes 5–9, V verifies 9–11, closed 11–20 (held by V), A executes again 20–24 after a reopening.
  const case2 = tiling(5, ['B', 'u2', 'executing', 4], ['V', 'u3', 'verifying', 2], ['V', 'u3', 'closed', 9], ['A', 'u1', 'executing', 4]);

  it('over all time: every interval counts, roles split the time, each holder counts a case once', () => {
    const h = new HoursByHolder({ by: 'person' });
    h.addCase(case1);
    h.addCase(case2);
    const r = h.result();
    expect(r.totalMs).toBe((15 + 19) * HOUR);
    expect(r.overdueMs).toBe(7 * HOUR);
    expect(r.cases).toBe(2);
    expect(r.holders).toEqual([
      { key: 'A', ms: 17 * HOUR, overdueMs: 5 * HOUR, byRole: { accepting: 2 * HOUR, executing: 15 * HOUR }, cases: 2 },
      { key: 'V', ms: 11 * HOUR, overdueMs: 0, byRole: { verifying: 2 * HOUR, closed: 9 * HOUR }, cases: 1 },
      { key: 'B', ms: 6 * HOUR, overdueMs: 2 * HOUR, byRole: { executing: 4 * HOUR, handover: 2 * HOUR }, cases: 2 },
    ]);
    expect(r.byRole).toEqual({ accepting: 2 * HOUR, executing: 19 * HOUR, handover: 2 * HOUR, verifying: 2 * HOUR, closed: 9 * HOUR });
    // Roles are listed in the order of a case's life.
    expect(Object.keys(r.holders[2]?.byRole ?? {})).toEqual(['executing', 'handover']);
  });

  it('clips at the period edges: [7, 11) keeps 1 h of A before the deadline, 2 h overdue, 1 h of B; case 2 its part', () => {
    const h = new HoursByHolder({ by: 'person', period: { from: at(7), to: at(11) } });
    h.addCase(case1);
    h.addCase(case2);
    const r = h.result();
    expect(r.holders).toEqual([
      { key: 'A', ms: 3 * HOUR, overdueMs: 2 * HOUR, byRole: { executing: 3 * HOUR }, cases: 1 },
      { key: 'B', ms: 3 * HOUR, overdueMs: 1 * HOUR, byRole: { executing: 2 * HOUR, handover: 1 * HOUR }, cases: 2 },
      { key: 'V', ms: 2 * HOUR, overdueMs: 0, byRole: { verifying: 2 * HOUR }, cases: 1 },
    ]);
    expect(r.totalMs).toBe(8 * HOUR);
    expect(r.overdueMs).toBe(3 * HOUR);
    expect(r.cases).toBe(2);
  });

  it('leaves out holders and cases with no time in the period, and the edge moments themselves', () => {
    const h = new HoursByHolder({ by: 'person', period: { from: at(15), to: at(20) } });
    h.addCase(case1); // ends exactly at 15: nothing
    h.addCase(case2); // closed 11–20 only
    expect(h.result()).toEqual({ totalMs: 5 * HOUR, overdueMs: 0, byRole: { closed: 5 * HOUR }, cases: 1, holders: [{ key: 'V', ms: 5 * HOUR, overdueMs: 0, byRole: { closed: 5 * HOUR }, cases: 1 }] });
  });

  it('with a subtree, keeps only the intervals whose holder unit is in it, whatever the person', () => {
    const mixed = tiling(0, ['A', 'u1', 'executing', 3], ['A', 'u9', 'executing', 4], ['C', 'u1a', 'extension', 1, true]);
    const h = new HoursByHolder({ by: 'person', units: new Set(['u1', 'u1a']) });
    h.addCase(mixed);
    h.addCase(case2); // A in u1 for 4 h; B, V outside
    const r = h.result();
    expect(r.holders).toEqual([
      { key: 'A', ms: 7 * HOUR, overdueMs: 0, byRole: { executing: 7 * HOUR }, cases: 2 },
      { key: 'C', ms: 1 * HOUR, overdueMs: 1 * HOUR, byRole: { extension: 1 * HOUR }, cases: 1 },
    ]);
    expect(r.totalMs).toBe(8 * HOUR);
  });

  it('by unit: a unit sums its people, and the ledger naming no unit is the key ""', () => {
    const h = new HoursByHolder({ by: 'unit' });
    h.addCase(tiling(0, ['A', 'u1', 'executing', 2], ['B', 'u1', 'handover', 3], ['X', '', 'transfer', 1]));
    expect(h.result().holders.map((x) => [x.key, x.ms / HOUR, x.cases])).toEqual([
      ['u1', 5, 1],
      ['', 1, 1],
    ]);
  });
});

describe('HoursByHolder on a ledger from events', () => {
  const payload: IssuedPayload = {
    decisionId: 'dec',
    parentId: null,
    title: 't',
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
  };
  const e = (type: string, hours: number, actor: string, p: object = {}): StreamEvent<AssignmentEvent> => ({ type, actor, at: iso(hours), payload: p }) as unknown as StreamEvent<AssignmentEvent>;

  it('splits at the deadline as the ledger does: the overdue part is the time after hour 24 inside the period', () => {
    const events = [e('assignment.issued', 0, 'I', payload), e('assignment.accepted', 1, 'A'), e('assignment.submitted', 30, 'A', { evidence: [] }), e('assignment.verified', 34, 'V')];
    const ledger = hourLedger(events, iso(40));
    const h = new HoursByHolder({ by: 'person', period: { from: at(20), to: at(32) } });
    h.addCase(ledger.intervals);
    expect(h.result().holders).toEqual([
      { key: 'A', ms: 10 * HOUR, overdueMs: 6 * HOUR, byRole: { executing: 10 * HOUR }, cases: 1 },
      { key: 'V', ms: 2 * HOUR, overdueMs: 2 * HOUR, byRole: { verifying: 2 * HOUR }, cases: 1 },
    ]);
    // Over all time it is the ledger's own totals.
    const all = new HoursByHolder({ by: 'person' });
    all.addCase(ledger.intervals);
    expect(all.result().holders.map((x) => ({ id: x.key, ms: x.ms, overdueMs: x.overdueMs }))).toEqual(ledger.byPerson);
    expect(all.result().totalMs).toBe(ledger.elapsedMs);
  });
});

describe('HoursByHolder on random tilings and periods', () => {
  const people = ['A', 'B', 'C'];
  const units = ['u1', 'u2', ''];
  const interval = fc.record({ person: fc.integer({ min: 0, max: 2 }), unit: fc.integer({ min: 0, max: 2 }), role: fc.constantFrom(...HOLDING_ROLES), hours: fc.integer({ min: 1, max: 12 }), overdue: fc.boolean() });
  const kase = fc.record({ start: fc.integer({ min: 0, max: 40 }), intervals: fc.array(interval, { minLength: 0, maxLength: 8 }) });

  it('equal a count made hour by hour, per person and in all, with and without a subtree', () => {
    fc.assert(
      fc.property(fc.array(kase, { maxLength: 6 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 100 }), fc.boolean(), (cases, from, length, filter) => {
        const tilings = cases.map((c) => tiling(c.start, ...c.intervals.map((i): [string, string, HoldingRole, number, boolean] => [people[i.person] ?? '', units[i.unit] ?? '', i.role, i.hours, i.overdue])));
        const keep = filter ? new Set(['u1']) : undefined;
        const h = new HoursByHolder({ by: 'person', period: { from: at(from), to: at(from + length) }, ...(keep ? { units: keep } : {}) });
        for (const t of tilings) h.addCase(t);
        const r = h.result();
        // The plain count: each whole hour of each interval that lies in the period.
        const plain = new Map<string, { ms: number; overdueMs: number; cases: Set<number> }>();
        tilings.forEach((t, n) => {
          for (const i of t) {
            if (keep && !keep.has(i.unitId)) continue;
            for (let hour = (Date.parse(i.from) - T0) / HOUR; hour < (Date.parse(i.to) - T0) / HOUR; hour++) {
              if (hour < from || hour >= from + length) continue;
              const p = plain.get(i.personId) ?? { ms: 0, overdueMs: 0, cases: new Set<number>() };
              p.ms += HOUR;
              if (i.overdue) p.overdueMs += HOUR;
              p.cases.add(n);
              plain.set(i.personId, p);
            }
          }
        });
        expect(Object.fromEntries(r.holders.map((x) => [x.key, [x.ms, x.overdueMs, x.cases]]))).toEqual(Object.fromEntries([...plain].map(([k, p]) => [k, [p.ms, p.overdueMs, p.cases.size]])));
        expect(r.holders.reduce((s, x) => s + x.ms, 0)).toBe(r.totalMs);
        expect(r.holders.reduce((s, x) => s + x.overdueMs, 0)).toBe(r.overdueMs);
        for (const x of r.holders) expect(Object.values(x.byRole).reduce((s, v) => s + v, 0)).toBe(x.ms);
        for (const role of HOLDING_ROLES) expect(r.holders.reduce((s, x) => s + (x.byRole[role] ?? 0), 0)).toBe(r.byRole[role] ?? 0);
      }),
    );
  });
});
