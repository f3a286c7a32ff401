/**
 * Fresh target cases in A, each brought to the state a lifecycle step needs, so that the step
 * would succeed for the right person: a refusal of anybody else is then the access rules at work,
 * not the lifecycle. Every case has the same cast (the party callers of roles.ts), its own marked
 * title, definition of done and evidence, and is planted for the leak scan.
 */
import type { Role } from '../../../src/domain/access/roles.js';
import { at } from '../../support/world.js';
import type { Parties, Thing } from './policy.js';
import { BODIES, DECISIONS, partyId, ROOT_ADMIN, UNITS } from './roles.js';
import { carryParties, type AuthzWorld } from './world.js';

/** The states a target can be prepared in. */
export type PreState = 'issued' | 'held' | 'handover-pending' | 'transfer-pending' | 'extension-pending' | 'submitted' | 'verified';

/** A prepared target: its id and current ETag. */
export interface Target {
  readonly id: string;
  readonly etag: string;
}

const owner = partyId('owner');
const holder = partyId('holder');
const recipient = partyId('recipient');

/** The deadline of every target case, except the shared read target's (READ_DEADLINE). */
export const DEADLINE = at(240);
/** The deadline of the shared read target and of B's case: lists asked for what is due before READ_BEFORE hold just these two. */
export const READ_DEADLINE = at(200);
/** See READ_DEADLINE. */
export const READ_BEFORE = at(201);

/** Issues a new case of decision A and walks it to `state`. */
export async function freshAssignment(w: AuthzWorld, state: PreState, deadline = DEADLINE): Promise<Target> {
  const n = w.next();
  const id = `asg_zqa-t${n}`;
  const title = `zqa-title-t${n}`;
  const dod = `zqa-dod-t${n}`;
  const evidence = `zqa-evidence-t${n}`;
  await w.run(partyId('issuer'), {
    type: 'assignment.issue',
    id,
    decisionId: DECISIONS.alpha,
    title,
    definitionOfDone: dod,
    deadline,
    ownerId: owner,
    verifierId: partyId('verifier'),
    controllerId: partyId('controller'),
    coExecutorIds: [partyId('coexec')],
  });
  if (state !== 'issued') {
    await w.run(owner, { type: 'assignment.accept', assignmentId: id });
    await w.run(owner, { type: 'assignment.handover.offer', assignmentId: id, toId: holder, reason: 'the holder works it' });
    await w.run(holder, { type: 'assignment.handover.accept', assignmentId: id });
  }
  if (state === 'handover-pending') await w.run(holder, { type: 'assignment.handover.offer', assignmentId: id, toId: recipient, reason: 'over to the recipient' });
  if (state === 'transfer-pending') await w.run(owner, { type: 'assignment.transfer.request', assignmentId: id, toId: recipient, reason: 'the recipient should own it' });
  if (state === 'extension-pending') await w.run(owner, { type: 'assignment.extension.request', assignmentId: id, deadline: at(480), reason: 'more time' });
  if (state === 'submitted' || state === 'verified') await w.run(holder, { type: 'assignment.submit', assignmentId: id, evidence: [{ kind: 'text', text: evidence }] });
  if (state === 'verified') await w.run(partyId('verifier'), { type: 'assignment.verify', assignmentId: id });

  const parties: Parties = {
    ownerId: owner,
    holderId: state === 'issued' ? owner : holder,
    verifierId: partyId('verifier'),
    issuerId: partyId('issuer'),
    controllerId: partyId('controller'),
    coExecutorIds: [partyId('coexec')],
    recipientId: state === 'handover-pending' || state === 'transfer-pending' ? recipient : null,
  };
  const thing: Extract<Thing, { kind: 'assignment' }> = { kind: 'assignment', id, ownerUnit: UNITS.aSub, bodyId: BODIES.alpha, parties };
  w.markers.plant(thing, [id, title, dod, evidence]);
  carryParties(w.markers, thing);
  return { id, etag: await w.etag(id) };
}

/** A new post in A's lower unit (optionally held), its title a marker. */
export async function freshPost(w: AuthzWorld, held: boolean): Promise<Target> {
  const n = w.next();
  const id = `post_zqa-p${n}`;
  await w.run('system', { type: 'post.create', id, unitId: UNITS.aSub, title: `zqa-posttitle-p${n}`, ...(held ? { holderId: holder } : {}) });
  w.markers.plant({ kind: 'post', id, unitId: UNITS.aSub }, [id, `zqa-posttitle-p${n}`]);
  return { id, etag: await w.etag(id) };
}

/** A new person in A's lower unit (optionally holding a role), their name a marker. */
export async function freshPerson(w: AuthzWorld, grant?: { readonly role: Role; readonly scopeId: string }): Promise<Target> {
  const n = w.next();
  const id = `per_zqa-n${n}`;
  const name = `zqa-newname-n${n}`;
  await w.run('system', { type: 'person.register', id, name, unitId: UNITS.aSub });
  if (grant !== undefined) await w.run('system', { type: 'person.grant-role', personId: id, role: grant.role, scopeId: grant.scopeId });
  w.markers.plant({ kind: 'person', id, unitId: UNITS.aSub }, [name]);
  w.markers.inDirectory([name]);
  return { id, etag: await w.etag(id) };
}

/** A new committee of body_alpha (a public act: no markers). */
export async function freshCommittee(w: AuthzWorld): Promise<Target> {
  const n = w.next();
  const id = `cmt_c${n}`;
  await w.run('system', { type: 'committee.create', id, name: `Committee ${n}`, mandate: 'a mandate', chairId: ROOT_ADMIN, sunset: '2023-12-31', bodyId: BODIES.alpha });
  return { id, etag: await w.etag(id) };
}
