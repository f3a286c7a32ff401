/**
 * Ladder policies: the validation of their steps and scope (LADDER_POLICY_INVALID with a stable
 * issue per broken rule), and the policy as a versioned stream — defined, revised (version + 1),
 * retired — with each refusal's code.
 */
import { describe, expect, it } from 'vitest';
import type { PartyRef } from '../ids.js';
import { defineLadderPolicy, evolveLadderPolicy, retireLadderPolicy, reviseLadderPolicy, type LadderPolicyEvent, type LadderPolicyState } from './ladder-policy-stream.js';
import { checkLadderRules, delayLabel, examineLadderRules, STANDARD_LADDER, type LadderRulesInput } from './ladder-policy.js';

const wd = (amount: number) => ({ amount, unit: 'working-days' });
const wh = (amount: number) => ({ amount, unit: 'working-hours' });

function issues(input: LadderRulesInput): string[] {
  return examineLadderRules(input).problems.map((p) => p.issue);
}

describe('ladder rules: validation', () => {
  it('accepts the standard ladder, a ladder of reminders only, and a superior step at the deadline itself', () => {
    expect(checkLadderRules(STANDARD_LADDER)).toEqual({ ok: true, value: STANDARD_LADDER });
    expect(checkLadderRules({ reminders: [wd(2)] }).ok).toBe(true);
    expect(checkLadderRules({})).toEqual({ ok: true, value: { reminders: [], superior: null, body: null } });
    const urgent = checkLadderRules({ reminders: [wh(4)], superior: { after: wh(0), action: null }, body: { after: wh(4), action: 'proposal-to-replace', bodyId: 'body_top' } });
    expect(urgent.ok && urgent.value).toEqual({
      reminders: [{ amount: 4, unit: 'working-hours' }],
      superior: { after: { amount: 0, unit: 'working-hours' }, action: null },
      body: { after: { amount: 4, unit: 'working-hours' }, action: 'proposal-to-replace', bodyId: 'body_top' },
    });
  });

  it('refuses negative, fractional, zero and endless delays', () => {
    expect(issues({ reminders: [wd(-1)] })).toEqual(['DELAY_NEGATIVE']);
    expect(issues({ superior: { after: wd(-2) } })).toEqual(['DELAY_NEGATIVE']);
    expect(issues({ superior: { after: wd(1) }, body: { after: wh(-3) } })).toEqual(['DELAY_NEGATIVE']);
    expect(issues({ reminders: [wd(1.5)] })).toEqual(['DELAY_NOT_WHOLE']);
    expect(issues({ reminders: [wd(Number.NaN)] })).toEqual(['DELAY_NOT_WHOLE']);
    expect(issues({ reminders: [wd(0)] })).toEqual(['DELAY_ZERO']); // a reminder at the deadline is the controller's notice
    expect(issues({ superior: { after: wd(1) }, body: { after: wd(0) } })).toEqual(['DELAY_ZERO']);
    expect(issues({ reminders: [wd(367)] })).toEqual(['DELAY_TOO_LONG']);
    expect(issues({ reminders: [{ amount: 2, unit: 'fortnights' }] })).toEqual(['DELAY_UNIT_UNKNOWN']);
  });

  it('refuses the body step without the superior step (M without N)', () => {
    expect(issues({ body: { after: wd(3), action: 'reprimand' } })).toEqual(['BODY_WITHOUT_SUPERIOR']);
    const r = checkLadderRules({ body: { after: wd(3) } });
    expect(!r.ok && r.error).toMatchObject({ code: 'LADDER_POLICY_INVALID', details: { problems: [{ path: 'body', issue: 'BODY_WITHOUT_SUPERIOR' }] } });
  });

  it('refuses an unknown action and a body id that is not a body', () => {
    expect(issues({ superior: { after: wd(2), action: 'flogging' } })).toEqual(['ACTION_UNKNOWN']);
    expect(issues({ superior: { after: wd(2) }, body: { after: wd(2), action: 'dismissal', bodyId: 'unit_top' } })).toEqual(['BODY_NOT_A_BODY', 'ACTION_UNKNOWN']);
  });

  it('refuses duplicate reminders and more than five', () => {
    expect(issues({ reminders: [wd(3), wd(1), wd(3)] })).toEqual(['REMINDER_DUPLICATE']);
    expect(issues({ reminders: [wd(3), wh(3)] })).toEqual([]); // three days and three hours are two reminders
    expect(issues({ reminders: [wd(1), wd(2), wd(3), wd(4), wd(5), wd(6)] })).toEqual(['TOO_MANY_REMINDERS']);
  });

  it('lists every problem at once, each with its path, in the refusal', () => {
    const r = checkLadderRules({ reminders: [wd(-1)], superior: { after: wd(1.5), action: 'flogging' }, body: { after: wd(0) } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('LADDER_POLICY_INVALID');
    expect((r.error.details?.problems as Array<{ path: string; issue: string }>).map((p) => `${p.path} ${p.issue}`)).toEqual([
      'reminders[0].amount DELAY_NEGATIVE',
      'superior.after.amount DELAY_NOT_WHOLE',
      'superior.action ACTION_UNKNOWN',
      'body.after.amount DELAY_ZERO',
    ]);
    expect(r.error.message).toContain('a delay cannot be negative');
  });

  it('labels delays for step names', () => {
    expect(delayLabel({ amount: 3, unit: 'working-days' })).toBe('3wd');
    expect(delayLabel({ amount: 4, unit: 'working-hours' })).toBe('4wh');
  });
});

// ---------------------------------------------------------------- the stream

const UNIT: PartyRef = { id: 'unit_supply', kind: 'unit' };
const ADMIN = 'per_admin';

function fold(s: LadderPolicyState | undefined, events: readonly LadderPolicyEvent[], at: string): LadderPolicyState {
  let state = s;
  for (const e of events) state = evolveLadderPolicy(state, { ...e, actor: ADMIN, at });
  if (state === undefined) throw new Error('no events');
  return state;
}

function defined(): LadderPolicyState {
  const d = defineLadderPolicy({ name: 'Supply ladder', unit: UNIT, domain: 'supply', rules: STANDARD_LADDER, scopeTaken: false });
  if (!d.ok) throw new Error(d.error.message);
  return fold(undefined, d.value, '2022-01-10T09:00:00.000Z');
}

describe('ladder policy stream', () => {
  it('defines version 1 with its scope and steps', () => {
    const d = defineLadderPolicy({ name: '  Supply ladder ', unit: UNIT, domain: ' supply ', rules: { reminders: [wd(1)] }, scopeTaken: false });
    expect(d.ok && d.value).toEqual([
      {
        type: 'ladder-policy.defined',
        payload: { version: 1, name: 'Supply ladder', scope: { unitId: 'unit_supply', domain: 'supply' }, rules: { reminders: [{ amount: 1, unit: 'working-days' }], superior: null, body: null } },
      },
    ]);
    expect(defined()).toMatchObject({ version: 1, retiredAt: null, definedAt: '2022-01-10T09:00:00.000Z', versionAt: '2022-01-10T09:00:00.000Z' });
    const org = defineLadderPolicy({ name: 'Default', unit: null, domain: null, rules: STANDARD_LADDER, scopeTaken: false });
    expect(org.ok && org.value[0]?.type === 'ladder-policy.defined' && org.value[0].payload.scope).toEqual({ unitId: null, domain: null });
  });

  it('refuses a blank name, a scope that is not a unit, a blank domain and bad steps, all in one refusal', () => {
    const d = defineLadderPolicy({ name: ' ', unit: { id: 'cmt_x', kind: 'committee' }, domain: '  ', rules: { reminders: [wd(-1)] }, scopeTaken: false });
    expect(!d.ok && d.error.code).toBe('LADDER_POLICY_INVALID');
    expect(!d.ok && (d.error.details?.problems as Array<{ issue: string }>).map((p) => p.issue)).toEqual(['NAME_REQUIRED', 'SCOPE_NOT_A_UNIT', 'DOMAIN_BLANK', 'DELAY_NEGATIVE']);
  });

  it('refuses a second policy for a scope that has one in force', () => {
    const d = defineLadderPolicy({ name: 'Again', unit: UNIT, domain: 'supply', rules: STANDARD_LADDER, scopeTaken: true });
    expect(!d.ok && d.error).toMatchObject({ code: 'LADDER_POLICY_SCOPE_TAKEN', details: { scope: { unitId: 'unit_supply', domain: 'supply' } } });
  });

  it('revises: the version goes up by one each time, the scope stays, the steps are replaced', () => {
    let s = defined();
    const first = reviseLadderPolicy(s, { rules: { ...STANDARD_LADDER, reminders: [wd(5), wd(1)] } }, '2022-02-01T09:00:00.000Z');
    expect(first.ok && first.value[0]).toMatchObject({ type: 'ladder-policy.revised', payload: { version: 2, name: 'Supply ladder' } });
    if (!first.ok) return;
    s = fold(s, first.value, '2022-02-01T09:00:00.000Z');
    const second = reviseLadderPolicy(s, { name: 'Supply ladder (strict)', rules: { ...STANDARD_LADDER, superior: { after: wd(1), action: 'reprimand' } } }, '2022-03-01T09:00:00.000Z');
    if (!second.ok) throw new Error(second.error.message);
    s = fold(s, second.value, '2022-03-01T09:00:00.000Z');
    expect(s).toMatchObject({ version: 3, name: 'Supply ladder (strict)', scope: { unitId: 'unit_supply', domain: 'supply' }, versionAt: '2022-03-01T09:00:00.000Z', definedAt: '2022-01-10T09:00:00.000Z' });
    expect(s.rules.superior).toEqual({ after: { amount: 1, unit: 'working-days' }, action: 'reprimand' });
  });

  it('refuses a revision that changes nothing, an invalid one, and one dated before the last event', () => {
    const s = defined();
    const same = reviseLadderPolicy(s, { rules: STANDARD_LADDER }, '2022-02-01T09:00:00.000Z');
    expect(!same.ok && same.error).toMatchObject({ code: 'LADDER_POLICY_INVALID', details: { problems: [{ issue: 'UNCHANGED' }] } });
    const bad = reviseLadderPolicy(s, { rules: { body: { after: wd(2) } } }, '2022-02-01T09:00:00.000Z');
    expect(!bad.ok && bad.error.code).toBe('LADDER_POLICY_INVALID');
    const early = reviseLadderPolicy(s, { rules: {} }, '2022-01-01T09:00:00.000Z');
    expect(!early.ok && early.error.code).toBe('EVENT_OUT_OF_ORDER');
  });

  it('retires with a reason; a retired policy is neither revised nor retired again', () => {
    const s = defined();
    const noReason = retireLadderPolicy(s, { reason: '' }, '2022-02-01T09:00:00.000Z');
    expect(!noReason.ok && noReason.error.code).toBe('REASON_REQUIRED');
    const r = retireLadderPolicy(s, { reason: 'supply follows the organisation ladder' }, '2022-02-01T09:00:00.000Z');
    if (!r.ok) throw new Error(r.error.message);
    const gone = fold(s, r.value, '2022-02-01T09:00:00.000Z');
    expect(gone.retiredAt).toBe('2022-02-01T09:00:00.000Z');
    const revise = reviseLadderPolicy(gone, { rules: {} }, '2022-03-01T09:00:00.000Z');
    expect(!revise.ok && revise.error.code).toBe('INVALID_TRANSITION');
    const again = retireLadderPolicy(gone, { reason: 'again' }, '2022-03-01T09:00:00.000Z');
    expect(!again.ok && again.error.code).toBe('INVALID_TRANSITION');
  });

  it('refuses to fold events the rules could not have produced', () => {
    expect(() => evolveLadderPolicy(undefined, { type: 'ladder-policy.retired', payload: { reason: 'x' }, actor: ADMIN, at: '2022-01-01T00:00:00.000Z' })).toThrow();
    const s = defined();
    expect(() => evolveLadderPolicy(s, { type: 'ladder-policy.defined', payload: { version: 1, name: 'x', scope: s.scope, rules: s.rules }, actor: ADMIN, at: '2022-01-01T00:00:00.000Z' })).toThrow();
  });
});
