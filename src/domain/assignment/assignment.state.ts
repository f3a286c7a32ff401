/**
 * The state of one assignment, folded from its events. `evolveAssignment` is total over the
 * events that the rules produce; the store applies it both incrementally and on rebuild.
 */
import type { StreamEvent } from '../event.js';
import type { Instant } from '../time.js';
import type { AssignmentEvent, UrgentDemandBlock, Urgency } from './assignment.events.js';
import type { Evidence } from './evidence.js';

/** Where an assignment stands in its lifecycle. */
export type AssignmentStatus = 'issued' | 'in_progress' | 'submitted' | 'verified' | 'cancelled';

/** A request that waits for someone's answer; while it waits, that someone holds the case. */
export type PendingRequest =
  | { readonly kind: 'handover'; readonly from: string; readonly to: string; readonly reason: string; readonly at: Instant }
  | { readonly kind: 'transfer'; readonly from: string; readonly to: string; readonly reason: string; readonly at: Instant; readonly requestedBy: string }
  | { readonly kind: 'extension'; readonly by: string; readonly approverId: string; readonly deadline: Instant; readonly reason: string; readonly at: Instant };

/** Counters of what happened to the case; each is the number of events of its kind. */
export interface AssignmentCounts {
  readonly handovers: number;
  readonly handoverRefusals: number;
  readonly transfers: number;
  readonly transferRefusals: number;
  readonly extensionRequests: number;
  readonly extensionRefusals: number;
  readonly deadlineChanges: number;
  readonly submissions: number;
  readonly rejections: number;
  readonly reopenings: number;
  readonly escalations: number;
  readonly confirmations: number;
  readonly disputes: number;
}

/** The last submission: who held the case when it was submitted, when, and with what evidence. */
export interface Submission {
  readonly by: string;
  readonly holderId: string;
  readonly at: Instant;
  readonly evidence: readonly Evidence[];
}

/** Everything the rules need to decide the next step of an assignment. */
export interface AssignmentState {
  readonly decisionId: string;
  readonly parentId: string | null;
  readonly title: string;
  readonly definitionOfDone: string;
  readonly domain: string;
  readonly urgency: Urgency;
  readonly issuerId: string;
  readonly ownerId: string;
  readonly verifierId: string;
  readonly controllerId: string | null;
  readonly coExecutorIds: readonly string[];
  /** The unit each person was in when they joined the case. */
  readonly units: Readonly<Record<string, string>>;
  readonly originalDeadline: Instant;
  readonly deadline: Instant;
  readonly status: AssignmentStatus;
  /** The person who works the case whenever no request waits and it is not with the verifier. */
  readonly holderId: string;
  readonly pending: PendingRequest | null;
  readonly submission: Submission | null;
  readonly escalationLevel: number;
  /** Whom the case was last escalated to (a person or a body); null until it is. */
  readonly escalatedTo: string | null;
  readonly issuedAt: Instant;
  readonly lastEventAt: Instant;
  /** When the case was last verified or cancelled; null while it is open. */
  readonly closedAt: Instant | null;
  /** Who verified it last (null until then). */
  readonly verifiedBy: string | null;
  readonly counts: AssignmentCounts;
  /** When the deadline in force was set: at issue, or when an extension was granted. */
  readonly deadlineSetAt: Instant;
  /** The keys of the ladder steps performed (reminders, notices, escalations by the ladder), oldest first. */
  readonly ladderDone: readonly string[];
  /** The urgent demand's record, when the case is one (F6). */
  readonly urgentDemand: UrgentDemandBlock | null;
}

/** What a person is doing while the case is attributed to them. */
export type HoldingRole = 'accepting' | 'executing' | 'handover' | 'transfer' | 'extension' | 'verifying' | 'closed';

/** The one person a case's current hour is attributed to, and in what role. */
export interface AttributedHolder {
  readonly personId: string;
  readonly role: HoldingRole;
}

const ZERO_COUNTS: AssignmentCounts = {
  handovers: 0,
  handoverRefusals: 0,
  transfers: 0,
  transferRefusals: 0,
  extensionRequests: 0,
  extensionRefusals: 0,
  deadlineChanges: 0,
  submissions: 0,
  rejections: 0,
  reopenings: 0,
  escalations: 0,
  confirmations: 0,
  disputes: 0,
};

/** True while the case is neither verified nor cancelled. */
export function isOpen(state: AssignmentState): boolean {
  return state.status !== 'verified' && state.status !== 'cancelled';
}

/** Who the current hour of the case belongs to. Every state has exactly one answer. */
export function attributedHolder(state: AssignmentState): AttributedHolder {
  const p = state.pending;
  if (p !== null) {
    if (p.kind === 'extension') return { personId: p.approverId, role: 'extension' };
    return { personId: p.to, role: p.kind };
  }
  switch (state.status) {
    case 'issued':
      return { personId: state.ownerId, role: 'accepting' };
    case 'in_progress':
      return { personId: state.holderId, role: 'executing' };
    case 'submitted':
      return { personId: state.verifierId, role: 'verifying' };
    case 'verified':
      return { personId: state.verifiedBy ?? state.verifierId, role: 'closed' };
    case 'cancelled':
      return { personId: state.issuerId, role: 'closed' };
  }
}

function bump(counts: AssignmentCounts, key: keyof AssignmentCounts): AssignmentCounts {
  return { ...counts, [key]: counts[key] + 1 };
}

function withUnit(units: Readonly<Record<string, string>>, person: string, unit: string): Readonly<Record<string, string>> {
  return units[person] === unit ? units : { ...units, [person]: unit };
}

/** Folds one event into the state. Throws only on an event the rules could never have produced. */
export function evolveAssignment(state: AssignmentState | undefined, event: StreamEvent<AssignmentEvent>): AssignmentState {
  if (event.type === 'assignment.issued') {
    if (state !== undefined) throw new Error('assignment.issued on an existing assignment');
    const p = event.payload;
    return {
      decisionId: p.decisionId,
      parentId: p.parentId,
      title: p.title,
      definitionOfDone: p.definitionOfDone,
      domain: p.domain,
      urgency: p.urgency,
      issuerId: p.issuerId,
      ownerId: p.ownerId,
      verifierId: p.verifierId,
      controllerId: p.controllerId,
      coExecutorIds: p.coExecutorIds,
      units: p.units,
      originalDeadline: p.deadline,
      deadline: p.deadline,
      status: 'issued',
      holderId: p.ownerId,
      pending: null,
      submission: null,
      escalationLevel: 0,
      escalatedTo: null,
      issuedAt: event.at,
      lastEventAt: event.at,
      closedAt: null,
      verifiedBy: null,
      counts: ZERO_COUNTS,
      deadlineSetAt: event.at,
      ladderDone: [],
      urgentDemand: p.urgentDemand ?? null,
    };
  }
  if (state === undefined) throw new Error(`${event.type} before assignment.issued`);
  const s: AssignmentState = { ...state, lastEventAt: event.at };
  switch (event.type) {
    case 'assignment.accepted':
      return { ...s, status: 'in_progress' };
    case 'assignment.handover-offered':
      return {
        ...s,
        units: withUnit(s.units, event.payload.to, event.payload.toUnit),
        pending: { kind: 'handover', from: s.holderId, to: event.payload.to, reason: event.payload.reason, at: event.at },
      };
    case 'assignment.handover-accepted':
      return { ...s, holderId: pendingTo(s), pending: null, counts: bump(s.counts, 'handovers') };
    case 'assignment.handover-refused':
      return { ...s, pending: null, counts: bump(s.counts, 'handoverRefusals') };
    case 'assignment.transfer-requested':
      return {
        ...s,
        units: withUnit(s.units, event.payload.to, event.payload.toUnit),
        pending: { kind: 'transfer', from: s.ownerId, to: event.payload.to, reason: event.payload.reason, at: event.at, requestedBy: event.actor },
      };
    case 'assignment.transfer-accepted': {
      const to = pendingTo(s);
      return { ...s, ownerId: to, holderId: s.holderId === s.ownerId ? to : s.holderId, pending: null, counts: bump(s.counts, 'transfers') };
    }
    case 'assignment.transfer-refused':
      return { ...s, pending: null, counts: bump(s.counts, 'transferRefusals') };
    case 'assignment.extension-requested':
      return {
        ...s,
        pending: { kind: 'extension', by: event.actor, approverId: s.controllerId ?? s.issuerId, deadline: event.payload.deadline, reason: event.payload.reason, at: event.at },
        counts: bump(s.counts, 'extensionRequests'),
      };
    case 'assignment.extension-granted':
      return { ...s, deadline: event.payload.deadline, deadlineSetAt: event.at, pending: null, counts: bump(s.counts, 'deadlineChanges') };
    case 'assignment.extension-refused':
      return { ...s, pending: null, counts: bump(s.counts, 'extensionRefusals') };
    case 'assignment.submitted':
      return {
        ...s,
        status: 'submitted',
        submission: { by: event.actor, holderId: s.holderId, at: event.at, evidence: event.payload.evidence },
        counts: bump(s.counts, 'submissions'),
      };
    case 'assignment.verified':
      return { ...s, status: 'verified', closedAt: event.at, verifiedBy: event.actor };
    case 'assignment.rejected':
      return { ...s, status: 'in_progress', holderId: s.submission?.holderId ?? s.holderId, counts: bump(s.counts, 'rejections') };
    case 'assignment.cancelled':
      return { ...s, status: 'cancelled', pending: null, closedAt: event.at };
    case 'assignment.reopened':
      return { ...s, status: 'in_progress', holderId: s.ownerId, closedAt: null, counts: bump(s.counts, 'reopenings') };
    case 'assignment.beneficiary-confirmed':
      return { ...s, counts: bump(s.counts, 'confirmations') };
    case 'assignment.beneficiary-disputed':
      // A dispute of verified work reopens the question for the verifier, who holds the case again.
      return s.status === 'verified'
        ? { ...s, status: 'submitted', closedAt: null, verifiedBy: null, counts: bump(s.counts, 'disputes') }
        : { ...s, counts: bump(s.counts, 'disputes') };
    case 'assignment.escalated':
      return {
        ...s,
        units: event.payload.toUnit === null ? s.units : withUnit(s.units, event.payload.to, event.payload.toUnit),
        escalationLevel: event.payload.level,
        escalatedTo: event.payload.to,
        counts: bump(s.counts, 'escalations'),
        ladderDone: event.payload.stepKey === undefined ? s.ladderDone : [...s.ladderDone, event.payload.stepKey],
      };
    case 'assignment.reminded':
      return { ...s, ladderDone: [...s.ladderDone, event.payload.stepKey] };
  }
}

function pendingTo(s: AssignmentState): string {
  if (s.pending === null || s.pending.kind === 'extension') throw new Error('no pending handover or transfer');
  return s.pending.to;
}

/** What a stretch of the hour ledger is keyed by: one holder, their unit, their role, the deadline in force. */
export interface HoldingKey {
  readonly personId: string;
  readonly unitId: string;
  readonly role: HoldingRole;
  readonly deadline: Instant;
}

/** The holding the case is in now; a new stretch of the ledger starts whenever it changes. */
export function currentHolding(state: AssignmentState): HoldingKey {
  const h = attributedHolder(state);
  return { personId: h.personId, unitId: state.units[h.personId] ?? '', role: h.role, deadline: state.deadline };
}

