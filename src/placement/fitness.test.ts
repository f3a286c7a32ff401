/**
 * Fitness: the value of experience, terms weighed by domain and key, a total that is the sum of its
 * terms, and demands checked on the record over the post's domains together.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPERIENCE_FULL, experienceValue, fitnessFor, TERM_WEIGHTS } from './fitness.js';
import type { CaseOutcome, PostDemands, PostProfile, WeightedDomain } from './people.js';
import { buildRecords } from './person-record.js';

let seq = 0;
function outcome(ownerId: string, domain: string, over: Partial<CaseOutcome> = {}): CaseOutcome {
  seq++;
  return { assignmentId: `a${seq}`, ownerId, ownerUnitId: 'u1', domain, status: 'verified', firstTime: true, onTime: true, latenessHours: 0, reopened: false, escalated: false, openOverdue: false, ...over };
}

const NO_DEMANDS: PostDemands = { minVerified: 0, minFirstTime: null, minOnTime: null };

function post(domains: readonly WeightedDomain[], demands: PostDemands = NO_DEMANDS): PostProfile {
  return { postId: 'post', title: 'Post', unitId: 'u1', territory: null, domains, demands, holderId: null, holderSince: null };
}

describe('experienceValue', () => {
  it('grows with the log of verified cases up to EXPERIENCE_FULL', () => {
    expect(experienceValue(0)).toBe(0);
    expect(experienceValue(5)).toBeCloseTo(Math.log(6) / Math.log(21), 12);
    expect(experienceValue(EXPERIENCE_FULL)).toBe(1);
    expect(experienceValue(500)).toBe(1);
    expect(experienceValue(3)).toBeLessThan(experienceValue(4));
  });
});

describe('fitnessFor', () => {
  it('gives someone without a case the priors of their unit, and no experience', () => {
    const records = buildRecords({ people: [{ personId: 'p', unitId: 'u1' }], outcomes: [], hours: [] });
    const f = fitnessFor(records, 'p', post([{ domain: 'roads', weight: 1 }]));
    // every prior is 0.5 (no case anywhere): 0.5 × (0.4 + 0.3 + 0.1 + 0.1) × 100, experience 0
    expect(f.points).toBe(45);
    expect(f.terms.map((t) => [t.key, t.points])).toEqual([
      ['firstTime', 20],
      ['onTime', 15],
      ['reopened', 5],
      ['escalated', 5],
      ['experience', 0],
    ]);
    expect(f.unmet).toEqual([]);
  });

  it('weighs each term by its domain’s share and its key, and sums the terms', () => {
    const outcomes = [
      ...Array.from({ length: 30 }, (_, i) => outcome('p', 'roads', { firstTime: i < 24, onTime: i < 15, reopened: i < 3, escalated: i < 6 })),
      ...Array.from({ length: 4 }, () => outcome('p', 'parks', { firstTime: false })),
    ];
    const records = buildRecords({ people: [{ personId: 'p', unitId: 'u1' }], outcomes, hours: [] });
    const f = fitnessFor(records, 'p', post([{ domain: 'roads', weight: 0.75 }, { domain: 'parks', weight: 0.25 }]));
    expect(f.terms).toHaveLength(10);
    const sumOfWeights = f.terms.reduce((s, t) => s + t.weight, 0);
    expect(sumOfWeights).toBeCloseTo(1, 12);
    const roads = records.inDomain('p', 'roads');
    const firstTime = f.terms.find((t) => t.domain === 'roads' && t.key === 'firstTime');
    expect(firstTime?.weight).toBeCloseTo(0.75 * TERM_WEIGHTS.firstTime, 12);
    expect(firstTime?.value).toBe(roads.firstTime.shrunk);
    expect(f.terms.find((t) => t.domain === 'roads' && t.key === 'reopened')?.value).toBeCloseTo(1 - roads.reopened.shrunk, 12);
    expect(f.terms.find((t) => t.domain === 'parks' && t.key === 'experience')?.value).toBeCloseTo(experienceValue(4), 12);
    expect(f.terms.find((t) => t.domain === 'roads' && t.key === 'experience')?.value).toBe(1);
    for (const t of f.terms) expect(t.points).toBe(Math.round(t.value * t.weight * 10000) / 100);
    expect(f.points).toBe(Math.round(f.terms.reduce((s, t) => s + t.points, 0) * 100) / 100);
    // a better record in the heavier domain is worth more
    const better = buildRecords({ people: [{ personId: 'p', unitId: 'u1' }], outcomes: outcomes.map((o) => (o.domain === 'roads' ? { ...o, firstTime: true } : o)), hours: [] });
    expect(fitnessFor(better, 'p', post([{ domain: 'roads', weight: 0.75 }, { domain: 'parks', weight: 0.25 }])).points).toBeGreaterThan(f.points);
  });

  it('gives 0 points and no terms for a post without domains', () => {
    const records = buildRecords({ people: [{ personId: 'p', unitId: 'u1' }], outcomes: [outcome('p', 'roads')], hours: [] });
    const f = fitnessFor(records, 'p', post([]));
    expect(f.points).toBe(0);
    expect(f.terms).toEqual([]);
  });

  it('checks the demands on the record over the post’s domains together', () => {
    const outcomes = [...Array.from({ length: 6 }, () => outcome('p', 'roads')), ...Array.from({ length: 6 }, (_, i) => outcome('p', 'parks', { firstTime: i < 3, onTime: i < 5 }))];
    const records = buildRecords({ people: [{ personId: 'p', unitId: 'u1' }], outcomes, hours: [] });
    const domains = [
      { domain: 'roads', weight: 0.5 },
      { domain: 'parks', weight: 0.5 },
    ];
    const pooled = records.pooled('p', ['roads', 'parks']);
    expect(pooled.verified).toBe(12);
    // 12 verified meets 10, though neither domain alone does
    expect(fitnessFor(records, 'p', post(domains, { minVerified: 10, minFirstTime: null, minOnTime: null })).unmet).toEqual([]);
    expect(fitnessFor(records, 'p', post([{ domain: 'roads', weight: 1 }], { minVerified: 10, minFirstTime: null, minOnTime: null })).unmet).toEqual([{ demand: 'minVerified', required: 10, actual: 6 }]);
    const f = fitnessFor(records, 'p', post(domains, { minVerified: 13, minFirstTime: 0.6, minOnTime: 0.5 }));
    expect(f.unmet).toEqual([
      { demand: 'minVerified', required: 13, actual: 12 },
      { demand: 'minFirstTime', required: 0.6, actual: pooled.firstTime.low },
    ]);
    expect(pooled.firstTime.low).toBeLessThan(0.6);
    expect(pooled.onTime.low).toBeGreaterThanOrEqual(0.5);
    // unmet demands do not change the points
    expect(f.points).toBe(fitnessFor(records, 'p', post(domains)).points);
  });

  it('keeps points within 0–100 and equal to the sum of its terms within rounding', () => {
    const caseArb = fc.record({ domain: fc.constantFrom('roads', 'parks', 'water'), firstTime: fc.boolean(), onTime: fc.boolean(), reopened: fc.boolean(), escalated: fc.boolean(), verified: fc.boolean() });
    fc.assert(
      fc.property(fc.array(caseArb, { maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 3 }), (drawn, shares) => {
        const outcomes = drawn.map((c) => outcome('p', c.domain, { ...c, status: c.verified ? 'verified' : 'in_progress' }));
        const records = buildRecords({ people: [{ personId: 'p', unitId: 'u1' }], outcomes, hours: [] });
        const total = shares.reduce((s, x) => s + x, 0);
        const domains = shares.map((x, i) => ({ domain: ['roads', 'parks', 'water'][i] as string, weight: x / total }));
        const f = fitnessFor(records, 'p', post(domains));
        const sum = f.terms.reduce((s, t) => s + t.points, 0);
        expect(Math.abs(f.points - sum)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(f.points).toBeGreaterThanOrEqual(0);
        expect(f.points).toBeLessThanOrEqual(100);
      }),
    );
  });
});
