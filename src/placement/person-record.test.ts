/**
 * The record of a person: Wilson intervals against known values, shrinkage toward the prior, the
 * counts of verified cases only, units' and the organisation's priors, and pooling over domains.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseOutcome } from './people.js';
import { buildRecords, estimateRate, MIN_UNIT_TRIALS, PRIOR_STRENGTH, wilsonInterval } from './person-record.js';

let seq = 0;
/** A verified, first-time, on-time case of `ownerId` in `domain` unless `over` says otherwise. */
function outcome(ownerId: string, domain: string, over: Partial<CaseOutcome> = {}): CaseOutcome {
  seq++;
  return {
    assignmentId: `a${seq}`,
    ownerId,
    ownerUnitId: 'u1',
    domain,
    status: 'verified',
    firstTime: true,
    onTime: true,
    latenessHours: -1,
    reopened: false,
    escalated: false,
    openOverdue: false,
    ...over,
  };
}

/** `n` cases of which the first `good` are first-time and on-time. */
function cases(ownerId: string, domain: string, n: number, good: number, over: Partial<CaseOutcome> = {}): CaseOutcome[] {
  return Array.from({ length: n }, (_, i) => outcome(ownerId, domain, { firstTime: i < good, onTime: i < good, ...over }));
}

describe('wilsonInterval', () => {
  it('matches known values', () => {
    const a = wilsonInterval(8, 10);
    expect(a.low).toBeCloseTo(0.4902, 4);
    expect(a.high).toBeCloseTo(0.9433, 4);
    const none = wilsonInterval(0, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 4);
    const all = wilsonInterval(10, 10);
    expect(all.low).toBeCloseTo(0.7225, 4);
    expect(all.high).toBe(1);
    const half = wilsonInterval(50, 100);
    expect(half.low).toBeCloseTo(0.4038, 4);
    expect(half.high).toBeCloseTo(0.5962, 4);
  });

  it('is the whole range without trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('widens with a larger z', () => {
    const z95 = wilsonInterval(30, 40);
    const z99 = wilsonInterval(30, 40, 2.575829);
    expect(z99.low).toBeLessThan(z95.low);
    expect(z99.high).toBeGreaterThan(z95.high);
  });

  it('keeps 0 ≤ low ≤ rate ≤ high ≤ 1, and narrows as trials grow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, q) => {
        const s = Math.round(q * n);
        const { low, high } = wilsonInterval(s, n);
        const rate = s / n;
        expect(low).toBeGreaterThanOrEqual(0);
        expect(low).toBeLessThanOrEqual(rate);
        expect(high).toBeGreaterThanOrEqual(rate);
        expect(high).toBeLessThanOrEqual(1);
        const bigger = wilsonInterval(s * 4, n * 4);
        expect(bigger.high - bigger.low).toBeLessThan(high - low);
      }),
    );
  });
});

describe('estimateRate', () => {
  it('is the prior itself without trials', () => {
    const e = estimateRate(0, 0, 0.73);
    expect(e.shrunk).toBe(0.73);
    expect(e.rate).toBeNull();
    expect(e.prior).toBe(0.73);
    expect([e.low, e.high]).toEqual([0, 1]);
  });

  it('shrinks by PRIOR_STRENGTH pseudo-cases', () => {
    expect(PRIOR_STRENGTH).toBe(8);
    const e = estimateRate(3, 4, 0.5);
    expect(e.rate).toBe(0.75);
    expect(e.shrunk).toBeCloseTo(7 / 12, 12);
    // two perfect cases against a 90% unit stay close to the unit
    expect(estimateRate(2, 2, 0.9).shrunk).toBeCloseTo(0.92, 12);
    expect(estimateRate(0, 2, 0.9).shrunk).toBeCloseTo(0.72, 12);
  });

  it('tends to the rate with many trials', () => {
    const e = estimateRate(9000, 10000, 0.1);
    expect(Math.abs(e.shrunk - 0.9)).toBeLessThan(0.001);
    expect(e.low).toBeLessThan(0.9);
    expect(e.high).toBeGreaterThan(0.9);
  });
});

describe('buildRecords', () => {
  it('counts rates over verified cases only, and the other statuses apart', () => {
    const records = buildRecords({
      people: [{ personId: 'p', unitId: 'u1' }],
      outcomes: [
        outcome('p', 'roads', { latenessHours: 4 }),
        outcome('p', 'roads', { firstTime: false, reopened: true, latenessHours: -2 }),
        outcome('p', 'roads', { onTime: false, escalated: true, latenessHours: 10 }),
        outcome('p', 'roads', { status: 'in_progress', firstTime: false, onTime: false, latenessHours: null, openOverdue: true, escalated: true }),
        outcome('p', 'roads', { status: 'submitted', latenessHours: null }),
        outcome('p', 'roads', { status: 'cancelled', latenessHours: null }),
      ],
      hours: [],
    });
    const r = records.inDomain('p', 'roads');
    expect(r).toMatchObject({ owned: 6, verified: 3, open: 2, cancelled: 1, openOverdue: 1, medianLatenessHours: 4 });
    expect([r.firstTime.successes, r.firstTime.trials]).toEqual([2, 3]);
    expect([r.onTime.successes, r.onTime.trials]).toEqual([2, 3]);
    expect([r.reopened.successes, r.escalated.successes]).toEqual([1, 1]);
    expect(records.people.get('p')?.overall.domain).toBe('*');
    expect(records.inDomain('p', '*')).toBe(records.people.get('p')?.overall);
  });

  it('takes the median lateness of an even count as the mean of the middle two', () => {
    const records = buildRecords({ people: [], outcomes: [1, 7, 3, 100].map((h) => outcome('p', 'roads', { latenessHours: h })), hours: [] });
    expect(records.inDomain('p', 'roads').medianLatenessHours).toBe(5);
  });

  it('gives the organisation 0.5 for every rate without a verified case', () => {
    const records = buildRecords({ people: [{ personId: 'p', unitId: 'u1' }], outcomes: [outcome('p', 'roads', { status: 'issued' })], hours: [] });
    expect(records.organisation).toEqual({ firstTime: 0.5, onTime: 0.5, reopened: 0.5, escalated: 0.5 });
    expect(records.inDomain('p', 'roads').firstTime.shrunk).toBe(0.5);
  });

  it('gives a unit its own means from MIN_UNIT_TRIALS verified cases, else the organisation’s', () => {
    const big = Array.from({ length: MIN_UNIT_TRIALS }, (_, i) => outcome(`b${i % 4}`, 'roads', { ownerUnitId: 'big', firstTime: i < 18, onTime: true }));
    const small = cases('s', 'roads', MIN_UNIT_TRIALS - 1, 0, { ownerUnitId: 'small' });
    const records = buildRecords({ people: [{ personId: 'newcomer', unitId: 'big' }, { personId: 'other', unitId: 'small' }], outcomes: [...big, ...small], hours: [] });
    expect(records.priorOf('big').firstTime).toBeCloseTo(0.9, 12);
    expect(records.priorOf('big').onTime).toBe(1);
    expect(records.organisation.firstTime).toBeCloseTo(18 / 39, 12);
    expect(records.priorOf('small')).toBe(records.organisation);
    expect(records.priorOf('nowhere')).toBe(records.organisation);
    // someone with no case in a domain has the prior of their unit as every shrunk rate
    const empty = records.inDomain('newcomer', 'parks');
    expect(empty).toMatchObject({ domain: 'parks', owned: 0, verified: 0, medianLatenessHours: null, hoursHeld: 0 });
    expect(empty.firstTime.shrunk).toBeCloseTo(0.9, 12);
    expect(records.inDomain('other', 'parks').firstTime.shrunk).toBeCloseTo(18 / 39, 12);
    // an unknown person: the organisation's
    expect(records.inDomain('ghost', 'roads').firstTime.prior).toBeCloseTo(18 / 39, 12);
  });

  it('shrinks a person toward their listed unit even for cases owned elsewhere', () => {
    const unitA = cases('a', 'roads', 20, 20, { ownerUnitId: 'A' });
    const unitB = cases('b', 'roads', 20, 0, { ownerUnitId: 'B' });
    const moved = cases('m', 'roads', 2, 2, { ownerUnitId: 'A' });
    const records = buildRecords({ people: [{ personId: 'm', unitId: 'B' }], outcomes: [...unitA, ...unitB, ...moved], hours: [] });
    expect(records.people.get('m')?.unitId).toBe('B');
    expect(records.inDomain('m', 'roads').firstTime.prior).toBe(0);
    expect(records.inDomain('m', 'roads').firstTime.shrunk).toBeCloseTo(2 / 10, 12);
  });

  it('records an unlisted owner in the unit of their latest outcome, and someone who only held hours', () => {
    const records = buildRecords({
      people: [],
      outcomes: [outcome('x', 'roads', { ownerUnitId: 'old' }), outcome('x', 'roads', { ownerUnitId: 'new' })],
      hours: [
        { personId: 'h', domain: 'parks', hours: 3 },
        { personId: 'h', domain: 'parks', hours: 4.5 },
        { personId: 'x', domain: 'roads', hours: 2 },
      ],
    });
    expect(records.people.get('x')?.unitId).toBe('new');
    const h = records.people.get('h');
    expect(h?.domains.map((d) => [d.domain, d.owned, d.hoursHeld])).toEqual([['parks', 0, 7.5]]);
    expect(h?.overall.hoursHeld).toBe(7.5);
    expect(records.inDomain('x', 'roads').hoursHeld).toBe(2);
  });

  it('sorts a person’s domains by verified cases, then name', () => {
    const records = buildRecords({
      people: [{ personId: 'p', unitId: 'u1' }],
      outcomes: [...cases('p', 'water', 2, 2), ...cases('p', 'roads', 5, 5), ...cases('p', 'parks', 2, 1), ...cases('p', 'light', 3, 3, { status: 'issued' })],
      hours: [],
    });
    expect(records.people.get('p')?.domains.map((d) => d.domain)).toEqual(['roads', 'parks', 'water', 'light']);
    expect(records.people.get('p')?.overall).toMatchObject({ owned: 12, verified: 9 });
  });

  it('pools domains: counts and hours summed, rates re-estimated, lateness over the pooled cases', () => {
    const records = buildRecords({
      people: [{ personId: 'p', unitId: 'u1' }],
      outcomes: [
        ...cases('p', 'roads', 4, 3, { latenessHours: 1 }),
        ...cases('p', 'parks', 3, 1, { latenessHours: 9 }),
        ...cases('p', 'water', 5, 5, { latenessHours: 50 }),
        outcome('p', 'parks', { status: 'cancelled' }),
      ],
      hours: [
        { personId: 'p', domain: 'roads', hours: 10 },
        { personId: 'p', domain: 'parks', hours: 5 },
      ],
    });
    const pooled = records.pooled('p', ['roads', 'parks', 'roads']);
    expect(pooled).toMatchObject({ owned: 8, verified: 7, cancelled: 1, hoursHeld: 15, medianLatenessHours: 1 });
    expect([pooled.firstTime.successes, pooled.firstTime.trials]).toEqual([4, 7]);
    const prior = records.priorOf('u1').firstTime;
    expect(pooled.firstTime.shrunk).toBeCloseTo((4 + PRIOR_STRENGTH * prior) / (7 + PRIOR_STRENGTH), 12);
    // memoised, whatever the order of the domains
    expect(records.pooled('p', ['parks', 'roads'])).toBe(pooled);
    // one domain is the domain's own record; no domain is an empty record
    expect(records.pooled('p', ['water'])).toBe(records.inDomain('p', 'water'));
    expect(records.pooled('p', [])).toMatchObject({ owned: 0, verified: 0 });
    expect(records.pooled('p', ['roads', 'nothing']).verified).toBe(4);
  });
});
