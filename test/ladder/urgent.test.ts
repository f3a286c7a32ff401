/**
 * The urgent demand (F6) through the application, on every back end, on the injected clock:
 * refused without its documents (or with anything but documents), without the copy to the
 * execution-control office, without the statement, with a deadline further than three days, or
 * with a person answerable outside the competent unit — and then nothing is written. Accepted
 * with all of them: the record keeps the urgent block, the copy is e-mailed to the head of the
 * control office in the same transaction, and with no ladder policy at all the case climbs the
 * urgent protocol's ladder: the superior at the first delay, the body four working hours later.
 */
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import { LADDER_PLAN_KIND } from '../../src/app/ladder/ladder-work.js';
import { backends } from '../support/backends.js';
import { HOUR, ORG, run, START } from '../support/world.js';
import { agendaItems, buyerCase, drainAt, EMAIL, ladderEntries, ladderWorld, proposals, refusal, schedulerPass, stepItems, t, TREE } from './support.js';

type Demand = Extract<CommandInput, { type: 'urgent.demand' }>;

/** Wednesday 2 March 2022, 15:00 UTC: 30 hours after the demand. */
const D = t('2022-03-02', '15:00');
const REPORT = { kind: 'document', name: 'report-petrograd.pdf', sha256: 'a'.repeat(64), size: 4096 } as const;
const STATEMENT = 'Any delay will be pursued.';

/** A complete urgent demand to the buyers' unit, with overrides. */
function demand(overrides: Partial<Demand> = {}): Demand {
  return {
    type: 'urgent.demand',
    id: 'asg_u1',
    decisionId: TREE.decision,
    title: 'Canned meat for Petrograd',
    definitionOfDone: 'The wagons are loaded',
    domain: 'supply',
    coExecutorIds: [],
    deadline: D,
    ownerId: TREE.buyer,
    verifierId: ORG.people.tsiurupa,
    competentUnitId: TREE.buy,
    documents: [REPORT],
    copyToId: ORG.units.ctrl,
    statement: `  ${STATEMENT}  `,
    ...overrides,
  };
}

/** The demand without one of its optional fields. */
function without(field: 'copyToId' | 'competentUnitId'): Demand {
  const { [field]: _left, ...rest } = demand();
  return rest;
}

for (const backend of backends()) {
  describe(`[${backend.name}] the urgent demand`, () => {
    it('is refused without documents, copy, statement, a short deadline or an owner in the competent unit; nothing is written', async () => {
      const w = await ladderWorld(backend);
      try {
        const by = ORG.people.secretary;
        expect((await refusal(w, by, demand({ documents: [] }))).code).toBe('DOCUMENTS_REQUIRED');
        expect((await refusal(w, by, demand({ documents: [REPORT, { kind: 'figure', label: 'tonnes', value: 40 }] }))).code).toBe('DOCUMENTS_REQUIRED');
        expect((await refusal(w, by, demand({ documents: [{ kind: 'link', url: 'https://example.org/report' }] }))).code).toBe('DOCUMENTS_REQUIRED');
        expect((await refusal(w, by, without('copyToId'))).code).toBe('COPY_TO_CONTROL_REQUIRED');
        expect((await refusal(w, by, demand({ statement: '   ' }))).code).toBe('STATEMENT_REQUIRED');
        const late = new Date(START + 72 * HOUR + 1).toISOString();
        expect(await refusal(w, by, demand({ deadline: late }))).toMatchObject({ code: 'DEADLINE_TOO_LONG_FOR_URGENT', details: { deadline: late, leadMs: 72 * HOUR + 1, maxLeadMs: 72 * HOUR } });
        expect(await refusal(w, by, demand({ ownerId: ORG.people.krasin }))).toMatchObject({
          code: 'OWNER_NOT_IN_COMPETENT_UNIT',
          details: { ownerId: ORG.people.krasin, unitId: ORG.units.trade, competentUnitId: TREE.buy },
        });
        expect((await refusal(w, by, without('competentUnitId'))).code).toBe('COMPETENT_UNIT_REQUIRED');
        expect(await w.store.fresh.snapshot('asg_u1')).toBeUndefined();
        expect(await w.store.jobs.list()).toEqual([]);
        expect(await w.store.outbox.messages({ channel: 'email' })).toEqual([]);
        // Exactly three days is short enough.
        await run(w, by, demand({ deadline: new Date(START + 72 * HOUR).toISOString() }));
      } finally {
        await w.app.close();
      }
    });

    it('accepted: the record keeps its documents, copy and statement; the copy is e-mailed; with no policy it reaches the superior at the first delay, then the body', async () => {
      const w = await ladderWorld(backend);
      try {
        await run(w, ORG.people.secretary, demand());

        const [issued] = await w.store.fresh.streamEvents('asg_u1');
        const block = { competentUnitId: TREE.buy, documents: [REPORT], copyTo: { id: ORG.units.ctrl, kind: 'unit' }, statement: STATEMENT };
        expect(issued).toMatchObject({ type: 'assignment.issued', actor: ORG.people.secretary, payload: { urgency: 'urgent', ownerId: TREE.buyer, deadline: D, urgentDemand: block } });
        expect((await w.store.fresh.snapshot('asg_u1'))?.state).toMatchObject({ urgency: 'urgent', urgentDemand: block });

        // The copy goes to the control office (its head, the inspector) and the demand to the buyer, at once.
        const issuedMail = (await w.store.outbox.messages({ channel: 'email' })).filter((m) => m.topic === 'assignment.issued');
        expect(issuedMail.map((m) => [m.personId, m.recipient, m.kind, m.status, m.channel === 'email' ? m.content.subject : null]).sort()).toEqual([
          [TREE.buyer, EMAIL.buyer, 'immediate', 'pending', 'URGENT demand: Canned meat for Petrograd'],
          [TREE.inspector, EMAIL.inspector, 'immediate', 'pending', 'URGENT demand: Canned meat for Petrograd'],
        ]);

        // An ordinary case beside it: with no policy in force it has no ladder at all. Only the urgent case is planned.
        await run(w, ORG.people.secretary, buyerCase('asg_u2', D));
        expect((await w.store.jobs.list({ kind: LADDER_PLAN_KIND })).map((i) => (i.payload as { assignmentId: string }).assignmentId)).toEqual(['asg_u1']);
        const pass = schedulerPass(w);
        await drainAt(w, new Date(START).toISOString(), pass);
        // The body 4 working hours after Wednesday 15:00: 3 hours that day, one more on Thursday morning.
        const bodyAt = t('2022-03-03', '10:00');
        expect(await stepItems(w.store, 'asg_u1')).toEqual([
          { key: `controller-told@${D}`, dueAt: D, result: null },
          { key: `escalate:superior@${D}`, dueAt: D, result: null },
          { key: `escalate:body@${D}`, dueAt: bodyAt, result: null },
        ]);

        for (let h = 1; h <= 51; h++) await drainAt(w, new Date(START + h * HOUR).toISOString(), pass);
        expect(await ladderEntries(w.store, 'asg_u1')).toEqual([
          { type: 'assignment.reminded', at: D, actor: 'system', stepKey: `controller-told@${D}`, to: ORG.people.secretary, level: null },
          { type: 'assignment.escalated', at: D, actor: 'system', stepKey: `escalate:superior@${D}`, to: ORG.people.krasin, level: 1 },
          { type: 'assignment.escalated', at: bodyAt, actor: 'system', stepKey: `escalate:body@${D}`, to: TREE.body, level: 2 },
        ]);
        const reason = (await w.store.fresh.streamEvents('asg_u1')).find((e) => e.type === 'assignment.escalated')?.payload as { reason: string };
        expect(reason.reason).toContain('urgent-protocol');
        // The protocol proposes no accountability action of its own; the body's agenda gets the case.
        expect(await proposals(w.store)).toEqual([]);
        expect((await agendaItems(w.store)).map((i) => [i.state.bodyId, i.state.route])).toEqual([[TREE.body, { kind: 'ladder', assignmentId: 'asg_u1', escalationLevel: 2 }]]);
        // The ordinary case: no steps, no escalation.
        expect(await stepItems(w.store, 'asg_u2')).toEqual([]);
        expect(await ladderEntries(w.store, 'asg_u2')).toEqual([]);
      } finally {
        await w.app.close();
      }
    });
  });
}
