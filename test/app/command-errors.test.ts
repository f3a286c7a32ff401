/**
 * What only the application can refuse — unknown ids, ids of the wrong kind, input of the wrong
 * shape, ids taken, decision numbers taken — on a real store of each back end (an SQLite file,
 * a PostgreSQL database), through Proverka.execute. Every refusal is a value with a stable code,
 * and writes nothing at all.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { backends } from '../support/backends.js';
import { dumpEvents, dumpProjections } from '../support/dump.js';
import { at, expectOk, issueCommand, makeWorld, ORG, run, setupOrganisation, type World } from '../support/world.js';

const { people: p, units: u } = ORG;

/** The back ends under test, each used once here at the top level: the SQLite one registers the removal of its folder on first use, which runs after this file only if registered here. */
const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

for (const backend of BACKENDS) {
  describe(`[${backend.name}] refusals of the application`, () => {
    let w: World<KyselyStore>;
    beforeEach(async () => {
      w = makeWorld(await backend.fresh());
      await setupOrganisation(w);
      w.clock.set(Date.parse(at(1)));
    });
    afterEach(async () => {
      await w.store.close();
    });

    /** Executes a command that must be refused with `code`, and checks that nothing was written. */
    async function expectRefused(actor: string, command: unknown, code: string): Promise<void> {
      const events = await dumpEvents(w.store);
      const projections = await dumpProjections(w.store);
      const r = await w.app.execute(actor, command as CommandInput);
      expect(r.ok ? 'ok' : r.error.code, JSON.stringify(command)).toBe(code);
      expect(await dumpEvents(w.store)).toEqual(events);
      expect(await dumpProjections(w.store)).toEqual(projections);
    }

    describe('NOT_FOUND', () => {
      it('an unknown assignment, decision, owner, unit, post or committee', async () => {
        await expectRefused(p.krasin, { type: 'assignment.accept', assignmentId: 'asg_nothing' }, 'NOT_FOUND');
        await expectRefused(p.secretary, issueCommand({ decisionId: 'dec_nothing' }), 'NOT_FOUND');
        await expectRefused(p.secretary, issueCommand({ ownerId: 'per_nobody' }), 'NOT_FOUND');
        await expectRefused(p.secretary, issueCommand({ coExecutorIds: ['per_nobody'] }), 'NOT_FOUND');
        await expectRefused('system', { type: 'person.register', name: 'X', unitId: 'unit_nowhere' }, 'NOT_FOUND');
        await expectRefused('system', { type: 'post.appoint', postId: 'post_nothing', personId: p.krasin }, 'NOT_FOUND');
        await expectRefused('system', { type: 'committee.dissolve', committeeId: 'cmt_nothing', reason: 'r' }, 'NOT_FOUND');
        await expectRefused('system', { type: 'decision.register', bodyId: 'body_nothing', number: '2', date: '2022-03-01', title: 't' }, 'NOT_FOUND');
      });
      it('an id that is not even well formed', async () => {
        await expectRefused(p.krasin, { type: 'assignment.accept', assignmentId: 'hello' }, 'NOT_FOUND');
        await expectRefused(p.secretary, issueCommand({ verifierId: 'Tsiurupa' }), 'NOT_FOUND');
      });
      it('an issuer (the actor) that is not a registered person', async () => {
        await expectRefused('per_stranger', issueCommand(), 'NOT_FOUND');
        await expectRefused('system', issueCommand(), 'NOT_FOUND');
      });
      it('a handover or escalation target that does not exist', async () => {
        const { id } = await run(w, p.secretary, issueCommand());
        await run(w, p.krasin, { type: 'assignment.accept', assignmentId: id });
        await expectRefused(p.krasin, { type: 'assignment.handover.offer', assignmentId: id, toId: 'per_nobody', reason: 'r' }, 'NOT_FOUND');
        await expectRefused(p.krasin, { type: 'assignment.escalate', assignmentId: id, toId: 'body_nothing', reason: 'r' }, 'NOT_FOUND');
      });
    });

    describe('WRONG_KIND', () => {
      it('an existing id of another kind where a given kind is required', async () => {
        await expectRefused(p.krasin, { type: 'assignment.accept', assignmentId: p.krasin }, 'WRONG_KIND');
        await expectRefused(p.secretary, issueCommand({ decisionId: ORG.bodies.sto }), 'WRONG_KIND');
        await expectRefused('system', { type: 'committee.dissolve', committeeId: u.trade, reason: 'r' }, 'WRONG_KIND');
        await expectRefused('system', { type: 'decision.register', bodyId: u.trade, number: '2', date: '2022-03-01', title: 't' }, 'WRONG_KIND');
        await expectRefused('system', { type: 'post.appoint', postId: u.trade, personId: p.krasin }, 'WRONG_KIND');
        await expectRefused('system', { type: 'body.create', name: 'B', level: 3, parentId: ORG.committee }, 'WRONG_KIND');
        await expectRefused(p.secretary, issueCommand({ parentId: ORG.decision }), 'WRONG_KIND');
      });
      it('the details name the kind found and the kind expected', async () => {
        const r = await w.app.execute(p.krasin, { type: 'assignment.accept', assignmentId: p.krasin });
        expect(r).toMatchObject({ ok: false, error: { code: 'WRONG_KIND', details: { id: p.krasin, kind: 'person', expected: 'assignment' } } });
      });
    });

    describe('VALIDATION_FAILED', () => {
      const cases: Array<[string, unknown]> = [
        ['an unknown command type', { type: 'assignment.approve', assignmentId: 'asg_x' }],
        ['no type at all', { assignmentId: 'asg_x' }],
        ['not an object', 'assignment.accept'],
        ['a missing required field', { type: 'assignment.accept' }],
        ['a blank id', { type: 'assignment.accept', assignmentId: '   ' }],
        ['a field of the wrong type', { type: 'body.create', name: 'B', level: 'one' }],
        ['a fractional level', { type: 'body.create', name: 'B', level: 1.5 }],
        ['an evidence item of an unknown kind', { type: 'assignment.submit', assignmentId: 'asg_x', evidence: [{ kind: 'photo', url: 'x' }] }],
        ['evidence that is not a list', { type: 'assignment.submit', assignmentId: 'asg_x', evidence: { kind: 'text', text: 'x' } }],
        ['reasons that are not strings', { type: 'assignment.reject', assignmentId: 'asg_x', reasons: [1, 2] }],
        ['an unknown urgency', { ...issueCommand(), urgency: 'very' }],
        ['a title longer than allowed', { ...issueCommand(), title: 'x'.repeat(501) }],
      ];
      for (const [what, command] of cases) {
        it(`${what}`, async () => {
          await expectRefused(p.krasin, command, 'VALIDATION_FAILED');
        });
      }
      it('names the offending field', async () => {
        const r = await w.app.execute('system', { type: 'body.create', name: 'B', level: 'one' } as unknown as CommandInput);
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.error.message).toMatch(/^level: /);
        expect(r.error.details?.['issues']).toEqual([expect.objectContaining({ path: 'level' })]);
      });
      it('an explicit id that is malformed or of another kind', async () => {
        await expectRefused('system', { type: 'person.register', id: 'unit_lenin', name: 'X', unitId: u.trade }, 'VALIDATION_FAILED');
        await expectRefused('system', { type: 'person.register', id: 'Lenin', name: 'X', unitId: u.trade }, 'VALIDATION_FAILED');
        await expectRefused(p.secretary, issueCommand({ id: 'dec_x' }), 'VALIDATION_FAILED');
      });
    });

    describe('ALREADY_EXISTS', () => {
      it('an explicit id that is taken, of any kind of stream', async () => {
        await expectRefused('system', { type: 'person.register', id: p.krasin, name: 'Krasin again', unitId: u.trade }, 'ALREADY_EXISTS');
        await expectRefused('system', { type: 'unit.create', id: u.trade, name: 'Trade again' }, 'ALREADY_EXISTS');
        await expectRefused('system', { type: 'unit.create', name: 'New unit', headPostId: 'post_trade-head' }, 'ALREADY_EXISTS');
        await expectRefused(p.secretary, { type: 'decision.register', id: ORG.decision, bodyId: ORG.bodies.sto, number: '99', date: '2022-03-01', title: 't' }, 'ALREADY_EXISTS');
        await run(w, p.secretary, issueCommand({ id: 'asg_meat' }));
        await expectRefused(p.secretary, issueCommand({ id: 'asg_meat' }), 'ALREADY_EXISTS');
      });
      it('the same assignment id twice in one decision', async () => {
        await expectRefused(
          p.secretary,
          { type: 'decision.register', bodyId: ORG.bodies.sto, number: '2', date: '2022-03-01', title: 't', assignments: [issueSpec({ id: 'asg_twice' }), issueSpec({ id: 'asg_twice' })] },
          'ALREADY_EXISTS',
        );
      });
    });

    describe('DECISION_NUMBER_TAKEN', () => {
      it('a body cannot use a number twice (trimmed); another body can', async () => {
        await expectRefused(p.secretary, { type: 'decision.register', bodyId: ORG.bodies.sto, number: '1', date: '2022-03-02', title: 'Again' }, 'DECISION_NUMBER_TAKEN');
        await expectRefused(p.secretary, { type: 'decision.register', bodyId: ORG.bodies.sto, number: ' 1 ', date: '2022-03-02', title: 'Again' }, 'DECISION_NUMBER_TAKEN');
        const other = await run(w, p.secretary, { type: 'decision.register', bodyId: ORG.bodies.council, number: '1', date: '2022-03-02', title: 'Same number, other body' });
        expect(other.events.map((e) => e.type)).toEqual(['decision.registered']);
      });
    });

    /** An assignment of a decision (without the decision id), Krasin owning, Tsiurupa verifying. */
    function issueSpec(overrides: Record<string, unknown> = {}): Record<string, unknown> {
      const spec: Record<string, unknown> = { ...issueCommand() };
      delete spec['type'];
      delete spec['decisionId'];
      return { ...spec, ...overrides };
    }

    describe('decision.register with assignments (F1): all or nothing', () => {
      it('registers the decision and every assignment, a sub-assignment naming a sibling as its parent', async () => {
        const out = await run(w, p.secretary, {
          type: 'decision.register',
          id: 'dec_coal',
          bodyId: ORG.bodies.sto,
          number: '2',
          date: '2022-03-01',
          title: 'Coal basin',
          assignments: [issueSpec({ id: 'asg_plan', title: 'Plan' }), issueSpec({ id: 'asg_sub', parentId: 'asg_plan', title: 'Sub', deadline: at(100) }), issueSpec({ title: 'Third' })],
        });
        expect(out.id).toBe('dec_coal');
        expect(out.events.map((e) => [e.streamId, e.type])).toEqual([
          ['dec_coal', 'decision.registered'],
          ['asg_plan', 'assignment.issued'],
          ['asg_sub', 'assignment.issued'],
          [expect.stringMatching(/^asg_/), 'assignment.issued'],
        ]);
        const rows = await w.store.reads.assignments({ decisionId: 'dec_coal' });
        expect(rows.map((r) => [r.title, r.parentId]).sort()).toEqual([
          ['Plan', null],
          ['Sub', 'asg_plan'],
          ['Third', null],
        ]);
      });

      const bad: Array<[string, Record<string, unknown>, string]> = [
        ['the verifier owns it', issueSpec({ verifierId: p.krasin }), 'VERIFIER_IS_OWNER'],
        ['a unit owns it', issueSpec({ ownerId: u.trade }), 'OWNER_NOT_A_PERSON'],
        ['a committee owns it', issueSpec({ ownerId: ORG.committee }), 'OWNER_NOT_A_PERSON'],
        ['no deadline', issueSpec({ deadline: undefined }), 'DEADLINE_REQUIRED'],
        ['an unknown owner', issueSpec({ ownerId: 'per_nobody' }), 'NOT_FOUND'],
        ['a parent due earlier', issueSpec({ parentId: 'asg_first', deadline: at(500) }), 'SUB_DEADLINE_AFTER_PARENT'],
      ];
      for (const [what, spec, code] of bad) {
        it(`one bad assignment (${what}) → ${code}, and no decision, no assignment`, async () => {
          const command = {
            type: 'decision.register',
            id: 'dec_coal',
            bodyId: ORG.bodies.sto,
            number: '2',
            date: '2022-03-01',
            title: 'Coal basin',
            assignments: [issueSpec({ id: 'asg_first' }), issueSpec({ id: 'asg_second' }), spec],
          };
          await expectRefused(p.secretary, command, code);
          const r = await w.app.execute(p.secretary, command as CommandInput);
          expect(!r.ok && r.error.details?.['assignment']).toBe(3);
          expect(await w.store.reads.streamEvents('dec_coal')).toEqual([]);
          expect(await w.store.reads.streamEvents('asg_first')).toEqual([]);
          expect(await w.store.reads.assignments({})).toEqual([]);
          // the number stays free: the same decision, corrected, registers
          const fixed = expectOk(await w.app.execute(p.secretary, { ...command, assignments: command.assignments.slice(0, 2) } as CommandInput));
          expect(fixed.events).toHaveLength(3);
        });
      }
    });

    describe('domain refusals through the application', () => {
      it('keep their domain code and write nothing', async () => {
        await expectRefused(p.secretary, issueCommand({ ownerId: u.trade }), 'OWNER_NOT_A_PERSON');
        await expectRefused(p.secretary, issueCommand({ verifierId: ORG.committee }), 'VERIFIER_NOT_A_PERSON');
        await expectRefused(p.secretary, issueCommand({ controllerId: ORG.bodies.sto }), 'PARTY_NOT_A_PERSON');
        await expectRefused(p.secretary, issueCommand({ deadline: at(0) }), 'DEADLINE_BEFORE_ISSUE');
        await expectRefused(p.secretary, issueCommand({ title: '' }), 'TITLE_REQUIRED');
        await expectRefused(p.secretary, issueCommand({ definitionOfDone: '' }), 'DEFINITION_OF_DONE_REQUIRED');
        await expectRefused(p.secretary, issueCommand({ ownerId: undefined }), 'OWNER_REQUIRED');
        await expectRefused('system', { type: 'person.register', name: 'X', unitId: ORG.bodies.sto }, 'UNIT_PARENT_INVALID');
        await expectRefused('system', { type: 'post.create', unitId: u.trade, title: 'Buyer', holderId: u.coop }, 'POST_HOLDER_INVALID');
        await expectRefused('system', { type: 'post.appoint', postId: 'post_trade-head', personId: ORG.committee }, 'POST_HOLDER_INVALID');
        await expectRefused('system', { type: 'body.create', name: 'B', level: 1, parentId: ORG.bodies.sto }, 'BODY_LEVEL_INVALID');
        await expectRefused('system', { type: 'committee.create', name: 'C', mandate: 'm', sunset: '2023-01-01' }, 'COMMITTEE_CHAIR_REQUIRED');
        await expectRefused('system', { type: 'committee.create', name: 'C', mandate: 'm', chairId: p.clerk, sunset: '2022-02-01' }, 'COMMITTEE_SUNSET_INVALID');
        await expectRefused(p.secretary, { type: 'decision.register', bodyId: ORG.bodies.sto, number: '3', date: '2022-02-30', title: 't' }, 'DATE_INVALID');
        await expectRefused('system', { type: 'unit.create', name: ' ' }, 'NAME_REQUIRED');
      });
      it('a lifecycle refusal leaves the case exactly as it was', async () => {
        const { id } = await run(w, p.secretary, issueCommand());
        await expectRefused(p.tsiurupa, { type: 'assignment.accept', assignmentId: id }, 'NOT_THE_OWNER');
        await expectRefused(p.krasin, { type: 'assignment.submit', assignmentId: id, evidence: [{ kind: 'text', text: 'done' }] }, 'INVALID_TRANSITION');
        await run(w, p.krasin, { type: 'assignment.accept', assignmentId: id });
        await expectRefused(p.krasin, { type: 'assignment.handover.offer', assignmentId: id, toId: p.tsiurupa, reason: 'r' }, 'VERIFIER_CANNOT_HOLD');
        await expectRefused(p.krasin, { type: 'assignment.transfer.request', assignmentId: id, toId: u.coop, reason: 'r' }, 'OWNER_NOT_A_PERSON');
        await expectRefused(p.krasin, { type: 'assignment.escalate', assignmentId: id, toId: ORG.committee, reason: 'r' }, 'ESCALATION_TARGET_INVALID');
        await expectRefused(p.krasin, { type: 'assignment.submit', assignmentId: id, evidence: [] }, 'EVIDENCE_REQUIRED');
        await expectRefused(p.krasin, { type: 'assignment.submit', assignmentId: id, evidence: [{ kind: 'document', name: 'r.pdf', sha256: 'nope' }] }, 'EVIDENCE_INVALID');
        await expectRefused(p.krasin, { type: 'assignment.verify', assignmentId: id }, 'INVALID_TRANSITION');
        await expectRefused(p.krasin, { type: 'assignment.extension.request', assignmentId: id, deadline: at(100), reason: 'r' }, 'EXTENSION_NOT_LATER');
      });
    });
  });
}
