/**
 * Planning the ladder of one case (F5), purely: from the case, the policy that governs it and the
 * calendar of the owner's unit, the steps with their due instants and deterministic keys. The
 * scheduler performs a due step once and records its key; the keys carry the deadline, so an
 * extension yields new keys and the old ones simply lapse (they are no longer in the plan).
 *
 * Steps, for a deadline D in force:
 * - `reminder:<lead>` at D minus the lead time (`3wd`: 3 working days, `4wh`: 4 working hours), to
 *   whoever holds the case; a reminder due by the time the deadline was set is not planned;
 * - `controller-told` at D, to the controller (the issuer when there is none);
 * - `escalate:superior` at D + N, to the head of the unit above the owner's unit (the owner's own
 *   unit at the top of the tree) — level 1;
 * - `escalate:body` at D + N + M, to the policy's body or the body whose decision it is — level 2.
 * An escalation to a level the case already reached is not planned. A closed case (verified or
 * cancelled) has no steps; a case under no policy has none either.
 */
import { attributedHolder, type AssignmentState, type AssignmentStatus } from '../assignment/assignment.state.js';
import { addWorkingDays, addWorkingMs, subtractWorkingDays, subtractWorkingMs, type BusinessCalendar } from '../calendar/business-calendar.js';
import type { Instant } from '../time.js';
import { delayLabel, type AccountabilityAction, type Delay } from './ladder-policy.js';
import type { AppliedPolicy } from './policy-resolution.js';

/** What the ladder needs to know of a case. */
export interface LadderCase {
  readonly id: string;
  readonly status: AssignmentStatus;
  readonly deadline: Instant;
  readonly domain: string;
  /** The owner's unit and the units above it, nearest first; never empty. */
  readonly unitChain: readonly string[];
  readonly ownerId: string;
  /** Who holds the case now (reminders go to them); the owner when left out. */
  readonly holderId?: string | undefined;
  readonly controllerId: string | null;
  readonly issuerId: string;
  /** The body whose decision the case carries out, if known. */
  readonly bodyId: string | null;
  /** How many levels the case has climbed already (manual escalations included). */
  readonly escalationLevel: number;
  /** When the deadline in force was set (issue, or the extension granted); reminders due by then are not planned. */
  readonly deadlineSetAt?: Instant | undefined;
}

/** The kinds of ladder step. */
export type StepKind = 'reminder' | 'controller-told' | 'escalate-superior' | 'escalate-body';

/** Who a step addresses; the application resolves a unit's head and a body's secretary to people. */
export type Recipient =
  | { readonly kind: 'person'; readonly personId: string }
  | { readonly kind: 'unit-head'; readonly unitId: string }
  /** bodyId null: neither the policy nor the case names a body; the application picks the top body. */
  | { readonly kind: 'body'; readonly bodyId: string | null };

/** One planned step. */
export interface LadderStep {
  /** Unique within the case's life: the step's name and the deadline it belongs to, `<name>@<deadline>`. */
  readonly key: string;
  /** `reminder:3wd`, `controller-told`, `escalate:superior`, `escalate:body`. */
  readonly name: string;
  readonly kind: StepKind;
  readonly dueAt: Instant;
  readonly to: Recipient;
  /** The escalation level the case reaches with this step (1 or 2); null for notices. */
  readonly level: number | null;
  /** The accountability action the step proposes about the owner, if any. */
  readonly action: AccountabilityAction | null;
  /** Whether the step's key was among the keys already done. */
  readonly done: boolean;
}

/** The ladder of one case for its deadline in force, steps in due order. */
export interface LadderPlan {
  readonly assignmentId: string;
  readonly deadline: Instant;
  readonly ownerId: string;
  readonly policyId: string | null;
  readonly policyVersion: number | null;
  readonly steps: readonly LadderStep[];
}

/** Everything planning needs; `done` holds the keys already performed or lapsed. */
export interface PlanInput {
  readonly assignment: LadderCase;
  readonly policy: AppliedPolicy | undefined;
  readonly calendar: BusinessCalendar;
  readonly done?: ReadonlySet<string> | undefined;
}

/** The steps that are due at an instant: those to perform now, and reminders overtaken by a later step (record them, send nothing). */
export interface DueSteps {
  readonly due: readonly LadderStep[];
  readonly lapsed: readonly LadderStep[];
}

const HOUR = 3_600_000;
const NOTHING: ReadonlySet<string> = new Set();
const CLOSED: readonly AssignmentStatus[] = ['verified', 'cancelled'];

/** The key of a step for a deadline. */
export function stepKey(name: string, deadline: Instant): string {
  return `${name}@${deadline}`;
}

/** An instant moved by a delay in the calendar: forward (after) or backward (before). */
export function shiftByDelay(cal: BusinessCalendar, instant: Instant, delay: Delay, direction: 'after' | 'before'): Instant {
  if (delay.unit === 'working-days') return direction === 'after' ? addWorkingDays(cal, instant, delay.amount) : subtractWorkingDays(cal, instant, delay.amount);
  return direction === 'after' ? addWorkingMs(cal, instant, delay.amount * HOUR) : subtractWorkingMs(cal, instant, delay.amount * HOUR);
}

/** The case as the ladder sees it, from an assignment's state and what the application knows around it. */
export function ladderCaseOf(
  id: string,
  s: AssignmentState,
  around: { readonly unitChain: readonly string[]; readonly bodyId: string | null; readonly deadlineSetAt?: Instant | undefined },
): LadderCase {
  return {
    id,
    status: s.status,
    deadline: s.deadline,
    domain: s.domain,
    unitChain: around.unitChain,
    ownerId: s.ownerId,
    holderId: attributedHolder(s).personId,
    controllerId: s.controllerId,
    issuerId: s.issuerId,
    bodyId: around.bodyId,
    escalationLevel: s.escalationLevel,
    deadlineSetAt: around.deadlineSetAt,
  };
}

/** The ladder of a case: every step for the deadline in force, in due order (ties in ladder order). */
export function planLadder(input: PlanInput): LadderPlan {
  const { assignment: a, policy, calendar: cal } = input;
  const done = input.done ?? NOTHING;
  const head = { assignmentId: a.id, deadline: a.deadline, ownerId: a.ownerId, policyId: policy?.id ?? null, policyVersion: policy?.version ?? null };
  if (policy === undefined || CLOSED.includes(a.status)) return { ...head, steps: [] };
  const ownUnit = a.unitChain[0];
  if (ownUnit === undefined) throw new RangeError(`the owner's unit chain of ${a.id} is empty`);
  const D = a.deadline;
  const steps: LadderStep[] = [];
  const step = (name: string, kind: StepKind, dueAt: Instant, to: Recipient, level: number | null, action: AccountabilityAction | null): LadderStep => {
    const key = stepKey(name, D);
    return { key, name, kind, dueAt, to, level, action, done: done.has(key) };
  };

  const holder: Recipient = { kind: 'person', personId: a.holderId ?? a.ownerId };
  const reminderTimes = new Set<Instant>();
  for (const lead of policy.rules.reminders) {
    const s = step(`reminder:${delayLabel(lead)}`, 'reminder', shiftByDelay(cal, D, lead, 'before'), holder, null, null);
    const stale = a.deadlineSetAt !== undefined && s.dueAt <= a.deadlineSetAt;
    if (!s.done && (stale || reminderTimes.has(s.dueAt))) continue;
    reminderTimes.add(s.dueAt);
    steps.push(s);
  }

  steps.push(step('controller-told', 'controller-told', D, { kind: 'person', personId: a.controllerId ?? a.issuerId }, null, null));

  const { superior, body } = policy.rules;
  if (superior !== null) {
    const superiorAt = shiftByDelay(cal, D, superior.after, 'after');
    const up = step('escalate:superior', 'escalate-superior', superiorAt, { kind: 'unit-head', unitId: a.unitChain[1] ?? ownUnit }, 1, superior.action);
    if (a.escalationLevel < 1 || up.done) steps.push(up);
    if (body !== null) {
      const top = step('escalate:body', 'escalate-body', shiftByDelay(cal, superiorAt, body.after, 'after'), { kind: 'body', bodyId: body.bodyId ?? a.bodyId }, 2, body.action);
      if (a.escalationLevel < 2 || top.done) steps.push(top);
    }
  }
  // Array.prototype.sort is stable: equal instants keep the ladder's order.
  steps.sort((x, y) => (x.dueAt < y.dueAt ? -1 : x.dueAt > y.dueAt ? 1 : 0));
  return { ...head, steps };
}

/**
 * The steps due at `now` that are not done: escalations and the controller's notice always; a
 * reminder only if no later step is due by now too (after downtime, one reminder — the latest —
 * rather than all of them, and none once the deadline has passed). The overtaken reminders come
 * back as `lapsed`, to be recorded as done without being sent.
 */
export function stepsDueAt(plan: LadderPlan, now: Instant, done: ReadonlySet<string>): DueSteps {
  const reached = plan.steps.filter((s) => s.dueAt <= now);
  const latest = reached.at(-1)?.dueAt;
  const due: LadderStep[] = [];
  const lapsed: LadderStep[] = [];
  for (const s of reached) {
    if (done.has(s.key)) continue;
    if (s.kind === 'reminder' && latest !== undefined && s.dueAt < latest) lapsed.push(s);
    else due.push(s);
  }
  return { due, lapsed };
}

/** The first step not done, in due order: when the scheduler should look at the case again (undefined: never). */
export function nextDue(plan: LadderPlan, done: ReadonlySet<string>): LadderStep | undefined {
  return plan.steps.find((s) => !done.has(s.key));
}
