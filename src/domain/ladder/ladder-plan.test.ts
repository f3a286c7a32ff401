/**
 * Planning the ladder with fixed instants (the fake clock is plain ISO strings): each step's due
 * instant and recipient, weekends and holidays moving them, working-hour delays, an extension
 * moving every step to new keys, closed cases with no steps, escalation levels already reached,
 * catching up after downtime (one reminder, not all), and a clock walked hour by hour that
 * performs each step exactly once.
 */
import { describe, expect, it } from 'vitest';
import type { AssignmentState } from '../assignment/assignment.state.js';
import { layCalendars } from '../calendar/calendar-definition.js';
import { toInstant, toMs } from '../time.js';
import type { LadderRules } from './ladder-policy.js';
import { ladderCaseOf, nextDue, planLadder, stepsDueAt, type LadderCase, type LadderPlan } from './ladder-plan.js';
import type { AppliedPolicy } from './policy-resolution.js';

/** UTC+3, 09:00–18:00 local (06:00–15:00 UTC), Monday to Friday; 23 February and 8 March 2022 are holidays. */
const CAL = layCalendars([{ workingWeekdays: [1, 2, 3, 4, 5], workingHours: { start: '09:00', end: '18:00' }, utcOffsetMinutes: 180, holidays: ['2022-02-23', '2022-03-08'], workingDates: [] }]);
/** The same calendar with no holidays. */
const NO_HOLIDAYS = layCalendars([{ workingWeekdays: [1, 2, 3, 4, 5], workingHours: { start: '09:00', end: '18:00' }, utcOffsetMinutes: 180, holidays: [], workingDates: [] }]);

const RULES: LadderRules = {
  reminders: [
    { amount: 3, unit: 'working-days' },
    { amount: 1, unit: 'working-days' },
  ],
  superior: { after: { amount: 2, unit: 'working-days' }, action: 'warning' },
  body: { after: { amount: 3, unit: 'working-days' }, action: 'reprimand', bodyId: null },
};
const POLICY: AppliedPolicy = { id: 'ladder_supply', version: 4, name: 'Supply', scope: { unitId: null, domain: 'supply' }, rules: RULES };

/** Friday 25 February 2022, 18:00 local. */
const D = '2022-02-25T15:00:00.000Z';

const CASE: LadderCase = {
  id: 'asg_meat',
  status: 'in_progress',
  deadline: D,
  domain: 'supply',
  unitChain: ['unit_depot', 'unit_region', 'unit_root'],
  ownerId: 'per_owner',
  holderId: 'per_holder',
  controllerId: 'per_controller',
  issuerId: 'per_issuer',
  bodyId: 'body_council',
  escalationLevel: 0,
};

function plan(over: Partial<LadderCase> = {}, policy: AppliedPolicy | undefined = POLICY, cal = CAL, done?: ReadonlySet<string>): LadderPlan {
  return planLadder({ assignment: { ...CASE, ...over }, policy, calendar: cal, done });
}

const when = (p: LadderPlan) => Object.fromEntries(p.steps.map((s) => [s.name, s.dueAt]));

describe('planLadder: each step', () => {
  it('plans reminders, the controller, the superior and the body with keys that carry the deadline', () => {
    const p = plan();
    expect(p).toMatchObject({ assignmentId: 'asg_meat', deadline: D, ownerId: 'per_owner', policyId: 'ladder_supply', policyVersion: 4 });
    expect(p.steps).toEqual([
      // 3 working days before Friday: Thursday, (Wednesday 23 is a holiday) Tuesday, Monday.
      { key: `reminder:3wd@${D}`, name: 'reminder:3wd', kind: 'reminder', dueAt: '2022-02-21T15:00:00.000Z', to: { kind: 'person', personId: 'per_holder' }, level: null, action: null, done: false },
      { key: `reminder:1wd@${D}`, name: 'reminder:1wd', kind: 'reminder', dueAt: '2022-02-24T15:00:00.000Z', to: { kind: 'person', personId: 'per_holder' }, level: null, action: null, done: false },
      { key: `controller-told@${D}`, name: 'controller-told', kind: 'controller-told', dueAt: D, to: { kind: 'person', personId: 'per_controller' }, level: null, action: null, done: false },
      // 2 working days after Friday: Monday, Tuesday — not Sunday.
      {
        key: `escalate:superior@${D}`,
        name: 'escalate:superior',
        kind: 'escalate-superior',
        dueAt: '2022-03-01T15:00:00.000Z',
        to: { kind: 'unit-head', unitId: 'unit_region' },
        level: 1,
        action: 'warning',
        done: false,
      },
      // 3 more: Wednesday 2, Thursday 3, Friday 4 March.
      { key: `escalate:body@${D}`, name: 'escalate:body', kind: 'escalate-body', dueAt: '2022-03-04T15:00:00.000Z', to: { kind: 'body', bodyId: 'body_council' }, level: 2, action: 'reprimand', done: false },
    ]);
  });

  it('moves due instants over holidays: the same ladder without the 23 February holiday', () => {
    expect(when(plan({}, POLICY, NO_HOLIDAYS))['reminder:3wd']).toBe('2022-02-22T15:00:00.000Z');
    expect(when(plan())['reminder:3wd']).toBe('2022-02-21T15:00:00.000Z');
    // Five working days after Tuesday 1 March skip the 8 March holiday: 2, 3, 4, 7, 9 March.
    const longer: AppliedPolicy = { ...POLICY, rules: { ...RULES, body: { after: { amount: 5, unit: 'working-days' }, action: null, bodyId: null } } };
    expect(when(plan({}, longer))['escalate:body']).toBe('2022-03-09T15:00:00.000Z');
    expect(when(plan({}, longer, NO_HOLIDAYS))['escalate:body']).toBe('2022-03-08T15:00:00.000Z');
  });

  it('moves due instants over weekends, and keeps the time of day of a deadline set outside working hours', () => {
    // A deadline on Sunday 27 February at noon: one working day before is Friday, two after are Monday and Tuesday; noon stays noon.
    const p = when(plan({ deadline: '2022-02-27T09:00:00.000Z' }));
    expect(p['reminder:1wd']).toBe('2022-02-25T09:00:00.000Z');
    expect(p['controller-told']).toBe('2022-02-27T09:00:00.000Z');
    expect(p['escalate:superior']).toBe('2022-03-01T09:00:00.000Z');
    // A deadline at 23:59 local: the working-day steps are at the end of working hours.
    const late = when(plan({ deadline: '2022-02-25T20:59:00.000Z' }));
    expect(late['reminder:1wd']).toBe('2022-02-24T15:00:00.000Z');
    expect(late['escalate:superior']).toBe('2022-03-01T15:00:00.000Z');
  });

  it('counts working hours for an urgent ladder', () => {
    const urgent: AppliedPolicy = {
      ...POLICY,
      rules: { reminders: [{ amount: 4, unit: 'working-hours' }], superior: { after: { amount: 2, unit: 'working-hours' }, action: null }, body: { after: { amount: 4, unit: 'working-hours' }, action: 'proposal-to-replace', bodyId: 'body_top' } },
    };
    // Due Monday 28 February at 11:00 local: 4 working hours before is Friday 16:00; +2h is Monday 13:00; +4h more is 17:00.
    const p = plan({ deadline: '2022-02-28T08:00:00.000Z' }, urgent);
    expect(when(p)).toEqual({
      'reminder:4wh': '2022-02-25T13:00:00.000Z',
      'controller-told': '2022-02-28T08:00:00.000Z',
      'escalate:superior': '2022-02-28T10:00:00.000Z',
      'escalate:body': '2022-02-28T14:00:00.000Z',
    });
    expect(p.steps.at(-1)).toMatchObject({ to: { kind: 'body', bodyId: 'body_top' }, action: 'proposal-to-replace' });
  });

  it('a superior step at the deadline itself comes right after the controller', () => {
    const atOnce: AppliedPolicy = { ...POLICY, rules: { reminders: [], superior: { after: { amount: 0, unit: 'working-days' }, action: null }, body: null } };
    expect(plan({}, atOnce).steps.map((s) => [s.name, s.dueAt])).toEqual([
      ['controller-told', D],
      ['escalate:superior', D],
    ]);
  });

  it('addresses the issuer when there is no controller, the owner when no holder is given, the own unit at the top of the tree', () => {
    const p = plan({ controllerId: null, holderId: undefined, unitChain: ['unit_root'], bodyId: null });
    const to = Object.fromEntries(p.steps.map((s) => [s.name, s.to]));
    expect(to['controller-told']).toEqual({ kind: 'person', personId: 'per_issuer' });
    expect(to['reminder:1wd']).toEqual({ kind: 'person', personId: 'per_owner' });
    expect(to['escalate:superior']).toEqual({ kind: 'unit-head', unitId: 'unit_root' });
    expect(to['escalate:body']).toEqual({ kind: 'body', bodyId: null });
  });

  it('plans no reminder that was due by the time the deadline was set, and one reminder per instant', () => {
    expect(Object.keys(when(plan({ deadlineSetAt: '2022-02-22T07:00:00.000Z' })))).toEqual(['reminder:1wd', 'controller-told', 'escalate:superior', 'escalate:body']);
    // Due Friday 09:00 local: one working day before and nine working hours before are both Thursday 09:00.
    const twins: AppliedPolicy = { ...POLICY, rules: { ...RULES, reminders: [{ amount: 1, unit: 'working-days' }, { amount: 9, unit: 'working-hours' }] } };
    const p = plan({ deadline: '2022-02-25T06:00:00.000Z' }, twins);
    expect(p.steps.filter((s) => s.kind === 'reminder').map((s) => [s.name, s.dueAt])).toEqual([['reminder:1wd', '2022-02-24T06:00:00.000Z']]);
  });

  it('does not climb to a level the case already reached, but keeps a step already done', () => {
    expect(Object.keys(when(plan({ escalationLevel: 1 })))).toEqual(['reminder:3wd', 'reminder:1wd', 'controller-told', 'escalate:body']);
    expect(Object.keys(when(plan({ escalationLevel: 2 })))).toEqual(['reminder:3wd', 'reminder:1wd', 'controller-told']);
    const done = new Set([`escalate:superior@${D}`]);
    const p = plan({ escalationLevel: 1 }, POLICY, CAL, done);
    expect(p.steps.find((s) => s.name === 'escalate:superior')).toMatchObject({ done: true });
    expect(p.steps.filter((s) => s.done)).toHaveLength(1);
  });

  it('has no steps for a closed case, or for a case under no policy', () => {
    for (const status of ['verified', 'cancelled'] as const) {
      const p = plan({ status });
      expect(p.steps).toEqual([]);
      expect(nextDue(p, new Set())).toBeUndefined();
      expect(stepsDueAt(p, '2030-01-01T00:00:00.000Z', new Set())).toEqual({ due: [], lapsed: [] });
    }
    const unruled = planLadder({ assignment: CASE, policy: undefined, calendar: CAL });
    expect(unruled.steps).toEqual([]);
    expect(unruled.policyId).toBeNull();
  });

  it('keeps planning while the work waits for the verifier: done means verified', () => {
    expect(plan({ status: 'submitted' }).steps).toHaveLength(5);
    expect(plan({ status: 'issued' }).steps).toHaveLength(5);
  });

  it('refuses a case whose owner has no unit', () => {
    expect(() => plan({ unitChain: [] })).toThrow(RangeError);
  });
});

describe('an extension moves every step', () => {
  /** Extended on Thursday 24 February to Friday 11 March, 18:00 local. */
  const D2 = '2022-03-11T15:00:00.000Z';
  const before = plan();
  const after = plan({ deadline: D2, deadlineSetAt: '2022-02-24T10:00:00.000Z' });

  it('to new instants, each a step of the new deadline', () => {
    expect(when(after)).toEqual({
      'reminder:3wd': '2022-03-07T15:00:00.000Z', // Thu 10, Wed 9, (Tue 8 holiday) Mon 7
      'reminder:1wd': '2022-03-10T15:00:00.000Z',
      'controller-told': D2,
      'escalate:superior': '2022-03-15T15:00:00.000Z',
      'escalate:body': '2022-03-18T15:00:00.000Z',
    });
  });

  it('under new keys, so steps done for the old deadline do not count and the old ones lapse', () => {
    const oldKeys = before.steps.map((s) => s.key);
    expect(after.steps.every((s) => s.key.endsWith(`@${D2}`) && !oldKeys.includes(s.key))).toBe(true);
    const done = new Set([`reminder:3wd@${D}`, `reminder:1wd@${D}`]);
    // On the old deadline, nothing falls due any more.
    expect(stepsDueAt(after, D, done)).toEqual({ due: [], lapsed: [] });
    expect(nextDue(after, done)?.key).toBe(`reminder:3wd@${D2}`);
    expect(planLadder({ assignment: { ...CASE, deadline: D2 }, policy: POLICY, calendar: CAL, done }).steps.some((s) => s.done)).toBe(false);
  });
});

describe('stepsDueAt and nextDue', () => {
  const p = plan();
  const none = new Set<string>();

  it('nothing is due before the first reminder; then exactly the step whose time came', () => {
    expect(stepsDueAt(p, '2022-02-21T14:59:59.999Z', none)).toEqual({ due: [], lapsed: [] });
    expect(stepsDueAt(p, '2022-02-21T15:00:00.000Z', none).due.map((s) => s.name)).toEqual(['reminder:3wd']);
    const done = new Set([`reminder:3wd@${D}`]);
    expect(stepsDueAt(p, '2022-02-24T15:00:00.000Z', done).due.map((s) => s.name)).toEqual(['reminder:1wd']);
    expect(stepsDueAt(p, D, new Set([...done, `reminder:1wd@${D}`])).due.map((s) => s.name)).toEqual(['controller-told']);
  });

  it('after downtime, sends only the latest reminder and lets the earlier one lapse', () => {
    const r = stepsDueAt(p, '2022-02-24T18:00:00.000Z', none);
    expect(r.due.map((s) => s.name)).toEqual(['reminder:1wd']);
    expect(r.lapsed.map((s) => s.name)).toEqual(['reminder:3wd']);
  });

  it('after the deadline, reminders lapse; escalations due together all happen, in order', () => {
    const r = stepsDueAt(p, '2022-03-10T00:00:00.000Z', none);
    expect(r.due.map((s) => s.name)).toEqual(['controller-told', 'escalate:superior', 'escalate:body']);
    expect(r.lapsed.map((s) => s.name)).toEqual(['reminder:3wd', 'reminder:1wd']);
  });

  it('a reminder lapses once a later step is due even if that step is already done', () => {
    const r = stepsDueAt(p, '2022-02-24T16:00:00.000Z', new Set([`reminder:1wd@${D}`]));
    expect(r).toEqual({ due: [], lapsed: [expect.objectContaining({ name: 'reminder:3wd' })] });
  });

  it('nextDue is the first step not done, in due order, and nothing once all are done', () => {
    expect(nextDue(p, none)?.name).toBe('reminder:3wd');
    expect(nextDue(p, new Set([`reminder:3wd@${D}`, `reminder:1wd@${D}`]))?.dueAt).toBe(D);
    expect(nextDue(p, new Set(p.steps.map((s) => s.key)))).toBeUndefined();
  });

  it('a clock walked hour by hour performs each step exactly once, at the first tick on or after its instant', () => {
    const done = new Set<string>();
    const performed: Array<[string, string]> = [];
    const lapsed: string[] = [];
    for (let t = toMs('2022-02-18T00:00:00.000Z'); t <= toMs('2022-03-12T00:00:00.000Z'); t += 3_600_000) {
      const now = toInstant(t);
      const r = stepsDueAt(p, now, done);
      for (const s of r.due) {
        performed.push([s.name, now]);
        done.add(s.key);
      }
      for (const s of r.lapsed) {
        lapsed.push(s.name);
        done.add(s.key);
      }
    }
    expect(performed).toEqual(p.steps.map((s) => [s.name, s.dueAt]));
    expect(lapsed).toEqual([]);
    expect(nextDue(p, done)).toBeUndefined();
  });
});

describe('ladderCaseOf', () => {
  it('reads the case from an assignment state: the holder it is attributed to, its deadline and level', () => {
    const s = {
      status: 'submitted',
      deadline: D,
      domain: 'supply',
      ownerId: 'per_owner',
      holderId: 'per_owner',
      verifierId: 'per_verifier',
      controllerId: null,
      issuerId: 'per_issuer',
      escalationLevel: 1,
      pending: null,
    } as unknown as AssignmentState;
    expect(ladderCaseOf('asg_x', s, { unitChain: ['unit_a'], bodyId: 'body_b' })).toEqual({
      id: 'asg_x',
      status: 'submitted',
      deadline: D,
      domain: 'supply',
      unitChain: ['unit_a'],
      ownerId: 'per_owner',
      holderId: 'per_verifier',
      controllerId: null,
      issuerId: 'per_issuer',
      bodyId: 'body_b',
      escalationLevel: 1,
      deadlineSetAt: undefined,
    });
  });
});
