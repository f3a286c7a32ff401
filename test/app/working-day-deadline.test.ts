/**
 * Deadlines counted in working days (business calendars, F5): an assignment issued with
 * `deadlineWorkingDays` is due at the end of that working day in the calendar of the owner's unit —
 * weekends and holidays skipped, a unit's own calendar laid over the organisation's — on every back end.
 */
import { describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { issueCommand, makeWorld, ORG, run, setupOrganisation, type World } from '../support/world.js';

/** Friday 4 March 2022, 10:00 UTC. */
const FRIDAY = Date.parse('2022-03-04T10:00:00.000Z');

async function deadlineOf(w: World, id: string): Promise<string> {
  const snap = await w.store.fresh.snapshot(id);
  return (snap?.state as { deadline: string }).deadline;
}

for (const backend of backends()) {
  describe(`[${backend.name}] deadlines in working days`, () => {
    it('skip the weekend and holidays of the owner’s calendar; a unit working Saturdays gets an earlier day; both forms at once are refused', async () => {
      const w = makeWorld(await backend.fresh());
      try {
        await setupOrganisation(w);
        w.clock.set(FRIDAY);
        await run(w, 'system', { type: 'calendar.define', definition: { workingWeekdays: [1, 2, 3, 4, 5], workingHours: { start: '09:00', end: '18:00' }, holidays: ['2022-03-08'] } });
        // Krasin (foreign trade): 2 working days after Friday = Tuesday 8 March, a holiday → Wednesday 9, 18:00.
        await run(w, ORG.people.secretary, issueCommand({ id: 'asg_wd', deadline: undefined, deadlineWorkingDays: 2 }));
        expect(await deadlineOf(w, 'asg_wd')).toBe('2022-03-09T18:00:00.000Z');
        // Khinchuk's unit works Saturdays too: Saturday 5, Monday 7.
        await run(w, 'system', { type: 'calendar.define', unitId: ORG.units.coop, definition: { workingWeekdays: [1, 2, 3, 4, 5, 6] } });
        await run(w, ORG.people.secretary, issueCommand({ id: 'asg_sat', ownerId: ORG.people.khinchuk, deadline: undefined, deadlineWorkingDays: 2 }));
        expect(await deadlineOf(w, 'asg_sat')).toBe('2022-03-07T18:00:00.000Z');
        const both = await w.app.execute(ORG.people.secretary, issueCommand({ id: 'asg_both', deadlineWorkingDays: 2 }));
        expect(both.ok ? 'ok' : both.error.code).toBe('VALIDATION_FAILED');
        expect(await w.store.fresh.snapshot('asg_both')).toBeUndefined();
      } finally {
        await w.app.close();
      }
    });
  });
}
