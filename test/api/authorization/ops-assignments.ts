/**
 * Fixtures of the assignment operations: reading one, its ledger and events, listing, issuing,
 * and every lifecycle step, each step on a fresh case in the state it needs, with the parts the
 * lifecycle rules give it (only the owner accepts, only the verifier verifies …).
 */
import { at } from '../../support/world.js';
import { op, type OperationFixture, type Verdict } from './fixture.js';
import { adminOfAll, canSee, inUnit, ofBody, roleAllows, signedIn, writes, type Parties, type Thing } from './policy.js';
import { B_PARTIES, BODIES, DECISIONS, partyId, UNITS, type CallerKey, type PartyKind } from './roles.js';
import { DEADLINE, freshAssignment, READ_BEFORE, READ_DEADLINE, type PreState } from './targets.js';
import type { Answer } from '../../support/api-world.js';
import { carryParties, type AuthzWorld } from './world.js';

/** The case every reading operation reads (made once per world): a handover to the recipient waits on it. */
const shared = new WeakMap<AuthzWorld, Promise<string>>();

/** The shared read target of a world. */
export function readTarget(w: AuthzWorld): Promise<string> {
  let id = shared.get(w);
  if (id === undefined) {
    id = freshAssignment(w, 'handover-pending', READ_DEADLINE).then((t) => t.id);
    shared.set(w, id);
  }
  return id;
}

/** Allowed when the caller is one of these parties and their credential writes. */
function partiesOnly(parts: readonly PartyKind[]): (caller: CallerKey) => Verdict {
  return (caller) => (parts.some((p) => caller === `party:${p}`) && writes(caller) ? 'allow' : 'deny');
}

function step(operationId: string, path: string, state: PreState, parts: readonly PartyKind[], body: () => unknown = () => ({})): OperationFixture {
  return op({
    operationId,
    method: 'POST',
    path: `/api/v1/assignments/{id}/${path}`,
    async prepare(w) {
      const t = await freshAssignment(w, state);
      return { url: `/api/v1/assignments/${t.id}/${path}`, body: body(), headers: { 'if-match': t.etag } };
    },
    verdict: partiesOnly(parts),
  });
}

/** The parties of the shared read target: every party caller, the recipient's handover waiting. */
export const READ_TARGET_PARTIES: Parties = {
  ownerId: partyId('owner'),
  holderId: partyId('holder'),
  verifierId: partyId('verifier'),
  issuerId: partyId('issuer'),
  controllerId: partyId('controller'),
  coExecutorIds: [partyId('coexec')],
  recipientId: partyId('recipient'),
};

/** The shared read target as the policy knows it. */
const READ_TARGET: Thing = { kind: 'assignment', id: 'shared', ownerUnit: UNITS.aSub, bodyId: BODIES.alpha, parties: READ_TARGET_PARTIES };

/** What a caller sees of the shared read target. */
function seesReadTarget(caller: CallerKey): Verdict {
  return canSee(caller, READ_TARGET) ? 'allow' : 'deny';
}

function readOne(operationId: string, suffix: string): OperationFixture {
  return op({
    operationId,
    method: 'GET',
    path: `/api/v1/assignments/{id}${suffix}`,
    async prepare(w) {
      return { url: `/api/v1/assignments/${await readTarget(w)}${suffix}` };
    },
    verdict: seesReadTarget,
  });
}

/** Who may issue under decision A to an owner of a unit: a role allowing `issue` over the deciding body, over the owner's unit, or over everything. */
function mayIssue(ownerUnit: string): (caller: CallerKey) => Verdict {
  return (caller) => {
    if (!signedIn(caller) || !writes(caller)) return 'deny';
    const ok = roleAllows(caller, 'issue', ofBody(BODIES.alpha)) || roleAllows(caller, 'issue', inUnit(ownerUnit)) || adminOfAll(caller);
    return ok ? 'allow' : 'deny';
  };
}

/** Issuing under decision A, to an owner and verifier of a unit. */
function issue(ownerId: string, verifierId: string, ownerUnit: string, variant?: string): OperationFixture {
  return op({
    operationId: 'issueAssignment',
    ...(variant !== undefined ? { variant } : {}),
    method: 'POST',
    path: '/api/v1/decisions/{id}/assignments',
    prepare(w, caller) {
      const n = w.next();
      // The new case names the units of its parties: it carries their markers to whoever sees it.
      const created = (answer: Answer): void => {
        const id = (answer.body as { id?: string }).id ?? '';
        const parties = { ownerId, holderId: ownerId, verifierId, issuerId: w.person(caller), controllerId: null, coExecutorIds: [], recipientId: null };
        const thing = { kind: 'assignment', id, ownerUnit, bodyId: BODIES.alpha, parties } as const;
        w.markers.plant(thing, []);
        carryParties(w.markers, thing);
      };
      return Promise.resolve({
        url: `/api/v1/decisions/${DECISIONS.alpha}/assignments`,
        body: { title: `zqc-issued-${n}`, definitionOfDone: `zqc-done-${n}`, deadline: DEADLINE, ownerId, verifierId },
        headers: { 'idempotency-key': `authz-issue-${n}` },
        created,
      });
    },
    verdict: mayIssue(ownerUnit),
  });
}

/** The fixtures of the assignment operations. */
export const ASSIGNMENT_OPERATIONS: readonly OperationFixture[] = [
  readOne('getAssignment', ''),
  readOne('getAssignmentLedger', '/ledger'),
  readOne('getAssignmentEvents', '/events'),
  op({
    operationId: 'listAssignments',
    method: 'GET',
    path: '/api/v1/assignments',
    // What is due before READ_BEFORE: the shared read target and B's case, nothing else.
    async prepare(w, caller) {
      const id = await readTarget(w);
      return { url: `/api/v1/assignments?limit=200&deadlineTo=${encodeURIComponent(READ_BEFORE)}`, lists: { id, visible: canSee(caller, READ_TARGET) } };
    },
    verdict: (caller) => (signedIn(caller) ? 'allow' : 'deny'),
  }),
  issue(partyId('owner'), partyId('verifier'), UNITS.aSub),
  issue(B_PARTIES.owner, B_PARTIES.verifier, UNITS.bSub, 'to an owner in B'),
  step('acceptAssignment', 'accept', 'issued', ['owner']),
  step('handoverOfferAssignment', 'handover', 'held', ['holder'], () => ({ toId: partyId('recipient'), reason: 'over to you' })),
  step('handoverAcceptAssignment', 'handover/accept', 'handover-pending', ['recipient']),
  step('handoverRefuseAssignment', 'handover/refuse', 'handover-pending', ['recipient'], () => ({ reason: 'not mine' })),
  step('transferRequestAssignment', 'transfer', 'held', ['owner', 'issuer', 'controller'], () => ({ toId: partyId('recipient'), reason: 'yours now' })),
  step('transferAcceptAssignment', 'transfer/accept', 'transfer-pending', ['recipient']),
  step('transferRefuseAssignment', 'transfer/refuse', 'transfer-pending', ['recipient'], () => ({ reason: 'not mine' })),
  step('extensionRequestAssignment', 'extension', 'held', ['owner', 'holder'], () => ({ deadline: at(480), reason: 'more time' })),
  step('extensionGrantAssignment', 'extension/grant', 'extension-pending', ['controller']),
  step('extensionRefuseAssignment', 'extension/refuse', 'extension-pending', ['controller'], () => ({ reason: 'no' })),
  step('submitAssignment', 'submit', 'held', ['holder', 'owner'], () => ({ evidence: [{ kind: 'text', text: 'zqc-submitted' }] })),
  step('verifyAssignment', 'verify', 'submitted', ['verifier']),
  step('rejectAssignment', 'reject', 'submitted', ['verifier'], () => ({ reasons: ['incomplete'] })),
  step('cancelAssignment', 'cancel', 'held', ['issuer', 'controller'], () => ({ reason: 'no longer needed' })),
  step('reopenAssignment', 'reopen', 'verified', ['verifier', 'issuer', 'controller'], () => ({ reason: 'not really done' })),
  step('escalateAssignment', 'escalate', 'held', ['owner', 'holder', 'coexec', 'issuer', 'controller'], () => ({ toId: BODIES.alpha, reason: 'stuck' })),
];
