/**
 * The hour ledger of a case (F4): its life from issue to verification, cancellation or `now`,
 * cut into intervals that tile it exactly — no gap, no overlap — each attributed to one person
 * (and through them to one unit) in one role. Overdue time is the part of each interval after the
 * deadline in force at that moment. Pure: it reads the case's events and nothing else.
 */
import { currentHolding, evolveAssignment, isOpen, type AssignmentState, type HoldingRole } from '../assignment/assignment.state.js';
import type { AssignmentEvent } from '../assignment/assignment.events.js';
import type { StreamEvent } from '../event.js';
import { toInstant, toMs, type Instant } from '../time.js';

/** One stretch of the case's life, attributed to exactly one holder. */
export interface LedgerInterval {
  readonly from: Instant;
  readonly to: Instant;
  readonly ms: number;
  readonly personId: string;
  readonly unitId: string;
  readonly role: HoldingRole;
  /** True when the whole interval lies after the deadline in force. */
  readonly overdue: boolean;
}

/** Time attributed to one person or one unit. */
export interface LedgerTotal {
  readonly id: string;
  readonly ms: number;
  readonly overdueMs: number;
}

/** A request made to someone during the case, and how it was answered. */
export interface LedgerRequest {
  readonly kind: 'handover' | 'transfer' | 'extension';
  readonly at: Instant;
  readonly by: string;
  readonly to: string;
  readonly reason: string;
  readonly outcome: 'accepted' | 'refused' | 'pending' | 'lapsed';
  readonly answeredAt: Instant | null;
  readonly answer: string | null;
  /** For an extension, the deadline asked for. */
  readonly deadline?: Instant;
}

/** Any other notable step: escalations, rejections, reopenings, cancellation. */
export interface LedgerMark {
  readonly kind: 'escalated' | 'rejected' | 'reopened' | 'cancelled' | 'submitted' | 'verified' | 'confirmed' | 'disputed';
  readonly at: Instant;
  readonly actor: string;
  readonly detail: string;
}

/** The whole ledger of one case. Invariant: the intervals' ms sum to `elapsedMs`. */
export interface HourLedger {
  readonly start: Instant;
  readonly end: Instant;
  /** True when the case is still open and `end` is the moment the ledger was computed. */
  readonly open: boolean;
  readonly elapsedMs: number;
  readonly overdueMs: number;
  readonly deadline: Instant;
  readonly originalDeadline: Instant;
  readonly intervals: readonly LedgerInterval[];
  readonly byPerson: readonly LedgerTotal[];
  readonly byUnit: readonly LedgerTotal[];
  readonly requests: readonly LedgerRequest[];
  readonly marks: readonly LedgerMark[];
  readonly state: AssignmentState;
}

interface Segment {
  from: number;
  personId: string;
  unitId: string;
  role: HoldingRole;
  deadline: number;
}

function segmentOf(s: AssignmentState, from: number): Segment {
  const h = currentHolding(s);
  return { from, personId: h.personId, unitId: h.unitId, role: h.role, deadline: toMs(h.deadline) };
}

function pushPieces(out: LedgerInterval[], seg: Segment, to: number): void {
  const cut = Math.min(Math.max(seg.deadline, seg.from), to);
  const pieces: Array<[number, number, boolean]> = [
    [seg.from, cut, false],
    [cut, to, true],
  ];
  for (const [a, b, overdue] of pieces) {
    if (b <= a) continue;
    const last = out[out.length - 1];
    if (last && last.personId === seg.personId && last.role === seg.role && last.unitId === seg.unitId && last.overdue === overdue && toMs(last.to) === a) {
      out[out.length - 1] = { ...last, to: toInstant(b), ms: last.ms + (b - a) };
    } else {
      out.push({ from: toInstant(a), to: toInstant(b), ms: b - a, personId: seg.personId, unitId: seg.unitId, role: seg.role, overdue });
    }
  }
}

function totals(intervals: readonly LedgerInterval[], key: (i: LedgerInterval) => string): LedgerTotal[] {
  const map = new Map<string, { ms: number; overdueMs: number }>();
  for (const i of intervals) {
    const t = map.get(key(i)) ?? { ms: 0, overdueMs: 0 };
    t.ms += i.ms;
    if (i.overdue) t.overdueMs += i.ms;
    map.set(key(i), t);
  }
  return [...map.entries()].map(([id, t]) => ({ id, ...t })).sort((a, b) => b.ms - a.ms || a.id.localeCompare(b.id));
}

function answer(requests: LedgerRequest[], kind: LedgerRequest['kind'], outcome: LedgerRequest['outcome'], at: Instant, text: string | null): void {
  for (let i = requests.length - 1; i >= 0; i--) {
    const r = requests[i];
    if (r && r.kind === kind && r.outcome === 'pending') {
      requests[i] = { ...r, outcome, answeredAt: at, answer: text };
      return;
    }
  }
}

function record(requests: LedgerRequest[], marks: LedgerMark[], before: AssignmentState | undefined, e: StreamEvent<AssignmentEvent>): void {
  switch (e.type) {
    case 'assignment.handover-offered':
      requests.push({ kind: 'handover', at: e.at, by: e.actor, to: e.payload.to, reason: e.payload.reason, outcome: 'pending', answeredAt: null, answer: null });
      return;
    case 'assignment.transfer-requested':
      requests.push({ kind: 'transfer', at: e.at, by: e.actor, to: e.payload.to, reason: e.payload.reason, outcome: 'pending', answeredAt: null, answer: null });
      return;
    case 'assignment.extension-requested':
      requests.push({
        kind: 'extension',
        at: e.at,
        by: e.actor,
        to: before?.controllerId ?? before?.issuerId ?? '',
        reason: e.payload.reason,
        outcome: 'pending',
        answeredAt: null,
        answer: null,
        deadline: e.payload.deadline,
      });
      return;
    case 'assignment.handover-accepted':
      return answer(requests, 'handover', 'accepted', e.at, null);
    case 'assignment.handover-refused':
      return answer(requests, 'handover', 'refused', e.at, e.payload.reason);
    case 'assignment.transfer-accepted':
      return answer(requests, 'transfer', 'accepted', e.at, null);
    case 'assignment.transfer-refused':
      return answer(requests, 'transfer', 'refused', e.at, e.payload.reason);
    case 'assignment.extension-granted':
      return answer(requests, 'extension', 'accepted', e.at, `new deadline ${e.payload.deadline}`);
    case 'assignment.extension-refused':
      return answer(requests, 'extension', 'refused', e.at, e.payload.reason);
    case 'assignment.cancelled':
      if (before?.pending) answer(requests, before.pending.kind, 'lapsed', e.at, 'the case was cancelled');
      marks.push({ kind: 'cancelled', at: e.at, actor: e.actor, detail: e.payload.reason });
      return;
    case 'assignment.escalated':
      marks.push({ kind: 'escalated', at: e.at, actor: e.actor, detail: `level ${e.payload.level} to ${e.payload.to}: ${e.payload.reason}` });
      return;
    case 'assignment.rejected':
      marks.push({ kind: 'rejected', at: e.at, actor: e.actor, detail: e.payload.reasons.join('; ') });
      return;
    case 'assignment.reopened':
      marks.push({ kind: 'reopened', at: e.at, actor: e.actor, detail: e.payload.reason });
      return;
    case 'assignment.submitted':
      marks.push({ kind: 'submitted', at: e.at, actor: e.actor, detail: `${e.payload.evidence.length} item(s) of evidence` });
      return;
    case 'assignment.verified':
      marks.push({ kind: 'verified', at: e.at, actor: e.actor, detail: e.payload.note ?? '' });
      return;
    case 'assignment.beneficiary-confirmed':
      marks.push({ kind: 'confirmed', at: e.at, actor: e.actor, detail: `${e.payload.beneficiary}: ${e.payload.comment}` });
      return;
    case 'assignment.beneficiary-disputed':
      marks.push({ kind: 'disputed', at: e.at, actor: e.actor, detail: `${e.payload.beneficiary}: ${e.payload.comment}` });
      return;
    default:
      return;
  }
}

/**
 * Computes the ledger of one case from its events (in stream order). `now` closes the last
 * interval of an open case and must not be before the last event.
 */
export function hourLedger(events: readonly StreamEvent<AssignmentEvent>[], now: Instant): HourLedger {
  const first = events[0];
  if (first === undefined || first.type !== 'assignment.issued') throw new Error('a ledger needs the stream of an issued assignment');
  const intervals: LedgerInterval[] = [];
  const requests: LedgerRequest[] = [];
  const marks: LedgerMark[] = [];
  let state: AssignmentState | undefined;
  let seg: Segment | undefined;
  for (const e of events) {
    const before = state;
    state = evolveAssignment(state, e);
    record(requests, marks, before, e);
    const at = toMs(e.at);
    if (seg !== undefined) pushPieces(intervals, seg, at);
    seg = segmentOf(state, at);
  }
  if (state === undefined || seg === undefined) throw new Error('unreachable');
  const open = isOpen(state);
  const endMs = open ? Math.max(toMs(now), toMs(state.lastEventAt)) : toMs(state.closedAt ?? state.lastEventAt);
  if (open) pushPieces(intervals, seg, endMs);
  const startMs = toMs(first.at);
  return {
    start: first.at,
    end: toInstant(endMs),
    open,
    elapsedMs: endMs - startMs,
    overdueMs: intervals.reduce((sum, i) => sum + (i.overdue ? i.ms : 0), 0),
    deadline: state.deadline,
    originalDeadline: state.originalDeadline,
    intervals,
    byPerson: totals(intervals, (i) => i.personId),
    byUnit: totals(intervals, (i) => i.unitId),
    requests,
    marks,
    state,
  };
}
