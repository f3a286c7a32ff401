/**
 * Checkpoints inside a long bulk write (`Proverka.bulk` with `checkpointEvery`): on SQLite, where the
 * bulk transaction holds the only write lock, one every N events inside the transaction, each
 * recording only the heads changed since the one before, and the record verifies; on PostgreSQL,
 * none inside (another process could checkpoint meanwhile), one after. A bulk write that fails
 * leaves no checkpoint behind.
 */
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/event.js';
import { LEDGER_STREAM_ID } from '../../src/domain/ids.js';
import { backends } from '../support/backends.js';
import { makeWorld } from '../support/world.js';

const trace = (n: number) => ({ type: 'trace.import' as const, importId: 'imp-bulk-test', source: 'test', format: 'xes' as const, name: `case ${n}`, attributes: {}, events: [{ activity: 'a', at: '2022-03-01T09:00:00.000Z', lifecycle: null, resource: null, group: null }] });

for (const backend of backends()) {
  describe(`[${backend.name}] checkpoints inside a bulk write`, () => {
    it(backend.name === 'sqlite' ? 'one every N events inside the transaction, each with the heads changed since the one before' : 'none inside the transaction; one after it', async () => {
      const store = await backend.fresh();
      const { app } = makeWorld(store);
      await app.bulk(async (run) => {
        for (let n = 0; n < 25; n++) expect((await run(SYSTEM_ACTOR, trace(n))).ok).toBe(true);
      }, { flushEvery: 3, checkpointEvery: 10 });
      const inside = (await store.reads.streamEvents(LEDGER_STREAM_ID)).map((e) => (e.payload as { changed: unknown[] }).changed.length);
      expect(inside).toEqual(backend.name === 'sqlite' ? [10, 10] : []);
      await app.close();
      const reopened = await backend.reopen(store);
      const all = (await reopened.reads.streamEvents(LEDGER_STREAM_ID)).map((e) => (e.payload as { changed: unknown[] }).changed.length);
      expect(all).toEqual(backend.name === 'sqlite' ? [10, 10, 5] : [25]);
      expect(await reopened.verify()).toMatchObject({ ok: true, checkpoints: all.length, problems: [] });
      await reopened.close();
    });

    it('a bulk write that fails leaves no checkpoint', async () => {
      const store = await backend.fresh();
      const { app } = makeWorld(store);
      await expect(
        app.bulk(async (run) => {
          for (let n = 0; n < 15; n++) await run(SYSTEM_ACTOR, trace(n));
          throw new Error('the file ended early');
        }, { checkpointEvery: 5 }),
      ).rejects.toThrow('the file ended early');
      expect(await store.reads.streamEvents(LEDGER_STREAM_ID)).toEqual([]);
      expect(await store.reads.streams('trace', { limit: 100 })).toEqual([]);
      await app.close();
    });
  });
}
