/**
 * Optimistic concurrency: an append names the head it expects; if the stream moved, it fails with
 * CONFLICT and the whole transaction writes nothing. SQLite serialises writers, so a lost race is
 * produced here with a stale expected sequence — from a second session, a second connection, a
 * row another writer inserted, or (through the application) a snapshot read before the head moved.
 */
import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../src/domain/event.js';
import type { EventOf } from '../../src/domain/streams.js';
import { StoreError } from '../../src/store/errors.js';
import type { Snapshot, Store, WriteSession } from '../../src/store/port.js';
import { backends } from '../support/backends.js';
import { dumpEvents, dumpProjections, eventCount } from '../support/dump.js';
import { populate } from '../support/scenario.js';
import { makeWorld, ORG } from '../support/world.js';

const AT = '2022-03-01T09:00:00.000Z';

function bodyCreated(name: string): StreamEvent<EventOf<'body'>> {
  return { type: 'body.created', payload: { name, level: 1, parentId: null }, actor: 'system', at: AT };
}

function isConflict(e: unknown): boolean {
  return e instanceof StoreError && e.code === 'CONFLICT';
}

/** A store whose write sessions hand out snapshots one event behind the head of assignment streams: reads taken before a concurrent writer appended. */
function staleReads(inner: Store): Store {
  const stale = (tx: WriteSession): WriteSession => ({
    load: async (kind, id) => lag(await tx.load(kind, id)),
    loadAny: async (id) => lag(await tx.loadAny(id)),
    append: (kind, id, expectedSeq, events) => tx.append(kind, id, expectedSeq, events),
    checkpoint: (at) => tx.checkpoint(at),
    decisionNumberTaken: (bodyId, number) => tx.decisionNumberTaken(bodyId, number),
    recall: (scope, key) => tx.recall(scope, key),
    remember: (scope, key, fingerprint, outcome, at) => tx.remember(scope, key, fingerprint, outcome, at),
    notify: (message) => tx.notify(message),
    schedule: (items) => tx.schedule(items),
    streams: (kind) => tx.streams(kind),
  });
  function lag<S extends Snapshot | undefined>(s: S): S {
    return s !== undefined && s.kind === 'assignment' && s.seq > 1 ? { ...s, seq: s.seq - 1 } : s;
  }
  return {
    backend: inner.backend,
    reads: inner.reads,
    fresh: inner.fresh,
    accounts: inner.accounts,
    jobs: inner.jobs,
    outbox: inner.outbox,
    write: (fn) => inner.write((tx) => fn(stale(tx))),
    bulk: (fn, options) => inner.bulk((tx) => fn(stale(tx)), options),
    checkpoint: (at, force) => inner.checkpoint(at, force),
    verify: (progress) => inner.verify(progress),
    rebuild: (progress) => inner.rebuild(progress),
    exportRecord: (progress) => inner.exportRecord(progress),
    importRecord: (events, progress) => inner.importRecord(events, progress),
    close: () => inner.close(),
  };
}

for (const backend of backends()) {
  describe(`[${backend.name}] optimistic concurrency`, () => {
    it('two writes with the same expectedSeq: one commits, the other gets CONFLICT', async () => {
      const store = await backend.fresh();
      const results = await Promise.allSettled([
        store.write((tx) => tx.append('body', 'body_sto', 0, [bodyCreated('first')])),
        store.write((tx) => tx.append('body', 'body_sto', 0, [bodyCreated('second')])),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r) => r.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(isConflict(rejected[0]?.reason)).toBe(true);
      const events = await store.reads.streamEvents('body_sto');
      expect(events).toHaveLength(1);
      const row = await store.db.selectFrom('bodies').select(['name', 'seq']).where('id', '=', 'body_sto').executeTakeFirstOrThrow();
      expect(row.name).toBe((events[0]?.payload as { name: string }).name);
      await store.close();
    });

    it('two connections to one database: the second, with a stale expectedSeq, gets CONFLICT', async () => {
      const a = await backend.fresh();
      const b = await backend.reopen(a);
      await a.write((tx) => tx.append('body', 'body_sto', 0, [bodyCreated('by A')]));
      await expect(b.write((tx) => tx.append('body', 'body_sto', 0, [bodyCreated('by B')]))).rejects.toSatisfy(isConflict);
      // B, having lost, reloads and appends at the head it now sees
      const seen = await b.write(async (tx) => (await tx.load('body', 'body_sto'))?.seq);
      expect(seen).toBe(1);
      expect(await a.reads.streamEvents('body_sto')).toHaveLength(1);
      await b.close();
      await a.close();
    });

    it('a CONFLICT rolls back everything the transaction did before it', async () => {
      const store = await backend.fresh();
      await store.write((tx) => tx.append('body', 'body_sto', 0, [bodyCreated('STO')]));
      const before = await dumpProjections(store);
      await expect(
        store.write(async (tx) => {
          await tx.append('body', 'body_council', 0, [bodyCreated('Council')]);
          await tx.append('body', 'body_sto', 0, [bodyCreated('STO again')]);
        }),
      ).rejects.toSatisfy(isConflict);
      expect(await eventCount(store)).toBe(1);
      expect(await dumpProjections(store)).toEqual(before);
      await store.close();
    });

    it('an event row written by another writer under the head: the unique (stream, seq) turns the append into CONFLICT', async () => {
      const store = await backend.fresh();
      const [first] = await store.write((tx) => tx.append('body', 'body_sto', 0, [bodyCreated('STO')]));
      // another writer recorded seq 2 but its projection row is not there yet
      await store.db
        .insertInto('events')
        .values({ stream_id: 'body_sto', seq: 2, type: 'body.created', actor: 'system', at: AT, payload: '{}', prev_hash: first?.hash ?? '', hash: 'f'.repeat(64) })
        .execute();
      await expect(store.write((tx) => tx.append('body', 'body_sto', 1, [bodyCreated('mine')]))).rejects.toSatisfy(isConflict);
      const events = await store.reads.streamEvents('body_sto');
      expect(events.map((e) => e.hash)).toEqual([first?.hash, 'f'.repeat(64)]);
      await store.close();
    });

    it('through Proverka.execute: a lost race is AppError CONFLICT, and nothing is written', async () => {
      const store = await backend.fresh();
      await populate(store);
      const w = makeWorld(staleReads(store), { start: Date.parse('2022-03-10T00:00:00.000Z') });
      const events = await dumpEvents(store);
      const projections = await dumpProjections(store);
      const r = await w.app.execute(ORG.people.khinchuk, { type: 'assignment.submit', assignmentId: 'asg_coal', evidence: [{ kind: 'text', text: 'coal delivered' }] });
      expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { id: 'asg_coal' } } });
      expect(await dumpEvents(store)).toEqual(events);
      expect(await dumpProjections(store)).toEqual(projections);
      // a fresh application over the same store, reading the true head, succeeds
      const ok = await makeWorld(store, { start: Date.parse('2022-03-10T00:00:00.000Z') }).app.execute(ORG.people.khinchuk, {
        type: 'assignment.submit',
        assignmentId: 'asg_coal',
        evidence: [{ kind: 'text', text: 'coal delivered' }],
      });
      expect(ok.ok).toBe(true);
      await store.close();
    });
  });
}
