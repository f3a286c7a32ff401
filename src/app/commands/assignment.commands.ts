/** Use cases of assignments (F1–F3): issue, and every step of the lifecycle. */
import * as rules from '../../domain/assignment/assignment.rules.js';
import { evolveAssignment, type AssignmentState } from '../../domain/assignment/assignment.state.js';
import type { AssignmentEvent } from '../../domain/assignment/assignment.events.js';
import type { StreamEvent } from '../../domain/event.js';
import type { Result } from '../../domain/result.js';
import type { WriteSession } from '../../store/port.js';
import { addWorkingDays, endOfWorkingDay, localDateOf } from '../../domain/calendar/business-calendar.js';
import { calendarFor } from '../../domain/calendar/calendar-definition.js';
import { calendarSetFrom } from '../../domain/calendar/calendar-stream.js';
import { appFail, type AppResult } from '../errors.js';
import { sourceOfSession, unitChain } from '../ladder/case-ladder.js';
import { existing, newId, optionalParty, parties, party, stamp, type CommandContext, type Outcome } from './context.js';
import type { AssignmentSpec, Command, CommandOf } from './schemas.js';

/** Every command on an existing assignment. */
export type LifecycleCommand = Exclude<Extract<Command, { type: `assignment.${string}` }>, { type: 'assignment.issue' }>;

/** An assignment decided but not yet appended: its id, its issue event and the state that event gives. */
export interface DecidedIssue {
  readonly id: string;
  readonly events: StreamEvent<AssignmentEvent>[];
  readonly state: AssignmentState;
}

/**
 * Resolves what an assignment spec names — its parties, its parent, a fresh id — into the input of
 * the issue rule. `fresh` holds assignments decided earlier in the same command, so that a
 * sub-assignment can name a parent issued with it.
 */
export async function resolveIssue(
  tx: WriteSession,
  ctx: CommandContext,
  decisionId: string,
  spec: Omit<AssignmentSpec, 'urgency'> & { readonly urgency?: AssignmentSpec['urgency'] },
  fresh: ReadonlyMap<string, AssignmentState> = new Map(),
): Promise<AppResult<{ readonly id: string; readonly input: rules.IssueInput }>> {
  const [owner, verifier, controller, coExecutors, issuer] = [
    await optionalParty(tx, spec.ownerId, 'owner'),
    await optionalParty(tx, spec.verifierId, 'verifier'),
    await optionalParty(tx, spec.controllerId, 'controller'),
    await parties(tx, spec.coExecutorIds, 'co-executor'),
    await party(tx, ctx.actor, 'issuer'),
  ];
  for (const r of [owner, verifier, controller, coExecutors, issuer]) if (!r.ok) return r;
  if (!owner.ok || !verifier.ok || !controller.ok || !coExecutors.ok || !issuer.ok) throw new Error('unreachable');
  let parent: { id: string; state: AssignmentState } | null = null;
  if (spec.parentId !== undefined) {
    const local = fresh.get(spec.parentId);
    if (local !== undefined) parent = { id: spec.parentId, state: local };
    else {
      // The parent must stay open until this sub-assignment is committed: lock its row meanwhile.
      const p = await existing(tx, 'assignment', spec.parentId, { share: true });
      if (!p.ok) return p;
      parent = { id: spec.parentId, state: p.value.state };
    }
  }
  const deadline = await deadlineOf(tx, ctx, spec, owner.value?.unitId);
  if (!deadline.ok) return deadline;
  const id = await newId(tx, ctx, 'assignment', spec.id);
  if (!id.ok) return id;
  if (fresh.has(id.value)) return { ok: false, error: { code: 'ALREADY_EXISTS', message: `${id.value} is issued twice in one command`, details: { id: id.value } } };
  return {
    ok: true,
    value: {
      id: id.value,
      input: {
        decisionId,
        parent,
        title: spec.title,
        definitionOfDone: spec.definitionOfDone,
        domain: spec.domain,
        deadline: deadline.value,
        urgency: spec.urgency ?? 'normal',
        owner: owner.value,
        verifier: verifier.value,
        controller: controller.value ?? null,
        coExecutors: coExecutors.value,
        issuer: issuer.value,
      },
    },
  };
}

/**
 * The deadline a spec gives: its instant, or the end of the n-th working day from now in the
 * calendar of the owner's unit (business calendars, F5); both at once is VALIDATION_FAILED.
 */
async function deadlineOf(tx: WriteSession, ctx: CommandContext, spec: Pick<AssignmentSpec, 'deadline' | 'deadlineWorkingDays'>, ownerUnit: string | undefined): Promise<AppResult<string | undefined>> {
  if (spec.deadlineWorkingDays === undefined) return { ok: true, value: spec.deadline };
  if (spec.deadline !== undefined) return appFail('VALIDATION_FAILED', 'give a deadline or a number of working days, not both', { fields: ['deadline', 'deadlineWorkingDays'] });
  const chain = ownerUnit === undefined ? [] : await unitChain(sourceOfSession(tx), ownerUnit);
  const cal = calendarFor(chain, calendarSetFrom((await tx.streams('calendar')).map((c) => c.state)));
  return { ok: true, value: endOfWorkingDay(cal, localDateOf(cal, addWorkingDays(cal, ctx.at, spec.deadlineWorkingDays))) };
}

/** Stamps decided issue events and folds them into the state they give. */
export function decidedIssue(id: string, decided: readonly AssignmentEvent[], ctx: CommandContext): DecidedIssue {
  const events = stamp(decided, ctx);
  let state: AssignmentState | undefined;
  for (const e of events) state = evolveAssignment(state, e);
  if (state === undefined) throw new Error('unreachable');
  return { id, events, state };
}

/** Decides the issue of one assignment of a decision, without appending (see resolveIssue for `fresh`). */
export async function decideIssue(
  tx: WriteSession,
  ctx: CommandContext,
  decisionId: string,
  spec: AssignmentSpec,
  fresh: ReadonlyMap<string, AssignmentState> = new Map(),
): Promise<AppResult<DecidedIssue>> {
  const resolved = await resolveIssue(tx, ctx, decisionId, spec, fresh);
  if (!resolved.ok) return resolved;
  const decided = rules.issue(resolved.value.input, ctx);
  if (!decided.ok) return decided;
  return { ok: true, value: decidedIssue(resolved.value.id, decided.value, ctx) };
}

/** Issues one assignment of an existing decision. */
export async function issueCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'assignment.issue'>): Promise<AppResult<Outcome>> {
  const decision = await existing(tx, 'decision', c.decisionId);
  if (!decision.ok) return decision;
  const decided = await decideIssue(tx, ctx, c.decisionId, c);
  if (!decided.ok) return decided;
  return { ok: true, value: { id: decided.value.id, events: await tx.append('assignment', decided.value.id, 0, decided.value.events) } };
}

type Step = (s: AssignmentState, tx: WriteSession) => Promise<Result<AssignmentEvent[]>> | Result<AssignmentEvent[]>;

/** Runs one lifecycle rule on an existing assignment and appends what it decided. */
export async function onAssignment(tx: WriteSession, ctx: CommandContext, assignmentId: string, step: Step): Promise<AppResult<Outcome>> {
  const snap = await existing(tx, 'assignment', assignmentId);
  if (!snap.ok) return snap;
  const decided = await step(snap.value.state, tx);
  if (!decided.ok) return decided;
  return { ok: true, value: { id: assignmentId, events: await tx.append('assignment', assignmentId, snap.value.seq, stamp(decided.value, ctx)) } };
}

/** A rule that needs a resolved person or body (`toId`) as well as the state. */
async function withTarget(
  tx: WriteSession,
  toId: string,
  role: string,
  decide: (to: Parameters<typeof rules.offerHandover>[1]['to']) => Result<AssignmentEvent[]>,
): Promise<Result<AssignmentEvent[], never> | AppResult<AssignmentEvent[]>> {
  const to = await party(tx, toId, role);
  return to.ok ? decide(to.value) : to;
}

/** Dispatches every lifecycle command of an assignment to its rule. */
export function lifecycleCommand(tx: WriteSession, ctx: CommandContext, c: LifecycleCommand): Promise<AppResult<Outcome>> {
  const run = (step: (s: AssignmentState) => Promise<AppResult<AssignmentEvent[]>> | Result<AssignmentEvent[]>): Promise<AppResult<Outcome>> =>
    onAssignment(tx, ctx, c.assignmentId, step as Step);
  switch (c.type) {
    case 'assignment.accept':
      return run((s) => rules.accept(s, ctx));
    case 'assignment.handover.offer':
      return run((s) => withTarget(tx, c.toId, 'recipient', (to) => rules.offerHandover(s, { to, reason: c.reason }, ctx)));
    case 'assignment.handover.accept':
      return run((s) => rules.acceptHandover(s, ctx));
    case 'assignment.handover.refuse':
      return run((s) => rules.refuseHandover(s, { reason: c.reason }, ctx));
    case 'assignment.transfer.request':
      return run((s) => withTarget(tx, c.toId, 'new owner', (to) => rules.requestTransfer(s, { to, reason: c.reason }, ctx)));
    case 'assignment.transfer.accept':
      return run((s) => rules.acceptTransfer(s, ctx));
    case 'assignment.transfer.refuse':
      return run((s) => rules.refuseTransfer(s, { reason: c.reason }, ctx));
    case 'assignment.extension.request':
      return run((s) => rules.requestExtension(s, { deadline: c.deadline, reason: c.reason }, ctx));
    case 'assignment.extension.grant':
      return run((s) => rules.grantExtension(s, ctx));
    case 'assignment.extension.refuse':
      return run((s) => rules.refuseExtension(s, { reason: c.reason }, ctx));
    case 'assignment.submit':
      return run((s) => rules.submit(s, { evidence: c.evidence, note: c.note }, ctx));
    case 'assignment.verify':
      return run((s) => rules.verify(s, { note: c.note }, ctx));
    case 'assignment.reject':
      return run((s) => rules.reject(s, { reasons: c.reasons }, ctx));
    case 'assignment.cancel':
      return run((s) => rules.cancel(s, { reason: c.reason }, ctx));
    case 'assignment.reopen':
      return run((s) => rules.reopen(s, { reason: c.reason }, ctx));
    case 'assignment.escalate':
      return run((s) => withTarget(tx, c.toId, 'escalation target', (to) => rules.escalate(s, { to, reason: c.reason }, ctx)));
    case 'assignment.beneficiary.answer':
      return run((s) => rules.answerAsBeneficiary(s, { linkId: c.linkId, beneficiary: c.beneficiary, verdict: c.verdict, comment: c.comment }, ctx));
  }
}
