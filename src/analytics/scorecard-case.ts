/**
 * What the unit scorecards (issue #7, F10) need of one case, read from its events once: the unit it
 * belongs to (its owner's unit at issue), when it was issued, each verification with the deadline in
 * force at that moment, the reopenings, cancellation, escalations, rejections and extensions
 * granted, and the stretches of its life each unit's people held it (the hour ledger's attribution:
 * requests waiting on someone are theirs, the time after verification or cancellation is nobody's).
 * Independent of any period or clock: the last stretch of an open case has no end (`to: null`), it
 * runs to whatever `now` the scorecards are computed for. Pure.
 */
import type { AssignmentEvent } from '../domain/assignment/assignment.events.js';
import { currentHolding, evolveAssignment, isOpen, type AssignmentState } from '../domain/assignment/assignment.state.js';
import type { StreamEvent } from '../domain/event.js';
import { toMs } from '../domain/time.js';

/** A stretch held by the people of one unit (UTC ms); `to: null` while the case is open and the stretch runs on. */
export interface HeldStretch {
  readonly unitId: string;
  readonly from: number;
  readonly to: number | null;
}

/** A verification and the deadline in force when it was made (UTC ms). */
export interface Verification {
  readonly at: number;
  readonly deadline: number;
}

/** One case as the scorecards count it. Times are UTC ms; every list is in time order. */
export interface ScoreCase {
  readonly caseId: string;
  readonly decisionId: string;
  /** The owner's unit as it stood at issue ('' when the issue named none). */
  readonly unitId: string;
  readonly issuedAt: number;
  readonly verifications: readonly Verification[];
  readonly reopenings: readonly number[];
  readonly cancelledAt: number | null;
  readonly escalations: readonly number[];
  readonly rejections: readonly number[];
  readonly extensions: readonly number[];
  readonly held: readonly HeldStretch[];
}

/** A case read from its events: its scorecard facts and its state after the last event. */
export interface ReadCase {
  readonly facts: ScoreCase;
  readonly state: AssignmentState;
}

function pushHeld(out: HeldStretch[], unitId: string, from: number, to: number | null): void {
  if (to !== null && to <= from) return;
  const last = out[out.length - 1];
  if (last !== undefined && last.unitId === unitId && last.to === from) out[out.length - 1] = { unitId, from: last.from, to };
  else out.push({ unitId, from, to });
}

/** Reads a case from its events (in stream order, the first an `assignment.issued`). */
export function readScoreCase(caseId: string, events: readonly StreamEvent<AssignmentEvent>[]): ReadCase {
  const first = events[0];
  if (first === undefined || first.type !== 'assignment.issued') throw new Error(`case ${caseId}: the stream does not begin with its issue`);
  const verifications: Verification[] = [];
  const reopenings: number[] = [];
  const escalations: number[] = [];
  const rejections: number[] = [];
  const extensions: number[] = [];
  const held: HeldStretch[] = [];
  let cancelledAt: number | null = null;
  let state: AssignmentState | undefined;
  let since = 0;
  for (const e of events) {
    const at = toMs(e.at);
    if (state !== undefined) {
      const h = currentHolding(state);
      if (h.role !== 'closed') pushHeld(held, h.unitId, since, at);
      if (e.type === 'assignment.verified') verifications.push({ at, deadline: toMs(state.deadline) });
    }
    switch (e.type) {
      case 'assignment.reopened':
        reopenings.push(at);
        break;
      case 'assignment.cancelled':
        cancelledAt = at;
        break;
      case 'assignment.escalated':
        escalations.push(at);
        break;
      case 'assignment.rejected':
        rejections.push(at);
        break;
      case 'assignment.extension-granted':
        extensions.push(at);
        break;
      default:
        break;
    }
    state = evolveAssignment(state, e);
    since = at;
  }
  if (state === undefined) throw new Error('unreachable');
  if (isOpen(state)) {
    const h = currentHolding(state);
    pushHeld(held, h.unitId, since, null);
  }
  const issued = first.payload;
  return {
    facts: {
      caseId,
      decisionId: issued.decisionId,
      unitId: issued.units[issued.ownerId] ?? '',
      issuedAt: toMs(first.at),
      verifications,
      reopenings,
      cancelledAt,
      escalations,
      rejections,
      extensions,
      held,
    },
    state,
  };
}

/**
 * The verification that stands at `asOf`: the last one made at or before it with no reopening
 * after it (up to `asOf`); undefined when the case is not verified then.
 */
export function standingVerification(c: Pick<ScoreCase, 'verifications' | 'reopenings'>, asOf: number): Verification | undefined {
  let standing: Verification | undefined;
  for (const v of c.verifications) if (v.at <= asOf) standing = v;
  if (standing === undefined) return undefined;
  const at = standing.at;
  return c.reopenings.some((r) => r > at && r <= asOf) ? undefined : standing;
}
