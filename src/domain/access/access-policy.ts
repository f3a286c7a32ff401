/**
 * Who may see and do what (pure). A principal is a person with their role grants. A thing sits
 * somewhere: in a unit (seen with the chain of units above it) and, for decisions and their
 * assignments, under a body. A unit grant covers its unit and everything below; a secretary's
 * grant covers the things of its body. The parties of an assignment (owner, holder, co-executors,
 * verifier, controller, issuer) always see it; what they may *do* to it is the lifecycle rules'.
 */
import type { Role, RoleGrant } from './roles.js';

/** Who is asking: a person and the roles they hold. */
export interface Principal {
  readonly personId: string;
  readonly grants: readonly RoleGrant[];
}

/** Where a thing sits: its unit and the units above it (nearest first), and the body it belongs to, if any. */
export interface Placement {
  readonly units: readonly string[];
  readonly bodyId?: string | null;
}

/** What a principal may want to do. */
export type Action =
  /** Read something. */
  | 'read'
  /** Create or change units, people, posts, bodies, committees, roles. */
  | 'organise'
  /** Register a decision of a body. */
  | 'decide'
  /** Issue an assignment under a decision. */
  | 'issue'
  /** Take a step of an assignment's lifecycle (the lifecycle rules then decide whether this person may). */
  | 'act'
  /** Run the record's maintenance: verify, checkpoint. */
  | 'maintain';

const MAY: { readonly [R in Role]: readonly Action[] } = {
  administrator: ['read', 'organise', 'decide', 'issue', 'act', 'maintain'],
  secretary: ['read', 'decide', 'issue', 'act'],
  controller: ['read', 'act'],
  unit_head: ['read', 'issue', 'act'],
  member: ['read', 'act'],
  viewer: ['read'],
};

/** True when the grant's scope covers the placement. */
export function covers(grant: RoleGrant, placement: Placement): boolean {
  if (grant.role === 'secretary') return placement.bodyId !== undefined && placement.bodyId !== null && placement.bodyId === grant.bodyId;
  return placement.units.includes(grant.unitId);
}

/** The grants of a principal that allow an action on a thing so placed. */
export function grantsFor(principal: Principal, action: Action, placement: Placement): RoleGrant[] {
  return principal.grants.filter((g) => MAY[g.role].includes(action) && covers(g, placement));
}

/** True when some grant of the principal allows the action on a thing so placed. */
export function allowed(principal: Principal, action: Action, placement: Placement): boolean {
  return grantsFor(principal, action, placement).length > 0;
}

/** The people who take part in an assignment. */
export interface AssignmentParties {
  readonly ownerId: string;
  readonly holderId: string;
  readonly verifierId: string;
  readonly issuerId: string;
  readonly controllerId: string | null;
  readonly coExecutorIds: readonly string[];
}

/** True when the principal takes part in the assignment. */
export function isParty(principal: Principal, parties: AssignmentParties): boolean {
  const me = principal.personId;
  return (
    me === parties.ownerId ||
    me === parties.holderId ||
    me === parties.verifierId ||
    me === parties.issuerId ||
    me === parties.controllerId ||
    parties.coExecutorIds.includes(me)
  );
}

/** True when the principal may see the assignment: as a party, or through a role over where it sits. */
export function canSeeAssignment(principal: Principal, parties: AssignmentParties, placement: Placement): boolean {
  return isParty(principal, parties) || allowed(principal, 'read', placement);
}

/** True when the principal may take a lifecycle step on the assignment (the rules still decide whether their part allows it). */
export function canActOnAssignment(principal: Principal, parties: AssignmentParties, placement: Placement): boolean {
  return isParty(principal, parties) || allowed(principal, 'act', placement);
}

/** True when the principal holds the administrator role over every unit without a parent: over the whole organisation. */
export function isAdministratorOfAll(principal: Principal, roots: readonly string[]): boolean {
  return roots.length > 0 && roots.every((root) => principal.grants.some((g) => g.role === 'administrator' && g.unitId === root));
}
