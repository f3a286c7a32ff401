/**
 * The hash chain, recomputed independently of the store's code: RFC 8785 canonical JSON by the
 * reference `canonicalize` package, sha256 by node:crypto, `hash = sha256(prev_hash ‖ canonical
 * {stream, seq, type, actor, at, payload})`, the first event of every stream chained from 64 zeros.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { eventHash, GENESIS_HASH } from '../../src/store/hash-chain.js';
import { STREAM_TABLE } from '../../src/store/schema.js';
import { kindOfId } from '../../src/domain/ids.js';
import { backends } from '../support/backends.js';
import { dumpEvents } from '../support/dump.js';
import { populate } from '../support/scenario.js';
import type { EventRow } from '../../src/store/kysely-read-model.js';

const canonicalize = createRequire(import.meta.url)('canonicalize') as (value: unknown) => string | undefined;

function referenceHash(prev: string, e: { stream_id: string; seq: number; type: string; actor: string; at: string; payload: string }): string {
  const canonical = canonicalize({ stream: e.stream_id, seq: e.seq, type: e.type, actor: e.actor, at: e.at, payload: JSON.parse(e.payload) as unknown });
  if (canonical === undefined) throw new Error('no canonical form');
  return createHash('sha256').update(prev + canonical, 'utf8').digest('hex');
}


type Row = EventRow;

for (const backend of backends()) {
  describe(`[${backend.name}] hash chain`, () => {
    it('every stream: seq 1..n, prev_hash of seq n = hash of n−1, the first from GENESIS_HASH, each hash recomputed', async () => {
      const store = await backend.fresh();
      await populate(store);
      await store.checkpoint('2022-03-10T00:00:00.000Z');
      const rows = (await dumpEvents(store)).map((r) => ({ ...r, position: Number(r['position']), seq: Number(r['seq']) }) as unknown as Row);
      expect(GENESIS_HASH).toBe('0'.repeat(64));
      const byStream = new Map<string, Row[]>();
      for (const r of rows) byStream.set(r.stream_id, [...(byStream.get(r.stream_id) ?? []), r]);
      expect(byStream.size).toBeGreaterThan(20);
      for (const [stream, events] of byStream) {
        events.sort((a, b) => a.seq - b.seq);
        let prev = GENESIS_HASH;
        for (const [i, e] of events.entries()) {
          expect(e.seq, stream).toBe(i + 1);
          expect(e.prev_hash, `${stream}#${e.seq}`).toBe(prev);
          expect(e.hash, `${stream}#${e.seq}`).toMatch(/^[0-9a-f]{64}$/);
          expect(e.hash, `${stream}#${e.seq}`).toBe(referenceHash(prev, e));
          prev = e.hash;
        }
        // the stream's row carries its head
        const kind = kindOfId(stream);
        if (kind === undefined) throw new Error(`malformed stream id ${stream}`);
        const head = await store.db.selectFrom(STREAM_TABLE[kind]).select(['seq', 'hash']).where('id', '=', stream).executeTakeFirstOrThrow();
        expect([Number(head.seq), head.hash], stream).toEqual([events.length, prev]);
      }
      await store.close();
    });

    it('the hash covers every field: changing any one changes the hash', () => {
      const base = { stream: 'asg_a', seq: 2, type: 'assignment.accepted', actor: 'per_krasin', at: '2022-03-01T10:00:00.000Z', payload: { a: 1, b: [true, null, 'x'] } };
      const h = eventHash(GENESIS_HASH, base);
      expect(h).toBe(createHash('sha256').update(GENESIS_HASH + (canonicalize(base) ?? '')).digest('hex'));
      // key order of the payload does not matter; its content does
      expect(eventHash(GENESIS_HASH, { ...base, payload: { b: [true, null, 'x'], a: 1 } })).toBe(h);
      const variants = [
        { ...base, stream: 'asg_b' },
        { ...base, seq: 3 },
        { ...base, type: 'assignment.verified' },
        { ...base, actor: 'per_other' },
        { ...base, at: '2022-03-01T10:00:00.001Z' },
        { ...base, payload: { a: 2, b: [true, null, 'x'] } },
        { ...base, payload: { a: 1, b: [null, true, 'x'] } },
      ];
      for (const v of variants) expect(eventHash(GENESIS_HASH, v), JSON.stringify(v)).not.toBe(h);
      expect(eventHash('1'.repeat(64), base)).not.toBe(h);
    });

    it('hashes non-ASCII text as UTF-8 of the canonical form', async () => {
      const store = await backend.fresh();
      const [e] = await store.write((tx) =>
        tx.append('unit', 'unit_vsnkh', 0, [{ type: 'unit.created', payload: { name: 'ВСНХ — Conseil supérieur de l’économie 🏭', parentId: null, headPostId: 'post_h' }, actor: 'system', at: '2022-03-01T09:00:00.000Z' }]),
      );
      const [row] = (await dumpEvents(store)) as unknown as Row[];
      if (row === undefined || e === undefined) throw new Error('nothing appended');
      expect(row.hash).toBe(referenceHash(GENESIS_HASH, { ...row, seq: Number(row.seq) }));
      expect(e.hash).toBe(row.hash);
      await store.close();
    });
  });
}
