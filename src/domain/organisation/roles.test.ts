/**
 * Granting and revoking roles (pure): a unit role is held over a unit, a secretary's over a body;
 * a role is granted once and revoked only while held; the person's state lists what they hold now.
 */
import { describe, expect, it } from 'vitest';
import type { PartyRef } from '../ids.js';
import { evolvePerson, grantRole, revokeRole, type PersonState } from './person.js';

const AT = '2022-03-01T09:00:00.000Z';
const LATER = '2022-03-02T09:00:00.000Z';
const UNIT: PartyRef = { id: 'unit_trade', kind: 'unit' };
const BODY: PartyRef = { id: 'body_sto', kind: 'body' };
const person: PersonState = { name: 'Krasin', unitId: 'unit_trade', email: null, roles: [], lastEventAt: AT };

function codeOf(r: { ok: boolean; error?: { code: string } }): string | undefined {
  return r.ok ? undefined : r.error?.code;
}

describe('roles of a person', () => {
  it('grants a unit role over a unit and a secretary over a body; the state holds both', () => {
    const viewer = grantRole(person, { role: 'viewer', unitId: 'unit_trade' }, UNIT, LATER);
    expect(viewer).toEqual({ ok: true, value: [{ type: 'person.role-granted', payload: { grant: { role: 'viewer', unitId: 'unit_trade' } } }] });
    let s = evolvePerson(person, { type: 'person.role-granted', payload: { grant: { role: 'viewer', unitId: 'unit_trade' } }, actor: 'system', at: LATER });
    s = evolvePerson(s, { type: 'person.role-granted', payload: { grant: { role: 'secretary', bodyId: 'body_sto' } }, actor: 'system', at: LATER });
    expect(s.roles).toEqual([
      { role: 'viewer', unitId: 'unit_trade' },
      { role: 'secretary', bodyId: 'body_sto' },
    ]);
    s = evolvePerson(s, { type: 'person.role-revoked', payload: { grant: { role: 'viewer', unitId: 'unit_trade' } }, actor: 'system', at: LATER });
    expect(s.roles).toEqual([{ role: 'secretary', bodyId: 'body_sto' }]);
  });

  it('ROLE_SCOPE_INVALID: a unit role over a body, a secretary over a unit', () => {
    expect(codeOf(grantRole(person, { role: 'viewer', unitId: 'body_sto' }, BODY, LATER))).toBe('ROLE_SCOPE_INVALID');
    expect(codeOf(grantRole(person, { role: 'secretary', bodyId: 'unit_trade' }, UNIT, LATER))).toBe('ROLE_SCOPE_INVALID');
  });

  it('INVALID_TRANSITION: granting a role already held, revoking one not held', () => {
    const holding: PersonState = { ...person, roles: [{ role: 'member', unitId: 'unit_trade' }] };
    expect(codeOf(grantRole(holding, { role: 'member', unitId: 'unit_trade' }, UNIT, LATER))).toBe('INVALID_TRANSITION');
    expect(codeOf(revokeRole(person, { role: 'member', unitId: 'unit_trade' }, LATER))).toBe('INVALID_TRANSITION');
    expect(revokeRole(holding, { role: 'member', unitId: 'unit_trade' }, LATER).ok).toBe(true);
  });

  it('EVENT_OUT_OF_ORDER: a grant dated before the person last changed', () => {
    const late: PersonState = { ...person, lastEventAt: LATER };
    expect(codeOf(grantRole(late, { role: 'viewer', unitId: 'unit_trade' }, UNIT, AT))).toBe('EVENT_OUT_OF_ORDER');
  });
});
