/**
 * A body's agenda (F7) through the application, on every back end, on the injected clock: a
 * question reaches the body by the ladder (the case escalated to it at level 2) or with a full
 * statement — the question, two options, the documents, who already tried — and is refused
 * otherwise, naming what is missing; a person cannot claim the ladder for a case that did not reach
 * the body. The secretary sends a detail question back to the competent unit (counted), the unit
 * submits it again, it is scheduled and decided; another is withdrawn. The body's load figures
 * over the items' states come out as counted by hand.
 */
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import { bodyLoad } from '../../src/domain/agenda/body-load.js';
import { backends } from '../support/backends.js';
import { HOUR, ORG, run, START } from '../support/world.js';
import { agendaItems, buyerCase, drainAt, ladderEntries, ladderWorld, refusal, schedulerPass, t, TREE } from './support.js';

type Submit = Extract<CommandInput, { type: 'agenda.submit' }>;

/** Wednesday 2 March 2022, 15:00 UTC: the superior at once, the body one working day later. */
const D = t('2022-03-02', '15:00');
const MEMO = { kind: 'document', name: 'memo.pdf', sha256: 'd'.repeat(64), size: 512 } as const;

/** The superior at the deadline, the body one working day after; no reminders, no actions. */
const QUICK: CommandInput = {
  type: 'ladder.define',
  id: 'lad_quick',
  name: 'Quick ladder',
  rules: { superior: { after: { amount: 0, unit: 'working-days' }, action: null }, body: { after: { amount: 1, unit: 'working-days' }, action: null, bodyId: null } },
};

/** A full statement from the buyers' unit to the STO, with overrides. */
function statement(id: string, overrides: Partial<Submit> = {}): Submit {
  return {
    type: 'agenda.submit',
    id,
    bodyId: TREE.body,
    fromUnitId: TREE.buy,
    question: 'Buy the meat abroad or requisition it?',
    options: ['buy abroad', 'requisition'],
    documents: [MEMO],
    alreadyTried: [{ partyId: TREE.buy, did: 'asked three suppliers' }],
    ...overrides,
  };
}

for (const backend of backends()) {
  describe(`[${backend.name}] a body's agenda`, () => {
    it('takes a question by the ladder or with a full statement; returns, resubmits, schedules, decides and withdraws; its load figures add up', async () => {
      const w = await ladderWorld(backend);
      try {
        const { people: p } = ORG;
        const at = (instant: string): void => w.clock.set(Date.parse(instant));
        await run(w, 'system', QUICK);
        await run(w, p.secretary, buyerCase('asg_a1', D));
        await run(w, p.secretary, buyerCase('asg_a2', t('2022-04-29', '15:00')));
        const pass = schedulerPass(w);
        await drainAt(w, new Date(START).toISOString(), pass);

        // Not by the ladder yet: the case is at level 0, then 1 (the superior); escalated by hand to the body, still 1.
        const byLadder = (assignmentId: string, bodyId: string = TREE.body): Submit => ({ type: 'agenda.submit', bodyId, question: 'The meat is late', assignmentId, options: [], documents: [], alreadyTried: [] });
        expect(await refusal(w, TREE.buyer, byLadder('asg_a1'))).toMatchObject({ code: 'LADDER_NOT_REACHED', details: { escalationLevel: 0 } });
        await drainAt(w, D, pass);
        expect((await ladderEntries(w.store, 'asg_a1')).map((e) => e.level)).toEqual([null, 1]);
        expect(await refusal(w, TREE.buyer, byLadder('asg_a1'))).toMatchObject({ code: 'LADDER_NOT_REACHED', details: { escalationLevel: 1 } });
        await run(w, TREE.buyer, { type: 'assignment.escalate', assignmentId: 'asg_a2', toId: TREE.body, reason: 'no suppliers' });
        expect(await refusal(w, TREE.buyer, byLadder('asg_a2'))).toMatchObject({ code: 'LADDER_NOT_REACHED', details: { escalationLevel: 1 } });

        // The ladder brings the case to the STO (A), and to no other body.
        const bodyAt = t('2022-03-03', '15:00');
        await drainAt(w, bodyAt, pass);
        const [ladderItem] = await agendaItems(w.store);
        if (ladderItem === undefined) expect.fail('the ladder put nothing on the agenda');
        expect(ladderItem.state).toMatchObject({ bodyId: TREE.body, route: { kind: 'ladder', assignmentId: 'asg_a1', escalationLevel: 2 }, status: 'submitted', submittedBy: 'system', firstSubmittedAt: bodyAt });
        expect((await refusal(w, TREE.buyer, byLadder('asg_a1', ORG.bodies.council))).code).toBe('LADDER_NOT_REACHED');

        // Without a full statement: refused, naming what is missing.
        at(t('2022-03-03', '16:00'));
        expect(await refusal(w, TREE.buyer, statement('agd_nothing', { options: ['only one'], documents: [], alreadyTried: [] }))).toMatchObject({
          code: 'STATEMENT_INCOMPLETE',
          details: { missing: ['options', 'documents', 'alreadyTried'] },
        });
        expect(await refusal(w, TREE.buyer, statement('agd_nothing', { question: '  ', documents: [{ kind: 'link', url: 'https://example.org' }], alreadyTried: [{ partyId: TREE.buy, did: ' ' }] }))).toMatchObject({
          code: 'STATEMENT_INCOMPLETE',
          details: { missing: ['question', 'documents', 'alreadyTried'] },
        });
        expect(await w.store.fresh.snapshot('agd_nothing')).toBeUndefined();

        // B: with the full statement; sent back as a detail question (to a unit only), submitted again, scheduled, decided.
        await run(w, TREE.buyer, statement('agd_prices'));
        expect((await w.store.fresh.snapshot('agd_prices'))?.state).toMatchObject({
          status: 'submitted',
          submittedBy: TREE.buyer,
          route: { kind: 'statement', options: ['buy abroad', 'requisition'], documents: [MEMO], alreadyTried: [{ party: { id: TREE.buy, kind: 'unit' }, did: 'asked three suppliers' }] },
        });
        at(t('2022-03-04', '10:00'));
        expect((await refusal(w, p.secretary, { type: 'agenda.return', itemId: 'agd_prices', toUnitId: TREE.buyer, reason: 'a detail' })).code).toBe('RETURN_TARGET_NOT_A_UNIT');
        await run(w, p.secretary, { type: 'agenda.return', itemId: 'agd_prices', toUnitId: TREE.buy, reason: 'the price of meat is for the unit to settle' });
        expect((await w.store.fresh.snapshot('agd_prices'))?.state).toMatchObject({
          status: 'returned',
          returns: 1,
          lastReturn: { toUnitId: TREE.buy, reason: 'the price of meat is for the unit to settle', by: p.secretary, at: t('2022-03-04', '10:00') },
        });
        expect((await w.store.fresh.streamEvents('agd_prices')).map((e) => [e.type, e.actor])).toEqual([
          ['agenda.submitted', TREE.buyer],
          ['agenda.returned', p.secretary],
        ]);

        // C: submitted, then withdrawn.
        at(t('2022-03-04', '11:00'));
        await run(w, TREE.buyer, statement('agd_wagons', { question: 'Wagons for the meat?' }));
        at(t('2022-03-04', '12:00'));
        await run(w, p.secretary, { type: 'agenda.withdraw', itemId: 'agd_wagons', reason: 'the railways found wagons' });
        expect((await w.store.fresh.snapshot('agd_wagons'))?.state).toMatchObject({ status: 'withdrawn', withdrawReason: 'the railways found wagons' });
        // D: submitted, then returned (and left so).
        at(t('2022-03-04', '13:00'));
        await run(w, TREE.buyer, statement('agd_fuel', { question: 'Fuel for the mills?' }));

        at(t('2022-03-07', '10:00'));
        await run(w, TREE.buyer, { type: 'agenda.resubmit', itemId: 'agd_prices', question: 'Buy the meat abroad at which price?', options: ['at 10 roubles', 'at 12 roubles'], documents: [MEMO], alreadyTried: [{ partyId: TREE.buy, did: 'settled the price with the suppliers' }] });
        at(t('2022-03-07', '11:00'));
        await run(w, p.secretary, { type: 'agenda.schedule', itemId: 'agd_prices', session: '2022-03-10' });
        await run(w, p.secretary, { type: 'agenda.schedule', itemId: ladderItem.id, session: '2022-03-10' });
        at(t('2022-03-07', '13:00'));
        await run(w, p.secretary, { type: 'agenda.return', itemId: 'agd_fuel', toUnitId: ORG.units.coop, reason: 'the consumers keep the mills' });

        at(t('2022-03-10', '11:00'));
        await run(w, p.secretary, { type: 'decision.register', id: 'dec_prices', bodyId: TREE.body, number: '7', date: '2022-03-10', title: 'On the price of meat' });
        expect((await refusal(w, p.secretary, { type: 'agenda.decide', itemId: 'agd_fuel', decisionId: 'dec_prices' })).code).toBe('INVALID_TRANSITION');
        // A decision of another body does not decide an item of this body's agenda.
        await run(w, p.secretary, { type: 'decision.register', id: 'dec_council', bodyId: ORG.bodies.council, number: '12', date: '2022-03-10', title: 'On something else' });
        expect((await refusal(w, p.secretary, { type: 'agenda.decide', itemId: 'agd_prices', decisionId: 'dec_council' })).code).toBe('AGENDA_DECISION_INVALID');
        at(t('2022-03-10', '12:00'));
        await run(w, p.secretary, { type: 'agenda.decide', itemId: 'agd_prices', decisionId: 'dec_prices' });
        expect((await w.store.fresh.snapshot('agd_prices'))?.state).toMatchObject({ status: 'decided', decisionId: 'dec_prices', returns: 1, session: '2022-03-10', question: 'Buy the meat abroad at which price?', submittedBy: TREE.buyer });
        expect((await w.store.fresh.streamEvents('agd_prices')).map((e) => e.type)).toEqual(['agenda.submitted', 'agenda.returned', 'agenda.submitted', 'agenda.scheduled', 'agenda.decided']);
        expect((await refusal(w, p.secretary, { type: 'agenda.withdraw', itemId: 'agd_prices', reason: 'too late' })).code).toBe('INVALID_TRANSITION');

        // The load of the STO as of Thursday 10, 13:00: A (ladder, scheduled), B (returned once, decided), C (withdrawn), D (returned).
        const items = (await agendaItems(w.store)).filter((i) => i.state.bodyId === TREE.body).map((i) => i.state);
        expect(items).toHaveLength(4);
        const load = bodyLoad(items, ['2022-03-10', '2022-03-17'], t('2022-03-10', '13:00'));
        // Stays ended by a return or a decision: B 18 h and 74 h, D 72 h (C's withdrawal and A's open stay are not timed).
        expect(load).toEqual({
          items: 4,
          open: 1,
          perSession: [
            { session: '2022-03-10', items: 2 },
            { session: '2022-03-17', items: 0 },
          ],
          returnedShare: 0.5,
          ladderShare: 0.25,
          timeOnAgenda: { stays: 3, meanMs: ((18 + 74 + 72) * HOUR) / 3, medianMs: 72 * HOUR },
        });
        // As of Friday 4 at 10:30 only A and B counted; B's first stay (18 h) is the only one ended.
        expect(bodyLoad(items, [], t('2022-03-04', '10:30'))).toMatchObject({ items: 2, timeOnAgenda: { stays: 1, meanMs: 18 * HOUR, medianMs: 18 * HOUR }, ladderShare: 0.5 });
      } finally {
        await w.app.close();
      }
    });
  });
}
