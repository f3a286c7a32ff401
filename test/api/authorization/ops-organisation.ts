/**
 * Fixtures of the organisation: units, people, posts and roles sit in a unit (seen by roles over
 * it, changed by an administrator over it); bodies, committees and decisions are public acts
 * (seen by anyone holding a role; a decision also by the parties of its cases, though not in the
 * list), made by an administrator of everything — decisions also by the secretary of their body.
 * Targets are A's; changes go to fresh ones.
 */
import { op, type OperationFixture, type Verdict } from './fixture.js';
import { adminOfAll, canSee, inUnit, ofBody, roleAllows, signedIn, writes, type Action, type Parties, type Place, type Thing } from './policy.js';
import type { Role } from '../../../src/domain/access/roles.js';
import { B_PARTIES, BODIES, COMMITTEE, DECISIONS, partyId, ROOT_ADMIN, UNITS, type CallerKey } from './roles.js';
import { readTarget, READ_TARGET_PARTIES } from './ops-assignments.js';
import { freshCommittee, freshPerson, freshPost } from './targets.js';

/** Allowed when a role of the caller allows the action there (or the caller administers everything) and the credential writes. */
function mayDo(action: Action, place: Place): (caller: CallerKey) => Verdict {
  return (caller) => (writes(caller) && signedIn(caller) && (roleAllows(caller, action, place) || adminOfAll(caller)) ? 'allow' : 'deny');
}

/** Allowed only for an administrator of the whole organisation (with a writing credential). */
function adminOfAllOnly(caller: CallerKey): Verdict {
  return writes(caller) && adminOfAll(caller) ? 'allow' : 'deny';
}

function sees(thing: Thing): (caller: CallerKey) => Verdict {
  return (caller) => (canSee(caller, thing) ? 'allow' : 'deny');
}

const anyoneSignedIn = (caller: CallerKey): Verdict => (signedIn(caller) ? 'allow' : 'deny');

function readOne(operationId: string, base: string, id: string, thing: Thing): OperationFixture {
  return op({ operationId, method: 'GET', path: `/api/v1/${base}/{id}`, prepare: () => Promise.resolve({ url: `/api/v1/${base}/${id}` }), verdict: sees(thing) });
}

/** A list, which must show `thing` exactly to the callers who may see it. */
function list(operationId: string, base: string, thing: Thing): OperationFixture {
  return op({
    operationId,
    method: 'GET',
    path: `/api/v1/${base}`,
    prepare: (_w, caller) => Promise.resolve({ url: `/api/v1/${base}?limit=200`, lists: { id: thing.id, visible: canSee(caller, thing) } }),
    verdict: anyoneSignedIn,
  });
}

function create(operationId: string, base: string, body: (n: string) => unknown, verdict: (caller: CallerKey) => Verdict): OperationFixture {
  return op({
    operationId,
    method: 'POST',
    path: `/api/v1/${base}`,
    prepare(w) {
      const n = w.next();
      return Promise.resolve({ url: `/api/v1/${base}`, body: body(n), headers: { 'idempotency-key': `authz-${base}-${n}` } });
    },
    verdict,
  });
}

const owner = partyId('owner');

/** The parties of B's case (of dec_beta): people without accounts. */
const B_CASE_PARTIES: Parties = { ownerId: B_PARTIES.owner, holderId: B_PARTIES.owner, verifierId: B_PARTIES.verifier, issuerId: B_PARTIES.issuer, controllerId: null, coExecutorIds: [], recipientId: null };

/** Grants or revokes a role of a fresh person of A (who holds `held` beforehand). */
function roleChange(
  operationId: 'grantRole' | 'revokeRole',
  path: string,
  held: { readonly role: Role; readonly scopeId: string } | undefined,
  body: { readonly role: Role; readonly scopeId: string },
  verdict: (caller: CallerKey) => Verdict,
  variant?: string,
): OperationFixture {
  return op({
    operationId,
    ...(variant !== undefined ? { variant } : {}),
    method: 'POST',
    path: `/api/v1/people/{id}/${path}`,
    async prepare(w) {
      const t = await freshPerson(w, held);
      return { url: `/api/v1/people/${t.id}/${path}`, body, headers: { 'if-match': t.etag } };
    },
    verdict,
  });
}

/** The fixtures of the organisation operations. */
export const ORGANISATION_OPERATIONS: readonly OperationFixture[] = [
  readOne('getUnit', 'units', UNITS.aSub, { kind: 'unit', id: UNITS.aSub }),
  list('listUnits', 'units', { kind: 'unit', id: UNITS.aSub }),
  create('createUnit', 'units', (n) => ({ name: `zqc-unit-${n}`, parentId: UNITS.aTop }), mayDo('organise', inUnit(UNITS.aTop))),
  { ...create('createUnit', 'units', (n) => ({ name: `zqc-root-${n}` }), adminOfAllOnly), variant: 'a new root' },

  readOne('getPerson', 'people', owner, { kind: 'person', id: owner, unitId: UNITS.aSub }),
  list('listPeople', 'people', { kind: 'person', id: owner, unitId: UNITS.aSub }),
  create('registerPerson', 'people', (n) => ({ name: `zqc-person-${n}`, unitId: UNITS.aTop }), mayDo('organise', inUnit(UNITS.aTop))),

  readOne('getPost', 'posts', 'post_zqa-sub-head', { kind: 'post', id: 'post_zqa-sub-head', unitId: UNITS.aSub }),
  list('listPosts', 'posts', { kind: 'post', id: 'post_zqa-sub-head', unitId: UNITS.aSub }),
  create('createPost', 'posts', (n) => ({ unitId: UNITS.aTop, title: `zqc-post-${n}` }), mayDo('organise', inUnit(UNITS.aTop))),
  op({
    operationId: 'appointToPost',
    method: 'POST',
    path: '/api/v1/posts/{id}/appoint',
    async prepare(w) {
      const t = await freshPost(w, false);
      return { url: `/api/v1/posts/${t.id}/appoint`, body: { personId: partyId('holder') }, headers: { 'if-match': t.etag } };
    },
    verdict: mayDo('organise', inUnit(UNITS.aSub)),
  }),
  op({
    operationId: 'vacatePost',
    method: 'POST',
    path: '/api/v1/posts/{id}/vacate',
    async prepare(w) {
      const t = await freshPost(w, true);
      return { url: `/api/v1/posts/${t.id}/vacate`, body: {}, headers: { 'if-match': t.etag } };
    },
    verdict: mayDo('organise', inUnit(UNITS.aSub)),
  }),

  op({
    operationId: 'declarePostProfile',
    method: 'POST',
    path: '/api/v1/posts/{id}/profile',
    async prepare(w) {
      const t = await freshPost(w, true);
      return { url: `/api/v1/posts/${t.id}/profile`, body: { domains: [{ domain: 'supply', weight: 2 }, { domain: 'finance', weight: 1 }], minVerified: 3, territory: 'North' }, headers: { 'if-match': t.etag } };
    },
    verdict: mayDo('organise', inUnit(UNITS.aSub)),
  }),

  op({
    operationId: 'getPersonRoles',
    method: 'GET',
    path: '/api/v1/people/{id}/roles',
    prepare: () => Promise.resolve({ url: `/api/v1/people/${owner}/roles` }),
    verdict: sees({ kind: 'person', id: owner, unitId: UNITS.aSub }),
  }),
  roleChange('grantRole', 'roles', undefined, { role: 'viewer', scopeId: UNITS.aSub }, mayDo('organise', inUnit(UNITS.aSub))),
  roleChange('grantRole', 'roles', undefined, { role: 'viewer', scopeId: UNITS.root }, mayDo('organise', inUnit(UNITS.root)), 'over the whole organisation'),
  roleChange('grantRole', 'roles', undefined, { role: 'secretary', scopeId: BODIES.alpha }, adminOfAllOnly, 'secretary of a body'),
  roleChange('revokeRole', 'roles/revoke', { role: 'viewer', scopeId: UNITS.aSub }, { role: 'viewer', scopeId: UNITS.aSub }, mayDo('organise', inUnit(UNITS.aSub))),
  roleChange('revokeRole', 'roles/revoke', { role: 'secretary', scopeId: BODIES.alpha }, { role: 'secretary', scopeId: BODIES.alpha }, adminOfAllOnly, 'secretary of a body'),

  readOne('getBody', 'bodies', BODIES.alpha, { kind: 'body', id: BODIES.alpha }),
  list('listBodies', 'bodies', { kind: 'body', id: BODIES.alpha }),
  create('createBody', 'bodies', (n) => ({ name: `Body ${n}`, level: 2, parentId: BODIES.alpha }), adminOfAllOnly),

  readOne('getCommittee', 'committees', COMMITTEE, { kind: 'committee', id: COMMITTEE, bodyId: BODIES.alpha }),
  list('listCommittees', 'committees', { kind: 'committee', id: COMMITTEE, bodyId: BODIES.alpha }),
  create('createCommittee', 'committees', (n) => ({ name: `Committee ${n}`, mandate: 'a mandate', chairId: ROOT_ADMIN, sunset: '2023-12-31', bodyId: BODIES.alpha }), adminOfAllOnly),
  op({
    operationId: 'dissolveCommittee',
    method: 'POST',
    path: '/api/v1/committees/{id}/dissolve',
    async prepare(w) {
      const t = await freshCommittee(w);
      return { url: `/api/v1/committees/${t.id}/dissolve`, body: { reason: 'done' }, headers: { 'if-match': t.etag } };
    },
    verdict: adminOfAllOnly,
  }),

  op({
    operationId: 'getDecision',
    method: 'GET',
    path: '/api/v1/decisions/{id}',
    async prepare(w) {
      // The shared read target, a case of dec_alpha, makes every party caller a party of one of its cases (the recipient while its handover waits).
      await readTarget(w);
      return { url: `/api/v1/decisions/${DECISIONS.alpha}` };
    },
    verdict: sees({ kind: 'decision', id: DECISIONS.alpha, bodyId: BODIES.alpha, cases: [READ_TARGET_PARTIES] }),
  }),
  // The parties of A's cases take no part in B's: dec_beta is for those holding a role alone.
  { ...readOne('getDecision', 'decisions', DECISIONS.beta, { kind: 'decision', id: DECISIONS.beta, bodyId: BODIES.beta, cases: [B_CASE_PARTIES] }), variant: 'another decision than their cases' },
  list('listDecisions', 'decisions', { kind: 'decision', id: DECISIONS.alpha, bodyId: BODIES.alpha }),
  create('registerDecision', 'decisions', (n) => ({ bodyId: BODIES.alpha, number: `A-${n}`, date: '2022-03-01', title: `Decision ${n}` }), mayDo('decide', ofBody(BODIES.alpha))),
];
