/**
 * The census on a fixed `now`: who is counted (the people listed only: the caller's scope), the
 * post held longest, domains, territories, tenure bands at their edges, and groups with pooled rates.
 */
import { describe, expect, it } from 'vitest';
import { censusEntries, censusGroups, NO_KEY, TENURE_BANDS } from './census.js';
import type { CaseOutcome, PostProfile, WeightedDomain } from './people.js';
import { buildRecords, estimateRate } from './person-record.js';

let seq = 0;
function cases(ownerId: string, ownerUnitId: string, domain: string, n: number, good: number, over: Partial<CaseOutcome> = {}): CaseOutcome[] {
  return Array.from({ length: n }, (_, i) => {
    seq++;
    return { assignmentId: `a${seq}`, ownerId, ownerUnitId, domain, status: 'verified', firstTime: i < good, onTime: i < good, latenessHours: 0, reopened: false, escalated: false, openOverdue: false, ...over };
  });
}

function post(postId: string, holderId: string | null, holderSince: string | null, domains: readonly WeightedDomain[], territory: string | null = null): PostProfile {
  return { postId, title: postId, unitId: 'u-post', territory, domains, demands: { minVerified: 0, minFirstTime: null, minOnTime: null }, holderId, holderSince };
}

const NOW = '2024-07-01T00:00:00.000Z';
const roads = [{ domain: 'roads', weight: 1 }];

const people = [
  { personId: 'a', unitId: 'u1' },
  { personId: 'b', unitId: 'u2' },
  { personId: 'c', unitId: 'u1' },
  { personId: 'd', unitId: 'u2' },
  { personId: 'e', unitId: 'u1.1' },
  { personId: 'f', unitId: 'u1' },
];
const outcomes = [
  ...cases('a', 'u1', 'roads', 10, 8),
  ...cases('b', 'u2', 'parks', 4, 1),
  ...cases('b', 'u2', 'water', 6, 6),
  ...cases('b', 'u2', 'roads', 2, 2, { status: 'in_progress' }),
  ...cases('f', 'u1', 'water', 3, 3),
  ...cases('x', 'u3', 'parks', 2, 0),
];
const posts = [
  post('P1', 'a', '2024-01-01T00:00:00.000Z', [{ domain: 'parks', weight: 1 }], 'north'),
  post('P2', 'a', '2020-01-01T00:00:00.000Z', roads, 'south'),
  post('P3', 'd', '2019-06-30T00:00:00.000Z', roads, 'north'),
  post('P4', 'e', '2023-07-01T00:00:00.000Z', roads),
  post('P5', 'f', '2024-06-30T12:00:00.000Z', [], 'south'),
  post('P6', null, null, roads, 'east'),
  // held by someone outside the people listed (another unit's holder, out of the caller's scope)
  post('P7', 'y', '2022-01-01T00:00:00.000Z', roads, 'west'),
];
const records = buildRecords({ people, outcomes, hours: [{ personId: 'c', domain: 'roads', hours: 12 }] });

describe('censusEntries', () => {
  const entries = censusEntries(people, posts, records, NOW);
  const byId = new Map(entries.map((e) => [e.personId, e]));

  it('counts the people listed who hold a post or own a case', () => {
    // c is listed but only held hours: no post, no case of their own
    expect(entries.map((e) => e.personId)).toEqual(['a', 'b', 'd', 'e', 'f']);
  });

  it('leaves out an unlisted case owner, though their record exists', () => {
    expect(records.people.get('x')?.overall.owned).toBe(2);
    expect(byId.has('x')).toBe(false);
  });

  it('leaves out an unlisted post holder', () => {
    expect(byId.has('y')).toBe(false);
    expect(entries.some((e) => e.postId === 'P7')).toBe(false);
    // listed, the same holder is counted with that post
    const withY = censusEntries([...people, { personId: 'y', unitId: 'u-post' }], posts, records, NOW);
    expect(withY.find((e) => e.personId === 'y')).toMatchObject({ unitId: 'u-post', postId: 'P7', territory: 'west', owned: 0 });
  });

  it('takes the post held longest, its main domain and territory', () => {
    expect(byId.get('a')).toMatchObject({ unitId: 'u1', postId: 'P2', domain: 'roads', territory: 'south', tenureDays: 1643, tenure: '3-5', verified: 10, owned: 10 });
    expect(byId.get('a')?.firstTime).toEqual(records.inDomain('a', '*').firstTime);
    expect(byId.get('a')?.firstTime.successes).toBe(8);
  });

  it('falls back on the record’s top domain, then null', () => {
    // b holds no post: their top domain is the one with most verified cases
    expect(byId.get('b')).toMatchObject({ postId: null, domain: 'water', tenure: 'none', owned: 12, verified: 10 });
    // f's post has no domain
    expect(byId.get('f')).toMatchObject({ postId: 'P5', domain: 'water', territory: 'south', tenureDays: 0, tenure: 'under-1' });
    // d holds a post and owns nothing
    expect(byId.get('d')).toMatchObject({ postId: 'P3', domain: 'roads', owned: 0, verified: 0 });
  });

  it('bands tenure in years of 365.25 days', () => {
    // 2019-06-30 → 2024-07-01: 1828 days, just over 5 years; 2023-07-01 → 2024-07-01: 366 days
    expect(byId.get('d')).toMatchObject({ tenureDays: 1828, tenure: '5-plus' });
    expect(byId.get('e')).toMatchObject({ tenureDays: 366, tenure: '1-3' });
    const within = censusEntries(people, [post('Q', 'e', '2023-07-02T00:00:00.000Z', roads)], records, NOW);
    expect(within.find((e) => e.personId === 'e')).toMatchObject({ tenureDays: 365, tenure: 'under-1' });
    const future = censusEntries(people, [post('Q', 'e', '2025-01-01T00:00:00.000Z', roads)], records, NOW);
    expect(future.find((e) => e.personId === 'e')).toMatchObject({ tenureDays: 0, tenure: 'under-1' });
    for (const e of entries) expect(TENURE_BANDS).toContain(e.tenure);
  });
});

describe('censusGroups', () => {
  const entries = censusEntries(people, posts, records, NOW);

  it('groups by unit, pooling rates with the organisation prior', () => {
    const groups = censusGroups(entries, 'unit', records);
    expect(groups.map((g) => [g.key, g.people])).toEqual([
      ['u1', 2],
      ['u2', 2],
      ['u1.1', 1],
    ]);
    const u2 = groups.find((g) => g.key === 'u2');
    expect(u2).toMatchObject({ verified: 10, owned: 12 });
    expect(u2?.firstTime).toEqual(estimateRate(7, 10, records.organisation.firstTime));
    const u1 = groups.find((g) => g.key === 'u1');
    expect(u1?.onTime).toEqual(estimateRate(11, 13, records.organisation.onTime));
  });

  it('maps units through unitKey', () => {
    const top = (unitId: string): string => unitId.split('.')[0] as string;
    expect(censusGroups(entries, 'unit', records, top).map((g) => [g.key, g.people, g.owned])).toEqual([
      ['u1', 3, 13],
      ['u2', 2, 12],
    ]);
  });

  it('groups by domain, territory and tenure, null keys as —', () => {
    expect(censusGroups(entries, 'domain', records).map((g) => [g.key, g.people])).toEqual([
      ['roads', 3],
      ['water', 2],
    ]);
    // ties on people sort by key: 'south' < '—'
    expect(censusGroups(entries, 'territory', records).map((g) => [g.key, g.people])).toEqual([
      ['south', 2],
      [NO_KEY, 2],
      ['north', 1],
    ]);
    expect(censusGroups(entries, 'tenure', records).map((g) => [g.key, g.people])).toEqual([
      ['1-3', 1],
      ['3-5', 1],
      ['5-plus', 1],
      ['none', 1],
      ['under-1', 1],
    ]);
  });

  it('is empty without entries', () => {
    expect(censusGroups([], 'unit', records)).toEqual([]);
  });
});
