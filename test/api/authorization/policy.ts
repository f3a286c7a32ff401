/**
 * Who may see and do what, written out for the test (not imported from src/, so that the test
 * checks the server against the rules rather than against itself). Derived from the MAY table of
 * src/domain/access/access-policy.ts, the object rules of an assignment (its parties see it) and
 * the public acts (bodies, decisions, committees: readable by anyone holding some role; a decision
 * also by the parties of its cases), and the people directory (every person's name and unit, to
 * everyone signed in).
 */
import type { Role, RoleGrant } from '../../../src/domain/access/roles.js';
import { callerOf, UNIT_PARENT, UNITS, type CallerKey } from './roles.js';

/** What a role may want to do. */
export type Action = 'read' | 'organise' | 'decide' | 'issue' | 'act' | 'maintain';

/** The table: each role and the actions it allows within its scope. */
export const MAY: { readonly [R in Role]: readonly Action[] } = {
  administrator: ['read', 'organise', 'decide', 'issue', 'act', 'maintain'],
  secretary: ['read', 'decide', 'issue', 'act'],
  controller: ['read', 'act'],
  unit_head: ['read', 'issue', 'act'],
  member: ['read', 'act'],
  viewer: ['read'],
};

/** Where a thing sits: its unit chain (nearest first) and its body. */
export interface Place {
  readonly units: readonly string[];
  readonly bodyId?: string | null;
}

/** A unit and the units above it. */
export function chain(unitId: string): string[] {
  const out: string[] = [];
  let at: string | null | undefined = unitId;
  while (at !== null && at !== undefined) {
    out.push(at);
    at = UNIT_PARENT[at];
  }
  return out;
}

/** The place of a thing in a unit. */
export function inUnit(unitId: string): Place {
  return { units: chain(unitId) };
}

/** The place of a thing of a body (a body, its decisions, its committees). */
export function ofBody(bodyId: string | null): Place {
  return { units: [], bodyId };
}

function covers(g: RoleGrant, place: Place): boolean {
  if (g.role === 'secretary') return place.bodyId !== undefined && place.bodyId !== null && g.bodyId === place.bodyId;
  return place.units.includes(g.unitId);
}

/** The grants of a caller (none for anonymous). */
export function grantsOf(key: CallerKey): readonly RoleGrant[] {
  return callerOf(key).grants;
}

/** True when the caller is signed in (has a person). */
export function signedIn(key: CallerKey): boolean {
  return callerOf(key).personId !== null;
}

/** True when the caller's credential may change things (a session, or a token with the write scope). */
export function writes(key: CallerKey): boolean {
  return callerOf(key).scopes.includes('write');
}

/** True when some role of the caller allows the action on a thing so placed. */
export function roleAllows(key: CallerKey, action: Action, place: Place): boolean {
  return grantsOf(key).some((g) => MAY[g.role].includes(action) && covers(g, place));
}

/** True when the caller is administrator over every root unit. */
export function adminOfAll(key: CallerKey): boolean {
  return grantsOf(key).some((g) => g.role === 'administrator' && g.unitId === UNITS.root);
}

/** True when the caller holds any role at all. */
export function hasRole(key: CallerKey): boolean {
  return grantsOf(key).length > 0;
}

/** The people taking part in an assignment, by part. */
export interface Parties {
  readonly ownerId: string;
  readonly holderId: string;
  readonly verifierId: string;
  readonly issuerId: string;
  readonly controllerId: string | null;
  readonly coExecutorIds: readonly string[];
  /** The person a waiting handover or transfer is offered to: they must see the case to answer. */
  readonly recipientId: string | null;
}

/** A thing of the record, as the policy needs to know it. */
export type Thing =
  | { readonly kind: 'unit'; readonly id: string }
  | { readonly kind: 'person'; readonly id: string; readonly unitId: string }
  | { readonly kind: 'post'; readonly id: string; readonly unitId: string }
  | { readonly kind: 'body'; readonly id: string }
  /** `cases`: the parties of the decision's cases, who read it too (docs/decisions/0022-people-directory-and-decision-visibility.md). */
  | { readonly kind: 'decision'; readonly id: string; readonly bodyId: string; readonly cases?: readonly Parties[] }
  | { readonly kind: 'committee'; readonly id: string; readonly bodyId: string | null }
  | { readonly kind: 'assignment'; readonly id: string; readonly ownerUnit: string; readonly bodyId: string; readonly parties: Parties }
  | { readonly kind: 'token'; readonly id: string; readonly personId: string }
  /** The people directory: every person's name and unit (id and name), shown to everyone signed in. */
  | { readonly kind: 'directory'; readonly id: string };

/** Where a thing sits. */
export function placeOf(t: Thing): Place {
  switch (t.kind) {
    case 'unit':
      return inUnit(t.id);
    case 'person':
    case 'post':
      return inUnit(t.unitId);
    case 'body':
      return ofBody(t.id);
    case 'decision':
    case 'committee':
      return ofBody(t.bodyId);
    case 'assignment':
      return { units: chain(t.ownerUnit), bodyId: t.bodyId };
    case 'token':
    case 'directory':
      return { units: [] };
  }
}

/** True when the caller takes part in the assignment. */
export function isParty(key: CallerKey, p: Parties): boolean {
  const me = callerOf(key).personId;
  if (me === null) return false;
  return [p.ownerId, p.holderId, p.verifierId, p.issuerId, p.controllerId, p.recipientId, ...p.coExecutorIds].includes(me);
}

/** True when the caller may see the thing. */
export function canSee(key: CallerKey, t: Thing): boolean {
  const me = callerOf(key).personId;
  if (me === null) return false;
  switch (t.kind) {
    case 'assignment':
      return isParty(key, t.parties) || roleAllows(key, 'read', placeOf(t));
    case 'person':
      return t.id === me || roleAllows(key, 'read', placeOf(t));
    case 'decision':
      // A public act for anyone holding a role; and the parties of its cases read it (not in lists).
      return hasRole(key) || (t.cases ?? []).some((p) => isParty(key, p));
    case 'body':
    case 'committee':
      return hasRole(key) || roleAllows(key, 'read', placeOf(t));
    case 'token':
      return t.personId === me;
    case 'directory':
      return true;
    case 'unit':
    case 'post':
      return roleAllows(key, 'read', placeOf(t));
  }
}

/** True when the caller may take a lifecycle step on the assignment as far as roles and parts go (the rules then say whose step it is). */
export function canActOn(key: CallerKey, t: Extract<Thing, { kind: 'assignment' }>): boolean {
  return isParty(key, t.parties) || roleAllows(key, 'act', placeOf(t));
}
