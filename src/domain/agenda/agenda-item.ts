/**
 * An item on a body's agenda (F7): "décharger le Bureau politique des questions secondaires". A
 * question reaches a body only by the ladder (an assignment escalated up to the body) or with a
 * full statement: the question, at least two options, the documents and who already tried at
 * lower levels. The body's secretary sends detail questions back to the competent unit with a
 * reason (counted in `returns`); the competent level may submit again. Otherwise an item is
 * scheduled to a session, decided there (a decision id) or withdrawn. One stream per item.
 */
import type { Evidence } from '../assignment/evidence.js';
import { checkEvidence } from '../assignment/evidence.js';
import type { DomainError } from '../errors.js';
import type { EventData, StreamEvent } from '../event.js';
import { requireNotBefore } from '../guards.js';
import { isIdOf, type PartyRef } from '../ids.js';
import { type Result, fail, ok } from '../result.js';
import { isCalendarDate, type CalendarDate, type Instant } from '../time.js';

/** The escalation level at which a case reaches a body (level 1 is the owner's superior). */
export const BODY_ESCALATION_LEVEL = 2;

/** Someone who already tried at a lower level, and what they did. */
export interface AttemptRecord {
  readonly party: { readonly id: string; readonly kind: 'unit' | 'person' };
  readonly did: string;
}

/** How an item came to the agenda: by the ladder, or with a full statement. */
export type AgendaRoute =
  | { readonly kind: 'ladder'; readonly assignmentId: string; readonly escalationLevel: number }
  | { readonly kind: 'statement'; readonly options: readonly string[]; readonly documents: readonly Evidence[]; readonly alreadyTried: readonly AttemptRecord[] };

/** Payload of `agenda.submitted`: to which body, the question and its route. */
export interface AgendaSubmittedPayload {
  readonly bodyId: string;
  readonly question: string;
  readonly route: AgendaRoute;
}

/** Events of an agenda item's stream. */
export type AgendaEvent =
  | EventData<'agenda.submitted', AgendaSubmittedPayload>
  | EventData<'agenda.returned', { readonly toUnitId: string; readonly reason: string }>
  | EventData<'agenda.scheduled', { readonly session: CalendarDate }>
  | EventData<'agenda.decided', { readonly decisionId: string }>
  | EventData<'agenda.withdrawn', { readonly reason: string }>;

/** Where an item stands. */
export type AgendaStatus = 'submitted' | 'scheduled' | 'returned' | 'decided' | 'withdrawn';

/** One stay on the agenda: from a submission to its return, decision or withdrawal (null while open). */
export interface AgendaStay {
  readonly submittedAt: Instant;
  readonly endedAt: Instant | null;
  readonly outcome: 'returned' | 'decided' | 'withdrawn' | null;
}

/** An agenda item as folded from its events. */
export interface AgendaItemState extends AgendaSubmittedPayload {
  readonly status: AgendaStatus;
  readonly submittedBy: string;
  readonly firstSubmittedAt: Instant;
  /** Every stay, oldest first; the last one is the current. */
  readonly stays: readonly AgendaStay[];
  /** How many times the item was sent back to the competent level. */
  readonly returns: number;
  readonly lastReturn: { readonly toUnitId: string; readonly reason: string; readonly by: string; readonly at: Instant } | null;
  readonly session: CalendarDate | null;
  readonly decisionId: string | null;
  readonly withdrawReason: string | null;
  readonly lastEventAt: Instant;
}

/** Who acts and when. */
export interface AgendaContext {
  readonly actor: string;
  readonly at: Instant;
}

/** The decided events of an agenda command. */
export type AgendaDecision = Result<AgendaEvent[], DomainError>;

/** A submission as given: the body, the question, and either the ladder facts or a statement. */
export interface AgendaSubmissionInput {
  readonly body: PartyRef;
  readonly question: string;
  /** The escalated assignment as the application read it: its id, level and the body it was escalated to. */
  readonly ladder?: { readonly assignmentId: string; readonly escalationLevel: number; readonly escalatedToBodyId: string | null } | undefined;
  readonly options?: readonly string[] | undefined;
  readonly documents?: readonly Evidence[] | undefined;
  readonly alreadyTried?: readonly { readonly party: PartyRef; readonly did: string }[] | undefined;
}

function route(input: AgendaSubmissionInput): Result<AgendaRoute, DomainError> {
  const { ladder } = input;
  if (ladder !== undefined) {
    if (!isIdOf('assignment', ladder.assignmentId)) return fail('LADDER_NOT_REACHED', `not an assignment: ${ladder.assignmentId}`);
    if (ladder.escalationLevel < BODY_ESCALATION_LEVEL) {
      return fail('LADDER_NOT_REACHED', `${ladder.assignmentId} is at escalation level ${ladder.escalationLevel}; it reaches the body at level ${BODY_ESCALATION_LEVEL}: let the ladder run, or bring a full statement`, {
        escalationLevel: ladder.escalationLevel,
      });
    }
    if (ladder.escalatedToBodyId !== null && ladder.escalatedToBodyId !== input.body.id) {
      return fail('LADDER_NOT_REACHED', `${ladder.assignmentId} was escalated to ${ladder.escalatedToBodyId}, not to ${input.body.id}`);
    }
    return ok({ kind: 'ladder', assignmentId: ladder.assignmentId, escalationLevel: ladder.escalationLevel });
  }
  const options = [...new Set((input.options ?? []).map((o) => o.trim()).filter((o) => o !== ''))];
  const documents = (input.documents ?? []).filter((d) => d.kind === 'document');
  const tried = (input.alreadyTried ?? []).filter((t) => (t.party.kind === 'unit' || t.party.kind === 'person') && t.did.trim() !== '');
  const missing: string[] = [];
  if (input.question.trim() === '') missing.push('question');
  if (options.length < 2) missing.push('options');
  if (documents.length === 0) missing.push('documents');
  if (tried.length === 0 || tried.length !== (input.alreadyTried ?? []).length) missing.push('alreadyTried');
  if (missing.length > 0) {
    return fail(
      'STATEMENT_INCOMPLETE',
      `a question reaches the body by the ladder or with a full statement; missing: ${missing.join(', ')} (the question, at least two options, the documents, and who already tried at lower levels and what they did)`,
      { missing },
    );
  }
  const valid = checkEvidence(input.documents ?? []);
  if (!valid.ok) return valid;
  return ok({ kind: 'statement', options, documents: input.documents ?? [], alreadyTried: tried.map((t) => ({ party: { id: t.party.id, kind: t.party.kind as 'unit' | 'person' }, did: t.did.trim() })) });
}

/**
 * Submits a question to a body (or submits a returned item again). Refused unless it comes by the
 * ladder (an assignment escalated to level 2, to this body) or with a full statement
 * (STATEMENT_INCOMPLETE naming each missing part in `details.missing`).
 */
export function submitAgendaItem(s: AgendaItemState | undefined, input: AgendaSubmissionInput, ctx: AgendaContext): AgendaDecision {
  if (s !== undefined) {
    const order = requireNotBefore(ctx.at, s.lastEventAt);
    if (!order.ok) return order;
    if (s.status !== 'returned') return fail('INVALID_TRANSITION', `only a returned item is submitted again; this one is ${s.status}`);
    if (input.body.id !== s.bodyId) return fail('INVALID_TRANSITION', `the item is on the agenda of ${s.bodyId}, not ${input.body.id}`);
  }
  if (input.body.kind !== 'body') return fail('ESCALATION_TARGET_INVALID', `an agenda belongs to a body, not a ${input.body.kind} (${input.body.id})`);
  if (input.ladder !== undefined && input.question.trim() === '') return fail('STATEMENT_INCOMPLETE', 'the question is required', { missing: ['question'] });
  const r = route(input);
  if (!r.ok) return r;
  return ok([{ type: 'agenda.submitted', payload: { bodyId: input.body.id, question: input.question.trim(), route: r.value } }]);
}

function open(s: AgendaItemState, ctx: AgendaContext, action: string): Result<void, DomainError> {
  const order = requireNotBefore(ctx.at, s.lastEventAt);
  if (!order.ok) return order;
  return s.status === 'submitted' || s.status === 'scheduled' ? ok(undefined) : fail('INVALID_TRANSITION', `cannot ${action} an item that is ${s.status}`, { status: s.status });
}

/** The secretary sends a detail question back to the competent unit, with a reason; the item leaves the agenda. */
export function returnAgendaItem(s: AgendaItemState, input: { readonly to: PartyRef; readonly reason: string }, ctx: AgendaContext): AgendaDecision {
  const gate = open(s, ctx, 'return');
  if (!gate.ok) return gate;
  if (input.to.kind !== 'unit') return fail('RETURN_TARGET_NOT_A_UNIT', `a detail question goes back to the competent unit, not to a ${input.to.kind} (${input.to.id})`);
  if (input.reason.trim() === '') return fail('REASON_REQUIRED', 'say why the question belongs to the competent level');
  return ok([{ type: 'agenda.returned', payload: { toUnitId: input.to.id, reason: input.reason.trim() } }]);
}

/** Schedules (or moves) an open item to a session on a date not before today. */
export function scheduleAgendaItem(s: AgendaItemState, input: { readonly session: string }, ctx: AgendaContext): AgendaDecision {
  const gate = open(s, ctx, 'schedule');
  if (!gate.ok) return gate;
  if (!isCalendarDate(input.session)) return fail('SESSION_DATE_INVALID', `not a date YYYY-MM-DD: ${input.session}`);
  if (input.session < ctx.at.slice(0, 10)) return fail('SESSION_DATE_INVALID', `the session of ${input.session} is past`);
  if (s.status === 'scheduled' && s.session === input.session) return fail('INVALID_TRANSITION', `already scheduled for ${input.session}`);
  return ok([{ type: 'agenda.scheduled', payload: { session: input.session } }]);
}

/** Records the body's decision on a scheduled item. */
export function decideAgendaItem(s: AgendaItemState, input: { readonly decisionId: string }, ctx: AgendaContext): AgendaDecision {
  const gate = open(s, ctx, 'decide');
  if (!gate.ok) return gate;
  if (s.status !== 'scheduled') return fail('INVALID_TRANSITION', 'a body decides in session: schedule the item first');
  if (!isIdOf('decision', input.decisionId)) return fail('AGENDA_DECISION_INVALID', `not the id of a decision: ${input.decisionId}`);
  return ok([{ type: 'agenda.decided', payload: { decisionId: input.decisionId } }]);
}

/** Withdraws an item not yet decided (a returned one included), with a reason. */
export function withdrawAgendaItem(s: AgendaItemState, input: { readonly reason: string }, ctx: AgendaContext): AgendaDecision {
  const order = requireNotBefore(ctx.at, s.lastEventAt);
  if (!order.ok) return order;
  if (s.status === 'decided' || s.status === 'withdrawn') return fail('INVALID_TRANSITION', `cannot withdraw an item that is ${s.status}`, { status: s.status });
  if (input.reason.trim() === '') return fail('REASON_REQUIRED', 'a reason for withdrawing is required');
  return ok([{ type: 'agenda.withdrawn', payload: { reason: input.reason.trim() } }]);
}

function endStay(s: AgendaItemState, at: Instant, outcome: 'returned' | 'decided' | 'withdrawn'): readonly AgendaStay[] {
  const last = s.stays[s.stays.length - 1];
  if (last === undefined || last.endedAt !== null) return s.stays;
  return [...s.stays.slice(0, -1), { ...last, endedAt: at, outcome }];
}

/** Folds an agenda event. Throws only on an event the rules could never have produced. */
export function evolveAgendaItem(s: AgendaItemState | undefined, e: StreamEvent<AgendaEvent>): AgendaItemState {
  if (e.type === 'agenda.submitted') {
    const stay: AgendaStay = { submittedAt: e.at, endedAt: null, outcome: null };
    if (s === undefined) {
      return { ...e.payload, status: 'submitted', submittedBy: e.actor, firstSubmittedAt: e.at, stays: [stay], returns: 0, lastReturn: null, session: null, decisionId: null, withdrawReason: null, lastEventAt: e.at };
    }
    if (s.status !== 'returned') throw new Error(`agenda.submitted on an item that is ${s.status}`);
    return { ...s, ...e.payload, status: 'submitted', submittedBy: e.actor, stays: [...s.stays, stay], session: null, lastEventAt: e.at };
  }
  if (s === undefined) throw new Error(`${e.type} before agenda.submitted`);
  switch (e.type) {
    case 'agenda.returned':
      return { ...s, status: 'returned', returns: s.returns + 1, lastReturn: { ...e.payload, by: e.actor, at: e.at }, session: null, stays: endStay(s, e.at, 'returned'), lastEventAt: e.at };
    case 'agenda.scheduled':
      return { ...s, status: 'scheduled', session: e.payload.session, lastEventAt: e.at };
    case 'agenda.decided':
      return { ...s, status: 'decided', decisionId: e.payload.decisionId, stays: endStay(s, e.at, 'decided'), lastEventAt: e.at };
    case 'agenda.withdrawn':
      return { ...s, status: 'withdrawn', withdrawReason: e.payload.reason, stays: endStay(s, e.at, 'withdrawn'), lastEventAt: e.at };
  }
}
