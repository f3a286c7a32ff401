/**
 * The ladder's entries in the scheduler's index. A command that changes what a case's ladder looks
 * like (issued, deadline extended, owner changed, reopened) puts a `ladder-plan` item
 * for that case in its own transaction; a change of a calendar or a policy puts a `ladder-replan`
 * item for every open case. Planning then puts one `ladder-step` item per step, keyed by the
 * case and the step's key, so that the index holds each step once whatever the number of plans.
 */
import type { LadderStep } from '../../domain/ladder/ladder-plan.js';
import { kindOfId } from '../../domain/ids.js';
import type { ScheduleItem } from '../../store/jobs.js';
import type { AppendedEvent, WriteSession } from '../../store/port.js';

/** Items that plan one case's ladder. */
export const LADDER_PLAN_KIND = 'ladder-plan';
/** Items that plan the ladder of every open case (after a calendar or policy changed, or a bulk import). */
export const LADDER_REPLAN_KIND = 'ladder-replan';
/** Items that perform one step of one case's ladder. */
export const LADDER_STEP_KIND = 'ladder-step';

/**
 * Assignment events after which a case's ladder may have new steps or new instants. An escalation
 * only takes steps away (a level reached is not climbed again): their items, when they run, are
 * refused as no longer planned, so it needs no planning.
 */
const REPLANNING = new Set(['assignment.issued', 'assignment.extension-granted', 'assignment.transfer-accepted', 'assignment.reopened', 'assignment.beneficiary-disputed']);

/** The planning work a command's events call for (at most one item per stream). */
export function ladderWork(events: readonly AppendedEvent[]): ScheduleItem[] {
  const byStream = new Map<string, ScheduleItem>();
  for (const e of events) {
    const kind = kindOfId(e.streamId);
    if (kind === 'assignment' && REPLANNING.has(e.type)) {
      byStream.set(e.streamId, { id: `${LADDER_PLAN_KIND}:${e.streamId}@${e.seq}`, kind: LADDER_PLAN_KIND, payload: { assignmentId: e.streamId }, dueAt: e.at });
    } else if (kind === 'calendar' || kind === 'ladder') {
      byStream.set(e.streamId, replanAll(`${e.streamId}@${e.seq}`, e.at));
    }
  }
  return [...byStream.values()];
}

/** An item that plans every open case; `cause` makes its id unique (a stream and seq, or a bulk write). */
export function replanAll(cause: string, at: string): ScheduleItem {
  return { id: `${LADDER_REPLAN_KIND}:${cause}`, kind: LADDER_REPLAN_KIND, payload: {}, dueAt: at };
}

/**
 * The planning work a command's events call for, in its transaction: a case is planned only when
 * some ladder policy is in force or the case is urgent (the urgent protocol has a ladder of its
 * own); with neither there is no ladder, and a policy defined later plans every open case.
 */
export async function ladderWorkIn(tx: WriteSession, events: readonly AppendedEvent[]): Promise<ScheduleItem[]> {
  const work = ladderWork(events);
  if (!work.some((w) => w.kind === LADDER_PLAN_KIND)) return work;
  if ((await tx.streams('ladder')).some((p) => p.state.retiredAt === null)) return work;
  const kept: ScheduleItem[] = [];
  for (const w of work) {
    if (w.kind !== LADDER_PLAN_KIND) kept.push(w);
    else if ((await tx.load('assignment', (w.payload as { assignmentId: string }).assignmentId))?.state.urgency === 'urgent') kept.push(w);
  }
  return kept;
}

/** True when a command's events call for planning. */
export function touchesLadder(events: readonly AppendedEvent[]): boolean {
  return ladderWork(events).length > 0;
}

/** The item that performs a step of a case when it falls due. */
export function stepItem(assignmentId: string, step: LadderStep): ScheduleItem {
  return { id: `ladder:${assignmentId}:${step.key}`, kind: LADDER_STEP_KIND, payload: { assignmentId, stepKey: step.key }, dueAt: step.dueAt, revive: true };
}
