/**
 * Accountability actions (F5): an escalation step may propose a warning, a reprimand or a
 * proposal to replace the owner. The system only proposes; a person decides — accepted or
 * declined, always with a reason — and the decision is recorded. Nothing is ever applied
 * automatically: an accepted proposal to replace changes no post; people do that, by its own
 * command. One stream per proposal.
 */
import type { EventData, StreamEvent } from '../event.js';
import { isIdOf } from '../ids.js';
import { requireNotBefore, requireText } from '../guards.js';
import { type Result, fail, ok } from '../result.js';
import type { Instant } from '../time.js';
import type { LadderPlan, LadderStep, Recipient } from './ladder-plan.js';
import type { AccountabilityAction } from './ladder-policy.js';
import type { DomainError } from '../errors.js';

/** What a person decides about a proposed action. */
export const ACCOUNTABILITY_VERDICTS = ['accepted', 'declined'] as const;
/** A verdict on a proposed action. */
export type AccountabilityVerdict = (typeof ACCOUNTABILITY_VERDICTS)[number];

/** Payload of `accountability.proposed`: which action, about whom, from which step of which policy version. */
export interface ProposedPayload {
  readonly assignmentId: string;
  /** The person the action concerns: the owner of the case when the step fell due. */
  readonly subjectId: string;
  readonly action: AccountabilityAction;
  readonly stepKey: string;
  readonly level: number;
  readonly policyId: string | null;
  readonly policyVersion: number | null;
  /** Whom the escalation went to: the natural decider, resolved by the application. */
  readonly addressee: Recipient;
  readonly reason: string;
}

/** Events of an accountability stream. */
export type AccountabilityEvent =
  | EventData<'accountability.proposed', ProposedPayload>
  | EventData<'accountability.decided', { readonly verdict: AccountabilityVerdict; readonly reason: string }>;

/** A proposal as folded from its events. */
export interface AccountabilityState extends ProposedPayload {
  readonly status: 'proposed' | AccountabilityVerdict;
  readonly proposedAt: Instant;
  readonly proposedBy: string;
  readonly decidedBy: string | null;
  readonly decidedAt: Instant | null;
  readonly decisionReason: string | null;
  readonly lastEventAt: Instant;
}

/** The decided events of an accountability command. */
export type AccountabilityDecision = Result<AccountabilityEvent[], DomainError>;

/** Decides the proposal an escalation step carries (refused when the step proposes nothing or is not in the plan). */
export function proposeAccountability(plan: LadderPlan, step: LadderStep): AccountabilityDecision {
  if (!plan.steps.some((s) => s.key === step.key)) return fail('ACCOUNTABILITY_INVALID', `the step ${step.key} is not in the ladder of ${plan.assignmentId}`);
  if (step.action === null || step.level === null) return fail('ACCOUNTABILITY_INVALID', `the step ${step.name} proposes no accountability action`);
  const policy = plan.policyId === null ? 'no policy' : `policy ${plan.policyId} v${String(plan.policyVersion)}`;
  return ok([
    {
      type: 'accountability.proposed',
      payload: {
        assignmentId: plan.assignmentId,
        subjectId: plan.ownerId,
        action: step.action,
        stepKey: step.key,
        level: step.level,
        policyId: plan.policyId,
        policyVersion: plan.policyVersion,
        addressee: step.to,
        reason: `${step.action} proposed: ${plan.assignmentId} was due ${plan.deadline} and reached escalation level ${step.level} (${policy})`,
      },
    },
  ]);
}

/**
 * A person decides a proposal: accepted or declined, with a reason. Refused when the decider is not
 * a person (the system never decides), is the person the action concerns, or the proposal was
 * already decided. Who else may decide (the addressee, an administrator) is the application's rule.
 */
export function decideAccountability(
  s: AccountabilityState,
  input: { readonly verdict: string; readonly reason: string },
  ctx: { readonly actor: string; readonly at: Instant },
): AccountabilityDecision {
  const order = requireNotBefore(ctx.at, s.lastEventAt);
  if (!order.ok) return order;
  if (s.status !== 'proposed') return fail('INVALID_TRANSITION', `the proposal was already ${s.status} by ${s.decidedBy ?? 'someone'} at ${s.decidedAt ?? '?'}`);
  if (!isIdOf('person', ctx.actor)) return fail('NOT_PERMITTED', 'an accountability action is decided by a person, never by the system');
  if (ctx.actor === s.subjectId) return fail('ACCOUNTABILITY_SELF_DECISION', 'no one decides an accountability action about themselves');
  const verdict = ACCOUNTABILITY_VERDICTS.find((v) => v === input.verdict);
  if (verdict === undefined) return fail('ACCOUNTABILITY_INVALID', `a verdict is ${ACCOUNTABILITY_VERDICTS.join(' or ')}, not ${input.verdict}`);
  const reason = requireText(input.reason, 'REASON_REQUIRED', `a reason for the verdict`);
  if (!reason.ok) return reason;
  return ok([{ type: 'accountability.decided', payload: { verdict, reason: input.reason.trim() } }]);
}

/** Folds an accountability event. Throws only on an event the rules could never have produced. */
export function evolveAccountability(s: AccountabilityState | undefined, e: StreamEvent<AccountabilityEvent>): AccountabilityState {
  if (e.type === 'accountability.proposed') {
    if (s !== undefined) throw new Error('accountability.proposed on an existing proposal');
    return { ...e.payload, status: 'proposed', proposedAt: e.at, proposedBy: e.actor, decidedBy: null, decidedAt: null, decisionReason: null, lastEventAt: e.at };
  }
  if (s === undefined) throw new Error(`${e.type} before accountability.proposed`);
  return { ...s, status: e.payload.verdict, decidedBy: e.actor, decidedAt: e.at, decisionReason: e.payload.reason, lastEventAt: e.at };
}
