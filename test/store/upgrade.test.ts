/**
 * Opening a record written before migration 006: the migration adds the tables of the ladder's
 * streams, and since the states an older version kept lack the ladder's fields, every projection
 * is refolded from the events once — the same projections a fresh record has, and the ladder then
 * works on old cases. Simulated by taking a populated record back to its pre-006 shape.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { dumpProjections } from '../support/dump.js';
import { populate } from '../support/scenario.js';

const LADDER_FIELDS = ['deadlineSetAt', 'ladderDone', 'urgentDemand', 'escalatedTo'];

for (const backend of backends()) {
  describe(`[${backend.name}] opening a record from before the ladder`, () => {
    it('adds the new tables and refolds the projections from the events, as a rebuild would', async () => {
      const store = await backend.fresh();
      await populate(store);
      const expected = await dumpProjections(store);
      // Back to the shape before 006: its tables gone, unrecorded as applied, states without the new fields.
      for (const table of ['calendars', 'ladder_policies', 'accountability_proposals', 'agenda_items']) await sql`drop table ${sql.table(table)}`.execute(store.db);
      // …and before what came after it (007: an index of assignments by decision; 008: imported cases).
      await sql`drop index assignments_decision`.execute(store.db);
      await sql`drop table traces`.execute(store.db);
      await sql`delete from kysely_migration where name in ('006-ladder-and-agenda', '007-assignments-by-decision', '008-imported-traces')`.execute(store.db);
      const rows = await store.db.selectFrom('assignments').select(['id', 'state']).execute();
      for (const r of rows) {
        const state = JSON.parse(r.state) as Record<string, unknown>;
        for (const f of LADDER_FIELDS) delete state[f];
        await store.db.updateTable('assignments').set({ state: JSON.stringify(state) }).where('id', '=', r.id).execute();
      }
      const reopened = await backend.reopen(store);
      try {
        expect(await dumpProjections(reopened)).toEqual(expected);
        const audit = await reopened.fresh.snapshot('asg_audit');
        expect(Object.keys(audit?.state as object)).toEqual(expect.arrayContaining(LADDER_FIELDS));
        expect((await reopened.verify()).ok).toBe(true);
      } finally {
        await reopened.close();
      }
    });
  });
}
