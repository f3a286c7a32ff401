/**
 * Stream heads kept between transactions (head-cache.ts, decision 0037): a single-command
 * transaction reads the head its store committed before instead of querying it, so these tests
 * make every way that kept head could go stale — another connection writing, a bulk write, a
 * transaction that fails after appending — and check that the next write still sees the record's
 * true head and chains to it; and that a rebuild in between (which leaves every head as it was)
 * disturbs nothing. Run on every back end (PostgreSQL keeps no heads, and must pass the same).
 */
import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../src/domain/event.js';
import type { EventOf } from '../../src/domain/streams.js';
import { HeadCache, type CachedHead } from '../../src/store/head-cache.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.js';
import { SqliteWriteDriver } from '../../src/store/sqlite/sqlite-write-driver.js';
import { backends } from '../support/backends.js';
import { tempDir } from '../support/temp.js';

const AT = '2022-03-01T09:00:00.000Z';

function named(name: string): StreamEvent<EventOf<'body'>> {
  return { type: 'body.created', payload: { name, level: 1, parentId: null }, actor: 'system', at: AT };
}

/** Appends at the head the store's write session sees, and returns the seq it appended. */
async function appendAtHead(store: KyselyStore, name: string): Promise<number> {
  return store.write(async (tx) => {
    const head = (await tx.load('body', 'body_sto'))?.seq ?? 0;
    const [e] = await tx.append('body', 'body_sto', head, [named(name)]);
    return e?.seq ?? 0;
  });
}

/** The stream's name as its projected row holds it, and the seqs of its events. */
async function streamOf(store: KyselyStore): Promise<{ name: string; seqs: number[] }> {
  const row = await store.db.selectFrom('bodies').select(['name']).where('id', '=', 'body_sto').executeTakeFirstOrThrow();
  return { name: row.name, seqs: (await store.reads.streamEvents('body_sto')).map((e) => e.seq) };
}

for (const backend of backends()) {
  describe(`[${backend.name}] stream heads kept between transactions`, () => {
    it('another connection appends in between: the next write sees its head and chains to it', async () => {
      const a = await backend.fresh();
      const b = await backend.reopen(a);
      expect(await appendAtHead(a, 'one')).toBe(1);
      expect(await appendAtHead(b, 'two')).toBe(2);
      expect(await appendAtHead(a, 'three')).toBe(3);
      expect(await appendAtHead(b, 'four')).toBe(4);
      expect(await streamOf(a)).toEqual({ name: 'four', seqs: [1, 2, 3, 4] });
      expect((await a.verify()).ok).toBe(true);
      await b.close();
      await a.close();
    });

    it('a bulk write in between: the next single write sees the bulk write’s head', async () => {
      const store = await backend.fresh();
      expect(await appendAtHead(store, 'one')).toBe(1);
      await store.bulk((tx) => tx.append('body', 'body_sto', 1, [named('two')]));
      expect(await appendAtHead(store, 'three')).toBe(3);
      expect(await streamOf(store)).toEqual({ name: 'three', seqs: [1, 2, 3] });
      expect((await store.verify()).ok).toBe(true);
      await store.close();
    });

    it('a transaction that fails after appending leaves the kept head as committed', async () => {
      const store = await backend.fresh();
      expect(await appendAtHead(store, 'one')).toBe(1);
      await expect(
        store.write(async (tx) => {
          await tx.append('body', 'body_sto', 1, [named('lost')]);
          throw new Error('the command failed after its append');
        }),
      ).rejects.toThrow('failed after its append');
      const seen = await store.write(async (tx) => {
        const s = await tx.load('body', 'body_sto');
        return { seq: s?.seq, name: (s?.state as { name: string } | undefined)?.name };
      });
      expect(seen).toEqual({ seq: 1, name: 'one' });
      expect(await appendAtHead(store, 'two')).toBe(2);
      expect(await streamOf(store)).toEqual({ name: 'two', seqs: [1, 2] });
      expect((await store.verify()).ok).toBe(true);
      await store.close();
    });

    // A rebuild leaves every head as it was (it replays the same events), so what is kept stays true: the write after it must chain and verify.
    it('a rebuild in between: the next write still chains to the head', async () => {
      const store = await backend.fresh();
      expect(await appendAtHead(store, 'one')).toBe(1);
      expect(await appendAtHead(store, 'two')).toBe(2);
      await store.rebuild();
      expect(await appendAtHead(store, 'three')).toBe(3);
      expect((await store.verify()).ok).toBe(true);
      await store.close();
    });
  });
}

describe('SQLite write driver epochs', () => {
  const dir = tempDir('proverka-epoch-');

  it('stay the same while this connection writes alone, and change once another connection commits', async () => {
    const file = `${dir}/e.db`;
    const store = await openSqliteStore({ file, mode: 'create' });
    const other = await openSqliteStore({ file, mode: 'open' });
    const driver = (store as unknown as { writer: SqliteWriteDriver }).writer;
    expect(driver).toBeInstanceOf(SqliteWriteDriver);
    const epoch = (): Promise<number> => driver.transaction((_c, start) => Promise.resolve(start.epoch));
    const first = await epoch();
    await appendAtHead(store, 'mine');
    expect(await epoch()).toBe(first);
    await appendAtHead(other, 'theirs');
    const after = await epoch();
    expect(after).not.toBe(first);
    expect(await epoch()).toBe(after);
    await other.close();
    await store.close();
  });
});

describe('HeadCache', () => {
  const head = (id: string, seq: number): CachedHead => ({ id, kind: 'body', seq, hash: 'h'.repeat(64), state: { seq } });

  it('keeps heads within an epoch, and empties on a new epoch and for a bulk transaction', () => {
    const cache = new HeadCache(10);
    expect(cache.begin(1, 'direct')).toBe(cache);
    cache.keep([head('body_a', 1), head('body_b', 1)]);
    expect(cache.begin(1, 'direct')?.get('body_a')?.seq).toBe(1);
    expect(cache.begin(2, 'direct')?.get('body_a')).toBeUndefined();
    cache.keep([head('body_a', 2)]);
    expect(cache.begin(2, 'bulk')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('holds at most its bound, dropping the least recently used', () => {
    const cache = new HeadCache(2);
    cache.begin(1, 'direct');
    cache.keep([head('body_a', 1), head('body_b', 1)]);
    cache.get('body_a');
    cache.keep([head('body_c', 1)]);
    expect([cache.get('body_a')?.seq, cache.get('body_b'), cache.get('body_c')?.seq]).toEqual([1, undefined, 1]);
  });
});
