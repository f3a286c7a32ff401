/** The handover network on small cases worked out by hand: stints (merging, 'closed' left out, by unit), passes with their waits, returns, refusals, holders. */
import { describe, expect, it } from 'vitest';
import type { LedgerRequest } from '../domain/ledger/hour-ledger.js';
import { HandoverNetwork, refusalsOf, stintsOf, type Stint, type StintInterval } from './handovers.js';

const T0 = Date.parse('2021-03-01T00:00:00.000Z');
const HOUR = 3_600_000;

/** Intervals that tile from T0: each [person, unit, role, hours]. */
function intervals(...spec: Array<[string, string, string, number]>): StintInterval[] {
  let at = T0;
  return spec.map(([personId, unitId, role, hours]) => {
    const from = new Date(at).toISOString();
    at += hours * HOUR;
    return { personId, unitId, role, from, ms: hours * HOUR };
  });
}

/** Stints from keys and durations in ms (`from` irrelevant to the network). */
function stints(...spec: Array<[string, number]>): Stint[] {
  return spec.map(([key, ms], i) => ({ key, from: i, ms }));
}

describe('stintsOf', () => {
  it('merges consecutive intervals of the same person, leaves out the closed role, and keeps where each stint began', () => {
    const list = intervals(['A', 'u1', 'accepting', 2], ['A', 'u1', 'executing', 3], ['B', 'u2', 'verifying', 1], ['B', 'u2', 'closed', 50], ['A', 'u1', 'executing', 4], ['A', 'u1', 'closed', 7]);
    expect(stintsOf(list, 'person')).toEqual([
      { key: 'A', from: T0, ms: 5 * HOUR },
      { key: 'B', from: T0 + 5 * HOUR, ms: 1 * HOUR },
      { key: 'A', from: T0 + 56 * HOUR, ms: 4 * HOUR },
    ]);
  });

  it('merges across a closed stretch of the same person: closed time is not a stint and does not cut one', () => {
    const list = intervals(['A', 'u1', 'verifying', 1], ['A', 'u1', 'closed', 10], ['A', 'u1', 'verifying', 2]);
    expect(stintsOf(list, 'person')).toEqual([{ key: 'A', from: T0, ms: 3 * HOUR }]);
  });

  it('by unit: consecutive intervals of the same unit merge whoever held them', () => {
    const list = intervals(['A', 'u1', 'executing', 2], ['B', 'u1', 'handover', 1], ['C', 'u2', 'verifying', 3], ['A', 'u1', 'executing', 1]);
    expect(stintsOf(list, 'unit')).toEqual([
      { key: 'u1', from: T0, ms: 3 * HOUR },
      { key: 'u2', from: T0 + 3 * HOUR, ms: 3 * HOUR },
      { key: 'u1', from: T0 + 6 * HOUR, ms: 1 * HOUR },
    ]);
    expect(stintsOf(list, 'person').map((s) => s.key)).toEqual(['A', 'B', 'C', 'A']);
  });

  it('gives no stint for a case that is closed from the start or has no interval', () => {
    expect(stintsOf([], 'person')).toEqual([]);
    expect(stintsOf(intervals(['A', 'u1', 'closed', 1]), 'person')).toEqual([]);
  });
});

describe('refusalsOf', () => {
  const request = (kind: LedgerRequest['kind'], by: string, to: string, outcome: LedgerRequest['outcome']): LedgerRequest => ({
    kind,
    at: '2021-03-01T00:00:00.000Z',
    by,
    to,
    reason: 'r',
    outcome,
    answeredAt: null,
    answer: null,
  });
  const requests = [
    request('handover', 'A', 'B', 'refused'),
    request('transfer', 'A', 'C', 'refused'),
    request('handover', 'A', 'B', 'accepted'),
    request('extension', 'A', 'D', 'refused'),
    request('transfer', 'B', 'C', 'pending'),
    request('handover', 'B', 'C', 'lapsed'),
  ];

  it('keeps only refused handovers and transfers, from the one who asked to the one who refused', () => {
    expect(refusalsOf(requests, 'person', () => undefined)).toEqual([
      { from: 'A', to: 'B' },
      { from: 'A', to: 'C' },
    ]);
  });

  it('by unit: keys each side by its unit, the empty string for a person without one', () => {
    const units: Record<string, string> = { A: 'u1', B: 'u2' };
    expect(refusalsOf(requests, 'unit', (p) => units[p])).toEqual([
      { from: 'u1', to: 'u2' },
      { from: 'u1', to: '' },
    ]);
  });
});

describe('HandoverNetwork', () => {
  it('counts passes with the mean and median wait of the one who received the case', () => {
    const n = new HandoverNetwork();
    n.addCase('c1', stints(['A', 10], ['B', 30], ['C', 5]), []);
    n.addCase('c2', stints(['A', 1], ['B', 10]), []);
    n.addCase('c3', stints(['A', 7], ['B', 2]), []);
    n.addCase('c4', stints(['D', 100]), []);
    n.addCase('c5', [], []);
    const r = n.result();
    expect(r.cases).toBe(5);
    expect(r.stints).toBe(8);
    expect(r.passes).toBe(4);
    expect(r.casesWithPass).toBe(3);
    expect(r.edges).toEqual([
      // A→B waits: 30, 10, 2 → mean 14, median 10
      { from: 'A', to: 'B', count: 3, meanWaitMs: 14, medianWaitMs: 10 },
      { from: 'B', to: 'C', count: 1, meanWaitMs: 5, medianWaitMs: 5 },
    ]);
    expect(r.returns).toBe(0);
    expect(r.casesWithReturns).toBe(0);
    expect(r.pingPong).toEqual([]);
    expect(r.returning).toEqual([]);
  });

  it('takes the median of an even number of waits as the mean of the middle two', () => {
    const n = new HandoverNetwork();
    for (const [i, ms] of [4, 1, 10, 6].entries()) n.addCase(`c${i}`, stints(['A', 1], ['B', ms]), []);
    expect(n.result().edges).toEqual([{ from: 'A', to: 'B', count: 4, meanWaitMs: 21 / 4, medianWaitMs: 5 }]);
  });

  it('counts A → B → A once, for the pair {A, B}, whichever way round', () => {
    const n = new HandoverNetwork();
    n.addCase('c1', stints(['A', 1], ['B', 1], ['A', 1]), []);
    n.addCase('c2', stints(['B', 1], ['A', 1], ['B', 1]), []);
    const r = n.result();
    expect(r.returns).toBe(2);
    expect(r.casesWithReturns).toBe(2);
    expect(r.pingPong).toEqual([{ a: 'A', b: 'B', returns: 2, cases: 2 }]);
    expect(r.returning).toEqual([
      { caseId: 'c1', returns: 1, keys: ['A', 'B', 'A'] },
      { caseId: 'c2', returns: 1, keys: ['B', 'A', 'B'] },
    ]);
  });

  it('counts A → B → C → A as a return, for the pair of the returning key and the one that passed it back', () => {
    const n = new HandoverNetwork();
    n.addCase('c1', stints(['A', 1], ['B', 1], ['C', 1], ['A', 1]), []);
    const r = n.result();
    expect(r.returns).toBe(1);
    expect(r.pingPong).toEqual([{ a: 'A', b: 'C', returns: 1, cases: 1 }]);
  });

  it('counts every return of a long ping-pong, the pair once per case in its cases', () => {
    const n = new HandoverNetwork();
    n.addCase('long', stints(['A', 1], ['B', 1], ['A', 1], ['B', 1], ['C', 1]), []);
    n.addCase('short', stints(['X', 1], ['Y', 1], ['X', 1]), []);
    const r = n.result();
    expect(r.returns).toBe(3);
    expect(r.casesWithReturns).toBe(2);
    expect(r.pingPong).toEqual([
      { a: 'A', b: 'B', returns: 2, cases: 1 },
      { a: 'X', b: 'Y', returns: 1, cases: 1 },
    ]);
    expect(r.returning.map((c) => [c.caseId, c.returns])).toEqual([
      ['long', 2],
      ['short', 1],
    ]);
  });

  it('gives each key its cases, stints, time held and passes in and out', () => {
    const n = new HandoverNetwork();
    n.addCase('c1', stints(['A', 10], ['B', 30], ['A', 5]), []);
    n.addCase('c2', stints(['B', 1], ['C', 2]), []);
    expect(n.result().holders).toEqual([
      { key: 'B', cases: 2, stints: 2, heldMs: 31, passesIn: 1, passesOut: 2 },
      { key: 'A', cases: 1, stints: 2, heldMs: 15, passesIn: 1, passesOut: 1 },
      { key: 'C', cases: 1, stints: 1, heldMs: 2, passesIn: 1, passesOut: 0 },
    ]);
  });

  it('counts refusals by (who asked → who refused)', () => {
    const n = new HandoverNetwork();
    n.addCase('c1', stints(['A', 1]), [
      { from: 'A', to: 'B' },
      { from: 'A', to: 'B' },
    ]);
    n.addCase('c2', stints(['A', 1]), [{ from: 'C', to: 'A' }]);
    const r = n.result();
    expect(r.refusals).toBe(3);
    expect(r.refused).toEqual([
      { from: 'A', to: 'B', count: 2 },
      { from: 'C', to: 'A', count: 1 },
    ]);
  });

  it('refuses stints whose consecutive keys are the same (they are not stints as stintsOf gives them)', () => {
    expect(() => new HandoverNetwork().addCase('bad', stints(['A', 1], ['A', 1]), [])).toThrow(/consecutive stints/);
  });
});
