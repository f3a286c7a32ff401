/**
 * Accountability actions: the ladder proposes (from an escalation step that carries an action), a
 * person decides — accepted or declined, with a reason — and nothing else happens: the decision is
 * the only event, and no one decides about themselves; the system never decides.
 */
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../event.js';
import { layCalendars } from '../calendar/calendar-definition.js';
import { STANDARD_LADDER } from './ladder-policy.js';
import { planLadder, type LadderStep } from './ladder-plan.js';
import { decideAccountability, evolveAccountability, proposeAccountability, type AccountabilityEvent, type AccountabilityState } from './accountability.js';

const D = '2022-02-25T15:00:00.000Z';
const PLAN = planLadder({
  assignment: {
    id: 'asg_meat',
    status: 'in_progress',
    deadline: D,
    domain: 'supply',
    unitChain: ['unit_depot', 'unit_region'],
    ownerId: 'per_owner',
    controllerId: 'per_controller',
    issuerId: 'per_issuer',
    bodyId: 'body_council',
    escalationLevel: 0,
  },
  policy: { id: 'ladder_org', version: 3, name: 'Default', scope: { unitId: null, domain: null }, rules: STANDARD_LADDER },
  calendar: layCalendars([]),
});

function stepNamed(name: string): LadderStep {
  const s = PLAN.steps.find((x) => x.name === name);
  if (s === undefined) throw new Error(`no step ${name}`);
  return s;
}

function proposed(): AccountabilityState {
  const r = proposeAccountability(PLAN, stepNamed('escalate:superior'));
  if (!r.ok) throw new Error(r.error.message);
  let s: AccountabilityState | undefined;
  for (const e of r.value) s = evolveAccountability(s, { ...e, actor: SYSTEM_ACTOR, at: '2022-03-01T18:00:00.000Z' });
  if (s === undefined) throw new Error('no events');
  return s;
}

const at = (actor: string, time = '2022-03-02T10:00:00.000Z') => ({ actor, at: time });

describe('proposing', () => {
  it('an escalation step with an action proposes it about the owner, naming the step and the policy version', () => {
    const r = proposeAccountability(PLAN, stepNamed('escalate:superior'));
    expect(r.ok && r.value).toEqual([
      {
        type: 'accountability.proposed',
        payload: {
          assignmentId: 'asg_meat',
          subjectId: 'per_owner',
          action: 'warning',
          stepKey: `escalate:superior@${D}`,
          level: 1,
          policyId: 'ladder_org',
          policyVersion: 3,
          addressee: { kind: 'unit-head', unitId: 'unit_region' },
          reason: expect.stringContaining('warning proposed: asg_meat was due 2022-02-25T15:00:00.000Z') as string,
        },
      },
    ]);
    const body = proposeAccountability(PLAN, stepNamed('escalate:body'));
    expect(body.ok && body.value[0]?.payload).toMatchObject({ action: 'reprimand', level: 2, addressee: { kind: 'body', bodyId: 'body_council' } });
    expect(proposed()).toMatchObject({ status: 'proposed', proposedBy: SYSTEM_ACTOR, decidedBy: null });
  });

  it('refuses a step that proposes nothing, and a step of another plan', () => {
    const reminder = proposeAccountability(PLAN, stepNamed('reminder:1wd'));
    expect(!reminder.ok && reminder.error.code).toBe('ACCOUNTABILITY_INVALID');
    const foreign = proposeAccountability(PLAN, { ...stepNamed('escalate:superior'), key: 'escalate:superior@2030-01-01T00:00:00.000Z' });
    expect(!foreign.ok && foreign.error.code).toBe('ACCOUNTABILITY_INVALID');
  });
});

describe('deciding', () => {
  it('a person accepts or declines, with a reason; the decision is the only event', () => {
    for (const verdict of ['accepted', 'declined'] as const) {
      const s = proposed();
      const r = decideAccountability(s, { verdict, reason: ' three cases late this quarter ' }, at('per_head'));
      expect(r.ok && r.value).toEqual([{ type: 'accountability.decided', payload: { verdict, reason: 'three cases late this quarter' } }]);
      if (!r.ok) return;
      const after = r.value.reduce<AccountabilityState>((st, e: AccountabilityEvent) => evolveAccountability(st, { ...e, actor: 'per_head', at: '2022-03-02T10:00:00.000Z' }), s);
      expect(after).toMatchObject({ status: verdict, decidedBy: 'per_head', decidedAt: '2022-03-02T10:00:00.000Z', decisionReason: 'three cases late this quarter', action: 'warning', subjectId: 'per_owner' });
    }
  });

  it('the system never decides, nor anyone who is not a person', () => {
    for (const actor of [SYSTEM_ACTOR, 'beneficiary', 'unit_region', 'body_council']) {
      const r = decideAccountability(proposed(), { verdict: 'accepted', reason: 'rule' }, at(actor));
      expect(!r.ok && r.error.code, actor).toBe('NOT_PERMITTED');
    }
  });

  it('no one decides about themselves', () => {
    const r = decideAccountability(proposed(), { verdict: 'declined', reason: 'I was ill' }, at('per_owner'));
    expect(!r.ok && r.error.code).toBe('ACCOUNTABILITY_SELF_DECISION');
  });

  it('refuses a decision without a reason, an unknown verdict, one dated before the proposal, and a second decision', () => {
    const s = proposed();
    const noReason = decideAccountability(s, { verdict: 'accepted', reason: '  ' }, at('per_head'));
    expect(!noReason.ok && noReason.error.code).toBe('REASON_REQUIRED');
    const maybe = decideAccountability(s, { verdict: 'maybe', reason: 'later' }, at('per_head'));
    expect(!maybe.ok && maybe.error.code).toBe('ACCOUNTABILITY_INVALID');
    const early = decideAccountability(s, { verdict: 'accepted', reason: 'x' }, at('per_head', '2022-03-01T00:00:00.000Z'));
    expect(!early.ok && early.error.code).toBe('EVENT_OUT_OF_ORDER');
    const first = decideAccountability(s, { verdict: 'accepted', reason: 'late again' }, at('per_head'));
    if (!first.ok) throw new Error(first.error.message);
    const decided = evolveAccountability(s, { ...first.value[0]!, actor: 'per_head', at: '2022-03-02T10:00:00.000Z' });
    const second = decideAccountability(decided, { verdict: 'declined', reason: 'changed my mind' }, at('per_admin', '2022-03-03T10:00:00.000Z'));
    expect(!second.ok && second.error.code).toBe('INVALID_TRANSITION');
  });

  it('refuses to fold events the rules could not have produced', () => {
    expect(() => evolveAccountability(undefined, { type: 'accountability.decided', payload: { verdict: 'accepted', reason: 'x' }, actor: 'per_head', at: D })).toThrow();
  });
});
