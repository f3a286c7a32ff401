/**
 * Roles and their scopes. A role is granted to a person over a unit subtree (administrator,
 * controller, unit head, member, viewer) or over a body (secretary). What each role may do is in
 * access-policy.ts; granting is an event of the person's stream, so the record says who could do
 * what, and since when.
 */

/** The roles a person may hold. */
export const ROLES = ['administrator', 'secretary', 'controller', 'unit_head', 'member', 'viewer'] as const;

/** A role a person may hold. */
export type Role = (typeof ROLES)[number];

/** A role over its scope: a unit and everything below it, or one body (a secretary's). */
export type RoleGrant =
  | { readonly role: Exclude<Role, 'secretary'>; readonly unitId: string }
  | { readonly role: 'secretary'; readonly bodyId: string };

/** True when two grants are the same role over the same scope. */
export function sameGrant(a: RoleGrant, b: RoleGrant): boolean {
  if (a.role !== b.role) return false;
  if (a.role === 'secretary' && b.role === 'secretary') return a.bodyId === b.bodyId;
  return 'unitId' in a && 'unitId' in b && a.unitId === b.unitId;
}

/** The scope of a grant as text, for messages and logs: `unit_x` or `body_y`. */
export function scopeOf(g: RoleGrant): string {
  return g.role === 'secretary' ? g.bodyId : g.unitId;
}
