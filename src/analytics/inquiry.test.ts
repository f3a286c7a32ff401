/**
 * The inquiry on cases made from events by hand: selection by domain, title text, the owner's
 * unit and issue time (edges included and excluded); waits merged across the deadline and not
 * across closed time; the standing counts, time by unit and role and by person, the longest waits,
 * and the handovers, refusals and ping-pong of the selected cases only.
 */
import { describe, expect, it } from 'vitest';
import type { AssignmentEvent, IssuedPayload } from '../domain/assignment/assignment.events.js';
import type { StreamEvent } from '../domain/event.js';
import { hourLedger } from '../domain/ledger/hour-ledger.js';
import { type HeldInterval } from './hours-by-holder.js';
import { inquiry, selects, waitsOf, type InquiryCase } from './inquiry.js';

const T0 = Date.parse('2022-03-01T00:00:00.000Z');
const HOUR = 3_600_000;
const iso = (hours: number): string => new Date(T0 + hours * HOUR).toISOString();

const e = (type: string, hours: number, actor: string, payload: object = {}): StreamEvent<AssignmentEvent> => ({ type, actor, at: iso(hours), payload }) as unknown as StreamEvent<AssignmentEvent>;

function issued(title: string, deadline: number, overrides: Partial<IssuedPayload> = {}): StreamEvent<AssignmentEvent> {
  const payload: IssuedPayload = {
    decisionId: 'dec',
    parentId: null,
    title,
    definitionOfDone: 'done',
    domain: 'food',
    deadline: iso(deadline),
    urgency: 'normal',
    issuerId: 'I',
    ownerId: 'A',
    verifierId: 'V',
    controllerId: 'K',
    coExecutorIds: [],
    units: { I: 'u0', A: 'u1', V: 'u2', K: 'u3' },
    ...overrides,
  };
  return e('assignment.issued', 0, 'I', payload);
}

/** A case from its events, its ledger as of hour 40. */
function kase(caseId: string, events: StreamEvent<AssignmentEvent>[], issuedAt = 0): InquiryCase {
  const first = events[0]?.payload as IssuedPayload;
  return { caseId, title: first.title, domain: first.domain, ownerUnitId: first.units[first.ownerId] ?? '', issuedAt: T0 + issuedAt * HOUR, ledger: hourLedger(events, iso(40)) };
}

// P: A and B send the case to each other (two accepted handovers, one refused), A submits late, V verifies late.
const P = kase('P', [
  issued('Buy the canned meat', 24),
  e('assignment.accepted', 1, 'A'),
  e('assignment.handover-offered', 2, 'A', { to: 'B', toUnit: 'u4', reason: 'yours' }),
  e('assignment.handover-accepted', 3, 'B'),
  e('assignment.handover-offered', 5, 'B', { to: 'A', toUnit: 'u1', reason: 'no, yours' }),
  e('assignment.handover-accepted', 6, 'A'),
  e('assignment.handover-offered', 8, 'A', { to: 'B', toUnit: 'u4', reason: 'yours again' }),
  e('assignment.handover-refused', 9, 'B', { reason: 'to the devil' }),
  e('assignment.submitted', 30, 'A', { evidence: [] }),
  e('assignment.verified', 32, 'V'),
]);
// O: C of u5 accepts and is still at it, past the deadline of hour 10.
const O = kase('O', [issued('Repair the road', 10, { domain: 'roads', ownerId: 'C', units: { I: 'u0', C: 'u5', V: 'u2', K: 'u3' } }), e('assignment.accepted', 2, 'C')]);
// X: cancelled before A accepted it.
const X = kase('X', [issued('Buy flour', 100), e('assignment.cancelled', 5, 'I', { reason: 'not needed' })]);

describe('selects', () => {
  const c = { ...P, issuedAt: T0 + 10 * HOUR };
  it('keeps a case that passes every filter given, and every case with none', () => {
    expect(selects({}, c)).toBe(true);
    expect(selects({ domain: 'food', search: 'CANNED meat', units: new Set(['u1', 'u7']), from: T0 + 10 * HOUR, to: T0 + 11 * HOUR }, c)).toBe(true);
  });
  it('drops it on any filter it fails: domain, title text, owner unit, issued before from or at to', () => {
    expect(selects({ domain: 'roads' }, c)).toBe(false);
    expect(selects({ search: 'flour' }, c)).toBe(false);
    expect(selects({ units: new Set(['u4']) }, c)).toBe(false);
    expect(selects({ from: T0 + 10 * HOUR + 1 }, c)).toBe(false);
    expect(selects({ to: T0 + 10 * HOUR }, c)).toBe(false);
  });
});

describe('waitsOf', () => {
  const i = (personId: string, role: HeldInterval['role'], from: number, to: number, overdue = false): HeldInterval & { ms: number } => ({ personId, unitId: 'u1', role, from: iso(from), to: iso(to), ms: (to - from) * HOUR, overdue });
  it('joins the ledger cut at the deadline, leaves out closed time and does not join across it, nor across roles', () => {
    const waits = waitsOf('c', [i('A', 'executing', 0, 5), i('A', 'executing', 5, 8, true), i('A', 'verifying', 8, 9, true), i('A', 'closed', 9, 20), i('A', 'verifying', 20, 22, true)]);
    expect(waits.map((w) => [w.role, w.from, w.to, w.ms / HOUR, w.overdueMs / HOUR])).toEqual([
      ['executing', iso(0), iso(8), 8, 3],
      ['verifying', iso(8), iso(9), 1, 1],
      ['verifying', iso(20), iso(22), 2, 2],
    ]);
  });
});

describe('inquiry', () => {
  const r = inquiry([P, O, X], 2);

  it('counts how the cases stand', () => {
    expect({ cases: r.cases, verified: r.verified, cancelled: r.cancelled, open: r.open, overdueNow: r.overdueNow, late: r.late }).toEqual({ cases: 3, verified: 1, cancelled: 1, open: 1, overdueNow: 1, late: 2 });
    // Open and still in time: neither overdue now nor late.
    const inTime = kase('Y', [issued('Buy salt', 100), e('assignment.accepted', 1, 'A')]);
    expect(inquiry([inTime], 1)).toMatchObject({ cases: 1, open: 1, overdueNow: 0, late: 0, totalMs: 40 * HOUR });
  });

  it('puts every hour of the cases under one holder unit and role, and under one person', () => {
    expect(r.totalMs).toBe((32 + 40 + 5) * HOUR);
    expect(r.overdueMs).toBe((8 + 30) * HOUR);
    expect(r.byUnitRole.map((x) => [x.unitId, x.role, x.ms / HOUR, x.overdueMs / HOUR, x.cases])).toEqual([
      ['u5', 'executing', 38, 30, 1],
      ['u1', 'executing', 24, 6, 1],
      ['u1', 'accepting', 6, 0, 2],
      ['u2', 'verifying', 2, 2, 1],
      ['u4', 'executing', 2, 0, 1],
      ['u4', 'handover', 2, 0, 1],
      ['u5', 'accepting', 2, 0, 1],
      ['u1', 'handover', 1, 0, 1],
    ]);
    expect(r.byPerson.map((x) => [x.key, x.ms / HOUR, x.overdueMs / HOUR, x.cases])).toEqual([
      ['C', 40, 30, 1],
      ['A', 31, 6, 2],
      ['B', 4, 0, 1],
      ['V', 2, 2, 1],
    ]);
  });

  it('lists the longest waits first, the top asked for, and counts them all', () => {
    expect(r.waits).toBe(9 + 2 + 1);
    expect(r.longestWaits).toEqual([
      { caseId: 'O', personId: 'C', unitId: 'u5', role: 'executing', from: iso(2), to: iso(40), ms: 38 * HOUR, overdueMs: 30 * HOUR },
      { caseId: 'P', personId: 'A', unitId: 'u1', role: 'executing', from: iso(9), to: iso(30), ms: 21 * HOUR, overdueMs: 6 * HOUR },
    ]);
  });

  it('finds the ping-pong and the refusal of the selected cases, by person and by unit', () => {
    const p = r.handovers.person;
    expect({ cases: p.cases, returns: p.returns, casesWithReturns: p.casesWithReturns, refusals: p.refusals }).toEqual({ cases: 3, returns: 3, casesWithReturns: 1, refusals: 1 });
    expect(p.pingPong).toEqual([{ a: 'A', b: 'B', returns: 3, cases: 1 }]);
    expect(p.returning).toEqual([{ caseId: 'P', returns: 3, keys: ['A', 'B', 'A', 'B', 'A', 'V'] }]);
    expect(p.refused).toEqual([{ from: 'A', to: 'B', count: 1 }]);
    expect(r.handovers.unit.pingPong).toEqual([{ a: 'u1', b: 'u4', returns: 3, cases: 1 }]);
    // Without P, nothing of it remains.
    const rest = inquiry([O, X], 10).handovers.person;
    expect({ returns: rest.returns, refusals: rest.refusals, passes: rest.passes }).toEqual({ returns: 0, refusals: 0, passes: 0 });
  });

  it('gives zeros and empty lists for no case', () => {
    expect(inquiry([], 5)).toMatchObject({ cases: 0, totalMs: 0, byUnitRole: [], byPerson: [], waits: 0, longestWaits: [] });
  });
});
