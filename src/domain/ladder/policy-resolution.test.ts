/** Most-specific-policy resolution: unit depth first, then a named domain, then the organisation's default; retired policies never apply. */
import { describe, expect, it } from 'vitest';
import type { LadderPolicyState } from './ladder-policy-stream.js';
import { STANDARD_LADDER } from './ladder-policy.js';
import { policyFor, type PolicyInForce } from './policy-resolution.js';

function policy(id: string, unitId: string | null, domain: string | null, retired = false): PolicyInForce {
  const state: LadderPolicyState = {
    name: id,
    scope: { unitId, domain },
    version: 2,
    rules: STANDARD_LADDER,
    definedAt: '2022-01-01T00:00:00.000Z',
    versionAt: '2022-01-02T00:00:00.000Z',
    retiredAt: retired ? '2022-01-03T00:00:00.000Z' : null,
    lastEventAt: '2022-01-03T00:00:00.000Z',
  };
  return { id, state };
}

const DEPOT = ['unit_depot', 'unit_region', 'unit_root'];
const ALL = [
  policy('ladder_org', null, null),
  policy('ladder_org-supply', null, 'supply'),
  policy('ladder_region', 'unit_region', null),
  policy('ladder_region-supply', 'unit_region', 'supply'),
  policy('ladder_depot-finance', 'unit_depot', 'finance'),
  policy('ladder_other', 'unit_other', null),
  policy('ladder_depot-retired', 'unit_depot', null, true),
];

const idFor = (domain: string, unitChain: readonly string[], policies: readonly PolicyInForce[] = ALL) => policyFor({ domain, unitChain }, policies)?.id;

describe('policyFor', () => {
  it('picks the deepest unit first', () => {
    expect(idFor('finance', DEPOT)).toBe('ladder_depot-finance');
    expect(idFor('health', DEPOT)).toBe('ladder_region'); // the depot's own any-domain policy is retired
  });

  it('then prefers a named domain over every domain', () => {
    expect(idFor('supply', DEPOT)).toBe('ladder_region-supply');
    expect(idFor('supply', ['unit_region', 'unit_root'])).toBe('ladder_region-supply');
  });

  it('a deeper unit beats a domain match higher up', () => {
    const noRegionSupply = ALL.filter((p) => p.id !== 'ladder_region-supply');
    expect(idFor('supply', DEPOT, noRegionSupply)).toBe('ladder_region');
  });

  it('falls back to the organisation: its policy for the domain, then its default', () => {
    expect(idFor('supply', ['unit_plant', 'unit_root'])).toBe('ladder_org-supply');
    expect(idFor('health', ['unit_plant', 'unit_root'])).toBe('ladder_org');
  });

  it('returns the version in force and its steps; nothing when no policy covers the case', () => {
    expect(policyFor({ domain: 'supply', unitChain: DEPOT }, ALL)).toEqual({
      id: 'ladder_region-supply',
      version: 2,
      name: 'ladder_region-supply',
      scope: { unitId: 'unit_region', domain: 'supply' },
      rules: STANDARD_LADDER,
    });
    expect(policyFor({ domain: 'health', unitChain: DEPOT }, [policy('ladder_other', 'unit_other', null)])).toBeUndefined();
    expect(policyFor({ domain: 'health', unitChain: DEPOT }, [])).toBeUndefined();
  });

  it('does not depend on the order of the policies; a tie goes to the smallest id', () => {
    const twins = [policy('ladder_b', 'unit_region', null), policy('ladder_a', 'unit_region', null)];
    expect(idFor('x', DEPOT, twins)).toBe('ladder_a');
    expect(idFor('x', DEPOT, [...twins].reverse())).toBe('ladder_a');
    expect(idFor('supply', DEPOT, [...ALL].reverse())).toBe('ladder_region-supply');
  });
});
