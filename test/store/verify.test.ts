/**
 * `verify` detects tampering done behind the store's back, with plain SQL through its Kysely
 * instance: an altered payload, a deleted event, two events swapped, a stream deleted whole after
 * a checkpoint covered it, a chain rewritten after a checkpoint. The first problem names the
 * stream and the sequence where the record was broken.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LEDGER_STREAM_ID } from '../../src/domain/ids.js';
import { canonicalJson } from '../../src/store/hash-chain.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { backends, type Backend } from '../support/backends.js';
import { populate } from '../support/scenario.js';

const TARGET = 'asg_meat';

async function prepared(backend: Backend, checkpoint: boolean): Promise<{ store: KyselyStore; seqs: number }> {
  const store = await backend.fresh();
  await populate(store);
  if (checkpoint) await store.checkpoint('2022-03-10T00:00:00.000Z');
  const report = await store.verify();
  expect(report).toMatchObject({ ok: true, problems: [], integrity: 'ok' });
  const seqs = (await store.reads.streamEvents(TARGET)).length;
  expect(seqs).toBeGreaterThanOrEqual(5);
  return { store, seqs };
}

function first(report: Awaited<ReturnType<KyselyStore['verify']>>): { kind: string; streamId: string; seq: number | null } | undefined {
  const p = report.problems[0];
  return p && { kind: p.kind, streamId: p.streamId, seq: p.seq };
}

for (const backend of backends()) {
  describe(`[${backend.name}] verify detects tampering`, () => {
    it('a clean record verifies, with its counts', async () => {
      const { store } = await prepared(backend, true);
      const report = await store.verify();
      const events = await store.reads.counts();
      expect(report).toMatchObject({ ok: true, events: events.events, streams: events.streams, checkpoints: 1 });
      await store.close();
    });

    it('a payload altered', async () => {
      const { store } = await prepared(backend, false);
      const row = await store.db.selectFrom('events').select('payload').where('stream_id', '=', TARGET).where('seq', '=', 3).executeTakeFirstOrThrow();
      const payload = JSON.parse(row.payload) as { reason: string };
      await store.db
        .updateTable('events')
        .set({ payload: JSON.stringify({ ...payload, reason: 'a reason written later' }) })
        .where('stream_id', '=', TARGET)
        .where('seq', '=', 3)
        .execute();
      const report = await store.verify();
      expect(report.ok).toBe(false);
      expect(first(report)).toEqual({ kind: 'hash-mismatch', streamId: TARGET, seq: 3 });
      expect(report.problems).toHaveLength(1);
      await store.close();
    });

    it('an actor or a date altered', async () => {
      const { store } = await prepared(backend, false);
      await store.db.updateTable('events').set({ actor: 'per_secretary' }).where('stream_id', '=', TARGET).where('seq', '=', 4).execute();
      await store.db.updateTable('events').set({ at: '2022-03-01T08:00:00.000Z' }).where('stream_id', '=', TARGET).where('seq', '=', 5).execute();
      const report = await store.verify();
      expect(report.problems.map((p) => [p.kind, p.streamId, p.seq])).toEqual([
        ['hash-mismatch', TARGET, 4],
        ['hash-mismatch', TARGET, 5],
      ]);
      await store.close();
    });

    it('an event deleted from the middle of a stream', async () => {
      const { store } = await prepared(backend, false);
      await store.db.deleteFrom('events').where('stream_id', '=', TARGET).where('seq', '=', 2).execute();
      const report = await store.verify();
      expect(first(report)).toEqual({ kind: 'missing-event', streamId: TARGET, seq: 2 });
      await store.close();
    });

    it('the last event of a stream deleted (its head still names it)', async () => {
      const { store, seqs } = await prepared(backend, false);
      await store.db.deleteFrom('events').where('stream_id', '=', TARGET).where('seq', '=', seqs).execute();
      const report = await store.verify();
      expect(first(report)).toEqual({ kind: 'missing-event', streamId: TARGET, seq: seqs });
      await store.close();
    });

    it('two events swapped', async () => {
      const { store } = await prepared(backend, false);
      const setSeq = (from: number, to: number) => store.db.updateTable('events').set({ seq: to }).where('stream_id', '=', TARGET).where('seq', '=', from).execute();
      await setSeq(2, -1);
      await setSeq(3, 2);
      await setSeq(-1, 3);
      const report = await store.verify();
      expect(report.ok).toBe(false);
      expect(first(report)).toMatchObject({ streamId: TARGET, seq: 2 });
      expect(report.problems.every((p) => p.streamId === TARGET)).toBe(true);
      await store.close();
    });

    it('a whole stream deleted — its events and its projection row — after a checkpoint covered it', async () => {
      const { store, seqs } = await prepared(backend, true);
      await store.db.deleteFrom('events').where('stream_id', '=', TARGET).execute();
      await store.db.deleteFrom('assignments').where('id', '=', TARGET).execute();
      const report = await store.verify();
      expect(report.ok).toBe(false);
      expect(first(report)).toEqual({ kind: 'missing-stream', streamId: TARGET, seq: seqs });
      expect(report.problems).toHaveLength(1);
      await store.close();
    });

    it('a stream rewritten with a recomputed, self-consistent chain after a checkpoint covered it', async () => {
      const { store, seqs } = await prepared(backend, true);
      const rows = await store.db.selectFrom('events').selectAll().where('stream_id', '=', TARGET).orderBy('seq').execute();
      let prev = '0'.repeat(64);
      for (const r of rows) {
        const seq = Number(r.seq);
        const payload = seq === 3 ? { ...(JSON.parse(r.payload) as object), reason: 'rewritten' } : (JSON.parse(r.payload) as object);
        const hash = createHash('sha256')
          .update(prev + canonicalJson({ stream: TARGET, seq, type: r.type, actor: r.actor, at: r.at, payload }))
          .digest('hex');
        await store.db.updateTable('events').set({ payload: JSON.stringify(payload), prev_hash: prev, hash }).where('stream_id', '=', TARGET).where('seq', '=', seq).execute();
        prev = hash;
      }
      await store.db.updateTable('assignments').set({ hash: prev }).where('id', '=', TARGET).execute();
      const report = await store.verify();
      expect(report.ok).toBe(false);
      expect(first(report)).toEqual({ kind: 'checkpoint-mismatch', streamId: TARGET, seq: seqs });
      await store.close();
    });

    it('a checkpoint altered', async () => {
      const { store } = await prepared(backend, true);
      const row = await store.db.selectFrom('events').select('payload').where('stream_id', '=', LEDGER_STREAM_ID).executeTakeFirstOrThrow();
      await store.db
        .updateTable('events')
        .set({ payload: JSON.stringify({ ...(JSON.parse(row.payload) as object), root: 'f'.repeat(64) }) })
        .where('stream_id', '=', LEDGER_STREAM_ID)
        .execute();
      const report = await store.verify();
      expect(report.problems.map((p) => [p.kind, p.streamId, p.seq])).toEqual([
        ['checkpoint-root', LEDGER_STREAM_ID, 1],
        ['hash-mismatch', LEDGER_STREAM_ID, 1],
      ]);
      await store.close();
    });
  });
}
