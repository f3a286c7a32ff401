/**
 * Fixtures of evidence files, beneficiary links and the record's status. An upload is open to
 * anyone signed in who writes; a file is read back only through a case the caller sees that cites
 * it. A beneficiary link is made by the case's issuer, controller, owner or verifier, or a role
 * acting over it. The record's status is for anyone holding a role; verifying it, for an
 * administrator of everything.
 */
import { readdir } from 'node:fs/promises';
import { op, type OperationFixture, type Verdict } from './fixture.js';
import { adminOfAll, canSee, hasRole, placeOf, roleAllows, signedIn, writes, type Thing } from './policy.js';
import { BODIES, partyId, UNITS, type CallerKey } from './roles.js';
import { freshAssignment } from './targets.js';
import type { AuthzWorld } from './world.js';

/** How many files the server keeps (what a refused upload must not change). */
async function fileCount(w: AuthzWorld): Promise<number> {
  const entries = await readdir(w.filesDir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).length;
}

/** The case whose submission cites an uploaded file (made once per world), and the file's sha256. */
const evidence = new WeakMap<AuthzWorld, Promise<{ id: string; sha256: string }>>();

async function makeEvidence(w: AuthzWorld): Promise<{ id: string; sha256: string }> {
  const t = await freshAssignment(w, 'held');
  const n = w.next();
  const content = `zqa-filecontent-x${n}`;
  const name = `zqa-docname-x${n}.txt`;
  const up = await w.call('party:holder', 'POST', '/api/v1/files', { payload: content, headers: { 'content-type': 'text/plain' } });
  const sha256 = (up.body as { sha256?: string } | undefined)?.sha256;
  if (up.status !== 201 || sha256 === undefined) throw new Error(`upload for the evidence target: ${up.status} ${up.raw.body}`);
  await w.run(partyId('holder'), { type: 'assignment.submit', assignmentId: t.id, evidence: [{ kind: 'document', name, sha256, size: content.length, mediaType: 'text/plain' }] });
  const thing = w.markers.thing(t.id);
  if (thing === undefined) throw new Error('the evidence case was not planted');
  w.markers.plant(thing, [content, name]);
  return { id: t.id, sha256 };
}

function evidenceTarget(w: AuthzWorld): Promise<{ id: string; sha256: string }> {
  let made = evidence.get(w);
  if (made === undefined) {
    made = makeEvidence(w);
    evidence.set(w, made);
  }
  return made;
}

/** A case of A as the policy knows it (no handover or transfer waiting). */
const CASE: Extract<Thing, { kind: 'assignment' }> = {
  kind: 'assignment',
  id: 'a case of A',
  ownerUnit: UNITS.aSub,
  bodyId: BODIES.alpha,
  parties: {
    ownerId: partyId('owner'),
    holderId: partyId('holder'),
    verifierId: partyId('verifier'),
    issuerId: partyId('issuer'),
    controllerId: partyId('controller'),
    coExecutorIds: [partyId('coexec')],
    recipientId: null,
  },
};

/** The answerable parties of a case, or a role acting over it. */
function mayLink(caller: CallerKey): Verdict {
  if (!writes(caller) || !canSee(caller, CASE)) return 'deny';
  const answerable = (['issuer', 'controller', 'owner', 'verifier'] as const).some((p) => caller === `party:${p}`);
  return answerable || roleAllows(caller, 'act', placeOf(CASE)) ? 'allow' : 'deny';
}

/** The fixtures of files, beneficiary links and the record. */
export const RECORD_AND_FILE_OPERATIONS: readonly OperationFixture[] = [
  op({
    operationId: 'uploadFile',
    method: 'POST',
    path: '/api/v1/files',
    prepare(w) {
      const n = w.next();
      return Promise.resolve({
        url: '/api/v1/files',
        payload: `zqc-upload-${n}`,
        headers: { 'content-type': 'text/plain', 'idempotency-key': `authz-file-${n}` },
        footprint: () => fileCount(w),
      });
    },
    verdict: (caller) => (signedIn(caller) && writes(caller) ? 'allow' : 'deny'),
  }),
  op({
    operationId: 'getAssignmentEvidence',
    method: 'GET',
    path: '/api/v1/assignments/{id}/evidence/{sha256}',
    async prepare(w) {
      const t = await evidenceTarget(w);
      return { url: `/api/v1/assignments/${t.id}/evidence/${t.sha256}` };
    },
    verdict: (caller) => (canSee(caller, CASE) ? 'allow' : 'deny'),
  }),
  op({
    operationId: 'createBeneficiaryLink',
    method: 'POST',
    path: '/api/v1/assignments/{id}/beneficiary-links',
    async prepare(w) {
      const t = await freshAssignment(w, 'submitted');
      const n = w.next();
      return { url: `/api/v1/assignments/${t.id}/beneficiary-links`, body: { beneficiary: 'The people of Alpha' }, headers: { 'idempotency-key': `authz-link-${n}` } };
    },
    verdict: mayLink,
  }),
  op({
    operationId: 'getRecordStatus',
    method: 'GET',
    path: '/api/v1/record/status',
    prepare: () => Promise.resolve({ url: '/api/v1/record/status' }),
    verdict: (caller) => (hasRole(caller) ? 'allow' : 'deny'),
  }),
  op({
    operationId: 'verifyRecord',
    method: 'POST',
    path: '/api/v1/record/verify',
    prepare: () => Promise.resolve({ url: '/api/v1/record/verify' }),
    verdict: (caller) => (writes(caller) && adminOfAll(caller) ? 'allow' : 'deny'),
  }),
];
