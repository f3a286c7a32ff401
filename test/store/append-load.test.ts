/** Appending to streams and loading them back: heads, folded state, positions, reopening the file. */
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/errors.js';
import { backends } from '../support/backends.js';
import { eventCount } from '../support/dump.js';

const AT = '2022-03-01T09:00:00.000Z';
const LATER = '2022-03-01T10:00:00.000Z';

for (const backend of backends()) {
  describe(`[${backend.name}] append and load`, () => {
    it('appends to a new stream, returns the chained events and loads the folded state', async () => {
      const store = await backend.fresh();
      const appended = await store.write((tx) =>
        tx.append('post', 'post_buyer', 0, [
          { type: 'post.created', payload: { unitId: 'unit_trade', title: 'Buyer', domain: 'supply', head: false }, actor: 'system', at: AT },
          { type: 'post.holder-appointed', payload: { personId: 'per_krasin' }, actor: 'per_secretary', at: LATER },
        ]),
      );
      expect(appended.map((e) => [e.streamId, e.seq, e.type, e.actor, e.at])).toEqual([
        ['post_buyer', 1, 'post.created', 'system', AT],
        ['post_buyer', 2, 'post.holder-appointed', 'per_secretary', LATER],
      ]);
      expect(appended[1]?.prevHash).toBe(appended[0]?.hash);

      const snap = await store.write((tx) => tx.load('post', 'post_buyer'));
      expect(snap).toEqual({
        id: 'post_buyer',
        kind: 'post',
        seq: 2,
        hash: appended[1]?.hash,
        state: { unitId: 'unit_trade', title: 'Buyer', domain: 'supply', head: false, holderId: 'per_krasin', holderSince: LATER, lastEventAt: LATER },
      });
      const recorded = await store.reads.streamEvents('post_buyer');
      expect(recorded.map(({ position: _p, ...e }) => e)).toEqual(appended);
      expect(recorded[0]?.position).toBeLessThan(recorded[1]?.position ?? 0);
      const row = await store.db.selectFrom('posts').selectAll().where('id', '=', 'post_buyer').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ id: 'post_buyer', unit_id: 'unit_trade', title: 'Buyer', holder_id: 'per_krasin', head: 0 });
      expect(Number(row.seq)).toBe(2);
      expect(row.hash).toBe(appended[1]?.hash);
      await store.close();
    });

    it('appends at the head of an existing stream, in a later transaction, and after reopening the file', async () => {
      const store = await backend.fresh();
      await store.write((tx) => tx.append('person', 'per_krasin', 0, [{ type: 'person.registered', payload: { name: 'Krasin', unitId: 'unit_trade', email: null }, actor: 'system', at: AT }]));
      await store.close();
      const again = await backend.reopen(store);
      const head = await again.write((tx) => tx.load('person', 'per_krasin'));
      expect(head?.seq).toBe(1);
      const [e] = await again.write((tx) => tx.append('person', 'per_krasin', 1, [{ type: 'person.registered', payload: { name: 'L. Krasin', unitId: 'unit_trade', email: 'k@example.org' }, actor: 'system', at: LATER }]));
      expect(e).toMatchObject({ seq: 2, prevHash: head?.hash });
      expect(await again.write((tx) => tx.load('person', 'per_krasin'))).toMatchObject({ seq: 2, state: { name: 'L. Krasin', email: 'k@example.org' } });
      await again.close();
    });

    it('sees its own appends inside the transaction, before commit', async () => {
      const store = await backend.fresh();
      const seen = await store.write(async (tx) => {
        await tx.append('body', 'body_sto', 0, [{ type: 'body.created', payload: { name: 'STO', level: 1, parentId: null }, actor: 'system', at: AT }]);
        return [await tx.load('body', 'body_sto'), await tx.loadAny('body_sto')];
      });
      expect(seen[0]).toMatchObject({ seq: 1, state: { name: 'STO' } });
      expect(seen[1]).toEqual(seen[0]);
      await store.close();
    });

    it('loads nothing for an unknown or malformed id; STREAM_KIND_MISMATCH for an id of another kind', async () => {
      const store = await backend.fresh();
      await store.write(async (tx) => {
        expect(await tx.load('unit', 'unit_nothing')).toBeUndefined();
        expect(await tx.loadAny('not-an-id')).toBeUndefined();
        await expect(tx.load('unit', 'per_krasin')).rejects.toMatchObject({ name: 'StoreError', code: 'STREAM_KIND_MISMATCH' });
      });
      await store.close();
    });

    it('refuses an append at the wrong sequence with CONFLICT, writing nothing', async () => {
      const store = await backend.fresh();
      const created = { type: 'unit.created' as const, payload: { name: 'Trade', parentId: null, headPostId: 'post_h' }, actor: 'system', at: AT };
      await expect(store.write((tx) => tx.append('unit', 'unit_trade', 1, [created]))).rejects.toSatisfy((e) => e instanceof StoreError && e.code === 'CONFLICT');
      expect(await eventCount(store)).toBe(0);
      await store.write((tx) => tx.append('unit', 'unit_trade', 0, [created]));
      await expect(store.write((tx) => tx.append('unit', 'unit_trade', 0, [created]))).rejects.toMatchObject({ code: 'CONFLICT', details: { id: 'unit_trade', head: 1, expectedSeq: 0 } });
      await expect(store.write((tx) => tx.append('unit', 'unit_trade', 2, [created]))).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await eventCount(store)).toBe(1);
      await store.close();
    });

    it('refuses an event foreign to the kind of stream, writing nothing', async () => {
      const store = await backend.fresh();
      await expect(
        store.write((tx) => tx.append('unit', 'unit_trade', 0, [{ type: 'person.registered', payload: { name: 'X', unitId: 'unit_trade', email: null }, actor: 'system', at: AT } as never])),
      ).rejects.toThrow(/does not belong to a unit stream/);
      expect(await eventCount(store)).toBe(0);
      await store.close();
    });

    it('pages through the record by position', async () => {
      const store = await backend.fresh();
      await store.write(async (tx) => {
        for (let i = 0; i < 5; i++) await tx.append('body', `body_b${i}`, 0, [{ type: 'body.created', payload: { name: `B${i}`, level: 1, parentId: null }, actor: 'system', at: AT }]);
      });
      const first = await store.reads.eventsAfter(0, 2);
      const rest = await store.reads.eventsAfter(first[1]?.position ?? 0, 10);
      expect([...first, ...rest].map((e) => e.streamId)).toEqual(['body_b0', 'body_b1', 'body_b2', 'body_b3', 'body_b4']);
      expect(await store.reads.counts()).toMatchObject({ events: 5, streams: 5, bodies: 5, units: 0 });
      expect(await store.reads.names(['body_b2', 'body_nothing', 'junk'])).toEqual(new Map([['body_b2', 'B2']]));
      await store.close();
    });
  });
}
