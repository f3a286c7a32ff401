/**
 * Projections change in the same transaction as the events: a write that throws leaves neither
 * an event nor a projection change behind; a write that commits leaves both, consistent.
 */
import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../src/domain/event.js';
import type { EventOf } from '../../src/domain/streams.js';
import { backends } from '../support/backends.js';
import { dumpEvents, dumpProjections, eventCount } from '../support/dump.js';
import { populate } from '../support/scenario.js';

const AT = '2022-03-20T09:00:00.000Z';

function escalated(): StreamEvent<EventOf<'assignment'>> {
  return { type: 'assignment.escalated', payload: { level: 2, to: 'body_council', toUnit: null, reason: 'still no coal' }, actor: 'per_khinchuk', at: AT };
}

for (const backend of backends()) {
  describe(`[${backend.name}] events and projections in one transaction`, () => {
    it('an error thrown after appends in store.write leaves no event and no projection change', async () => {
      const store = await backend.fresh();
      await populate(store);
      const events = await dumpEvents(store);
      const projections = await dumpProjections(store);
      await expect(
        store.write(async (tx) => {
          const snap = await tx.load('assignment', 'asg_coal');
          await tx.append('assignment', 'asg_coal', snap?.seq ?? 0, [escalated()]);
          await tx.append('person', 'per_new', 0, [{ type: 'person.registered', payload: { name: 'New', unitId: 'unit_trade', email: null }, actor: 'system', at: AT }]);
          // inside the transaction the change is visible …
          expect((await tx.load('assignment', 'asg_coal'))?.state.escalationLevel).toBe(2);
          throw new Error('the printer caught fire');
        }),
      ).rejects.toThrow('printer');
      // … and after the rollback, nothing of it is
      expect(await dumpEvents(store)).toEqual(events);
      expect(await dumpProjections(store)).toEqual(projections);
      expect((await store.verify()).ok).toBe(true);
      await store.close();
    });

    it('an error thrown in store.bulk after buffered appends (some flushed) leaves nothing either', async () => {
      const store = await backend.fresh();
      await populate(store);
      const events = await dumpEvents(store);
      const projections = await dumpProjections(store);
      await expect(
        store.bulk(
          async (tx) => {
            for (let i = 0; i < 7; i++) await tx.append('body', `body_b${i}`, 0, [{ type: 'body.created', payload: { name: `B${i}`, level: 1, parentId: null }, actor: 'system', at: AT }]);
            throw new Error('abort the import');
          },
          { flushEvery: 3 },
        ),
      ).rejects.toThrow('abort');
      expect(await dumpEvents(store)).toEqual(events);
      expect(await dumpProjections(store)).toEqual(projections);
      await store.close();
    });

    it('a committed append moves the event count and the projection together', async () => {
      const store = await backend.fresh();
      await populate(store);
      const before = await eventCount(store);
      const snap = await store.write((tx) => tx.load('assignment', 'asg_coal'));
      const [e] = await store.write((tx) => tx.append('assignment', 'asg_coal', snap?.seq ?? 0, [escalated()]));
      expect(await eventCount(store)).toBe(before + 1);
      const row = await store.db.selectFrom('assignments').selectAll().where('id', '=', 'asg_coal').executeTakeFirstOrThrow();
      expect([Number(row.seq), row.hash, Number(row.escalation_level), Number(row.escalations), row.updated_at]).toEqual([(snap?.seq ?? 0) + 1, e?.hash, 2, 2, AT]);
      expect(JSON.parse(row.state)).toMatchObject({ escalationLevel: 2, lastEventAt: AT });
      await store.close();
    });

    it('a bulk write produces the same record and projections as the same appends written directly', async () => {
      const direct = await backend.fresh();
      const bulk = await backend.fresh();
      const appendAll = async (tx: Parameters<Parameters<typeof direct.write>[0]>[0]): Promise<void> => {
        for (let i = 0; i < 12; i++) {
          await tx.append('unit', `unit_u${i}`, 0, [{ type: 'unit.created', payload: { name: `U${i}`, parentId: i > 0 ? `unit_u${i - 1}` : null, headPostId: `post_p${i}` }, actor: 'system', at: AT }]);
          await tx.append('post', `post_p${i}`, 0, [{ type: 'post.created', payload: { unitId: `unit_u${i}`, title: 'Head', domain: 'management', head: true }, actor: 'system', at: AT }]);
          await tx.append('post', `post_p${i}`, 1, [{ type: 'post.holder-appointed', payload: { personId: `per_x${i}` }, actor: 'system', at: AT }]);
          if (i % 2 === 0) await tx.append('post', `post_p${i}`, 2, [{ type: 'post.vacated', payload: {}, actor: 'system', at: AT }]);
        }
      };
      await direct.write(appendAll);
      await bulk.bulk(appendAll, { flushEvery: 5 });
      expect(await dumpEvents(bulk)).toEqual(await dumpEvents(direct));
      expect(await dumpProjections(bulk)).toEqual(await dumpProjections(direct));
      await direct.close();
      await bulk.close();
    });
  });
}
