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
import type { KyselyStore } from '../../src/store/kysely-store.js';

const LADDER_FIELDS = ['deadlineSetAt', 'ladderDone', 'urgentDemand', 'escalatedTo'];

/** Takes a populated record back to its shape before migration 006 (and what came after it). */
async function backToBeforeTheLadder(store: KyselyStore): Promise<void> {
  // Its tables gone, unrecorded as applied, states without the new fields.
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
}

for (const backend of backends()) {
  describe(`[${backend.name}] opening a record from before the ladder`, () => {
    it('adds the new tables and refolds the projections from the events, as a rebuild would', async () => {
      const store = await backend.fresh();
      await populate(store);
      const expected = await dumpProjections(store);
      await backToBeforeTheLadder(store);
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

    it('runs the pending migrations as one: when the last fails, the earlier ones leave nothing', async () => {
      const store = await backend.fresh();
      await populate(store);
      await backToBeforeTheLadder(store);
      // 008 creates `traces`: a table of that name already there makes it fail, after 006 and 007 ran.
      await sql`create table traces (something_else integer)`.execute(store.db);
      await expect(backend.reopen(store)).rejects.toThrow(/traces/);
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db);
      expect(applied.rows.map((r) => r.name)).toEqual(['001-record', '002-accounts-and-access', '003-scheduler', '004-notifications', '005-calendar-feeds']);
      const tables = await store.db.introspection.getTables();
      expect(tables.map((t) => t.name)).not.toContain('calendars');
      expect(tables.map((t) => t.name)).toContain('traces');
      await store.close();
    });
  });
}
