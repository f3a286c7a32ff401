/**
 * Issue #3's measure of a move: the large demo, built in SQLite, moved into each back end (so into
 * PostgreSQL) and back into a new SQLite file. On every target the event count, every (stream,
 * seq, hash) and every projection table equal the original's, and `verify` passes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededIds } from '../../src/app/ids.js';
import { Proverka } from '../../src/app/proverka.js';
import { moveRecord } from '../../src/app/record-transfer.js';
import { buildDemo } from '../../src/demo/build-demo.js';
import { ManualClock } from '../../src/domain/clock.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import type { ProjectionTable } from '../../src/store/schema.js';
import { backends } from '../support/backends.js';
import { eventsOf, expectSameRecord, hashesOf, projectionsOf } from './transfer-support.js';

/** The back ends, each used once at the top level so that the clean-up of its databases (registered on first use) runs after this file. */
const all = backends();
for (const b of all) b.newLocation();
const sqlite = all.find((b) => b.name === 'sqlite');
if (sqlite === undefined) throw new Error('the large demo is built in SQLite: the sqlite back end must be under test');

let source: KyselyStore;
let original: { events: Awaited<ReturnType<typeof eventsOf>>; projections: Record<ProjectionTable, Array<Record<string, string | number | null>>>; hashes: string[] };

beforeAll(async () => {
  source = await sqlite.fresh();
  const clock = new ManualClock(Date.parse('1922-01-01T00:00:00Z'));
  const app = new Proverka({ store: source, clock, ids: seededIds(1) });
  await buildDemo({ app, clock, size: 'large', seed: 1 });
  original = { events: await eventsOf(source), projections: await projectionsOf(source), hashes: await hashesOf(source) };
}, 300_000);

afterAll(async () => {
  await source.close();
});

for (const target of all) {
  describe(`[sqlite] the large demo moved into [${target.name}] and back`, () => {
    it('keeps the event count, every (stream, seq, hash) and every projection; verify passes on each target', { timeout: 300_000 }, async () => {
      expect(original.events.length).toBeGreaterThan(20_000);
      const there = await target.fresh();
      const out = await moveRecord(source, there);
      expect(out.imported.events).toBe(original.events.length);
      expect(out.verify.problems).toEqual([]);
      expect(out.verify.ok).toBe(true);
      expect(await hashesOf(there)).toEqual(original.hashes);
      await expectSameRecord(there, original);

      const back = await sqlite.fresh();
      const home = await moveRecord(there, back);
      expect(home.imported.events).toBe(original.events.length);
      expect(home.verify.ok).toBe(true);
      expect(await hashesOf(back)).toEqual(original.hashes);
      await expectSameRecord(back, original);
      await Promise.all([there.close(), back.close()]);
    });
  });
}
