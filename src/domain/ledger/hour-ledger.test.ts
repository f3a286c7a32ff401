/**
 * The hour ledger (F4) on fixed scenarios: exact intervals (who, which unit, in what role, overdue
 * or not), totals by person and by unit, requests and marks. Every scenario also checks the
 * tiling invariant: the intervals cover the case's life from issue to end with no gap or overlap.
 */
import { describe, expect, it } from 'vitest';
import * as rules from '../assignment/assignment.rules.js';
import type { Evidence } from '../assignment/evidence.js';
import { toMs } from '../time.js';
import { hourLedger, type HourLedger } from './hour-ledger.js';
import { Case, h, HOUR, P } from '../../../test/support/assignment-case.js';

// ---------------------------------------------------------------- fixtures

const EVIDENCE: Evidence[] = [{ kind: 'text', text: 'done' }];

/** An interval as [from hour, to hour, person, unit, role, overdue]. */
type Row = [number, number, string, string, string, boolean];

function rows(l: HourLedger): Row[] {
  const hourOf = (i: string): number => (toMs(i) - toMs(h(0))) / HOUR;
  return l.intervals.map((i) => [hourOf(i.from), hourOf(i.to), i.personId, i.unitId, i.role, i.overdue]);
}

function expectTiles(l: HourLedger): void {
  const first = l.intervals[0];
  expect(first?.from).toBe(l.start);
  let at = l.start;
  for (const i of l.intervals) {
    expect(i.from).toBe(at);
    expect(i.ms).toBe(toMs(i.to) - toMs(i.from));
    expect(i.ms).toBeGreaterThan(0);
    at = i.to;
  }
  expect(at).toBe(l.end);
  const sum = l.intervals.reduce((s, i) => s + i.ms, 0);
  expect(sum).toBe(l.elapsedMs);
  expect(l.elapsedMs).toBe(toMs(l.end) - toMs(l.start));
  expect(l.byPerson.reduce((s, t) => s + t.ms, 0)).toBe(l.elapsedMs);
  expect(l.byUnit.reduce((s, t) => s + t.ms, 0)).toBe(l.elapsedMs);
  expect(l.byPerson.reduce((s, t) => s + t.overdueMs, 0)).toBe(l.overdueMs);
}

describe('hourLedger', () => {
  it('attributes each stretch to a person, their unit and their role across a handover', () => {
    const c = Case.issue()
      .do(P.owner, 2, rules.accept)
      .do(P.owner, 10, (s, x) => rules.offerHandover(s, { to: P.other, reason: 'their unit buys abroad' }, x))
      .do(P.other, 12, rules.acceptHandover)
      .do(P.other, 30, (s, x) => rules.submit(s, { evidence: EVIDENCE }, x))
      .do(P.verifier, 40, (s, x) => rules.verify(s, { note: 'seen' }, x));
    const l = hourLedger(c.events, h(500));
    expect(rows(l)).toEqual([
      [0, 2, 'per_owner', 'unit_a', 'accepting', false],
      [2, 10, 'per_owner', 'unit_a', 'executing', false],
      [10, 12, 'per_other', 'unit_b', 'handover', false],
      [12, 30, 'per_other', 'unit_b', 'executing', false],
      [30, 40, 'per_verifier', 'unit_ctrl', 'verifying', false],
    ]);
    expect(l).toMatchObject({ start: h(0), end: h(40), open: false, elapsedMs: 40 * HOUR, overdueMs: 0 });
    expect(l.byPerson).toEqual([
      { id: 'per_other', ms: 20 * HOUR, overdueMs: 0 },
      { id: 'per_owner', ms: 10 * HOUR, overdueMs: 0 },
      { id: 'per_verifier', ms: 10 * HOUR, overdueMs: 0 },
    ]);
    expect(l.byUnit).toEqual([
      { id: 'unit_b', ms: 20 * HOUR, overdueMs: 0 },
      { id: 'unit_a', ms: 10 * HOUR, overdueMs: 0 },
      { id: 'unit_ctrl', ms: 10 * HOUR, overdueMs: 0 },
    ]);
    expect(l.requests).toEqual([
      { kind: 'handover', at: h(10), by: 'per_owner', to: 'per_other', reason: 'their unit buys abroad', outcome: 'accepted', answeredAt: h(12), answer: null },
    ]);
    expect(l.marks).toEqual([
      { kind: 'submitted', at: h(30), actor: 'per_other', detail: '1 item(s) of evidence' },
      { kind: 'verified', at: h(40), actor: 'per_verifier', detail: 'seen' },
    ]);
    expectTiles(l);
  });

  it('splits overdue time exactly at the deadline', () => {
    const c = Case.issue({ deadline: h(20) })
      .do(P.owner, 5, rules.accept)
      .do(P.owner, 30, (s, x) => rules.submit(s, { evidence: EVIDENCE }, x))
      .do(P.verifier, 35, (s, x) => rules.verify(s, {}, x));
    const l = hourLedger(c.events, h(35));
    expect(rows(l)).toEqual([
      [0, 5, 'per_owner', 'unit_a', 'accepting', false],
      [5, 20, 'per_owner', 'unit_a', 'executing', false],
      [20, 30, 'per_owner', 'unit_a', 'executing', true],
      [30, 35, 'per_verifier', 'unit_ctrl', 'verifying', true],
    ]);
    expect(l.overdueMs).toBe(15 * HOUR);
    expect(l.byPerson).toEqual([
      { id: 'per_owner', ms: 30 * HOUR, overdueMs: 10 * HOUR },
      { id: 'per_verifier', ms: 5 * HOUR, overdueMs: 5 * HOUR },
    ]);
    expectTiles(l);
  });

  it('a refused handover: the ping-pong is on record, and the hours of the wait go to the recipient', () => {
    const c = Case.issue()
      .do(P.owner, 1, rules.accept)
      .do(P.owner, 3, (s, x) => rules.offerHandover(s, { to: P.other, reason: 'yours' }, x))
      .do(P.other, 8, (s, x) => rules.refuseHandover(s, { reason: 'go to the devil' }, x));
    const l = hourLedger(c.events, h(10));
    expect(rows(l)).toEqual([
      [0, 1, 'per_owner', 'unit_a', 'accepting', false],
      [1, 3, 'per_owner', 'unit_a', 'executing', false],
      [3, 8, 'per_other', 'unit_b', 'handover', false],
      [8, 10, 'per_owner', 'unit_a', 'executing', false],
    ]);
    expect(l.open).toBe(true);
    expect(l.requests).toEqual([
      { kind: 'handover', at: h(3), by: 'per_owner', to: 'per_other', reason: 'yours', outcome: 'refused', answeredAt: h(8), answer: 'go to the devil' },
    ]);
    expectTiles(l);
  });

  it('an extension granted after the deadline: overdue until the grant, on time after it', () => {
    const c = Case.issue({ deadline: h(20) })
      .do(P.owner, 1, rules.accept)
      .do(P.owner, 25, (s, x) => rules.requestExtension(s, { deadline: h(50), reason: 'the ship is late' }, x))
      .do(P.controller, 27, rules.grantExtension)
      .do(P.owner, 40, (s, x) => rules.submit(s, { evidence: EVIDENCE }, x))
      .do(P.verifier, 45, (s, x) => rules.verify(s, {}, x));
    const l = hourLedger(c.events, h(45));
    expect(rows(l)).toEqual([
      [0, 1, 'per_owner', 'unit_a', 'accepting', false],
      [1, 20, 'per_owner', 'unit_a', 'executing', false],
      [20, 25, 'per_owner', 'unit_a', 'executing', true],
      [25, 27, 'per_controller', 'unit_ctrl', 'extension', true],
      [27, 40, 'per_owner', 'unit_a', 'executing', false],
      [40, 45, 'per_verifier', 'unit_ctrl', 'verifying', false],
    ]);
    expect(l).toMatchObject({ deadline: h(50), originalDeadline: h(20), overdueMs: 7 * HOUR });
    expect(l.state.counts.deadlineChanges).toBe(1);
    expect(l.requests).toEqual([
      { kind: 'extension', at: h(25), by: 'per_owner', to: 'per_controller', reason: 'the ship is late', outcome: 'accepted', answeredAt: h(27), answer: `new deadline ${h(50)}`, deadline: h(50) },
    ]);
    expectTiles(l);
  });

  it('after a reopen, the closed stretch belongs to the verifier in the role "closed"', () => {
    const c = Case.issue()
      .do(P.owner, 1, rules.accept)
      .do(P.owner, 5, (s, x) => rules.submit(s, { evidence: EVIDENCE }, x))
      .do(P.verifier, 8, (s, x) => rules.verify(s, {}, x))
      .do(P.issuer, 20, (s, x) => rules.reopen(s, { reason: 'the meat was spoiled' }, x))
      .do(P.owner, 22, (s, x) => rules.submit(s, { evidence: EVIDENCE }, x))
      .do(P.verifier, 25, (s, x) => rules.verify(s, {}, x));
    const l = hourLedger(c.events, h(1000));
    expect(rows(l)).toEqual([
      [0, 1, 'per_owner', 'unit_a', 'accepting', false],
      [1, 5, 'per_owner', 'unit_a', 'executing', false],
      [5, 8, 'per_verifier', 'unit_ctrl', 'verifying', false],
      [8, 20, 'per_verifier', 'unit_ctrl', 'closed', false],
      [20, 22, 'per_owner', 'unit_a', 'executing', false],
      [22, 25, 'per_verifier', 'unit_ctrl', 'verifying', false],
    ]);
    expect(l).toMatchObject({ end: h(25), open: false, elapsedMs: 25 * HOUR });
    expect(l.marks.map((m) => m.kind)).toEqual(['submitted', 'verified', 'reopened', 'submitted', 'verified']);
    expectTiles(l);
  });

  it('an open case runs to `now`, never before its last event', () => {
    const c = Case.issue().do(P.owner, 1, rules.accept);
    const l = hourLedger(c.events, h(10));
    expect(rows(l)).toEqual([
      [0, 1, 'per_owner', 'unit_a', 'accepting', false],
      [1, 10, 'per_owner', 'unit_a', 'executing', false],
    ]);
    expect(l).toMatchObject({ open: true, end: h(10), elapsedMs: 10 * HOUR });
    const early = hourLedger(c.events, h(0.5));
    expect(early).toMatchObject({ end: h(1), elapsedMs: HOUR });
    expect(rows(early)).toEqual([[0, 1, 'per_owner', 'unit_a', 'accepting', false]]);
    expectTiles(l);
    expectTiles(early);
  });

  it('escalations do not cut the holder\'s stretch, and are marked', () => {
    const c = Case.issue()
      .do(P.owner, 1, rules.accept)
      .do(P.owner, 4, (s, x) => rules.escalate(s, { to: P.third, reason: 'no answer from the trade office' }, x));
    const l = hourLedger(c.events, h(6));
    expect(rows(l)).toEqual([
      [0, 1, 'per_owner', 'unit_a', 'accepting', false],
      [1, 6, 'per_owner', 'unit_a', 'executing', false],
    ]);
    expect(l.marks).toEqual([{ kind: 'escalated', at: h(4), actor: 'per_owner', detail: 'level 1 to per_third: no answer from the trade office' }]);
    expectTiles(l);
  });

  it('a transfer requested then cancelled: the request lapses and the case closes with the issuer', () => {
    const c = Case.issue()
      .do(P.owner, 1, rules.accept)
      .do(P.owner, 2, (s, x) => rules.requestTransfer(s, { to: P.other, reason: 'r' }, x))
      .do(P.issuer, 6, (s, x) => rules.cancel(s, { reason: 'no longer needed' }, x));
    const l = hourLedger(c.events, h(100));
    expect(rows(l)).toEqual([
      [0, 1, 'per_owner', 'unit_a', 'accepting', false],
      [1, 2, 'per_owner', 'unit_a', 'executing', false],
      [2, 6, 'per_other', 'unit_b', 'transfer', false],
    ]);
    expect(l).toMatchObject({ open: false, end: h(6) });
    expect(l.requests).toEqual([
      { kind: 'transfer', at: h(2), by: 'per_owner', to: 'per_other', reason: 'r', outcome: 'lapsed', answeredAt: h(6), answer: 'the case was cancelled' },
    ]);
    expect(l.marks).toEqual([{ kind: 'cancelled', at: h(6), actor: 'per_issuer', detail: 'no longer needed' }]);
    expectTiles(l);
  });

  it('a case issued and closed in the same instant has an empty life', () => {
    const c = Case.issue().do(P.issuer, 0, (s, x) => rules.cancel(s, { reason: 'issued by mistake' }, x));
    const l = hourLedger(c.events, h(5));
    expect(l.intervals).toEqual([]);
    expect(l).toMatchObject({ elapsedMs: 0, start: h(0), end: h(0), open: false });
  });

  it('refuses a stream that does not start with assignment.issued', () => {
    expect(() => hourLedger([], h(0))).toThrow();
    const c = Case.issue().do(P.owner, 1, rules.accept);
    expect(() => hourLedger(c.events.slice(1), h(2))).toThrow(/issued assignment/);
  });
});
