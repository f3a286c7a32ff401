/** People: the only parties who can own, hold, verify or control work. */
import { sameGrant, type RoleGrant } from '../access/roles.js';
import type { EventData, StreamEvent } from '../event.js';
import { firstFailure, PASS, requireNotBefore, requireText } from '../guards.js';
import type { PartyRef } from '../ids.js';
import { fail, ok, type Result } from '../result.js';
import type { Instant } from '../time.js';

/** Events of a person stream. */
export type PersonEvent =
  | EventData<'person.registered', { readonly name: string; readonly unitId: string; readonly email: string | null }>
  | EventData<'person.role-granted', { readonly grant: RoleGrant }>
  | EventData<'person.role-revoked', { readonly grant: RoleGrant }>;

/** A person as folded from their events. */
export interface PersonState {
  readonly name: string;
  readonly unitId: string;
  readonly email: string | null;
  /** The roles the person holds now, each over its scope. */
  readonly roles: readonly RoleGrant[];
  readonly lastEventAt: Instant;
}

/** Decides the registration of a person in a unit. */
export function registerPerson(input: { readonly name: string; readonly unit: PartyRef; readonly email?: string | null | undefined }): Result<Extract<PersonEvent, { type: 'person.registered' }>[]> {
  const checks = firstFailure(
    () => requireText(input.name, 'NAME_REQUIRED', "a person's name"),
    () => (input.unit.kind === 'unit' ? PASS : fail('UNIT_PARENT_INVALID', `a person belongs to a unit, not a ${input.unit.kind}`)),
  );
  if (!checks.ok) return checks;
  return ok([{ type: 'person.registered', payload: { name: input.name.trim(), unitId: input.unit.id, email: input.email?.trim() || null } }]);
}

/** Decides granting a role over a scope (a unit, or a body for a secretary); the scope must exist and be of the right kind. */
export function grantRole(s: PersonState, grant: RoleGrant, scope: PartyRef, at: Instant): Result<PersonEvent[]> {
  const wanted = grant.role === 'secretary' ? 'body' : 'unit';
  const checks = firstFailure(
    () => requireNotBefore(at, s.lastEventAt),
    () => (scope.kind === wanted ? PASS : fail('ROLE_SCOPE_INVALID', `the role ${grant.role} is held over a ${wanted}, not a ${scope.kind}`)),
    () => (s.roles.some((g) => sameGrant(g, grant)) ? fail('INVALID_TRANSITION', `the person already holds ${grant.role} over ${scope.id}`) : PASS),
  );
  return checks.ok ? ok([{ type: 'person.role-granted', payload: { grant } }]) : checks;
}

/** Decides revoking a role the person holds. */
export function revokeRole(s: PersonState, grant: RoleGrant, at: Instant): Result<PersonEvent[]> {
  const checks = firstFailure(
    () => requireNotBefore(at, s.lastEventAt),
    () => (s.roles.some((g) => sameGrant(g, grant)) ? PASS : fail('INVALID_TRANSITION', `the person does not hold ${grant.role} over that scope`)),
  );
  return checks.ok ? ok([{ type: 'person.role-revoked', payload: { grant } }]) : checks;
}

/** Folds a person event. */
export function evolvePerson(s: PersonState | undefined, e: StreamEvent<PersonEvent>): PersonState {
  if (e.type === 'person.registered') return { name: e.payload.name, unitId: e.payload.unitId, email: e.payload.email, roles: [], lastEventAt: e.at };
  if (s === undefined) throw new Error(`${e.type} before person.registered`);
  if (e.type === 'person.role-granted') return { ...s, roles: [...s.roles, e.payload.grant], lastEventAt: e.at };
  const revoked = e.payload.grant;
  return { ...s, roles: s.roles.filter((g) => !sameGrant(g, revoked)), lastEventAt: e.at };
}
