/**
 * Fixtures of the escalation ladder (issue #5): business calendars and ladder policies are the
 * administrators' ('organise' over their scope; the whole organisation's need an administrator of
 * all of it) and are read by whoever reads their unit; an accountability proposal is read by the
 * roles that read its case's place and decided by those that may issue there (never by the person
 * it concerns); an urgent demand is issued like an assignment. Changes go to fresh targets: a
 * calendar on a unit made for the call (one calendar per scope), a policy of a domain of its own,
 * a proposal on a case of its own. Every write's footprint is what a command writes besides events.
 */
import type { AccountabilityEvent } from '../../../src/domain/ladder/accountability.js';
import type { StreamEvent } from '../../../src/domain/event.js';
import { STANDARD_LADDER } from '../../../src/domain/ladder/ladder-policy.js';
import type { Answer } from '../../support/api-world.js';
import { at } from '../../support/world.js';
import { op, type OperationFixture, type Verdict } from './fixture.js';
import { adminOfAll, canSee, inUnit, ofBody, roleAllows, signedIn, writes, type Place } from './policy.js';
import { BODIES, DECISIONS, partyId, ROOT_ADMIN, UNITS, type CallerKey } from './roles.js';
import { freshAssignment, type Target } from './targets.js';
import { carryParties, type AuthzWorld } from './world.js';

/** What a command writes besides events — the scheduler's items, the outbox, remembered idempotency keys: a refused call leaves it as it was. */
export async function sideEffects(w: AuthzWorld): Promise<unknown> {
  const keys = await w.store.db
    .selectFrom('idempotency')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return { jobs: await w.store.jobs.counts(w.world.app.now()), messages: (await w.store.outbox.messages({ limit: 1_000_000 })).length, keys: Number(keys.n) };
}

/** A file uploaded once per world, cited as a document by statements and urgent demands. */
const uploaded = new WeakMap<AuthzWorld, Promise<{ kind: 'document'; name: string; sha256: string; size: number }>>();

/** The document item of the world's shared uploaded file. */
export function sharedDocument(w: AuthzWorld): Promise<{ kind: 'document'; name: string; sha256: string; size: number }> {
  let made = uploaded.get(w);
  if (made === undefined) {
    const content = 'The report of the mission, as the statements cite it';
    made = w.call('root:administrator', 'POST', '/api/v1/files', { payload: content, headers: { 'content-type': 'text/plain' } }).then((up) => {
      const sha256 = (up.body as { sha256?: string } | undefined)?.sha256;
      if (up.status !== 201 || sha256 === undefined) throw new Error(`the shared upload: ${up.status} ${up.raw.body}`);
      return { kind: 'document', name: 'report.txt', sha256, size: Buffer.byteLength(content) };
    });
    uploaded.set(w, made);
  }
  return made;
}

/** A unit made for one call under A's top unit (no markers: it names nothing of A). Its place is A's top unit's, one level down. */
export async function freshUnit(w: AuthzWorld, prefix: string): Promise<string> {
  const id = `unit_${prefix}-${w.next()}`;
  await w.run('system', { type: 'unit.create', id, name: `Unit ${id}`, parentId: UNITS.aTop });
  return id;
}

/** Allowed when a role of the caller allows the action there (or the caller administers everything) and the credential writes. */
function mayDo(action: 'organise' | 'issue', place: Place): (caller: CallerKey) => Verdict {
  return (caller) => (writes(caller) && signedIn(caller) && (roleAllows(caller, action, place) || adminOfAll(caller)) ? 'allow' : 'deny');
}

/** Allowed only for an administrator of the whole organisation (with a writing credential). */
function adminOfAllOnly(caller: CallerKey): Verdict {
  return writes(caller) && adminOfAll(caller) ? 'allow' : 'deny';
}

const anyoneSignedIn = (caller: CallerKey): Verdict => (signedIn(caller) ? 'allow' : 'deny');

/** Who reads a calendar or a policy of A's top unit (or of a unit below it): whoever reads that unit. */
const readsTop = (caller: CallerKey): boolean => canSee(caller, { kind: 'unit', id: UNITS.aTop });

/** Where a case of A sits; its accountability proposals sit there too (seen through roles only, not by the case's parties). */
const CASE_PLACE: Place = { units: inUnit(UNITS.aSub).units, bodyId: BODIES.alpha };

/** The standard ladder, as a request writes it. */
const RULES = { ...STANDARD_LADDER, reminders: [...STANDARD_LADDER.reminders] };

const definition = { workingWeekdays: [1, 2, 3, 4, 5], workingHours: { start: '09:00', end: '18:00' }, holidays: ['2022-05-01'] };

/** A calendar in force of a unit made for it; its ETag. */
async function freshCalendar(w: AuthzWorld): Promise<Target> {
  const unitId = await freshUnit(w, 'cal');
  const made = await w.run('system', { type: 'calendar.define', unitId, definition });
  return { id: made.id, etag: await w.etag(made.id) };
}

/** A ladder policy in force for A's top unit and a domain of its own; its ETag. */
async function freshPolicy(w: AuthzWorld): Promise<Target> {
  const made = await w.run('system', { type: 'ladder.define', name: 'A policy', unitId: UNITS.aTop, domain: `r${w.next()}`, rules: RULES });
  return { id: made.id, etag: await w.etag(made.id) };
}

/**
 * A proposal of a warning about the owner of a fresh case of A, recorded as the ladder records it
 * (the ladder's own steps need the clock past a deadline, which the sweep's world never moves).
 */
async function freshProposal(w: AuthzWorld): Promise<Target> {
  const t = await freshAssignment(w, 'held');
  const id = `acp_p${w.next()}`;
  const event: StreamEvent<AccountabilityEvent> = {
    type: 'accountability.proposed',
    payload: {
      assignmentId: t.id,
      subjectId: partyId('owner'),
      action: 'warning',
      stepKey: `escalate:superior@${at(240)}`,
      level: 1,
      policyId: null,
      policyVersion: null,
      addressee: { kind: 'person', personId: ROOT_ADMIN },
      reason: 'warning proposed: the case was due and reached level 1',
    },
    actor: 'system',
    at: w.world.app.now(),
  };
  await w.store.write((tx) => tx.append('accountability', id, 0, [event]));
  return { id, etag: await w.etag(id) };
}

/** Made once per world: the calendar, the policy and the proposal every read reads. */
const shared = new WeakMap<AuthzWorld, Promise<{ calendar: string; policy: string; proposal: string }>>();

function readTargets(w: AuthzWorld): Promise<{ calendar: string; policy: string; proposal: string }> {
  let made = shared.get(w);
  if (made === undefined) {
    made = (async () => {
      const calendar = (await w.run('system', { type: 'calendar.define', unitId: UNITS.aTop, definition })).id;
      const policy = (await w.run('system', { type: 'ladder.define', name: 'The policy of A', unitId: UNITS.aTop, domain: 'read', rules: RULES })).id;
      return { calendar, policy, proposal: (await freshProposal(w)).id };
    })();
    shared.set(w, made);
  }
  return made;
}

function readOne(operationId: string, base: string, pick: 'calendar' | 'policy' | 'proposal', sees: (caller: CallerKey) => boolean): OperationFixture {
  return op({
    operationId,
    method: 'GET',
    path: `/api/v1/${base}/{id}`,
    async prepare(w) {
      return { url: `/api/v1/${base}/${(await readTargets(w))[pick]}` };
    },
    verdict: (caller) => (sees(caller) ? 'allow' : 'deny'),
  });
}

/** A whole list, which must show the read target exactly to the callers who see it. */
function list(operationId: string, base: string, pick: 'calendar' | 'policy' | 'proposal', sees: (caller: CallerKey) => boolean): OperationFixture {
  return op({
    operationId,
    method: 'GET',
    path: `/api/v1/${base}`,
    async prepare(w, caller) {
      return { url: `/api/v1/${base}?limit=200`, lists: { id: (await readTargets(w))[pick], visible: sees(caller) } };
    },
    verdict: anyoneSignedIn,
  });
}

function create(operationId: string, base: string, body: (w: AuthzWorld) => Promise<unknown>, verdict: (caller: CallerKey) => Verdict, variant?: string): OperationFixture {
  return op({
    operationId,
    ...(variant !== undefined ? { variant } : {}),
    method: 'POST',
    path: `/api/v1/${base}`,
    async prepare(w) {
      return { url: `/api/v1/${base}`, body: await body(w), headers: { 'idempotency-key': `authz-${base}-${w.next()}` }, footprint: () => sideEffects(w) };
    },
    verdict,
  });
}

function change(operationId: string, base: string, path: string, fresh: (w: AuthzWorld) => Promise<Target>, body: unknown, verdict: (caller: CallerKey) => Verdict): OperationFixture {
  return op({
    operationId,
    method: 'POST',
    path: `/api/v1/${base}/{id}/${path}`,
    async prepare(w) {
      const t = await fresh(w);
      return { url: `/api/v1/${base}/${t.id}/${path}`, body, headers: { 'if-match': t.etag }, footprint: () => sideEffects(w) };
    },
    verdict,
  });
}

const sameAsTop = mayDo('organise', inUnit(UNITS.aTop));
const readsCase = (caller: CallerKey): boolean => roleAllows(caller, 'read', CASE_PLACE);

/** Who may issue under decision A to an owner of A's lower unit (as issuing: over the deciding body, the owner's unit, or everything). */
function mayIssueInA(caller: CallerKey): Verdict {
  if (!signedIn(caller) || !writes(caller)) return 'deny';
  return roleAllows(caller, 'issue', ofBody(BODIES.alpha)) || roleAllows(caller, 'issue', inUnit(UNITS.aSub)) || adminOfAll(caller) ? 'allow' : 'deny';
}

/** The fixtures of the calendar, ladder policy, accountability and urgent demand operations. */
export const LADDER_OPERATIONS: readonly OperationFixture[] = [
  readOne('getCalendar', 'calendars', 'calendar', readsTop),
  list('listCalendars', 'calendars', 'calendar', readsTop),
  create('defineCalendar', 'calendars', async (w) => ({ unitId: await freshUnit(w, 'cal'), definition }), sameAsTop),
  create(
    'defineCalendar',
    'calendars',
    async (w) => {
      // One calendar of the organisation at a time: the one an allowed call made before is retired first.
      for (const c of await w.store.fresh.streams('calendar', { limit: 1000 })) {
        const s = c.state as { unitId: string | null; retiredAt: string | null };
        if (s.unitId === null && s.retiredAt === null) await w.run('system', { type: 'calendar.retire', calendarId: c.id, reason: 'making room' });
      }
      return { definition };
    },
    adminOfAllOnly,
    'for the whole organisation',
  ),
  change('reviseCalendar', 'calendars', 'revise', freshCalendar, { definition: { ...definition, holidays: ['2022-05-01', '2022-05-09'] } }, sameAsTop),
  change('retireCalendar', 'calendars', 'retire', freshCalendar, { reason: 'the unit keeps the calendar above' }, sameAsTop),

  readOne('getLadderPolicy', 'ladder-policies', 'policy', readsTop),
  list('listLadderPolicies', 'ladder-policies', 'policy', readsTop),
  create('defineLadderPolicy', 'ladder-policies', (w) => Promise.resolve({ name: 'A new policy', unitId: UNITS.aTop, domain: `d${w.next()}`, rules: RULES }), sameAsTop),
  create('defineLadderPolicy', 'ladder-policies', (w) => Promise.resolve({ name: 'A policy of everything', domain: `o${w.next()}`, rules: RULES }), adminOfAllOnly, 'for the whole organisation'),
  change('reviseLadderPolicy', 'ladder-policies', 'revise', freshPolicy, { rules: { ...RULES, reminders: [{ amount: 2, unit: 'working-days' }] } }, sameAsTop),
  change('retireLadderPolicy', 'ladder-policies', 'retire', freshPolicy, { reason: 'merged into another' }, sameAsTop),

  readOne('getAccountabilityProposal', 'accountability-proposals', 'proposal', readsCase),
  list('listAccountabilityProposals', 'accountability-proposals', 'proposal', readsCase),
  // The person it concerns (party:owner) holds no role: refused like any other party.
  change('decideAccountabilityProposal', 'accountability-proposals', 'decide', freshProposal, { verdict: 'accepted', reason: 'the deadline was known' }, mayDo('issue', CASE_PLACE)),

  op({
    operationId: 'demandUrgently',
    method: 'POST',
    path: '/api/v1/decisions/{id}/urgent-demands',
    async prepare(w, caller) {
      const n = w.next();
      const ownerId = partyId('owner');
      const verifierId = partyId('verifier');
      // The new case names the units of its parties: it carries their markers to whoever sees it.
      const created = (answer: Answer): void => {
        const id = (answer.body as { id?: string }).id ?? '';
        const parties = { ownerId, holderId: ownerId, verifierId, issuerId: w.person(caller), controllerId: null, coExecutorIds: [], recipientId: null };
        const thing = { kind: 'assignment', id, ownerUnit: UNITS.aSub, bodyId: BODIES.alpha, parties } as const;
        w.markers.plant(thing, []);
        carryParties(w.markers, thing);
      };
      return {
        url: `/api/v1/decisions/${DECISIONS.alpha}/urgent-demands`,
        body: {
          title: `zqc-urgent-${n}`,
          definitionOfDone: `zqc-urgent-done-${n}`,
          deadline: at(48),
          ownerId,
          verifierId,
          competentUnitId: UNITS.aSub,
          copyToId: UNITS.root,
          documents: [await sharedDocument(w)],
          statement: 'delay will be pursued',
        },
        headers: { 'idempotency-key': `authz-urgent-${n}` },
        footprint: () => sideEffects(w),
        created,
      };
    },
    verdict: mayIssueInA,
  }),
];
