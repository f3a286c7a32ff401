/**
 * The record the cluster test serves: the standard populated scenario on a fresh PostgreSQL
 * database, plus an assignment for the same-ETag race, a decision for the write load, and API
 * tokens for the people who act. The store is closed again: only the server processes use it.
 */
import { createAccount } from '../../src/app/accounts/accounts.js';
import { issueToken } from '../../src/app/accounts/tokens.js';
import type { Backend } from '../support/backends.js';
import { PASSWORD, usernameOf } from '../support/api-world.js';
import { populate } from '../support/scenario.js';
import { expectOk, issueCommand, ORG, run } from '../support/world.js';

/** The assignment the 50 concurrent accepts race for (owned by Krasin, issued, version 1). */
export const RACE_ASSIGNMENT = 'asg_race';
/** The decision the write load issues its assignments under. */
export const LOAD_DECISION = 'dec_cluster';
/** A deadline far enough ahead that no clock makes it past. */
export const FAR_DEADLINE = '2100-01-01T00:00:00.000Z';

/** Where the record is and the bearer tokens of the people who act. */
export interface ClusterRecord {
  readonly location: string;
  /** Write token of Krasin, the owner of RACE_ASSIGNMENT. */
  readonly ownerToken: string;
  /** Write token of the secretary, who issues assignments under LOAD_DECISION. */
  readonly issuerToken: string;
}

/** Creates and fills the database, then closes it. */
export async function prepareClusterRecord(backend: Backend): Promise<ClusterRecord> {
  const store = await backend.fresh();
  try {
    const w = await populate(store);
    const { people: p } = ORG;
    await run(w, p.secretary, issueCommand({ id: RACE_ASSIGNMENT, title: 'One accept wins', ownerId: p.krasin, deadline: FAR_DEADLINE }));
    await run(w, p.secretary, { type: 'decision.register', id: LOAD_DECISION, bodyId: ORG.bodies.sto, number: '2', date: '2022-03-05', title: 'Many small orders' });
    const tokens: string[] = [];
    for (const personId of [p.krasin, p.secretary]) {
      const account = expectOk(await createAccount(store, { personId, username: usernameOf(personId), password: PASSWORD }, Date.now()));
      tokens.push(expectOk(await issueToken(store, account.id, 'cluster test', ['read', 'write'], Date.now())).token);
    }
    const [ownerToken, issuerToken] = tokens as [string, string];
    return { location: backend.location(store), ownerToken, issuerToken };
  } finally {
    await store.close();
  }
}
