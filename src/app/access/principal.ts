/**
 * Who is calling, as the application sees it: a person (with their role grants) acting through a
 * browser session or an API token. Grants are read from the primary each time: a revoked role
 * stops working at once.
 */
import type { Principal } from '../../domain/access/access-policy.js';
import type { Store } from '../../store/port.js';
import type { Visibility } from '../../store/read-model.js';
import type { TokenScope } from '../accounts/tokens.js';

/** A caller: the person, their account, how they came in and what their credential allows. */
export interface Caller {
  readonly personId: string;
  readonly accountId: string;
  readonly via: 'session' | 'token';
  /** A session may read and write; a token only what its scopes say. */
  readonly scopes: readonly TokenScope[];
}

/** The principal (person and grants) of a person. */
export async function principalOf(store: Store, personId: string): Promise<Principal> {
  return { personId, grants: await store.reads.grants(personId) };
}

/** What a principal sees in lists: the units under their roles, the bodies they are secretary of. */
export async function visibilityOf(store: Store, principal: Principal): Promise<Visibility> {
  const units = new Set<string>();
  const bodies = new Set<string>();
  for (const g of principal.grants) {
    if (g.role === 'secretary') bodies.add(g.bodyId);
    else for (const u of await store.reads.unitSubtree(g.unitId)) units.add(u);
  }
  return { personId: principal.personId, unitIds: [...units], bodyIds: [...bodies] };
}
