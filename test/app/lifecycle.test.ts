/**
 * The canned-meat case end to end through the application on a real store of each back end (an
 * SQLite file, a PostgreSQL database): the case view names who held it and for how long (F4), the
 * list marks it overdue, and the application checkpoints as it is told to. Bulk runs keep refusals
 * out and abort as a whole on an exception.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseView } from '../../src/app/queries/case-view.js';
import { listCases } from '../../src/app/queries/cases.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { backends } from '../support/backends.js';
import { dumpEvents, dumpProjections, eventCount } from '../support/dump.js';
import { at, expectOk, HOUR, issueCommand, makeWorld, ORG, run, setupOrganisation, START, type World } from '../support/world.js';

const { people: p } = ORG;

/** The back ends under test, each used once here at the top level: the SQLite one registers the removal of its folder on first use, which runs after this file only if registered here. */
const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

for (const backend of BACKENDS) {
  describe(`[${backend.name}] the application over a real store`, () => {
    let w: World<KyselyStore>;
    beforeEach(async () => {
      w = makeWorld(await backend.fresh());
      await setupOrganisation(w);
    });
    afterEach(async () => {
      await w.store.close().catch(() => undefined);
    });

    function to(hours: number): void {
      w.clock.set(START + hours * HOUR);
    }

    describe('the canned-meat case through the application', () => {
      it('records who held it, for how long, in which unit; and the list marks it overdue', async () => {
        to(1);
        const { id } = await run(w, p.secretary, issueCommand({ deadline: at(48), controllerId: p.auditor, urgency: 'urgent' }));
        to(3);
        await run(w, p.krasin, { type: 'assignment.accept', assignmentId: id });
        to(5);
        await run(w, p.krasin, { type: 'assignment.handover.offer', assignmentId: id, toId: p.khinchuk, reason: 'the consumers buy food' });
        to(29);
        await run(w, p.khinchuk, { type: 'assignment.handover.refuse', assignmentId: id, reason: 'foreign purchases are not ours' });
        to(30);
        await run(w, p.krasin, { type: 'assignment.escalate', assignmentId: id, toId: ORG.bodies.sto, reason: 'nobody takes it' });
        to(60);
        const list = await listCases(w.store, { overdueAt: w.app.now() }, w.app.now());
        expect(list.cases.map((c) => [c.id, c.overdue, c.holderId, c.escalationLevel, c.refusals])).toEqual([[id, true, p.krasin, 1, 1]]);
        expect(list.names.get(p.krasin)).toBe('Krasin');

        await run(w, p.krasin, { type: 'assignment.submit', assignmentId: id, evidence: [{ kind: 'document', name: 'contract.pdf', sha256: 'a'.repeat(64) }] });
        to(70);
        await run(w, p.tsiurupa, { type: 'assignment.verify', assignmentId: id, note: 'meat in the warehouse' });

        const view = expectOk(await caseView(w.store, id, at(1000)));
        expect(view.decision).toEqual({ id: ORG.decision, number: '1', date: '2022-03-01', title: 'Canned meat', bodyId: ORG.bodies.sto });
        const l = view.ledger;
        expect(l).toMatchObject({ start: at(1), end: at(70), open: false, elapsedMs: 69 * HOUR, overdueMs: 22 * HOUR });
        expect(l.intervals.map((i) => [i.from, i.to, i.personId, i.unitId, i.role, i.overdue])).toEqual([
          [at(1), at(3), p.krasin, 'unit_trade', 'accepting', false],
          [at(3), at(5), p.krasin, 'unit_trade', 'executing', false],
          [at(5), at(29), p.khinchuk, 'unit_coop', 'handover', false],
          [at(29), at(48), p.krasin, 'unit_trade', 'executing', false],
          [at(48), at(60), p.krasin, 'unit_trade', 'executing', true],
          [at(60), at(70), p.tsiurupa, 'unit_ctrl', 'verifying', true],
        ]);
        expect(view.events.map((e) => e.type)).toEqual([
          'assignment.issued',
          'assignment.accepted',
          'assignment.handover-offered',
          'assignment.handover-refused',
          'assignment.escalated',
          'assignment.submitted',
          'assignment.verified',
        ]);
        for (const pid of [p.krasin, p.khinchuk, p.tsiurupa, p.secretary, p.auditor]) expect(view.names.has(pid), pid).toBe(true);
        expect(view.names.get(ORG.bodies.sto)).toBe('Council of Labour and Defence');
        expect(view.names.get('unit_coop')).toBe("Consumers' society");

        const done = await listCases(w.store, { statuses: ['verified'] }, at(1000));
        expect(done.cases.map((c) => [c.id, c.overdue, c.closedAt])).toEqual([[id, false, at(70)]]);
      });

      it('caseView: NOT_FOUND for an unknown or malformed assignment id', async () => {
        expect(await caseView(w.store, 'asg_nothing', at(1))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
        expect(await caseView(w.store, ORG.people.krasin, at(1))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      });
    });

    describe('checkpoints by the application', () => {
      it('checkpoints after `checkpointEvery` events, and on close what is left', async () => {
        const store = await backend.fresh();
        const cw = makeWorld(store, { checkpointEvery: 3 });
        await run(cw, 'system', { type: 'unit.create', id: 'unit_a1', name: 'A' }); // 2 events
        expect(await store.reads.streamEvents('ledger_main')).toHaveLength(0);
        await run(cw, 'system', { type: 'person.register', id: 'per_a1', name: 'A', unitId: 'unit_a1' }); // 3 → checkpoint
        const ledger = await store.reads.streamEvents('ledger_main');
        expect(ledger.map((e) => e.type)).toEqual(['checkpoint.recorded']);
        expect(ledger[0]?.payload).toMatchObject({ streams: 3 });
        await run(cw, 'system', { type: 'person.register', id: 'per_a2', name: 'B', unitId: 'unit_a1' });
        await cw.app.close();
        const again = await backend.reopen(store);
        const after = await again.reads.streamEvents('ledger_main');
        expect(after).toHaveLength(2);
        expect(after[1]?.payload).toMatchObject({ streams: 4, changed: [['per_a2', 1, expect.any(String)]] });
        expect((await again.verify()).ok).toBe(true);
        await again.close();
      });

      it('a checkpoint with nothing new returns null unless forced', async () => {
        expect(await w.app.checkpoint()).not.toBeNull();
        expect(await w.app.checkpoint()).toBeNull();
        const forced = await w.app.checkpoint(true);
        expect(forced).toMatchObject({ seq: 2, changed: 0 });
      });
    });

    describe('bulk runs', () => {
      it('a refused command inside a bulk run writes nothing; the others are written', async () => {
        to(1);
        const before = await eventCount(w.store);
        const codes = await w.app.bulk(async (runIt) => {
          const out: string[] = [];
          for (const c of [
            issueCommand({ id: 'asg_b1' }),
            issueCommand({ id: 'asg_b2', ownerId: ORG.units.trade }),
            { type: 'assignment.accept', assignmentId: 'asg_b1' } as const,
            { type: 'assignment.accept', assignmentId: 'asg_b1' } as const,
            { type: 'nonsense' } as never,
          ]) {
            const r = await runIt(c.type === 'assignment.accept' ? p.krasin : p.secretary, c);
            out.push(r.ok ? 'ok' : r.error.code);
          }
          return out;
        });
        expect(codes).toEqual(['ok', 'OWNER_NOT_A_PERSON', 'ok', 'INVALID_TRANSITION', 'VALIDATION_FAILED']);
        expect(await eventCount(w.store)).toBe(before + 2);
        expect(await w.store.reads.streamEvents('asg_b2')).toEqual([]);
        expect((await w.store.reads.assignments({})).map((a) => [a.id, a.status])).toEqual([['asg_b1', 'in_progress']]);
      });

      it('an exception inside a bulk run aborts every command of it', async () => {
        to(1);
        const events = await dumpEvents(w.store);
        const projections = await dumpProjections(w.store);
        await expect(
          w.app.bulk(async (runIt) => {
            expectOk(await runIt(p.secretary, issueCommand({ id: 'asg_b1' })));
            expectOk(await runIt(p.krasin, { type: 'assignment.accept', assignmentId: 'asg_b1' }));
            throw new Error('the import file is truncated');
          }),
        ).rejects.toThrow('truncated');
        expect(await dumpEvents(w.store)).toEqual(events);
        expect(await dumpProjections(w.store)).toEqual(projections);
      });
    });
  });
}
