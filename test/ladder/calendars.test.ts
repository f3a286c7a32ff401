/**
 * The ladder counts in the calendar of the owner's unit, on every back end (issue #5): weekends
 * and holidays shift its steps (a deadline on Friday 4 March 2022: the superior two working days
 * later is Tuesday 8; with Monday 7 a holiday, Wednesday 9), a unit that works on Saturdays shifts
 * the steps of its own cases and not those of others, and revising, retiring or defining a
 * calendar replans the open cases: the step items in the scheduler's index move.
 */
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { backends, type Backend } from '../support/backends.js';
import { ORG, run, START, type World } from '../support/world.js';
import { buyerCase, drainAt, ladderEntries, ladderWorld, schedulerPass, stepItemOf, t, TREE, workweek } from './support.js';

/** Friday 4 March 2022, 15:00 UTC. */
const FRIDAY = t('2022-03-04', '15:00');
const SUPERIOR = `escalate:superior@${FRIDAY}`;
const REMINDER = `reminder:1wd@${FRIDAY}`;

/** A reminder one working day ahead and the superior two working days after the deadline; no body. */
const POLICY: CommandInput = {
  type: 'ladder.define',
  id: 'lad_cal',
  name: 'Calendar ladder',
  rules: { reminders: [{ amount: 1, unit: 'working-days' }], superior: { after: { amount: 2, unit: 'working-days' }, action: null } },
};

/** Saturdays worked: Monday to Saturday. */
const SIX_DAYS: CommandInput = { type: 'calendar.define', id: 'cal_buy', unitId: TREE.buy, definition: { workingWeekdays: [1, 2, 3, 4, 5, 6] } };

/** A world with the organisation calendar given, the policy, and the cases issued and planned. */
async function world(backend: Backend, calendars: readonly CommandInput[], cases: readonly CommandInput[]): Promise<World<KyselyStore>> {
  const w = await ladderWorld(backend);
  for (const c of calendars) await run(w, 'system', c);
  await run(w, 'system', POLICY);
  for (const c of cases) await run(w, ORG.people.secretary, c);
  await drainAt(w, new Date(START).toISOString());
  return w;
}

/** When the step item of a case falls due. */
async function dueOf(w: World<KyselyStore>, assignmentId: string, key: string): Promise<string> {
  return (await stepItemOf(w.store, assignmentId, key)).dueAt;
}

/** The escalations of a case: [instant, level]. */
async function escalations(w: World<KyselyStore>, assignmentId: string): Promise<Array<[string, number | null]>> {
  return (await ladderEntries(w.store, assignmentId)).filter((e) => e.type === 'assignment.escalated').map((e) => [e.at, e.level]);
}

for (const backend of backends()) {
  describe(`[${backend.name}] the ladder's calendars`, () => {
    it('skips the weekend: a Friday deadline reaches the superior on Tuesday; a Monday deadline is reminded on Friday', async () => {
      const monday = t('2022-03-07', '15:00');
      const w = await world(backend, [workweek()], [buyerCase('asg_c1', FRIDAY), buyerCase('asg_c2', monday)]);
      try {
        expect(await dueOf(w, 'asg_c1', SUPERIOR)).toBe(t('2022-03-08', '15:00'));
        expect(await dueOf(w, 'asg_c1', REMINDER)).toBe(t('2022-03-03', '15:00'));
        expect(await dueOf(w, 'asg_c2', `reminder:1wd@${monday}`)).toBe(FRIDAY);
        const pass = schedulerPass(w);
        await drainAt(w, t('2022-03-07', '15:00'), pass);
        expect(await escalations(w, 'asg_c1')).toEqual([]);
        await drainAt(w, t('2022-03-08', '15:00'), pass);
        expect(await escalations(w, 'asg_c1')).toEqual([[t('2022-03-08', '15:00'), 1]]);
      } finally {
        await w.app.close();
      }
    });

    it('skips a holiday: with Monday 7 a holiday, the Friday deadline reaches the superior on Wednesday', async () => {
      const w = await world(backend, [workweek(['2022-03-07'])], [buyerCase('asg_c3', FRIDAY)]);
      try {
        expect(await dueOf(w, 'asg_c3', SUPERIOR)).toBe(t('2022-03-09', '15:00'));
        const pass = schedulerPass(w);
        await drainAt(w, t('2022-03-08', '15:00'), pass);
        expect(await escalations(w, 'asg_c3')).toEqual([]);
        await drainAt(w, t('2022-03-09', '15:00'), pass);
        expect(await escalations(w, 'asg_c3')).toEqual([[t('2022-03-09', '15:00'), 1]]);
      } finally {
        await w.app.close();
      }
    });

    it("a unit that works on Saturdays shifts its own cases' steps, not those of another unit", async () => {
      const w = await world(backend, [workweek(), SIX_DAYS], [buyerCase('asg_c4', FRIDAY), buyerCase('asg_c5', FRIDAY, { ownerId: ORG.people.clerk })]);
      try {
        // The buyers work Saturday 5: two working days after Friday is Monday 7. Foreign trade does not: Tuesday 8.
        expect(await dueOf(w, 'asg_c4', SUPERIOR)).toBe(t('2022-03-07', '15:00'));
        expect(await dueOf(w, 'asg_c5', SUPERIOR)).toBe(t('2022-03-08', '15:00'));
        const pass = schedulerPass(w);
        await drainAt(w, t('2022-03-07', '15:00'), pass);
        expect(await escalations(w, 'asg_c4')).toEqual([[t('2022-03-07', '15:00'), 1]]);
        expect(await escalations(w, 'asg_c5')).toEqual([]);
        await drainAt(w, t('2022-03-08', '15:00'), pass);
        expect(await escalations(w, 'asg_c5')).toEqual([[t('2022-03-08', '15:00'), 1]]);
        // The reminder of Thursday 3 was overtaken by the deadline (the clock jumped past both): only the controller and the superior heard.
        expect((await ladderEntries(w.store, 'asg_c5')).map((e) => e.to)).toEqual([ORG.people.auditor, ORG.people.krasin]);
      } finally {
        await w.app.close();
      }
    });

    it('revising, retiring and defining calendars replan the open cases: the step item moves each time', async () => {
      const w = await world(backend, [workweek()], [buyerCase('asg_c6', FRIDAY), buyerCase('asg_c7', FRIDAY)]);
      try {
        const pass = schedulerPass(w);
        expect(await dueOf(w, 'asg_c6', SUPERIOR)).toBe(t('2022-03-08', '15:00'));
        // asg_c7 is closed before the calendar changes: its items are not moved.
        await run(w, ORG.people.secretary, { type: 'assignment.cancel', assignmentId: 'asg_c7', reason: 'no longer needed' });

        w.clock.set(Date.parse(t('2022-03-02', '10:00')));
        await run(w, 'system', { type: 'calendar.revise', calendarId: 'cal_org', definition: { workingWeekdays: [1, 2, 3, 4, 5], workingHours: { start: '09:00', end: '18:00' }, utcOffsetMinutes: 0, holidays: ['2022-03-07'] } });
        await drainAt(w, t('2022-03-02', '10:00'), pass);
        expect(await dueOf(w, 'asg_c6', SUPERIOR)).toBe(t('2022-03-09', '15:00'));
        expect(await dueOf(w, 'asg_c7', SUPERIOR)).toBe(t('2022-03-08', '15:00'));

        await drainAt(w, t('2022-03-02', '11:00'), pass);
        await run(w, 'system', { type: 'calendar.retire', calendarId: 'cal_org', reason: 'back to the default' });
        await pass.drain();
        expect(await dueOf(w, 'asg_c6', SUPERIOR)).toBe(t('2022-03-08', '15:00'));

        await drainAt(w, t('2022-03-02', '12:00'), pass);
        await run(w, 'system', SIX_DAYS);
        await pass.drain();
        expect(await dueOf(w, 'asg_c6', SUPERIOR)).toBe(t('2022-03-07', '15:00'));

        await drainAt(w, t('2022-03-07', '15:00'), pass);
        expect(await escalations(w, 'asg_c6')).toEqual([[t('2022-03-07', '15:00'), 1]]);
        await drainAt(w, t('2022-03-10', '15:00'), pass);
        expect(await escalations(w, 'asg_c6')).toHaveLength(1);
        expect(await escalations(w, 'asg_c7')).toEqual([]);
        expect((await stepItemOf(w.store, 'asg_c7', SUPERIOR)).result).toBe('refused: LADDER_STEP_NOT_DUE');
      } finally {
        await w.app.close();
      }
    });

    it('a step found not yet due when it runs (a holiday declared after it fell due, before it ran) is moved and performed at its new instant', async () => {
      const w = await world(backend, [workweek()], [buyerCase('asg_c8', FRIDAY)]);
      try {
        const pass = schedulerPass(w);
        await drainAt(w, t('2022-03-07', '15:00'), pass);
        // Nobody ran the scheduler on Tuesday 8 at 15:00; at 16:00 Tuesday 8 is declared a holiday.
        w.clock.set(Date.parse(t('2022-03-08', '16:00')));
        await run(w, 'system', { type: 'calendar.revise', calendarId: 'cal_org', definition: { workingWeekdays: [1, 2, 3, 4, 5], workingHours: { start: '09:00', end: '18:00' }, utcOffsetMinutes: 0, holidays: ['2022-03-08'] } });
        await pass.drain();
        expect(await escalations(w, 'asg_c8')).toEqual([]);
        expect(await stepItemOf(w.store, 'asg_c8', SUPERIOR)).toMatchObject({ dueAt: t('2022-03-09', '15:00'), doneAt: null, lastError: `RetryLater: ${SUPERIOR} is now due at ${t('2022-03-09', '15:00')}` });
        await drainAt(w, t('2022-03-09', '14:59'), pass);
        expect(await escalations(w, 'asg_c8')).toEqual([]);
        await drainAt(w, t('2022-03-09', '15:00'), pass);
        expect(await escalations(w, 'asg_c8')).toEqual([[t('2022-03-09', '15:00'), 1]]);
        expect(await stepItemOf(w.store, 'asg_c8', SUPERIOR)).toMatchObject({ result: 'done', attempts: 2 });
      } finally {
        await w.app.close();
      }
    });
  });
}
