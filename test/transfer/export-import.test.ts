/**
 * The store's two transfer methods: `exportRecord` (every event in position order, from one
 * snapshot) and `importRecord` (into an empty store only, each event checked against its stream's
 * head and its own hash, projected as a live append, all or nothing).
 */
import { describe, expect, it } from 'vitest';
import { eventHash } from '../../src/store/hash-chain.js';
import type { AppendedEvent } from '../../src/store/port.js';
import { StoreError } from '../../src/store/errors.js';
import { backends } from '../support/backends.js';
import { populate } from '../support/scenario.js';
import { makeWorld } from '../support/world.js';
import { countEvents, eventsOf, expectEmpty, expectSameRecord, exported, fillWithUnits, listed, projectionsOf } from './transfer-support.js';

/** Re-hashes an event after its content was changed, so that only its chain can give it away. */
function rehashed(e: AppendedEvent): AppendedEvent {
  return { ...e, hash: eventHash(e.prevHash, { stream: e.streamId, seq: e.seq, type: e.type, actor: e.actor, at: e.at, payload: e.payload }) };
}

/** The events with the one at `index` replaced by what `change` makes of it (undefined: dropped). */
function tampered(events: readonly AppendedEvent[], index: number, change: (e: AppendedEvent) => AppendedEvent | undefined): AppendedEvent[] {
  const out = [...events];
  const changed = change(events[index] as AppendedEvent);
  if (changed === undefined) out.splice(index, 1);
  else out[index] = changed;
  return out;
}

/** The back ends, each used once at the top level so that the clean-up of its databases (registered on first use) runs after this file. */
const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

for (const backend of BACKENDS) {
  describe(`[${backend.name}] exportRecord and importRecord`, () => {
    it('exports every event in position order from one snapshot, reporting progress against its size', async () => {
      const store = await backend.fresh();
      await populate(store);
      await store.checkpoint('2022-03-10T00:00:00.000Z');
      const progress: Array<[number, number]> = [];
      const positions: number[] = [];
      const seen: AppendedEvent[] = [];
      for await (const { position, ...e } of store.exportRecord((done, total) => progress.push([done, total]))) {
        positions.push(position);
        seen.push(e);
      }
      const stored = await eventsOf(store);
      expect(seen.map((e) => `${e.streamId}#${e.seq}:${e.prevHash}:${e.hash}:${JSON.stringify(e.payload)}`)).toEqual(
        stored.map((e) => `${String(e['stream_id'])}#${String(e['seq'])}:${String(e['prev_hash'])}:${String(e['hash'])}:${String(e['payload'])}`),
      );
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(progress[0]).toEqual([0, stored.length]);
      expect(progress.at(-1)).toEqual([stored.length, stored.length]);
      await store.close();
    });

    it('imports a record into an empty store: the same events, hashes and projections, and it verifies', async () => {
      const source = await backend.fresh();
      await populate(source);
      await source.checkpoint('2022-03-10T00:00:00.000Z');
      const target = await backend.fresh();
      const progress: Array<[number, number]> = [];
      const report = await target.importRecord(source.exportRecord(), (done, total) => progress.push([done, total]));
      const events = await eventsOf(source);
      expect(report).toEqual({ events: events.length, streams: new Set(events.map((e) => e['stream_id'])).size });
      expect(progress.at(-1)).toEqual([events.length, 0]);
      await expectSameRecord(target, { events, projections: await projectionsOf(source) });
      const verify = await target.verify();
      expect(verify.problems).toEqual([]);
      expect(verify.ok).toBe(true);
      // The imported record goes on like the original: a new stream, and the next checkpoint chains to the imported ledger.
      const w = makeWorld(target, { seed: 9 });
      expect((await w.app.execute('system', { type: 'unit.create', id: 'unit_after', name: 'After the move' })).ok).toBe(true);
      expect(await w.app.checkpoint()).not.toBeNull();
      expect((await target.verify()).ok).toBe(true);
      await Promise.all([source.close(), target.close()]);
    });

    it('refuses a store that already holds a record (DB_EXISTS) and leaves it as it was', async () => {
      const source = await backend.fresh();
      await fillWithUnits(source, 5);
      const target = await backend.fresh();
      await fillWithUnits(target, 3, 'other');
      const before = await eventsOf(target);
      const error = await target.importRecord(source.exportRecord()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('DB_EXISTS');
      expect(await eventsOf(target)).toEqual(before);
      await Promise.all([source.close(), target.close()]);
    });

    describe('refuses an event that does not belong where it stands, naming its stream and seq; nothing is kept', () => {
      let genuine: AppendedEvent[] = [];
      const at = (events: readonly AppendedEvent[], stream: string, seq: number): number => events.findIndex((e) => e.streamId === stream && e.seq === seq);

      const cases: Array<{ name: string; reason: string; stream: string; seq: number; make: (events: readonly AppendedEvent[]) => AppendedEvent[] }> = [
        {
          name: 'an altered payload (hash kept)',
          reason: 'hash-mismatch',
          stream: 'asg_meat',
          seq: 3,
          make: (ev) => tampered(ev, at(ev, 'asg_meat', 3), (e) => ({ ...e, payload: { ...(e.payload as object), reason: 'forged' } })),
        },
        {
          name: 'a forged event re-hashed: the next event no longer chains to it',
          reason: 'chain-broken',
          stream: 'asg_meat',
          seq: 4,
          make: (ev) => tampered(ev, at(ev, 'asg_meat', 3), (e) => rehashed({ ...e, actor: 'per_forger' })),
        },
        {
          name: 'a previous hash that is not the head’s',
          reason: 'chain-broken',
          stream: 'asg_coal',
          seq: 2,
          make: (ev) => tampered(ev, at(ev, 'asg_coal', 2), (e) => rehashed({ ...e, prevHash: 'a'.repeat(64) })),
        },
        { name: 'an event missing in the middle of a stream', reason: 'out-of-sequence', stream: 'asg_coal', seq: 3, make: (ev) => tampered(ev, at(ev, 'asg_coal', 2), () => undefined) },
        {
          name: 'an event twice',
          reason: 'out-of-sequence',
          stream: 'asg_coal',
          seq: 2,
          make: (ev) => {
            const i = at(ev, 'asg_coal', 2);
            return [...ev.slice(0, i + 1), ev[i] as AppendedEvent, ...ev.slice(i + 1)];
          },
        },
        { name: 'a malformed stream id', reason: 'malformed', stream: 'nonsense', seq: 1, make: (ev) => [...ev, rehashed({ ...(ev[0] as AppendedEvent), streamId: 'nonsense' })] },
        {
          name: 'an event foreign to its kind of stream (correctly hashed)',
          reason: 'unfoldable',
          stream: 'unit_ghost',
          seq: 1,
          make: (ev) => {
            const person = ev.find((e) => e.type === 'person.registered') as AppendedEvent;
            return [...ev, rehashed({ ...person, streamId: 'unit_ghost', seq: 1, prevHash: '0'.repeat(64) })];
          },
        },
      ];

      it.each(cases)('$name → $reason at $stream seq $seq', async ({ reason, stream, seq, make }) => {
        if (genuine.length === 0) {
          const source = await backend.fresh();
          await populate(source);
          genuine = await exported(source);
          await source.close();
        }
        const target = await backend.fresh();
        const error = await target.importRecord(listed(make(genuine))).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreError);
        expect((error as StoreError).code).toBe('RECORD_REJECTED');
        expect((error as StoreError).details).toEqual({ streamId: stream, seq, reason });
        expect((error as StoreError).message).toContain(stream);
        await expectEmpty(target);
        await target.close();
      });

      it('and the same store then takes the genuine record', async () => {
        const target = await backend.fresh();
        await expect(target.importRecord(listed(tampered(genuine, at(genuine, 'asg_coal', 2), () => undefined)))).rejects.toThrow(StoreError);
        expect(await target.importRecord(listed(genuine))).toMatchObject({ events: genuine.length });
        expect((await target.verify()).ok).toBe(true);
        await target.close();
      });
    });

    it('a source that fails half-way leaves nothing', async () => {
      const source = await backend.fresh();
      await fillWithUnits(source, 3000);
      const target = await backend.fresh();
      async function* failing(): AsyncGenerator<AppendedEvent> {
        let n = 0;
        for await (const e of source.exportRecord()) {
          if (++n > 4500) throw new Error('the source went away');
          yield e;
        }
      }
      await expect(target.importRecord(failing(), undefined)).rejects.toThrow('the source went away');
      await expectEmpty(target);
      await Promise.all([source.close(), target.close()]);
    });

    it('the export is one snapshot: what another connection commits after it opened is not in it, and its chains are whole', async () => {
      const store = await backend.fresh();
      await fillWithUnits(store, 3000); // 6,001 events: two pages and more
      const held = await countEvents(store);
      const other = await backend.reopen(store);
      const iterator = store.exportRecord()[Symbol.asyncIterator]();
      const first = await iterator.next(); // the snapshot is open
      await fillWithUnits(other, 50, 'late'); // commits 101 events: new streams and a checkpoint on an old one
      const events: AppendedEvent[] = [];
      if (first.done !== true) events.push(first.value);
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) events.push(next.value);
      expect(events).toHaveLength(held);
      expect(events.some((e) => e.streamId.startsWith('unit_late'))).toBe(false);
      expect(await countEvents(store)).toBe(held + 101);
      const target = await backend.fresh();
      await target.importRecord(listed(events));
      expect((await target.verify()).ok).toBe(true);
      await Promise.all([store.close(), other.close(), target.close()]);
    });
  });
}
