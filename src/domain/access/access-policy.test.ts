/**
 * The access policy (pure): which role may do what, where its scope reaches, and the parties of an
 * assignment who see it whatever their roles.
 */
import { describe, expect, it } from 'vitest';
import { allowed, canActOnAssignment, canSeeAssignment, covers, isAdministratorOfAll, type AssignmentParties, type Principal } from './access-policy.js';
import { ROLES, sameGrant, scopeOf, type RoleGrant } from './roles.js';

// unit_root > unit_a > unit_a1 ; unit_root > unit_b ; a second root unit_other.
const IN_A1 = { units: ['unit_a1', 'unit_a', 'unit_root'] };
const IN_B = { units: ['unit_b', 'unit_root'] };
const OF_BODY = { units: [], bodyId: 'body_sto' };

function principal(...grants: RoleGrant[]): Principal {
  return { personId: 'per_me', grants };
}

describe('roles and scopes', () => {
  it('a unit grant covers its unit and everything below, nothing beside or above', () => {
    const g: RoleGrant = { role: 'viewer', unitId: 'unit_a' };
    expect(covers(g, IN_A1)).toBe(true);
    expect(covers(g, IN_B)).toBe(false);
    expect(covers(g, { units: ['unit_root'] })).toBe(false);
    expect(covers(g, OF_BODY)).toBe(false);
  });

  it("a secretary's grant covers the things of that body only", () => {
    const g: RoleGrant = { role: 'secretary', bodyId: 'body_sto' };
    expect(covers(g, OF_BODY)).toBe(true);
    expect(covers(g, { units: [], bodyId: 'body_council' })).toBe(false);
    expect(covers(g, IN_A1)).toBe(false);
  });

  it('what each role may do within its scope', () => {
    const may = (role: Exclude<RoleGrant['role'], 'secretary'>) =>
      (['read', 'organise', 'decide', 'issue', 'act', 'maintain'] as const).filter((a) => allowed(principal({ role, unitId: 'unit_a' }), a, IN_A1));
    expect(may('administrator')).toEqual(['read', 'organise', 'decide', 'issue', 'act', 'maintain']);
    expect(may('controller')).toEqual(['read', 'act']);
    expect(may('unit_head')).toEqual(['read', 'issue', 'act']);
    expect(may('member')).toEqual(['read', 'act']);
    expect(may('viewer')).toEqual(['read']);
    const secretary = principal({ role: 'secretary', bodyId: 'body_sto' });
    expect((['read', 'organise', 'decide', 'issue', 'act', 'maintain'] as const).filter((a) => allowed(secretary, a, OF_BODY))).toEqual(['read', 'decide', 'issue', 'act']);
  });

  it('no role allows anything outside its scope', () => {
    for (const role of ROLES) {
      const g: RoleGrant = role === 'secretary' ? { role, bodyId: 'body_council' } : { role, unitId: 'unit_a' };
      for (const action of ['read', 'organise', 'decide', 'issue', 'act', 'maintain'] as const) {
        expect(allowed(principal(g), action, IN_B)).toBe(false);
        expect(allowed(principal(g), action, OF_BODY)).toBe(false);
      }
    }
  });

  it('an administrator of the whole organisation administers every root unit', () => {
    const roots = ['unit_root', 'unit_other'];
    expect(isAdministratorOfAll(principal({ role: 'administrator', unitId: 'unit_root' }), roots)).toBe(false);
    expect(isAdministratorOfAll(principal({ role: 'administrator', unitId: 'unit_root' }, { role: 'administrator', unitId: 'unit_other' }), roots)).toBe(true);
    expect(isAdministratorOfAll(principal({ role: 'viewer', unitId: 'unit_root' }, { role: 'viewer', unitId: 'unit_other' }), roots)).toBe(false);
    expect(isAdministratorOfAll(principal({ role: 'administrator', unitId: 'unit_root' }), [])).toBe(false);
  });

  it('grants compare by role and scope, and name their scope', () => {
    expect(sameGrant({ role: 'viewer', unitId: 'unit_a' }, { role: 'viewer', unitId: 'unit_a' })).toBe(true);
    expect(sameGrant({ role: 'viewer', unitId: 'unit_a' }, { role: 'member', unitId: 'unit_a' })).toBe(false);
    expect(sameGrant({ role: 'secretary', bodyId: 'body_sto' }, { role: 'secretary', bodyId: 'body_council' })).toBe(false);
    expect(scopeOf({ role: 'secretary', bodyId: 'body_sto' })).toBe('body_sto');
    expect(scopeOf({ role: 'member', unitId: 'unit_a' })).toBe('unit_a');
  });
});

describe('the parties of an assignment', () => {
  const parties: AssignmentParties = { ownerId: 'per_owner', holderId: 'per_holder', verifierId: 'per_verifier', issuerId: 'per_issuer', controllerId: null, coExecutorIds: ['per_co'] };
  const alone = (personId: string): Principal => ({ personId, grants: [] });

  it('every party sees the case and may try its steps, without any role', () => {
    for (const id of ['per_owner', 'per_holder', 'per_verifier', 'per_issuer', 'per_co']) {
      expect(canSeeAssignment(alone(id), parties, IN_B)).toBe(true);
      expect(canActOnAssignment(alone(id), parties, IN_B)).toBe(true);
    }
  });

  it('anyone else needs a role over where it sits: a viewer sees but may not act', () => {
    expect(canSeeAssignment(alone('per_stranger'), parties, IN_B)).toBe(false);
    const viewer: Principal = { personId: 'per_stranger', grants: [{ role: 'viewer', unitId: 'unit_b' }] };
    expect(canSeeAssignment(viewer, parties, IN_B)).toBe(true);
    expect(canActOnAssignment(viewer, parties, IN_B)).toBe(false);
    const elsewhere: Principal = { personId: 'per_stranger', grants: [{ role: 'controller', unitId: 'unit_a' }] };
    expect(canSeeAssignment(elsewhere, parties, IN_B)).toBe(false);
  });
});
