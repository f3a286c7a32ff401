/**
 * Fixtures of a body's agenda (issue #5): body_alpha's agenda is kept — read, returned, scheduled,
 * decided, withdrawn — by its secretary and by an administrator of the whole organisation
 * ('decide' over the body); a question is submitted by them, or from a unit by whoever may issue
 * there; a returned item is brought again by the body's keepers or by whoever may issue over the
 * unit it was returned to. A body's agenda list answers anyone who sees the body, showing its items
 * only to those who keep it. Every step runs on a fresh item in the state it needs.
 */
import type { CommandInput } from '../../../src/app/commands/schemas.js';
import { op, type OperationFixture, type Verdict } from './fixture.js';
import { adminOfAll, hasRole, inUnit, ofBody, roleAllows, signedIn, writes } from './policy.js';
import { BODIES, DECISIONS, UNITS, type CallerKey } from './roles.js';
import type { Target } from './targets.js';
import { freshUnit, sharedDocument, sideEffects } from './ops-ladder.js';
import type { AuthzWorld } from './world.js';

const BODY = BODIES.alpha;

/** Who keeps body_alpha's agenda: a role allowing 'decide' over the body (its secretary), or an administrator of everything. */
function keepsAgenda(caller: CallerKey): boolean {
  return roleAllows(caller, 'decide', ofBody(BODY)) || adminOfAll(caller);
}

/** Who sees body_alpha's agenda items: whoever reads the body's things through a role over it, or an administrator of everything. */
function seesAgenda(caller: CallerKey): boolean {
  return roleAllows(caller, 'read', ofBody(BODY)) || adminOfAll(caller);
}

/** A statement: the question, two options, the shared document, and who already tried (the root unit: it carries no marker). */
async function statement(w: AuthzWorld, question: string): Promise<{ question: string; options: string[]; documents: unknown[]; alreadyTried: Array<{ partyId: string; did: string }> }> {
  return { question, options: ['the trust', 'the commissariat'], documents: [await sharedDocument(w)], alreadyTried: [{ partyId: UNITS.root, did: 'asked the trust twice' }] };
}

/** A new item on body_alpha's agenda, submitted with its statement and walked to `state`; its ETag. */
async function freshItem(w: AuthzWorld, state: 'submitted' | 'scheduled' | 'returned', returnTo: string = UNITS.aTop): Promise<Target> {
  const id = `agd_t${w.next()}`;
  await w.run('system', { type: 'agenda.submit', id, bodyId: BODY, ...(await statement(w, `Who pays for the wagons (${id})?`)) } as CommandInput);
  if (state === 'scheduled') await w.run('system', { type: 'agenda.schedule', itemId: id, session: '2022-03-15' });
  if (state === 'returned') await w.run('system', { type: 'agenda.return', itemId: id, toUnitId: returnTo, reason: 'a detail for the competent unit' });
  return { id, etag: await w.etag(id) };
}

/** The item every read reads, made once per world. */
const shared = new WeakMap<AuthzWorld, Promise<string>>();

function readTarget(w: AuthzWorld): Promise<string> {
  let id = shared.get(w);
  if (id === undefined) {
    id = freshItem(w, 'submitted').then((t) => t.id);
    shared.set(w, id);
  }
  return id;
}

const keeps = (caller: CallerKey): Verdict => (writes(caller) && keepsAgenda(caller) ? 'allow' : 'deny');

function step(operationId: string, path: string, state: 'submitted' | 'scheduled', body: unknown): OperationFixture {
  return op({
    operationId,
    method: 'POST',
    path: `/api/v1/agenda-items/{id}/${path}`,
    async prepare(w) {
      const t = await freshItem(w, state);
      return { url: `/api/v1/agenda-items/${t.id}/${path}`, body, headers: { 'if-match': t.etag }, footprint: () => sideEffects(w) };
    },
    verdict: keeps,
  });
}

function submit(variant: string | undefined, fromUnitId: string | undefined, verdict: (caller: CallerKey) => Verdict): OperationFixture {
  return op({
    operationId: 'submitAgendaItem',
    ...(variant !== undefined ? { variant } : {}),
    method: 'POST',
    path: '/api/v1/bodies/{id}/agenda',
    async prepare(w) {
      const n = w.next();
      const body = { ...(await statement(w, `Who pays for the coal (${n})?`)), ...(fromUnitId !== undefined ? { fromUnitId } : {}) };
      return { url: `/api/v1/bodies/${BODY}/agenda`, body, headers: { 'idempotency-key': `authz-agenda-${n}` }, footprint: () => sideEffects(w) };
    },
    verdict,
  });
}

/** The fixtures of the agenda operations. */
export const AGENDA_OPERATIONS: readonly OperationFixture[] = [
  op({
    operationId: 'getBodyAgenda',
    method: 'GET',
    path: '/api/v1/bodies/{id}/agenda',
    async prepare(w, caller) {
      return { url: `/api/v1/bodies/${BODY}/agenda?limit=200`, lists: { id: await readTarget(w), visible: seesAgenda(caller) } };
    },
    // The body is a public act: anyone holding a role reads it, and its agenda's items if they keep it.
    verdict: (caller) => (hasRole(caller) ? 'allow' : 'deny'),
  }),
  op({
    operationId: 'getAgendaItem',
    method: 'GET',
    path: '/api/v1/agenda-items/{id}',
    async prepare(w) {
      return { url: `/api/v1/agenda-items/${await readTarget(w)}` };
    },
    verdict: (caller) => (seesAgenda(caller) ? 'allow' : 'deny'),
  }),
  submit(undefined, undefined, keeps),
  submit('from a unit', UNITS.aTop, (caller) => (writes(caller) && signedIn(caller) && (roleAllows(caller, 'issue', inUnit(UNITS.aTop)) || adminOfAll(caller)) ? 'allow' : 'deny')),
  op({
    operationId: 'resubmitAgendaItem',
    method: 'POST',
    path: '/api/v1/agenda-items/{id}/resubmit',
    // Returned to a unit made for the call, below A's top unit: whoever may issue over A's top unit may issue there.
    async prepare(w) {
      const t = await freshItem(w, 'returned', await freshUnit(w, 'ret'));
      return { url: `/api/v1/agenda-items/${t.id}/resubmit`, body: await statement(w, 'Who pays for the wagons, now that the trust refused?'), headers: { 'if-match': t.etag }, footprint: () => sideEffects(w) };
    },
    verdict: (caller) => (writes(caller) && signedIn(caller) && (keepsAgenda(caller) || roleAllows(caller, 'issue', inUnit(UNITS.aTop))) ? 'allow' : 'deny'),
  }),
  step('returnAgendaItem', 'return', 'submitted', { toUnitId: UNITS.aTop, reason: 'a detail for the competent unit' }),
  step('scheduleAgendaItem', 'schedule', 'submitted', { session: '2022-03-15' }),
  step('decideAgendaItem', 'decide', 'scheduled', { decisionId: DECISIONS.alpha }),
  step('withdrawAgendaItem', 'withdraw', 'submitted', { reason: 'no longer a question' }),
];
