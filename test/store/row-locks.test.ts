/**
 * A decision that depends on another stream (a sub-assignment needs an open parent) loads that
 * stream with a share lock. On PostgreSQL a concurrent write to it then waits until the deciding
 * transaction ends; on SQLite writers are serialised, and the locked load is an ordinary load.
 */
import { describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';

const AT = '2022-03-01T09:00:00.000Z';
const LATER = '2022-03-01T10:00:00.000Z';

for (const backend of backends()) {
  describe(`[${backend.name}] share-locked loads`, () => {
    it('returns the same snapshot as a plain load, and a locked load of a stream changed in the same transaction keeps the newer state', async () => {
      const store = await backend.fresh();
      await store.write((tx) => tx.append('post', 'post_aa', 0, [{ type: 'post.created', payload: { unitId: 'unit_x', title: 'A', domain: 'd', head: false }, actor: 'system', at: AT }]));
      const [plain, locked] = await store.write(async (tx) => [await tx.load('post', 'post_aa'), await tx.load('post', 'post_aa', { share: true })]);
      expect(locked).toEqual(plain);
      const after = await store.write(async (tx) => {
        await tx.append('post', 'post_aa', 1, [{ type: 'post.holder-appointed', payload: { personId: 'per_p' }, actor: 'system', at: LATER }]);
        return tx.load('post', 'post_aa', { share: true });
      });
      expect(after?.seq).toBe(2);
      expect(after?.state.holderId).toBe('per_p');
      await store.close();
    });

    if (backend.name === 'postgres') {
      it('PostgreSQL: a write to a share-locked stream waits until the locking transaction ends', async () => {
        const store = await backend.fresh();
        await store.write((tx) => tx.append('post', 'post_bb', 0, [{ type: 'post.created', payload: { unitId: 'unit_x', title: 'B', domain: 'd', head: false }, actor: 'system', at: AT }]));
        const order: string[] = [];
        let release: () => void = () => undefined;
        const held = new Promise<void>((resolve) => (release = resolve));
        let locked: () => void = () => undefined;
        const isLocked = new Promise<void>((resolve) => (locked = resolve));
        const reader = store.write(async (tx) => {
          await tx.load('post', 'post_bb', { share: true });
          locked();
          await held;
          order.push('locking transaction ends');
        });
        await isLocked;
        const writer = store
          .write(async (tx) => {
            const head = await tx.load('post', 'post_bb');
            await tx.append('post', 'post_bb', head?.seq ?? 0, [{ type: 'post.vacated', payload: {}, actor: 'system', at: LATER }]);
          })
          .then(() => order.push('write committed'));
        // Give the writer every chance to finish first if it were not blocked.
        await new Promise((resolve) => setTimeout(resolve, 300));
        order.push('released');
        release();
        await Promise.all([reader, writer]);
        expect(order).toEqual(['released', 'locking transaction ends', 'write committed']);
        expect((await store.reads.streamEvents('post_bb')).map((e) => e.type)).toEqual(['post.created', 'post.vacated']);
        await store.close();
      });
    }
  });
}
