/**
 * The escalation ladder end to end, on every back end, on the injected clock (issue #5): under a
 * policy (reminders 3 and 1 working days ahead; the superior 2 working days after the deadline
 * with a warning; the body 3 later with a reprimand) and an organisation calendar (8 March a
 * holiday), the scheduler performs each step once at its instant — the owner reminded, the
 * controller told, the head of the unit above the owner's escalated to, then the decision's body,
 * with the accountability proposals a person decides and the item the ladder puts on the body's
 * agenda. A case verified in time gets no more steps; an extension moves the steps to new keys;
 * after downtime only the latest reminder goes out and each escalation happens once.
 */
import { describe, expect, it } from 'vitest';
import { replanAll } from '../../src/app/ladder/ladder-work.js';
import { backends } from '../support/backends.js';
import { DAY, ORG, run, START } from '../support/world.js';
import {
  agendaItems,
  buyerCase,
  drainAt,
  drainDaily,
  EMAIL,
  ladderEntries,
  ladderWorld,
  proposals,
  refusal,
  schedulerPass,
  standardPolicy,
  stepItems,
  t,
  TREE,
  workweek,
} from './support.js';

/** The deadline of the main case: Friday 11 March 2022, 15:00 UTC. */
const D = t('2022-03-11', '15:00');
const NOT_DUE = 'refused: LADDER_STEP_NOT_DUE';

/** The five steps of a case due at `d` under the standard policy, with their instants. */
function keys(d: string): { r3: string; r1: string; told: string; sup: string; body: string } {
  return { r3: `reminder:3wd@${d}`, r1: `reminder:1wd@${d}`, told: `controller-told@${d}`, sup: `escalate:superior@${d}`, body: `escalate:body@${d}` };
}

for (const backend of backends()) {
  describe(`[${backend.name}] the ladder's steps`, () => {
    it('performs each step once at its working-day instant, in order, as the system; proposals are decided by people; the body gets the case on its agenda', async () => {
      const w = await ladderWorld(backend);
      try {
        const { people: p } = ORG;
        await run(w, 'system', workweek(['2022-03-08']));
        await run(w, 'system', standardPolicy());
        await run(w, p.secretary, buyerCase('asg_l1', D));
        await run(w, TREE.buyer, { type: 'assignment.accept', assignmentId: 'asg_l1' });
        await drainAt(w, new Date(START).toISOString());

        const k = keys(D);
        // 3 working days before Friday 11: Thursday 10, Wednesday 9, (Tuesday 8 a holiday) Monday 7.
        const when = { r3: t('2022-03-07', '15:00'), r1: t('2022-03-10', '15:00'), told: D, sup: t('2022-03-15', '15:00'), body: t('2022-03-18', '15:00') };
        expect(await stepItems(w.store, 'asg_l1')).toEqual([
          { key: k.r3, dueAt: when.r3, result: null },
          { key: k.r1, dueAt: when.r1, result: null },
          { key: k.told, dueAt: when.told, result: null },
          { key: k.sup, dueAt: when.sup, result: null },
          { key: k.body, dueAt: when.body, result: null },
        ]);

        const pass = schedulerPass(w);
        await drainAt(w, t('2022-03-01', '15:00'), pass);
        await drainDaily(w, t('2022-03-25', '15:00'), pass);

        expect(await ladderEntries(w.store, 'asg_l1')).toEqual([
          { type: 'assignment.reminded', at: when.r3, actor: 'system', stepKey: k.r3, to: TREE.buyer, level: null },
          { type: 'assignment.reminded', at: when.r1, actor: 'system', stepKey: k.r1, to: TREE.buyer, level: null },
          { type: 'assignment.reminded', at: when.told, actor: 'system', stepKey: k.told, to: p.auditor, level: null },
          { type: 'assignment.escalated', at: when.sup, actor: 'system', stepKey: k.sup, to: p.krasin, level: 1 },
          { type: 'assignment.escalated', at: when.body, actor: 'system', stepKey: k.body, to: TREE.body, level: 2 },
        ]);
        const events = await w.store.fresh.streamEvents('asg_l1');
        const escalated = events.filter((e) => e.type === 'assignment.escalated').map((e) => e.payload as { toUnit: string | null; reason: string });
        expect(escalated.map((e) => e.toUnit)).toEqual([ORG.units.trade, null]);
        expect(escalated[0]?.reason).toContain('policy lad_std v1');
        const state = (await w.store.fresh.snapshot('asg_l1'))?.state as { escalationLevel: number; escalatedTo: string; ladderDone: string[]; status: string };
        expect(state).toMatchObject({ escalationLevel: 2, escalatedTo: TREE.body, ladderDone: [k.r3, k.r1, k.told, k.sup, k.body], status: 'in_progress' });
        expect((await stepItems(w.store, 'asg_l1')).map((i) => i.result)).toEqual(['done', 'done', 'done', 'done', 'done']);
        // The owner was reminded by e-mail twice (the controller and the superior have no address).
        const mails = (await w.store.outbox.messages({ channel: 'email' })).filter((m) => m.topic === 'assignment.reminded');
        expect(mails.map((m) => m.recipient)).toEqual([EMAIL.buyer, EMAIL.buyer]);

        // The accountability proposals: a warning at level 1, a reprimand at level 2, about the owner.
        const props = (await proposals(w.store)).sort((a, b) => a.state.level - b.state.level);
        expect(props.map((x) => x.state)).toMatchObject([
          { assignmentId: 'asg_l1', subjectId: TREE.buyer, action: 'warning', level: 1, stepKey: k.sup, policyId: 'lad_std', policyVersion: 1, addressee: { kind: 'unit-head', unitId: ORG.units.trade }, status: 'proposed', proposedBy: 'system', proposedAt: when.sup },
          { assignmentId: 'asg_l1', subjectId: TREE.buyer, action: 'reprimand', level: 2, stepKey: k.body, policyId: 'lad_std', policyVersion: 1, addressee: { kind: 'body', bodyId: TREE.body }, status: 'proposed', proposedBy: 'system', proposedAt: when.body },
        ]);
        const [warning, reprimand] = props.map((x) => x.id) as [string, string];
        // The body's agenda holds the case, brought by the ladder.
        expect((await agendaItems(w.store)).map((i) => i.state)).toMatchObject([
          { bodyId: TREE.body, route: { kind: 'ladder', assignmentId: 'asg_l1', escalationLevel: 2 }, status: 'submitted', submittedBy: 'system', firstSubmittedAt: when.body, returns: 0 },
        ]);

        // People decide: never the person concerned, once each.
        expect((await refusal(w, TREE.buyer, { type: 'accountability.decide', proposalId: warning, verdict: 'declined', reason: 'not my fault' })).code).toBe('ACCOUNTABILITY_SELF_DECISION');
        await run(w, p.krasin, { type: 'accountability.decide', proposalId: warning, verdict: 'accepted', reason: 'two weeks late' });
        await run(w, p.secretary, { type: 'accountability.decide', proposalId: reprimand, verdict: 'declined', reason: 'the warning suffices' });
        expect((await refusal(w, p.secretary, { type: 'accountability.decide', proposalId: warning, verdict: 'declined', reason: 'again' })).code).toBe('INVALID_TRANSITION');
        expect((await proposals(w.store)).map((x) => [x.id, x.state.status, x.state.decidedBy])).toEqual(
          expect.arrayContaining([
            [warning, 'accepted', p.krasin],
            [reprimand, 'declined', p.secretary],
          ]),
        );

        // Nothing is done twice: a second drain finds nothing; a full replan puts nothing back; the step itself refuses.
        const before = (await w.store.fresh.streamEvents('asg_l1')).length;
        expect(await pass.drain()).toBe(0);
        await w.store.jobs.schedule([replanAll('test-again', w.app.now())]);
        expect(await pass.drain()).toBe(1);
        expect(await w.store.jobs.get('ladder-replan:test-again')).toMatchObject({ result: 'planned 0 steps of 1 cases' });
        const again = await refusal(w, 'system', { type: 'ladder.step', assignmentId: 'asg_l1', stepKey: k.body });
        expect(again).toMatchObject({ code: 'LADDER_STEP_NOT_DUE', details: { reason: 'done' } });
        expect((await w.store.fresh.streamEvents('asg_l1')).length).toBe(before);
        expect((await proposals(w.store)).length).toBe(2);
        expect((await agendaItems(w.store)).length).toBe(1);
        expect((await w.store.verify()).ok).toBe(true);
      } finally {
        await w.app.close();
      }
    });

    it('a case verified before its deadline gets no more steps: the remaining items end refused and nothing is appended', async () => {
      const w = await ladderWorld(backend);
      try {
        await run(w, 'system', workweek(['2022-03-08']));
        await run(w, 'system', standardPolicy());
        await run(w, ORG.people.secretary, buyerCase('asg_l2', D));
        await run(w, TREE.buyer, { type: 'assignment.accept', assignmentId: 'asg_l2' });
        const pass = schedulerPass(w);
        await drainAt(w, new Date(START).toISOString(), pass);
        await drainAt(w, t('2022-03-07', '15:00'), pass);
        const k = keys(D);
        expect((await ladderEntries(w.store, 'asg_l2')).map((e) => e.stepKey)).toEqual([k.r3]);

        w.clock.set(Date.parse(t('2022-03-08', '10:00')));
        await run(w, TREE.buyer, { type: 'assignment.submit', assignmentId: 'asg_l2', evidence: [{ kind: 'document', name: 'report.pdf', sha256: 'c'.repeat(64), size: 10 }] });
        await run(w, ORG.people.tsiurupa, { type: 'assignment.verify', assignmentId: 'asg_l2' });
        const closedAt = (await w.store.fresh.streamEvents('asg_l2')).length;
        await drainDaily(w, t('2022-03-25', '10:00'), pass);

        const events = await w.store.fresh.streamEvents('asg_l2');
        expect(events.length).toBe(closedAt);
        expect(events.at(-1)?.type).toBe('assignment.verified');
        expect((await ladderEntries(w.store, 'asg_l2')).map((e) => e.stepKey)).toEqual([k.r3]);
        expect((await stepItems(w.store, 'asg_l2')).map((i) => [i.key, i.result])).toEqual([
          [k.r3, 'done'],
          [k.r1, NOT_DUE],
          [k.told, NOT_DUE],
          [k.sup, NOT_DUE],
          [k.body, NOT_DUE],
        ]);
        expect(await proposals(w.store)).toEqual([]);
        expect(await agendaItems(w.store)).toEqual([]);
      } finally {
        await w.app.close();
      }
    });

    // A step item that fell due while the case was closed ends `refused: LADDER_STEP_NOT_DUE`; reopening plans the same keys
    // under the same ids, and planning revives a refused item (a refusal wrote nothing), so the overdue case climbs on.
    it('a case reopened after its deadline climbs the ladder from where it stood: the steps not done are performed', async () => {
      const w = await ladderWorld(backend);
      try {
        await run(w, 'system', workweek(['2022-03-08']));
        await run(w, 'system', standardPolicy());
        await run(w, ORG.people.secretary, buyerCase('asg_l5', D));
        await run(w, TREE.buyer, { type: 'assignment.accept', assignmentId: 'asg_l5' });
        const pass = schedulerPass(w);
        await drainAt(w, new Date(START).toISOString(), pass);
        await drainAt(w, t('2022-03-07', '15:00'), pass);
        w.clock.set(Date.parse(t('2022-03-08', '10:00')));
        await run(w, TREE.buyer, { type: 'assignment.submit', assignmentId: 'asg_l5', evidence: [{ kind: 'document', name: 'report.pdf', sha256: 'c'.repeat(64), size: 10 }] });
        await run(w, ORG.people.tsiurupa, { type: 'assignment.verify', assignmentId: 'asg_l5' });
        // Closed while the reminder, the deadline and the superior's step fall due.
        await drainDaily(w, t('2022-03-16', '10:00'), pass);
        const k = keys(D);
        expect((await ladderEntries(w.store, 'asg_l5')).map((e) => e.stepKey)).toEqual([k.r3]);

        // Reopened on Wednesday 16, five days late: the controller and the superior are due at once, the body on Friday 18.
        await run(w, ORG.people.tsiurupa, { type: 'assignment.reopen', assignmentId: 'asg_l5', reason: 'the meat was not paid for' });
        const reopened = w.app.now();
        await pass.drain();
        await drainAt(w, t('2022-03-18', '15:00'), pass);
        await drainDaily(w, t('2022-03-25', '15:00'), pass);
        expect((await ladderEntries(w.store, 'asg_l5')).map((e) => [e.stepKey, e.at, e.level])).toEqual([
          [k.r3, t('2022-03-07', '15:00'), null],
          [k.told, reopened, null],
          [k.sup, reopened, 1],
          [k.body, t('2022-03-18', '15:00'), 2],
        ]);
        expect((await stepItems(w.store, 'asg_l5')).filter((i) => i.result === null)).toEqual([]);
      } finally {
        await w.app.close();
      }
    });

    // The superior's step falls due while no policy is in force and its item ends refused; when a policy is defined again,
    // planning revives it and the case reaches the superior, then the body.
    it('a policy retired and defined again: the step that fell due in between is performed when the policy is back', async () => {
      const w = await ladderWorld(backend);
      try {
        await run(w, 'system', workweek(['2022-03-08']));
        await run(w, 'system', standardPolicy());
        await run(w, ORG.people.secretary, buyerCase('asg_l6', D));
        await run(w, TREE.buyer, { type: 'assignment.accept', assignmentId: 'asg_l6' });
        const pass = schedulerPass(w);
        await drainAt(w, new Date(START).toISOString(), pass);
        await drainAt(w, t('2022-03-11', '15:00'), pass);
        await drainAt(w, t('2022-03-14', '10:00'), pass);
        await run(w, 'system', { type: 'ladder.retire', policyId: 'lad_std', reason: 'to be rewritten' });
        // No policy on Tuesday 15, when the superior's step falls due.
        await drainDaily(w, t('2022-03-16', '10:00'), pass);
        await run(w, 'system', standardPolicy('lad_new'));
        const back = w.app.now();
        await pass.drain();
        await drainAt(w, t('2022-03-18', '15:00'), pass);
        await drainDaily(w, t('2022-03-25', '15:00'), pass);
        const k = keys(D);
        expect((await ladderEntries(w.store, 'asg_l6')).filter((e) => e.type === 'assignment.escalated').map((e) => [e.stepKey, e.at, e.level])).toEqual([
          [k.sup, back, 1],
          [k.body, t('2022-03-18', '15:00'), 2],
        ]);
        expect((await stepItems(w.store, 'asg_l6')).filter((i) => i.result === null)).toEqual([]);
      } finally {
        await w.app.close();
      }
    });

    it('an extension granted before the deadline moves the steps to new keys at new instants; the old ones lapse', async () => {
      const w = await ladderWorld(backend);
      try {
        await run(w, 'system', workweek(['2022-03-08']));
        await run(w, 'system', standardPolicy());
        await run(w, ORG.people.secretary, buyerCase('asg_l3', D));
        await run(w, TREE.buyer, { type: 'assignment.accept', assignmentId: 'asg_l3' });
        const pass = schedulerPass(w);
        await drainAt(w, new Date(START).toISOString(), pass);

        const D2 = t('2022-03-18', '15:00');
        w.clock.set(Date.parse(t('2022-03-02', '10:00')));
        await run(w, TREE.buyer, { type: 'assignment.extension.request', assignmentId: 'asg_l3', deadline: D2, reason: 'the ship is late' });
        await run(w, ORG.people.auditor, { type: 'assignment.extension.grant', assignmentId: 'asg_l3' });
        await drainAt(w, t('2022-03-02', '10:00'), pass);

        const [old, now] = [keys(D), keys(D2)];
        const when = { r3: t('2022-03-15', '15:00'), r1: t('2022-03-17', '15:00'), told: D2, sup: t('2022-03-22', '15:00'), body: t('2022-03-25', '15:00') };
        const planned = await stepItems(w.store, 'asg_l3');
        expect(planned.filter((i) => i.key.endsWith(`@${D2}`))).toEqual([
          { key: now.r3, dueAt: when.r3, result: null },
          { key: now.r1, dueAt: when.r1, result: null },
          { key: now.told, dueAt: when.told, result: null },
          { key: now.sup, dueAt: when.sup, result: null },
          { key: now.body, dueAt: when.body, result: null },
        ]);

        await drainAt(w, t('2022-03-02', '15:00'), pass);
        await drainDaily(w, t('2022-04-01', '15:00'), pass);
        expect((await ladderEntries(w.store, 'asg_l3')).map((e) => [e.stepKey, e.at, e.to])).toEqual([
          [now.r3, when.r3, TREE.buyer],
          [now.r1, when.r1, TREE.buyer],
          [now.told, when.told, ORG.people.auditor],
          [now.sup, when.sup, ORG.people.krasin],
          [now.body, when.body, TREE.body],
        ]);
        const results = new Map((await stepItems(w.store, 'asg_l3')).map((i) => [i.key, i.result]));
        for (const key of Object.values(old)) expect(results.get(key)).toBe(NOT_DUE);
        for (const key of Object.values(now)) expect(results.get(key)).toBe('done');
        expect((await proposals(w.store)).map((x) => x.state.stepKey).sort()).toEqual([now.body, now.sup]);
      } finally {
        await w.app.close();
      }
    });

    it('after downtime only the latest reminder goes out; after more, the controller is told and each escalation happens once', async () => {
      const w = await ladderWorld(backend);
      try {
        await run(w, 'system', workweek(['2022-03-08']));
        await run(w, 'system', standardPolicy());
        // Monday 21 March, 15:00: reminders Wednesday 16 and Friday 18; the superior Wednesday 23; the body Monday 28.
        const DD = t('2022-03-21', '15:00');
        await run(w, ORG.people.secretary, buyerCase('asg_l4', DD));
        const pass = schedulerPass(w);
        await drainAt(w, new Date(START).toISOString(), pass);
        const k = keys(DD);

        // Down for 20 days: back on Monday 21 at 09:00, both reminders due, the deadline not yet.
        w.clock.advance(20 * DAY);
        const back = w.app.now();
        expect(back).toBe(t('2022-03-21', '09:00'));
        await pass.drain();
        expect(await ladderEntries(w.store, 'asg_l4')).toEqual([{ type: 'assignment.reminded', at: back, actor: 'system', stepKey: k.r1, to: TREE.buyer, level: null }]);
        expect((await stepItems(w.store, 'asg_l4')).map((i) => [i.key, i.result])).toEqual([
          [k.r3, NOT_DUE],
          [k.r1, 'done'],
          [k.told, null],
          [k.sup, null],
          [k.body, null],
        ]);

        // Down for 20 more days: every later step is due; each happens once, in ladder order.
        w.clock.advance(20 * DAY);
        const later = w.app.now();
        await pass.drain();
        expect(await pass.drain()).toBe(0);
        expect((await ladderEntries(w.store, 'asg_l4')).map((e) => [e.type, e.stepKey, e.at, e.level])).toEqual([
          ['assignment.reminded', k.r1, back, null],
          ['assignment.reminded', k.told, later, null],
          ['assignment.escalated', k.sup, later, 1],
          ['assignment.escalated', k.body, later, 2],
        ]);
        expect((await proposals(w.store)).map((x) => x.state.action).sort()).toEqual(['reprimand', 'warning']);
        expect((await agendaItems(w.store)).map((i) => i.state.route)).toEqual([{ kind: 'ladder', assignmentId: 'asg_l4', escalationLevel: 2 }]);
      } finally {
        await w.app.close();
      }
    });
  });
}
