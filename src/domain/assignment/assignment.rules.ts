/**
 * The rules of an assignment's lifecycle (F1–F3). Each function decides one command: it returns
 * the events to append, or a DomainError with a stable code. Pure: no I/O, time comes in `ctx.at`.
 */
import { SYSTEM_ACTOR } from '../event.js';
import { firstFailure, PASS, requireNotBefore, requireText } from '../guards.js';
import type { PartyRef } from '../ids.js';
import { fail, ok, type Result } from '../result.js';
import { parseInstant, type Instant } from '../time.js';
import type { AssignmentEvent, Urgency } from './assignment.events.js';
import { isOpen, type AssignmentState } from './assignment.state.js';
import { checkEvidence, type Evidence } from './evidence.js';

/** Who acts and when. */
export interface CommandContext {
  readonly actor: string;
  readonly at: Instant;
}

/** The decided events of one command. */
export type Decision = Result<AssignmentEvent[]>;

/** Everything needed to issue an assignment; parties come resolved to their kind and unit. */
export interface IssueInput {
  readonly decisionId: string;
  readonly parent: { readonly id: string; readonly state: AssignmentState } | null;
  readonly title: string;
  readonly definitionOfDone: string;
  readonly domain: string;
  readonly deadline: string | undefined;
  readonly urgency: Urgency;
  readonly owner: PartyRef | undefined;
  readonly verifier: PartyRef | undefined;
  readonly controller: PartyRef | null;
  readonly coExecutors: readonly PartyRef[];
  /** The issuing person (the actor), with their unit. */
  readonly issuer: PartyRef;
}

function person(ref: PartyRef, code: 'OWNER_NOT_A_PERSON' | 'VERIFIER_NOT_A_PERSON' | 'PARTY_NOT_A_PERSON', role: string): Result<void> {
  return ref.kind === 'person' && ref.unitId !== undefined
    ? PASS
    : fail(code, `the ${role} must be a person, not a ${ref.kind} (${ref.id}): a unit or a committee can never own or answer for work`, { id: ref.id, kind: ref.kind });
}

function one(events: AssignmentEvent): Decision {
  return ok([events]);
}

/** Issues an assignment: one owner who is a person, one verifier who is neither owner nor co-executor, a deadline and a definition of done. */
export function issue(input: IssueInput, ctx: CommandContext): Decision {
  const deadline = input.deadline === undefined || input.deadline.trim() === '' ? undefined : parseInstant(input.deadline);
  const { owner, verifier, controller, parent } = input;
  const checks = firstFailure(
    () => requireText(input.title, 'TITLE_REQUIRED', 'a title'),
    () => requireText(input.definitionOfDone, 'DEFINITION_OF_DONE_REQUIRED', 'a definition of done'),
    () => (input.deadline === undefined || input.deadline.trim() === '' ? fail('DEADLINE_REQUIRED', 'a deadline is required') : PASS),
    () => (deadline === undefined ? fail('DEADLINE_INVALID', `not an ISO-8601 date-time: ${input.deadline ?? ''}`) : PASS),
    () => (deadline !== undefined && deadline <= ctx.at ? fail('DEADLINE_BEFORE_ISSUE', `the deadline ${deadline} is not after the issue at ${ctx.at}`) : PASS),
    () => (owner === undefined ? fail('OWNER_REQUIRED', 'exactly one owner is required') : person(owner, 'OWNER_NOT_A_PERSON', 'owner')),
    () => (verifier === undefined ? fail('VERIFIER_REQUIRED', 'a verifier is required') : person(verifier, 'VERIFIER_NOT_A_PERSON', 'verifier')),
    () => (controller === null ? PASS : person(controller, 'PARTY_NOT_A_PERSON', 'controller')),
    () => firstFailure(...input.coExecutors.map((c) => () => person(c, 'PARTY_NOT_A_PERSON', 'co-executor'))),
    () => person(input.issuer, 'PARTY_NOT_A_PERSON', 'issuer'),
    () => (verifier?.id === owner?.id ? fail('VERIFIER_IS_OWNER', 'the verifier cannot be the owner') : PASS),
    () => (input.coExecutors.some((c) => c.id === owner?.id) ? fail('CO_EXECUTOR_IS_OWNER', 'a co-executor helps but never owns; the owner cannot be a co-executor') : PASS),
    () => (input.coExecutors.some((c) => c.id === verifier?.id) ? fail('VERIFIER_IS_CO_EXECUTOR', 'the verifier cannot be a co-executor') : PASS),
    () => (parent !== null && !isOpen(parent.state) ? fail('PARENT_CLOSED', `the parent assignment ${parent.id} is ${parent.state.status}`) : PASS),
    () => (parent !== null && parent.state.decisionId !== input.decisionId ? fail('PARENT_OF_OTHER_DECISION', `the parent assignment ${parent.id} belongs to another decision`) : PASS),
    () =>
      parent !== null && deadline !== undefined && deadline > parent.state.deadline
        ? fail('SUB_DEADLINE_AFTER_PARENT', `a sub-assignment cannot be due after its parent (${parent.state.deadline})`)
        : PASS,
  );
  if (!checks.ok) return checks;
  if (owner === undefined || verifier === undefined || deadline === undefined) throw new Error('unreachable');
  const parties = [input.issuer, owner, verifier, ...(controller ? [controller] : []), ...input.coExecutors];
  const units: Record<string, string> = {};
  for (const p of parties) units[p.id] = p.unitId ?? '';
  return one({
    type: 'assignment.issued',
    payload: {
      decisionId: input.decisionId,
      parentId: parent?.id ?? null,
      title: input.title.trim(),
      definitionOfDone: input.definitionOfDone.trim(),
      domain: input.domain.trim(),
      deadline,
      urgency: input.urgency,
      issuerId: input.issuer.id,
      ownerId: owner.id,
      verifierId: verifier.id,
      controllerId: controller?.id ?? null,
      coExecutorIds: [...new Set(input.coExecutors.map((c) => c.id))],
      units,
    },
  });
}

type Status = AssignmentState['status'];

function inStatus(s: AssignmentState, allowed: readonly Status[], action: string): Result<void> {
  return allowed.includes(s.status) ? PASS : fail('INVALID_TRANSITION', `cannot ${action} an assignment that is ${s.status}`, { status: s.status, action });
}

function noPending(s: AssignmentState, action: string): Result<void> {
  return s.pending === null ? PASS : fail('REQUEST_PENDING', `cannot ${action} while a ${s.pending.kind} request waits for an answer`, { pending: s.pending.kind });
}

function pendingOf(s: AssignmentState, kind: 'handover' | 'transfer' | 'extension', action: string): Result<void> {
  return s.pending?.kind === kind ? PASS : fail('INVALID_TRANSITION', `cannot ${action}: no ${kind} request is waiting`, { action });
}

function base(s: AssignmentState, ctx: CommandContext): () => Result<void> {
  return () => requireNotBefore(ctx.at, s.lastEventAt);
}

function decide(checks: Result<void>, event: AssignmentEvent): Decision {
  return checks.ok ? one(event) : checks;
}

/** The owner accepts the assignment: it moves from issued to in progress. */
export function accept(s: AssignmentState, ctx: CommandContext): Decision {
  return decide(
    firstFailure(
      base(s, ctx),
      () => inStatus(s, ['issued'], 'accept'),
      () => noPending(s, 'accept'),
      () => (ctx.actor === s.ownerId ? PASS : fail('NOT_THE_OWNER', 'only the owner accepts an assignment')),
    ),
    { type: 'assignment.accepted', payload: {} },
  );
}

/** The holder offers the ball to another person, with a reason; the case is theirs to answer while the offer waits. */
export function offerHandover(s: AssignmentState, input: { readonly to: PartyRef; readonly reason: string }, ctx: CommandContext): Decision {
  return decide(
    firstFailure(
      base(s, ctx),
      () => inStatus(s, ['in_progress'], 'hand over'),
      () => noPending(s, 'hand over'),
      () => (ctx.actor === s.holderId ? PASS : fail('NOT_THE_HOLDER', 'only the person holding the case hands it over')),
      () => requireText(input.reason, 'REASON_REQUIRED', 'a reason for the handover'),
      () => person(input.to, 'PARTY_NOT_A_PERSON', 'recipient of a handover'),
      () => (input.to.id === s.holderId ? fail('HANDOVER_TO_SELF', 'the case is already with this person') : PASS),
      () => (input.to.id === s.verifierId ? fail('VERIFIER_CANNOT_HOLD', 'the verifier cannot hold the work they will verify') : PASS),
    ),
    { type: 'assignment.handover-offered', payload: { to: input.to.id, toUnit: input.to.unitId ?? '', reason: input.reason.trim() } },
  );
}

/** The recipient of a handover takes the ball. */
export function acceptHandover(s: AssignmentState, ctx: CommandContext): Decision {
  return decide(
    firstFailure(
      base(s, ctx),
      () => pendingOf(s, 'handover', 'accept a handover'),
      () => (s.pending?.kind === 'handover' && ctx.actor === s.pending.to ? PASS : fail('NOT_THE_RECIPIENT', 'only the recipient answers a handover')),
    ),
    { type: 'assignment.handover-accepted', payload: {} },
  );
}

/** The recipient refuses the ball, with a reason: it returns to the sender and the refusal stays on record. */
export function refuseHandover(s: AssignmentState, input: { readonly reason: string }, ctx: CommandContext): Decision {
  return decide(
    firstFailure(
      base(s, ctx),
      () => pendingOf(s, 'handover', 'refuse a handover'),
      () => (s.pending?.kind === 'handover' && ctx.actor === s.pending.to ? PASS : fail('NOT_THE_RECIPIENT', 'only the recipient answers a handover')),
      () => requireText(input.reason, 'REASON_REQUIRED', 'a reason for the refusal'),
    ),
    { type: 'assignment.handover-refused', payload: { reason: input.reason.trim() } },
  );
}

/** The owner, issuer or controller asks another person to become the owner. */
export function requestTransfer(s: AssignmentState, input: { readonly to: PartyRef; readonly reason: string }, ctx: CommandContext): Decision {
  return decide(
    firstFailure(
      base(s, ctx),
      () => inStatus(s, ['issued', 'in_progress'], 'transfer'),
      () => noPending(s, 'request a transfer'),
      () => ([s.ownerId, s.issuerId, s.controllerId].includes(ctx.actor) ? PASS : fail('NOT_PERMITTED', 'only the owner, the issuer or the controller may request a transfer of ownership')),
      () => requireText(input.reason, 'REASON_REQUIRED', 'a reason for the transfer'),
      () => person(input.to, 'OWNER_NOT_A_PERSON', 'new owner'),
      () => (input.to.id === s.ownerId ? fail('TRANSFER_TO_SELF', 'this person already owns the assignment') : PASS),
      () => (input.to.id === s.verifierId ? fail('VERIFIER_IS_OWNER', 'the verifier cannot become the owner') : PASS),
      () => (s.coExecutorIds.includes(input.to.id) ? fail('CO_EXECUTOR_IS_OWNER', 'a co-executor cannot become the owner') : PASS),
    ),
    { type: 'assignment.transfer-requested', payload: { to: input.to.id, toUnit: input.to.unitId ?? '', reason: input.reason.trim() } },
  );
}

/** The proposed owner accepts: from now on they answer for the work. */
export function acceptTransfer(s: AssignmentState, ctx: CommandContext): Decision {
  return decide(
    firstFailure(
      base(s, ctx),
      () => pendingOf(s, 'transfer', 'accept a transfer'),
      () => (s.pending?.kind === 'transfer' && ctx.actor === s.pending.to ? PASS : fail('NOT_THE_RECIPIENT', 'only the proposed owner answers a transfer')),
    ),
    { type: 'assignment.transfer-accepted', payload: {} },
  );
}

/** The proposed owner refuses, with a reason; ownership stays where it was. */
export function refuseTransfer(s: AssignmentState, input: { readonly reason: string }, ctx: CommandContext): Decision {
  return decide(
    firstFailure(
      base(s, ctx),
      () => pendingOf(s, 'transfer', 'refuse a transfer'),
      () => (s.pending?.kind === 'transfer' && ctx.actor === s.pending.to ? PASS : fail('NOT_THE_RECIPIENT', 'only the proposed owner answers a transfer')),
      () => requireText(input.reason, 'REASON_REQUIRED', 'a reason for the refusal'),
    ),
    { type: 'assignment.transfer-refused', payload: { reason: input.reason.trim() } },
  );
}

/** The owner or holder asks for a later deadline; the controller (or, without one, the issuer) answers. */
export function requestExtension(s: AssignmentState, input: { readonly deadline: string; readonly reason: string }, ctx: CommandContext): Decision {
  const deadline = parseInstant(input.deadline);
  return decide(
    firstFailure(
      base(s, ctx),
      () => inStatus(s, ['issued', 'in_progress'], 'request an extension for'),
      () => noPending(s, 'request an extension'),
      () => (ctx.actor === s.ownerId || ctx.actor === s.holderId ? PASS : fail('NOT_PERMITTED', 'only the owner or the holder may request an extension')),
      () =>
        ctx.actor === (s.controllerId ?? s.issuerId)
          ? fail('EXTENSION_SELF_APPROVAL', 'no one extends their own deadline: the approver (the controller, or the issuer without one) is the one asking')
          : PASS,
      () => requireText(input.reason, 'REASON_REQUIRED', 'a reason for the extension'),
      () => (deadline === undefined ? fail('DEADLINE_INVALID', `not an ISO-8601 date-time: ${input.deadline}`) : PASS),
      () => (deadline !== undefined && deadline <= s.deadline ? fail('EXTENSION_NOT_LATER', `the new deadline must be later than ${s.deadline}`) : PASS),
      () => (deadline !== undefined && deadline <= ctx.at ? fail('DEADLINE_BEFORE_ISSUE', 'the new deadline must be in the future') : PASS),
    ),
    { type: 'assignment.extension-requested', payload: { deadline: deadline ?? '', reason: input.reason.trim() } },
  );
}

function approver(s: AssignmentState, ctx: CommandContext): Result<void> {
  return s.pending?.kind === 'extension' && ctx.actor === s.pending.approverId
    ? PASS
    : fail('NOT_THE_APPROVER', 'only the controller, or the issuer when there is no controller, answers an extension request');
}

/** The approver grants the extension: the deadline changes and the change is counted. */
export function grantExtension(s: AssignmentState, ctx: CommandContext): Decision {
  const checks = firstFailure(base(s, ctx), () => pendingOf(s, 'extension', 'grant an extension'), () => approver(s, ctx));
  if (!checks.ok || s.pending?.kind !== 'extension') return checks.ok ? fail('INVALID_TRANSITION', 'no extension request is waiting') : checks;
  return one({ type: 'assignment.extension-granted', payload: { deadline: s.pending.deadline } });
}

/** The approver refuses the extension, with a reason; the deadline stands. */
export function refuseExtension(s: AssignmentState, input: { readonly reason: string }, ctx: CommandContext): Decision {
  return decide(
    firstFailure(
      base(s, ctx),
      () => pendingOf(s, 'extension', 'refuse an extension'),
      () => approver(s, ctx),
      () => requireText(input.reason, 'REASON_REQUIRED', 'a reason for the refusal'),
    ),
    { type: 'assignment.extension-refused', payload: { reason: input.reason.trim() } },
  );
}

/** The holder (or the owner) submits the work with evidence; the verifier may be neither. */
export function submit(s: AssignmentState, input: { readonly evidence: readonly Evidence[]; readonly note?: string | undefined }, ctx: CommandContext): Decision {
  const note = input.note?.trim();
  return decide(
    firstFailure(
      base(s, ctx),
      () => inStatus(s, ['in_progress'], 'submit'),
      () => noPending(s, 'submit'),
      () => (ctx.actor === s.verifierId || s.holderId === s.verifierId ? fail('VERIFIER_IS_SUBMITTER', 'the verifier cannot verify work they submit or hold') : PASS),
      () => (ctx.actor === s.holderId || ctx.actor === s.ownerId ? PASS : fail('NOT_THE_HOLDER', 'only the holder or the owner submits the work')),
      () => checkEvidence(input.evidence),
    ),
    { type: 'assignment.submitted', payload: note ? { evidence: input.evidence, note } : { evidence: input.evidence } },
  );
}

/** Only the verifier verifies submitted work: the case is done. */
export function verify(s: AssignmentState, input: { readonly note?: string | undefined }, ctx: CommandContext): Decision {
  const note = input.note?.trim();
  return decide(
    firstFailure(
      base(s, ctx),
      () => inStatus(s, ['submitted'], 'verify'),
      () => (ctx.actor === s.verifierId ? PASS : fail('NOT_THE_VERIFIER', 'only the verifier verifies')),
    ),
    { type: 'assignment.verified', payload: note ? { note } : {} },
  );
}

/** The verifier rejects submitted work with reasons; it goes back to whoever held it at submission. */
export function reject(s: AssignmentState, input: { readonly reasons: readonly string[] }, ctx: CommandContext): Decision {
  const reasons = input.reasons.map((r) => r.trim()).filter((r) => r !== '');
  return decide(
    firstFailure(
      base(s, ctx),
      () => inStatus(s, ['submitted'], 'reject'),
      () => (ctx.actor === s.verifierId ? PASS : fail('NOT_THE_VERIFIER', 'only the verifier rejects')),
      () => (reasons.length > 0 ? PASS : fail('REASON_REQUIRED', 'a rejection needs at least one reason')),
    ),
    { type: 'assignment.rejected', payload: { reasons } },
  );
}

/** The issuer or controller cancels an open assignment, with a reason; a waiting request lapses. */
export function cancel(s: AssignmentState, input: { readonly reason: string }, ctx: CommandContext): Decision {
  return decide(
    firstFailure(
      base(s, ctx),
      () => inStatus(s, ['issued', 'in_progress', 'submitted'], 'cancel'),
      () => (ctx.actor === s.issuerId || ctx.actor === s.controllerId ? PASS : fail('NOT_PERMITTED', 'only the issuer or the controller cancels an assignment')),
      () => requireText(input.reason, 'REASON_REQUIRED', 'a reason for the cancellation'),
    ),
    { type: 'assignment.cancelled', payload: { reason: input.reason.trim() } },
  );
}

/** The verifier, issuer or controller reopens verified work, with a reason; it returns to the owner. */
export function reopen(s: AssignmentState, input: { readonly reason: string }, ctx: CommandContext): Decision {
  return decide(
    firstFailure(
      base(s, ctx),
      () => inStatus(s, ['verified'], 'reopen'),
      () => ([s.verifierId, s.issuerId, s.controllerId].includes(ctx.actor) ? PASS : fail('NOT_PERMITTED', 'only the verifier, the issuer or the controller reopens an assignment')),
      () => requireText(input.reason, 'REASON_REQUIRED', 'a reason for reopening'),
    ),
    { type: 'assignment.reopened', payload: { reason: input.reason.trim() } },
  );
}

/**
 * Someone answerable for the case raises it one level, to a person or a body, with a reason; so
 * does the system when the escalation ladder falls due (recorded with actor SYSTEM_ACTOR).
 */
export function escalate(s: AssignmentState, input: { readonly to: PartyRef; readonly reason: string }, ctx: CommandContext): Decision {
  const involved = [s.ownerId, s.holderId, s.issuerId, s.controllerId, ...s.coExecutorIds, SYSTEM_ACTOR];
  return decide(
    firstFailure(
      base(s, ctx),
      () => inStatus(s, ['issued', 'in_progress', 'submitted'], 'escalate'),
      () => (involved.includes(ctx.actor) ? PASS : fail('NOT_PERMITTED', 'only the owner, holder, co-executors, issuer or controller (or the system, by the ladder) escalate an assignment')),
      () => requireText(input.reason, 'REASON_REQUIRED', 'a reason for the escalation'),
      () =>
        (input.to.kind === 'person' && input.to.unitId !== undefined) || input.to.kind === 'body'
          ? PASS
          : fail('ESCALATION_TARGET_INVALID', `a case escalates to a person or a body, not a ${input.to.kind}`, { id: input.to.id }),
    ),
    {
      type: 'assignment.escalated',
      payload: { level: s.escalationLevel + 1, to: input.to.id, toUnit: input.to.kind === 'person' ? (input.to.unitId ?? null) : null, reason: input.reason.trim() },
    },
  );
}

/** The actor of what a beneficiary says through a signed link: not a person with an account. */
export const BENEFICIARY_ACTOR = 'beneficiary';

/**
 * A beneficiary confirms (or disputes, with what is missing) that submitted or verified work
 * reached them. A dispute of verified work puts it back with the verifier.
 */
export function answerAsBeneficiary(
  s: AssignmentState,
  input: { readonly linkId: string; readonly beneficiary: string; readonly verdict: 'confirmed' | 'disputed'; readonly comment: string },
  ctx: CommandContext,
): Decision {
  const payload = { linkId: input.linkId, beneficiary: input.beneficiary.trim(), comment: input.comment.trim() };
  return decide(
    firstFailure(
      base(s, ctx),
      () => inStatus(s, ['submitted', 'verified'], 'confirm or dispute'),
      () => requireText(input.beneficiary, 'NAME_REQUIRED', "the beneficiary's name"),
      () => (input.verdict === 'disputed' ? requireText(input.comment, 'REASON_REQUIRED', 'what did not reach you') : PASS),
    ),
    input.verdict === 'confirmed' ? { type: 'assignment.beneficiary-confirmed', payload } : { type: 'assignment.beneficiary-disputed', payload },
  );
}
