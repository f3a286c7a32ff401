/**
 * Mismatches: a shortfall needs the whole interval beyond the unit's mean over enough cases, so
 * two cases never make a verdict; only first-time or on-time make a mismatch; the better post
 * meets the demands and has no shortfall in its main domain; the order of the list.
 */
import { describe, expect, it } from 'vitest';
import { fitnessFor } from './fitness.js';
import { findMismatches, mainDomain, MIN_CASES_FOR_VERDICT, shortfallsIn } from './mismatch.js';
import type { CaseOutcome, PostDemands, PostProfile, WeightedDomain } from './people.js';
import { buildRecords, type RatePriors } from './person-record.js';

let seq = 0;
function outcome(ownerId: string, domain: string, over: Partial<CaseOutcome> = {}): CaseOutcome {
  seq++;
  return { assignmentId: `a${seq}`, ownerId, ownerUnitId: 'u1', domain, status: 'verified', firstTime: true, onTime: true, latenessHours: 0, reopened: false, escalated: false, openOverdue: false, ...over };
}

/** `n` cases of `ownerId`; case i is first-time while i < firstTime, on time while i < onTime. */
function cases(ownerId: string, domain: string, n: number, firstTime: number, onTime: number = firstTime, over: Partial<CaseOutcome> = {}): CaseOutcome[] {
  return Array.from({ length: n }, (_, i) => outcome(ownerId, domain, { firstTime: i < firstTime, onTime: i < onTime, ...over }));
}

const NO_DEMANDS: PostDemands = { minVerified: 0, minFirstTime: null, minOnTime: null };

function post(postId: string, holderId: string | null, domains: readonly WeightedDomain[], demands: PostDemands = NO_DEMANDS): PostProfile {
  return { postId, title: postId, unitId: 'u1', territory: null, domains, demands, holderId, holderSince: null };
}

/** A colleague whose 200 cases set the unit's means near 90–95%. */
const UNIT = [...cases('c', 'roads', 100, 95), ...cases('c', 'parks', 100, 90)];
const PRIOR: RatePriors = { firstTime: 0.9, onTime: 0.9, reopened: 0.05, escalated: 0.05 };

describe('shortfallsIn', () => {
  const records = buildRecords({
    people: [],
    outcomes: [...cases('few', 'roads', MIN_CASES_FOR_VERDICT - 1, 0), ...cases('five', 'roads', MIN_CASES_FOR_VERDICT, 0), ...cases('ok', 'roads', 20, 17), ...cases('reo', 'roads', 10, 10, 10, { reopened: true })],
    hours: [],
  });

  it('needs MIN_CASES_FOR_VERDICT verified cases', () => {
    expect(MIN_CASES_FOR_VERDICT).toBe(5);
    expect(shortfallsIn(records.inDomain('few', 'roads'), PRIOR)).toEqual([]);
    const five = shortfallsIn(records.inDomain('five', 'roads'), PRIOR);
    expect(five.map((s) => [s.domain, s.key])).toEqual([
      ['roads', 'firstTime'],
      ['roads', 'onTime'],
    ]);
    expect(five[0]?.high).toBeLessThan(0.9);
    expect(five[0]?.prior).toBe(0.9);
  });

  it('needs the whole interval beyond the prior', () => {
    // 17/20 = 85% is below 90%, but not confidently
    const ok = records.inDomain('ok', 'roads');
    expect(ok.firstTime.rate).toBeLessThan(0.9);
    expect(shortfallsIn(ok, PRIOR)).toEqual([]);
  });

  it('takes the low bound above the prior for reopened and escalated', () => {
    const s = shortfallsIn(records.inDomain('reo', 'roads'), PRIOR);
    expect(s.map((x) => x.key)).toEqual(['reopened']);
    expect(s[0]?.low).toBeGreaterThan(0.05);
  });

  it('lists the widest gap first', () => {
    const mixed = buildRecords({ people: [], outcomes: cases('m', 'roads', 10, 8, 0), hours: [] });
    // on time 0/10 is further below 90% than first time 8/10
    const s = shortfallsIn(mixed.inDomain('m', 'roads'), { ...PRIOR, firstTime: 0.96 });
    expect(s.map((x) => x.key)).toEqual(['onTime', 'firstTime']);
  });
});

describe('mainDomain', () => {
  it('is the heaviest domain, ties by name', () => {
    expect(
      mainDomain(
        post('p', null, [
          { domain: 'water', weight: 0.4 },
          { domain: 'roads', weight: 0.4 },
          { domain: 'parks', weight: 0.2 },
        ]),
      ),
    ).toBe('roads');
    expect(mainDomain(post('p', null, []))).toBeNull();
  });
});

describe('findMismatches', () => {
  it('never makes a verdict on two cases, and does on 5 of 20 against a unit at 90%', () => {
    const records = buildRecords({
      people: ['c', 'two-good', 'two-bad', 'weak'].map((personId) => ({ personId, unitId: 'u1' })),
      outcomes: [...UNIT, ...cases('two-good', 'roads', 2, 2), ...cases('two-bad', 'roads', 2, 0), ...cases('weak', 'roads', 20, 5, 20)],
      hours: [],
    });
    expect(records.priorOf('u1').firstTime).toBeGreaterThan(0.85);
    const roads = [{ domain: 'roads', weight: 1 }];
    const found = findMismatches(records, [post('r1', 'two-good', roads), post('r2', 'two-bad', roads), post('r3', 'weak', roads), post('r4', null, roads)]);
    expect(found.map((m) => [m.personId, m.postId, m.domain])).toEqual([['weak', 'r3', 'roads']]);
    expect(found[0]?.shortfalls.map((s) => s.key)).toEqual(['firstTime']);
    expect(found[0]?.points).toBe(fitnessFor(records, 'weak', post('r3', 'weak', roads)).points);
  });

  it('does not make a mismatch of a reopened or escalated shortfall alone, but lists it', () => {
    const records = buildRecords({
      people: ['c', 'reo', 'both'].map((personId) => ({ personId, unitId: 'u1' })),
      outcomes: [...UNIT, ...cases('reo', 'roads', 10, 10, 10, { reopened: true }), ...cases('both', 'roads', 10, 1, 10, { escalated: true })],
      hours: [],
    });
    const roads = [{ domain: 'roads', weight: 1 }];
    const found = findMismatches(records, [post('a', 'reo', roads), post('b', 'both', roads)]);
    expect(found.map((m) => m.personId)).toEqual(['both']);
    expect(found[0]?.shortfalls.map((s) => s.key).sort()).toEqual(['escalated', 'firstTime']);
  });

  it('lists shortfalls in all the post’s domains, but judges on the main one', () => {
    const records = buildRecords({
      people: ['c', 'p', 'q'].map((personId) => ({ personId, unitId: 'u1' })),
      outcomes: [...UNIT, ...cases('p', 'roads', 20, 4), ...cases('p', 'parks', 20, 2), ...cases('q', 'roads', 20, 20), ...cases('q', 'parks', 20, 2)],
      hours: [],
    });
    const domains = [
      { domain: 'roads', weight: 0.7 },
      { domain: 'parks', weight: 0.3 },
    ];
    const found = findMismatches(records, [post('x', 'p', domains), post('y', 'q', domains)]);
    expect(found.map((m) => m.personId)).toEqual(['p']);
    expect(found[0]?.shortfalls.map((s) => `${s.domain}.${s.key}`)).toEqual(['parks.firstTime', 'parks.onTime', 'roads.firstTime', 'roads.onTime']);
  });

  it('sorts by shortfalls (most first), then points (fewest first), then person', () => {
    const records = buildRecords({
      people: ['c', 'one-low', 'one-high', 'two'].map((personId) => ({ personId, unitId: 'u1' })),
      outcomes: [...UNIT, ...cases('one-low', 'roads', 20, 0, 20), ...cases('one-high', 'roads', 20, 8, 20), ...cases('two', 'roads', 20, 8)],
      hours: [],
    });
    const roads = [{ domain: 'roads', weight: 1 }];
    const found = findMismatches(records, [post('a', 'one-high', roads), post('b', 'two', roads), post('c', 'one-low', roads)]);
    expect(found.map((m) => [m.personId, m.shortfalls.length])).toEqual([
      ['two', 2],
      ['one-low', 1],
      ['one-high', 1],
    ]);
    expect(found[1]?.points).toBeLessThan(found[2]?.points ?? 0);
  });

  it('points to the best post whose demands they meet, with more points than now', () => {
    const records = buildRecords({
      people: ['c', 'w'].map((personId) => ({ personId, unitId: 'u1' })),
      outcomes: [...UNIT, ...cases('w', 'roads', 20, 5), ...cases('w', 'parks', 20, 20)],
      hours: [],
    });
    const roads = [{ domain: 'roads', weight: 1 }];
    const parks = [{ domain: 'parks', weight: 1 }];
    const posts = [
      post('roads-1', 'w', roads),
      post('roads-2', 'c', roads),
      post('a-parks-hard', null, parks, { minVerified: 1000, minFirstTime: null, minOnTime: null }),
      post('parks-1', 'c', parks),
      post('mixed', null, [
        { domain: 'parks', weight: 0.6 },
        { domain: 'roads', weight: 0.4 },
      ]),
      post('empty', null, []),
    ];
    const found = findMismatches(records, posts);
    expect(found.map((m) => m.personId)).toEqual(['w']);
    const parksPoints = fitnessFor(records, 'w', post('parks-1', 'c', parks)).points;
    expect(parksPoints).toBeGreaterThan(found[0]?.points ?? 100);
    expect(found[0]?.better).toEqual({ postId: 'parks-1', points: parksPoints });
  });

  it('offers no better post where they fall short in its main domain, however many points', () => {
    const records = buildRecords({
      people: ['c', 'w'].map((personId) => ({ personId, unitId: 'u1' })),
      outcomes: [...UNIT, ...cases('w', 'roads', 20, 5), ...cases('w', 'water', 10, 10, 10, { escalated: true })],
      hours: [],
    });
    const water = post('water-1', null, [{ domain: 'water', weight: 1 }]);
    const found = findMismatches(records, [post('roads-1', 'w', [{ domain: 'roads', weight: 1 }]), water]);
    expect(found).toHaveLength(1);
    expect(fitnessFor(records, 'w', water).points).toBeGreaterThan(found[0]?.points ?? 100);
    expect(shortfallsIn(records.inDomain('w', 'water'), records.priorOf('u1')).map((s) => s.key)).toEqual(['escalated']);
    expect(found[0]?.better).toBeNull();
  });
});
