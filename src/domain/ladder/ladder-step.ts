/**
 * Performing one step of a case's ladder (F5), purely: given the case, its plan for now and the
 * step's key, the events the step appends to the case — a notice (`assignment.reminded`) or an
 * escalation (`assignment.escalated` carrying the step's key) — and the accountability action it
 * proposes, if any. A step is performed once: its key is recorded in the case, and a step that is
 * done, not yet due, overtaken by a later step, waiting for the rung below it (the body step before
 * the superior's), or no longer in the plan (the deadline moved, the case climbed by hand or
 * closed, the policy changed) is refused with LADDER_STEP_NOT_DUE.
 */
import type { AssignmentEvent } from '../assignment/assignment.events.js';
import type { AssignmentState } from '../assignment/assignment.state.js';
import { requireNotBefore } from '../guards.js';
import type { PartyRef } from '../ids.js';
import { type Result, fail, ok } from '../result.js';
import type { Instant } from '../time.js';
import { proposeAccountability, type AccountabilityEvent } from './accountability.js';
import { stepsDueAt, type LadderPlan, type LadderStep } from './ladder-plan.js';
import type { DomainError } from '../errors.js';

/** What a performed step produces. */
export interface PerformedStep {
  readonly step: LadderStep;
  /** Events for the case's own stream. */
  readonly events: AssignmentEvent[];
  /** The escalation level the case reached (null for a notice). */
  readonly level: number | null;
  /** The accountability proposal the step carries (a new stream), or null. */
  readonly proposal: AccountabilityEvent[] | null;
}

/**
 * Decides one due step. `to` is the step's recipient as the application resolved it: a person for
 * notices; for an escalation, the superior (a person) or a body (when no superior sits above).
 */
export function performLadderStep(s: AssignmentState, plan: LadderPlan, stepKey: string, to: PartyRef, at: Instant): Result<PerformedStep, DomainError> {
  const order = requireNotBefore(at, s.lastEventAt);
  if (!order.ok) return order;
  const step = plan.steps.find((x) => x.key === stepKey);
  if (step === undefined) {
    return fail('LADDER_STEP_NOT_DUE', `${stepKey} is no longer in the ladder of ${plan.assignmentId} (its deadline, level, owner or policy changed, or it closed)`, { stepKey, reason: 'lapsed' });
  }
  const done = new Set(s.ladderDone);
  if (done.has(stepKey)) return fail('LADDER_STEP_NOT_DUE', `${stepKey} was already performed`, { stepKey, reason: 'done' });
  if (step.dueAt > at) return fail('LADDER_STEP_NOT_DUE', `${stepKey} is due at ${step.dueAt}`, { stepKey, reason: 'not-yet', dueAt: step.dueAt });
  if (stepsDueAt(plan, at, done).lapsed.some((x) => x.key === stepKey)) {
    return fail('LADDER_STEP_NOT_DUE', `${stepKey} was overtaken by a later step`, { stepKey, reason: 'overtaken' });
  }
  // The ladder is climbed rung by rung: the body is not seized before the superior was.
  const lower = step.kind === 'escalate-body' ? plan.steps.find((x) => x.kind === 'escalate-superior' && !done.has(x.key)) : undefined;
  if (lower !== undefined) return fail('LADDER_STEP_NOT_DUE', `${stepKey} waits for ${lower.key}`, { stepKey, reason: 'waiting', waitsFor: lower.key });

  if (step.kind === 'reminder' || step.kind === 'controller-told') {
    if (to.kind !== 'person') return fail('ESCALATION_TARGET_INVALID', `a notice goes to a person, not a ${to.kind}`, { id: to.id });
    return ok({ step, events: [{ type: 'assignment.reminded', payload: { stepKey, step: step.name, to: to.id } }], level: null, proposal: null });
  }

  if (to.kind !== 'person' && to.kind !== 'body') return fail('ESCALATION_TARGET_INVALID', `a case escalates to a person or a body, not a ${to.kind}`, { id: to.id });
  const level = Math.max(s.escalationLevel + 1, step.level ?? 1);
  const reason = `the ladder: ${s.title} was due ${s.deadline} and is not done; ${step.name} (level ${level}) under ${plan.policyId === null ? 'no policy' : `policy ${plan.policyId} v${String(plan.policyVersion)}`}`;
  const events: AssignmentEvent[] = [
    { type: 'assignment.escalated', payload: { level, to: to.id, toUnit: to.kind === 'person' ? (to.unitId ?? null) : null, reason, stepKey } },
  ];
  let proposal: AccountabilityEvent[] | null = null;
  if (step.action !== null) {
    const proposed = proposeAccountability(plan, step);
    if (!proposed.ok) return proposed;
    proposal = proposed.value;
  }
  return ok({ step, events, level, proposal });
}
