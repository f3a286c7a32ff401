/**
 * The gate: whether a principal may read a thing of the record, or issue a command, before the
 * command runs. Refusals say why (for the log of refused accesses). A thing the principal may not
 * see is answered as NOT_FOUND, so that its very existence does not leak; a thing they see but may
 * not change is FORBIDDEN. The lifecycle rules still decide afterwards whether the person's part in
 * an assignment allows the step (NOT_THE_OWNER …).
 */
import { allowed, canActOnAssignment, canSeeAssignment, isAdministratorOfAll, type Action, type Placement, type Principal } from '../../domain/access/access-policy.js';
import { BENEFICIARY_ACTOR } from '../../domain/assignment/assignment.rules.js';
import type { AssignmentState } from '../../domain/assignment/assignment.state.js';
import { SYSTEM_ACTOR } from '../../domain/event.js';
import { kindOfId } from '../../domain/ids.js';
import type { ReadModel, StreamSnapshot } from '../../store/read-model.js';
import type { Command } from '../commands/schemas.js';
import { appFail, type AppResult } from '../errors.js';
import { placementOf, rootUnits } from './placement.js';

/** A refusal with the reason to log. */
function forbidden(why: string, details: Record<string, unknown> = {}): AppResult<never> {
  return appFail('FORBIDDEN', why, details);
}

function hidden(id: string): AppResult<never> {
  return appFail('NOT_FOUND', `no such thing: ${id}`, { id });
}

/** True when the principal may see this thing of the record. */
export async function canRead(reads: ReadModel, principal: Principal, s: StreamSnapshot): Promise<boolean> {
  const placement = await placementOf(reads, s);
  if (s.kind === 'assignment') return canSeeAssignment(principal, partiesOf(s.state as AssignmentState), placement);
  if (s.kind === 'person' && s.id === principal.personId) return true;
  if (allowed(principal, 'read', placement)) return true;
  // What sits in no unit — a body's agenda items, the whole organisation's calendar and ladder policies — an administrator of the whole organisation reads too.
  if (placement.units.length === 0 && (s.kind === 'agenda' || s.kind === 'calendar' || s.kind === 'ladder') && isAdministratorOfAll(principal, await rootUnits(reads))) return true;
  // Bodies and their decisions and committees are read by anyone with a role: they are the organisation's public acts.
  if ((s.kind === 'body' || s.kind === 'decision' || s.kind === 'committee') && principal.grants.length > 0) return true;
  // A decision is read too by the parties of the cases it gave (docs/decisions/0022-people-directory-and-decision-visibility.md).
  return s.kind === 'decision' && (await takesPartUnder(reads, principal.personId, s.id));
}

/**
 * True when the person takes part in some case of the decision — owner, holder, co-executor,
 * verifier, issuer, controller, or the person a waiting request waits on — as the lists of cases
 * know the parts: one query for at most one row, over the decision's cases only (found by
 * `decision_id`, which the index `assignments_decision` serves), asked only of people without a role.
 */
async function takesPartUnder(reads: ReadModel, personId: string, decisionId: string): Promise<boolean> {
  const cases = await reads.assignments({ decisionId, visibleTo: { personId, unitIds: [], bodyIds: [] }, limit: 1 });
  return cases.length > 0;
}

/** The thing, if it exists and the principal may see it; NOT_FOUND otherwise. */
export async function readable(reads: ReadModel, principal: Principal, id: string): Promise<AppResult<StreamSnapshot>> {
  const s = kindOfId(id) === undefined ? undefined : await reads.snapshot(id);
  if (s === undefined || !(await canRead(reads, principal, s))) return hidden(id);
  return { ok: true, value: s };
}

/** The parties of a case as the access policy counts them: the recipient of a waiting handover or transfer takes part too. */
export function partiesOf(s: AssignmentState): Parameters<typeof canSeeAssignment>[1] {
  // The recipient of a waiting handover or transfer takes part too: they must see the case to answer it.
  return { ownerId: s.ownerId, holderId: s.holderId, verifierId: s.verifierId, issuerId: s.issuerId, controllerId: s.controllerId, coExecutorIds: s.pending !== null && s.pending.kind !== 'extension' ? [...s.coExecutorIds, s.pending.to] : s.coExecutorIds };
}

async function placementOfId(reads: ReadModel, id: string): Promise<{ snap: StreamSnapshot; placement: Placement } | undefined> {
  const snap = await reads.snapshot(id);
  return snap === undefined ? undefined : { snap, placement: await placementOf(reads, snap) };
}

async function may(reads: ReadModel, principal: Principal, action: Action, id: string | undefined, what: string): Promise<AppResult<void>> {
  if (id === undefined) {
    // Something at the top of the organisation: only an administrator of everything.
    return isAdministratorOfAll(principal, await rootUnits(reads)) ? { ok: true, value: undefined } : forbidden(`${what} needs an administrator of the whole organisation`, { action });
  }
  const found = await placementOfId(reads, id);
  // A scope that does not exist: let the command say NOT_FOUND itself, if the principal could organise anything at all.
  if (found === undefined) return principal.grants.length > 0 ? { ok: true, value: undefined } : forbidden(`${what}: no role at all`, { action, id });
  if (!(await canRead(reads, principal, found.snap))) return hidden(id);
  if (allowed(principal, action, found.placement)) return { ok: true, value: undefined };
  // Bodies sit in no unit: an administrator of the whole organisation may act on them too.
  if (isAdministratorOfAll(principal, await rootUnits(reads))) return { ok: true, value: undefined };
  return forbidden(`${what} needs a role allowing '${action}' over ${id}`, { action, id });
}

async function onAssignment(reads: ReadModel, principal: Principal, id: string): Promise<AppResult<void>> {
  const found = await placementOfId(reads, id);
  if (found === undefined || found.snap.kind !== 'assignment') return { ok: true, value: undefined }; // the command answers NOT_FOUND / WRONG_KIND
  const parties = partiesOf(found.snap.state as AssignmentState);
  if (!canSeeAssignment(principal, parties, found.placement)) return hidden(id);
  return canActOnAssignment(principal, parties, found.placement) ? { ok: true, value: undefined } : forbidden(`may see ${id} but not act on it`, { id });
}

/** Whether the principal may issue the command at all (roles and scopes); the rules decide the rest. */
export async function mayIssue(reads: ReadModel, principal: Principal, c: Command): Promise<AppResult<void>> {
  switch (c.type) {
    case 'unit.create':
      return may(reads, principal, 'organise', c.parentId, 'creating a unit');
    case 'person.register':
      return may(reads, principal, 'organise', c.unitId, 'registering a person');
    case 'person.grant-role':
    case 'person.revoke-role':
      return c.role === 'secretary' ? may(reads, principal, 'organise', undefined, 'making a secretary') : may(reads, principal, 'organise', c.scopeId, 'granting a role');
    case 'post.create':
      return may(reads, principal, 'organise', c.unitId, 'creating a post');
    case 'post.appoint':
    case 'post.vacate':
    case 'post.declare-profile':
      return may(reads, principal, 'organise', c.postId, 'appointing to a post');
    case 'body.create':
    case 'committee.create':
    case 'committee.dissolve':
      return may(reads, principal, 'organise', undefined, 'creating bodies and committees');
    case 'decision.register':
      return may(reads, principal, 'decide', c.bodyId, 'registering a decision');
    case 'assignment.issue': {
      const byBody = await may(reads, principal, 'issue', c.decisionId, 'issuing an assignment');
      if (byBody.ok || c.ownerId === undefined) return byBody;
      const owner = await reads.snapshot(c.ownerId);
      const unit = owner?.kind === 'person' ? (owner.state as { unitId: string }).unitId : undefined;
      // Refused over the owner's unit too: answer what the body said, never naming a unit the caller may not see.
      return unit === undefined || !(await may(reads, principal, 'issue', unit, 'issuing an assignment')).ok ? byBody : { ok: true, value: undefined };
    }
    case 'assignment.beneficiary.answer':
      return forbidden('a beneficiary answers through a signed link, not as a signed-in person', { actor: BENEFICIARY_ACTOR });
    case 'urgent.demand':
      return mayIssue(reads, principal, { ...c, type: 'assignment.issue', urgency: 'urgent' });
    case 'calendar.define':
      return may(reads, principal, 'organise', c.unitId, 'defining a calendar');
    case 'calendar.revise':
    case 'calendar.retire':
      return may(reads, principal, 'organise', c.calendarId, 'changing a calendar');
    case 'ladder.define':
      return may(reads, principal, 'organise', c.unitId, 'defining a ladder policy');
    case 'ladder.revise':
    case 'ladder.retire':
      return may(reads, principal, 'organise', c.policyId, 'changing a ladder policy');
    case 'ladder.step':
      return forbidden('the ladder steps by itself; nobody performs its steps by hand', { actor: SYSTEM_ACTOR });
    case 'accountability.decide':
      // The addressee of the escalation decides: the head above (who may issue over the case), the body's secretary, an administrator.
      return may(reads, principal, 'issue', c.proposalId, 'deciding an accountability action');
    case 'agenda.submit':
      // From the competent unit (who may issue there), or by the body's own secretary.
      return c.fromUnitId !== undefined ? may(reads, principal, 'issue', c.fromUnitId, 'submitting a question') : may(reads, principal, 'decide', c.bodyId, 'submitting a question');
    case 'agenda.resubmit': {
      // The unit the question was sent back to brings it again; or the body's secretary does.
      const item = await reads.snapshot(c.itemId);
      const back = item?.kind === 'agenda' ? (item.state as { lastReturn: { toUnitId: string } | null }).lastReturn?.toUnitId : undefined;
      const byBody = await may(reads, principal, 'decide', c.itemId, 'submitting a question again');
      return byBody.ok || back === undefined ? byBody : may(reads, principal, 'issue', back, 'submitting a question again');
    }
    case 'agenda.return':
    case 'agenda.schedule':
    case 'agenda.decide':
    case 'agenda.withdraw':
      return may(reads, principal, 'decide', c.itemId, 'keeping the agenda');
    case 'trace.import':
      // Bringing another system's history into the record: an administrator of the whole organisation.
      return may(reads, principal, 'organise', undefined, 'importing cases');
    default:
      return onAssignment(reads, principal, c.assignmentId);
  }
}
