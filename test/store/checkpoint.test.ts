/**
 * Checkpoints: a Merkle root (RFC 6962) over every stream head, recomputed here independently from
 * the events table; only the heads that changed since the previous checkpoint are recorded; a
 * checkpoint with nothing new is not written unless forced.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { StreamHead } from '../../src/domain/checkpoint.js';
import { LEDGER_STREAM_ID } from '../../src/domain/ids.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { backends } from '../support/backends.js';
import { dumpProjections } from '../support/dump.js';
import { populate } from '../support/scenario.js';
import { run } from '../support/world.js';

const canonicalize = createRequire(import.meta.url)('canonicalize') as (value: unknown) => string | undefined;

/** RFC 6962 Merkle tree hash, written from the RFC: MTH({d0}) = SHA-256(0x00 ‖ d0); MTH(D[n]) = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n])), k the largest power of two < n. */
function referenceRoot(heads: readonly StreamHead[]): string {
  const leaf = (h: StreamHead): Buffer => createHash('sha256').update(Buffer.concat([Buffer.from([0]), Buffer.from(canonicalize(h) ?? '', 'utf8')])).digest();
  const mth = (d: readonly StreamHead[]): Buffer => {
    if (d.length === 1) return leaf(d[0] as StreamHead);
    let k = 1;
    while (k * 2 < d.length) k *= 2;
    return createHash('sha256')
      .update(Buffer.concat([Buffer.from([1]), mth(d.slice(0, k)), mth(d.slice(k))]))
      .digest();
  };
  return heads.length === 0 ? createHash('sha256').update('').digest('hex') : mth(heads).toString('hex');
}

/** Every stream's head (ledger excluded) from the events table alone, sorted by stream id in code-unit order. */
async function headsFromEvents(store: KyselyStore): Promise<StreamHead[]> {
  const rows = await store.db.selectFrom('events').select(['stream_id', 'seq', 'hash']).where('stream_id', '<>', LEDGER_STREAM_ID).execute();
  const heads = new Map<string, StreamHead>();
  for (const r of rows) {
    const seq = Number(r.seq);
    const cur = heads.get(r.stream_id);
    if (cur === undefined || cur[1] < seq) heads.set(r.stream_id, [r.stream_id, seq, r.hash]);
  }
  return [...heads.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

async function ledgerPayloads(store: KyselyStore): Promise<Array<{ root: string; streams: number; changed: StreamHead[] }>> {
  return (await store.reads.streamEvents(LEDGER_STREAM_ID)).map((e) => e.payload as { root: string; streams: number; changed: StreamHead[] });
}

for (const backend of backends()) {
  describe(`[${backend.name}] checkpoints`, () => {
    it('an empty record: nothing to checkpoint unless forced; forced, the root of the empty tree', async () => {
      const store = await backend.fresh();
      expect(await store.checkpoint('2022-03-01T00:00:00.000Z')).toBeNull();
      const forced = await store.checkpoint('2022-03-01T00:00:00.000Z', true);
      expect(forced).toEqual({ seq: 1, at: '2022-03-01T00:00:00.000Z', root: createHash('sha256').digest('hex'), streams: 0, changed: 0 });
      expect((await store.verify()).ok).toBe(true);
      await store.close();
    });

    it('the first checkpoint: the root over all heads, every head recorded as changed', async () => {
      const store = await backend.fresh();
      await populate(store);
      const heads = await headsFromEvents(store);
      const cp = await store.checkpoint('2022-03-10T00:00:00.000Z');
      expect(cp).toEqual({ seq: 1, at: '2022-03-10T00:00:00.000Z', root: referenceRoot(heads), streams: heads.length, changed: heads.length });
      const [payload] = await ledgerPayloads(store);
      expect(payload).toEqual({ root: referenceRoot(heads), streams: heads.length, changed: heads });
      // the checkpoint_heads projection holds the heads as of this checkpoint
      const recorded = (await dumpProjections(store)).checkpoint_heads.map((r) => [String(r['stream_id']), Number(r['seq']), String(r['hash'])] as StreamHead);
      expect(recorded.sort((a, b) => (a[0] < b[0] ? -1 : 1))).toEqual(heads);
      await store.close();
    });

    it('a second checkpoint with no change returns null; forced, it records no changed head and the same root', async () => {
      const store = await backend.fresh();
      await populate(store);
      const first = await store.checkpoint('2022-03-10T00:00:00.000Z');
      expect(await store.checkpoint('2022-03-11T00:00:00.000Z')).toBeNull();
      expect(await store.reads.streamEvents(LEDGER_STREAM_ID)).toHaveLength(1);
      const forced = await store.checkpoint('2022-03-11T00:00:00.000Z', true);
      expect(forced).toEqual({ seq: 2, at: '2022-03-11T00:00:00.000Z', root: first?.root, streams: first?.streams, changed: 0 });
      expect((await ledgerPayloads(store))[1]?.changed).toEqual([]);
      await store.close();
    });

    it('only the heads that changed since the previous checkpoint are recorded; the root covers all of them', async () => {
      const store = await backend.fresh();
      const w = await populate(store);
      await store.checkpoint('2022-03-10T00:00:00.000Z');
      await run(w, 'per_clerk', { type: 'assignment.accept', assignmentId: 'asg_wagons' });
      await run(w, 'system', { type: 'person.register', id: 'per_newcomer', name: 'Newcomer', unitId: 'unit_coop' });
      const heads = await headsFromEvents(store);
      const cp = await store.checkpoint('2022-03-12T00:00:00.000Z');
      expect(cp).toMatchObject({ seq: 2, root: referenceRoot(heads), streams: heads.length, changed: 2 });
      const changed = (await ledgerPayloads(store))[1]?.changed;
      expect(changed).toEqual(heads.filter((h) => h[0] === 'asg_wagons' || h[0] === 'per_newcomer'));
      expect(changed?.map((h) => h[0])).toEqual(['asg_wagons', 'per_newcomer']);
      const report = await store.verify();
      expect(report).toMatchObject({ ok: true, checkpoints: 2, problems: [] });
      await store.close();
    });

    it('inside a bulk transaction: checkpoints taken as it goes record what changed since the one before; the last root covers every head; a bulk that fails leaves none', async () => {
      const store = await backend.fresh();
      await populate(store);
      await store.checkpoint('2022-03-10T00:00:00.000Z');
      const body = (n: number) => [{ type: 'body.created' as const, payload: { name: `Body ${n}`, level: 1, parentId: null }, actor: 'system', at: '2022-03-11T00:00:00.000Z' }];
      const taken = await store.bulk(
        async (tx) => {
          const out = [];
          for (let n = 0; n < 25; n++) {
            await tx.append('body', `body_bulk${String(n).padStart(2, '0')}`, 0, body(n));
            if (n % 10 === 9) out.push(await tx.checkpoint('2022-03-11T00:00:00.000Z'));
          }
          out.push(await tx.checkpoint('2022-03-11T00:00:00.000Z'), await tx.checkpoint('2022-03-11T00:00:00.000Z'));
          return out;
        },
        { flushEvery: 4 },
      );
      expect(taken.map((c) => c?.changed ?? null)).toEqual([10, 10, 5, null]);
      const payloads = await ledgerPayloads(store);
      expect(payloads.slice(1).map((p) => p.changed.map((h) => h[0]))).toEqual([0, 1, 2].map((k) => Array.from({ length: k === 2 ? 5 : 10 }, (_, i) => `body_bulk${String(k * 10 + i).padStart(2, '0')}`)));
      const heads = await headsFromEvents(store);
      expect(payloads[3]).toMatchObject({ root: referenceRoot(heads), streams: heads.length });
      expect((await store.verify())).toMatchObject({ ok: true, checkpoints: 4, problems: [] });

      await expect(
        store.bulk(async (tx) => {
          await tx.append('body', 'body_lost', 0, body(99));
          expect(await tx.checkpoint('2022-03-12T00:00:00.000Z')).toMatchObject({ seq: 5, changed: 1 });
          throw new Error('the import failed');
        }),
      ).rejects.toThrow('the import failed');
      expect(await ledgerPayloads(store)).toHaveLength(4);
      expect((await store.verify())).toMatchObject({ ok: true, checkpoints: 4, problems: [] });
      await store.close();
    });

    it('a checkpoint dated before the previous one takes the previous date (the ledger never goes back)', async () => {
      const store = await backend.fresh();
      await populate(store);
      await store.checkpoint('2022-03-10T00:00:00.000Z');
      const cp = await store.checkpoint('2022-03-01T00:00:00.000Z', true);
      expect(cp?.at).toBe('2022-03-10T00:00:00.000Z');
      await store.close();
    });
  });
}
