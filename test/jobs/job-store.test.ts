/**
 * The job store on every back end: schedule (an upsert by id), claim under a lease, lease expiry,
 * complete, fail with a retry instant, release, counts; and claims from several stores on one
 * database at once never share an item.
 */
import { describe, expect, it } from 'vitest';
import type { ScheduleItem } from '../../src/store/jobs.js';
import { backends } from '../support/backends.js';

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();
const job = (id: string, dueSeconds: number, payload: unknown = { n: id }): ScheduleItem => ({ id, kind: 'test', payload, dueAt: at(dueSeconds) });

for (const backend of backends()) {
  describe(`[${backend.name}] job store`, () => {
    it('claims only due items, oldest first, under a lease; a live lease keeps others off; an expired one lets them in', async () => {
      const store = await backend.fresh();
      try {
        await store.jobs.schedule([job('c', 30), job('a', 10), job('b', 20), job('later', 100)]);
        const first = await store.jobs.claim('w1', at(50), 5_000, 10);
        expect(first.map((i) => i.id)).toEqual(['a', 'b', 'c']);
        expect(first[0]).toMatchObject({ kind: 'test', payload: { n: 'a' }, dueAt: at(10), attempts: 1, leaseOwner: 'w1', leaseUntil: at(55), doneAt: null });
        expect(await store.jobs.counts(at(50))).toEqual({ due: 0, leased: 3, scheduled: 1, done: 0 });

        // While the leases live nobody else gets the items; once they run out, another worker does.
        expect(await store.jobs.claim('w2', at(54), 5_000, 10)).toEqual([]);
        const taken = await store.jobs.claim('w2', at(56), 5_000, 2);
        expect(taken.map((i) => [i.id, i.attempts, i.leaseOwner])).toEqual([
          ['a', 2, 'w2'],
          ['b', 2, 'w2'],
        ]);
        expect((await store.jobs.get('a'))?.leaseOwner).toBe('w2');
      } finally {
        await store.close();
      }
    });

    it('complete: only by the lease holder, once; a done item is never claimed again', async () => {
      const store = await backend.fresh();
      try {
        await store.jobs.schedule([job('a', 0)]);
        await store.jobs.claim('w1', at(1), 1_000, 10);
        expect(await store.jobs.complete('a', 'w2', at(1))).toBe(false);
        expect(await store.jobs.complete('a', 'w1', at(1.5), 'replayed')).toBe(true);
        expect(await store.jobs.complete('a', 'w1', at(2))).toBe(false);
        expect(await store.jobs.get('a')).toMatchObject({ doneAt: at(1.5), doneBy: 'w1', result: 'replayed', leaseUntil: null });
        expect(await store.jobs.claim('w1', at(1000), 1_000, 10)).toEqual([]);
        expect(await store.jobs.counts(at(1000))).toEqual({ due: 0, leased: 0, scheduled: 0, done: 1 });
        // A worker whose lease ran out may still complete what it did, as long as nobody took the item over.
        await store.jobs.schedule([job('b', 0)]);
        await store.jobs.claim('w1', at(2000), 1_000, 10);
        expect(await store.jobs.complete('b', 'w1', at(2005))).toBe(true);
      } finally {
        await store.close();
      }
    });

    it('fail: the item waits until its retry instant, keeps the error, and counts another attempt when claimed again', async () => {
      const store = await backend.fresh();
      try {
        await store.jobs.schedule([job('a', 0)]);
        await store.jobs.claim('w1', at(1), 60_000, 10);
        expect(await store.jobs.fail('a', 'w2', 'not mine', at(10))).toBe(false);
        expect(await store.jobs.fail('a', 'w1', 'RetryLater: lost a race', at(10))).toBe(true);
        expect(await store.jobs.get('a')).toMatchObject({ lastError: 'RetryLater: lost a race', leaseUntil: at(10), doneAt: null, dueAt: at(0) });
        expect(await store.jobs.counts(at(5))).toEqual({ due: 0, leased: 1, scheduled: 0, done: 0 });
        expect(await store.jobs.claim('w2', at(9.999), 1_000, 10)).toEqual([]);
        const again = await store.jobs.claim('w2', at(10), 1_000, 10);
        expect(again.map((i) => [i.id, i.attempts, i.leaseOwner])).toEqual([['a', 2, 'w2']]);
      } finally {
        await store.close();
      }
    });

    it('release: the item is claimable at once and the claim does not count as an attempt', async () => {
      const store = await backend.fresh();
      try {
        await store.jobs.schedule([job('a', 0)]);
        await store.jobs.claim('w1', at(1), 60_000, 10);
        expect(await store.jobs.release('a', 'w2')).toBe(false);
        expect(await store.jobs.release('a', 'w1')).toBe(true);
        const again = await store.jobs.claim('w2', at(1), 60_000, 10);
        expect(again.map((i) => [i.id, i.attempts])).toEqual([['a', 1]]);
      } finally {
        await store.close();
      }
    });

    it('schedule is an upsert by id: a pending item moves to its new instant and payload; a done item stays done', async () => {
      const store = await backend.fresh();
      try {
        await store.jobs.schedule([job('a', 100), job('b', 10)]);
        // The same id twice in one call: the last one wins.
        await store.jobs.schedule([job('a', 5, { v: 1 }), job('a', 7, { v: 2 })]);
        expect(await store.jobs.get('a')).toMatchObject({ dueAt: at(7), payload: { v: 2 }, attempts: 0 });
        expect((await store.jobs.pending()).map((i) => i.id)).toEqual(['a', 'b']);

        const claimed = await store.jobs.claim('w1', at(20), 1_000, 10);
        expect(claimed.map((i) => i.id)).toEqual(['a', 'b']);
        expect(await store.jobs.complete('a', 'w1', at(21))).toBe(true);
        await store.jobs.schedule([job('a', 500, { v: 3 }), job('b', 600, { v: 4 })]);
        expect(await store.jobs.get('a')).toMatchObject({ dueAt: at(7), payload: { v: 2 }, doneAt: at(21) });
        // A pending item under a lease moves too; the lease stays with its holder.
        expect(await store.jobs.get('b')).toMatchObject({ dueAt: at(600), payload: { v: 4 }, leaseOwner: 'w1', doneAt: null });
        expect((await store.jobs.list({ done: true })).map((i) => i.id)).toEqual(['a']);
        expect((await store.jobs.list({ done: false })).map((i) => i.id)).toEqual(['b']);
        expect((await store.jobs.list({ after: 'a' })).map((i) => i.id)).toEqual(['b']);
      } finally {
        await store.close();
      }
    });

    it('claims made at once (on PostgreSQL from several stores on one database) never get the same item, and together get every due one', async () => {
      const store = await backend.fresh();
      // SQLite: one process, whose one writer serialises the claims; PostgreSQL: three pools racing.
      const others = backend.name === 'postgres' ? [await backend.reopen(store), await backend.reopen(store)] : [];
      try {
        const ids = Array.from({ length: 300 }, (_, i) => `j${String(i).padStart(3, '0')}`);
        await store.jobs.schedule(ids.map((id, i) => job(id, i % 50)));
        const stores = [store, ...others];
        // Twelve claimers of 40 each, spread over the stores.
        const claims = await Promise.all(stores.flatMap((s, n) => Array.from({ length: 12 / stores.length }, (_, k) => s.jobs.claim(`w${n}.${k}`, at(100), 60_000, 40))));
        const got = claims.flat().map((i) => i.id);
        expect(new Set(got).size).toBe(got.length);
        expect(got.length).toBe(300);
        expect(await store.jobs.counts(at(100))).toEqual({ due: 0, leased: 300, scheduled: 0, done: 0 });
      } finally {
        for (const s of others) await s.close();
        await store.close();
      }
    });
  });
}
