/** `rebuild` refills every projection from the events alone, reproducing the live projections exactly. */
import { describe, expect, it } from 'vitest';
import { PROJECTION_TABLES } from '../../src/store/schema.js';
import { backends } from '../support/backends.js';
import { dumpEvents, dumpProjections, eventCount } from '../support/dump.js';
import { populate } from '../support/scenario.js';

for (const backend of backends()) {
  describe(`[${backend.name}] rebuild`, () => {
    it('reproduces every projection table exactly, and leaves the record alone', async () => {
      const store = await backend.fresh();
      await populate(store);
      await store.checkpoint('2022-03-10T00:00:00.000Z');
      const events = await dumpEvents(store);
      const before = await dumpProjections(store);
      for (const table of PROJECTION_TABLES) expect(before[table].length, table).toBeGreaterThan(0);
      const progress: Array<[number, number]> = [];
      const report = await store.rebuild((done, total) => progress.push([done, total]));
      expect(report).toEqual({ events: events.length, streams: (await store.reads.counts()).streams });
      expect(progress.at(-1)).toEqual([events.length, events.length]);
      expect(await dumpProjections(store)).toEqual(before);
      expect(await dumpEvents(store)).toEqual(events);
      expect((await store.verify()).ok).toBe(true);
      await store.close();
    });

    it('repairs projections damaged or emptied behind its back', async () => {
      const store = await backend.fresh();
      await populate(store);
      const before = await dumpProjections(store);
      await store.db.updateTable('assignments').set({ status: 'verified', holder_id: 'per_nobody' }).where('id', '=', 'asg_coal').execute();
      await store.db.deleteFrom('people').where('id', '=', 'per_krasin').execute();
      await store.db.deleteFrom('co_executors').execute();
      await store.db
        .insertInto('units')
        .values({ id: 'unit_ghost', name: 'Ghost', parent_id: null, head_post_id: 'post_ghost', seq: 1, hash: 'f'.repeat(64), state: '{}' })
        .execute();
      expect(await dumpProjections(store)).not.toEqual(before);
      await store.rebuild();
      expect(await dumpProjections(store)).toEqual(before);
      await store.close();
    });

    it('on an empty record empties every projection', async () => {
      const store = await backend.fresh();
      await store.db.insertInto('bodies').values({ id: 'body_ghost', name: 'Ghost', level: 1, parent_id: null, seq: 1, hash: 'f'.repeat(64), state: '{}' }).execute();
      expect(await store.rebuild()).toEqual({ events: 0, streams: 0 });
      const after = await dumpProjections(store);
      for (const table of PROJECTION_TABLES) expect(after[table], table).toEqual([]);
      expect(await eventCount(store)).toBe(0);
      await store.close();
    });
  });
}
