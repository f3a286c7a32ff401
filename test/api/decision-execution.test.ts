/**
 * Decisions with their execution status, on both back ends through the real server: each decision
 * of GET /api/v1/decisions and GET /api/v1/decisions/{id} carries its assignments counted by status
 * and the open ones past their deadline — over all its assignments, whoever asks; the list finds
 * decisions by number or title, case-insensitively, and pages through what it found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import { apiWorld, type ApiWorld, type Client } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { DAY, expectOk, ORG } from '../support/world.js';

interface Execution {
  total: number;
  issued: number;
  inProgress: number;
  submitted: number;
  verified: number;
  cancelled: number;
  overdue: number;
}

interface DecisionView {
  id: string;
  version: number;
  number: string;
  title: string;
  bodyId: string;
  execution: Execution;
}

const DECISION = 'dec_exec';
const EMPTY = 'dec_exec-empty';

async function listAll(client: Client, query: string, limit = 200): Promise<DecisionView[]> {
  const out: DecisionView[] = [];
  let cursor: string | null = null;
  do {
    const answer = await client.call('GET', `/api/v1/decisions?limit=${limit}${query}${cursor === null ? '' : `&cursor=${cursor}`}`);
    expect(answer.status, answer.raw.body).toBe(200);
    const page = answer.body as { items: DecisionView[]; next: string | null };
    out.push(...page.items);
    cursor = page.next;
  } while (cursor !== null);
  return out;
}

for (const backend of backends()) {
  describe(`decisions with their execution on ${backend.name}`, () => {
    let api: ApiWorld;

    beforeAll(async () => {
      api = await apiWorld(backend);
      const { app, clock } = api.world;
      const run = async (actor: string, command: CommandInput): Promise<void> => {
        expectOk(await app.execute(actor, command));
      };
      const t0 = clock.now();
      const s = ORG.people.secretary;
      const { krasin, tsiurupa } = ORG.people;
      await run(s, { type: 'decision.register', id: DECISION, bodyId: ORG.bodies.sto, number: 'EX-7', date: '2022-03-05', title: 'Électrification du Donbass' });
      await run(s, { type: 'decision.register', id: EMPTY, bodyId: ORG.bodies.council, number: 'EX-8', date: '2022-03-05', title: 'Nothing to do yet' });
      const issue = (id: string, dueMs: number): Promise<void> =>
        run(s, { type: 'assignment.issue', id, decisionId: DECISION, title: `Case ${id}`, definitionOfDone: 'done', deadline: new Date(dueMs).toISOString(), ownerId: krasin, verifierId: tsiurupa });
      await issue('asg_ex-issued-late', t0 + DAY);
      await issue('asg_ex-issued', t0 + 10 * DAY);
      await issue('asg_ex-progress-late', t0 + DAY);
      await issue('asg_ex-submitted-late', t0 + DAY);
      await issue('asg_ex-verified-late', t0 + DAY);
      await issue('asg_ex-cancelled-late', t0 + DAY);
      await run(krasin, { type: 'assignment.accept', assignmentId: 'asg_ex-progress-late' });
      for (const id of ['asg_ex-submitted-late', 'asg_ex-verified-late']) {
        await run(krasin, { type: 'assignment.accept', assignmentId: id });
        await run(krasin, { type: 'assignment.submit', assignmentId: id, evidence: [{ kind: 'text', text: 'done' }] });
      }
      await run(tsiurupa, { type: 'assignment.verify', assignmentId: 'asg_ex-verified-late' });
      await run(s, { type: 'assignment.cancel', assignmentId: 'asg_ex-cancelled-late', reason: 'not needed' });
      // A sub-assignment counts with its decision.
      await run(s, { type: 'assignment.issue', id: 'asg_ex-sub', decisionId: DECISION, parentId: 'asg_ex-issued', title: 'A part', definitionOfDone: 'done', deadline: new Date(t0 + 5 * DAY).toISOString(), ownerId: krasin, verifierId: tsiurupa });
      clock.set(t0 + 3 * DAY);
    }, 120_000);
    afterAll(() => api.close());

    it('one decision carries its assignments counted by status, and the open ones past their deadline, with its ETag', async () => {
      const viewer = await api.withToken(ORG.people.auditor, ['read']);
      const answer = await viewer.call('GET', `/api/v1/decisions/${DECISION}`);
      expect(answer.status, answer.raw.body).toBe(200);
      expect(answer.headers.etag).toBe(`"${(answer.body as DecisionView).version}"`);
      // Late and open: issued, in progress, submitted (3); the verified and cancelled ones are closed; the others (one a sub-assignment) are not due yet.
      expect((answer.body as DecisionView).execution).toEqual({ total: 7, issued: 3, inProgress: 1, submitted: 1, verified: 1, cancelled: 1, overdue: 3 } satisfies Execution);
      const empty = await viewer.call('GET', `/api/v1/decisions/${EMPTY}`);
      expect((empty.body as DecisionView).execution).toEqual({ total: 0, issued: 0, inProgress: 0, submitted: 0, verified: 0, cancelled: 0, overdue: 0 } satisfies Execution);
      expect((await viewer.call('GET', '/api/v1/decisions/dec_nowhere')).status).toBe(404);
    });

    it('the list gives every decision the same execution; the founding decision matches the statuses of its cases', async () => {
      const secretary = await api.withToken(ORG.people.secretary, ['read']);
      const all = await listAll(secretary, '');
      expect(all.map((d) => d.id)).toEqual([...all.map((d) => d.id)].sort());
      expect(all.find((d) => d.id === DECISION)?.execution).toEqual({ total: 7, issued: 3, inProgress: 1, submitted: 1, verified: 1, cancelled: 1, overdue: 3 });
      // The secretary of the deciding body sees every case of its decisions: their statuses are the counts.
      const meat = all.find((d) => d.id === ORG.decision);
      const cases = await secretary.call('GET', `/api/v1/assignments?decision=${ORG.decision}&limit=200`);
      const items = (cases.body as { items: Array<{ status: string; overdue: boolean }> }).items;
      const count = (status: string): number => items.filter((i) => i.status === status).length;
      expect(meat?.execution).toEqual({
        total: items.length,
        issued: count('issued'),
        inProgress: count('in_progress'),
        submitted: count('submitted'),
        verified: count('verified'),
        cancelled: count('cancelled'),
        overdue: items.filter((i) => i.overdue).length,
      });
      expect(meat?.execution.total).toBeGreaterThan(3);
      // Small pages give the same decisions, in the same order.
      expect((await listAll(secretary, '', 1)).map((d) => d.id)).toEqual(all.map((d) => d.id));
    });

    it('search finds decisions by number or title, case-insensitively (accents included), within a body if asked', async () => {
      const viewer = await api.withToken(ORG.people.auditor, ['read']);
      const ids = async (query: string): Promise<string[]> => (await listAll(viewer, query)).map((d) => d.id);
      expect(await ids('&search=ex-7')).toEqual([DECISION]);
      expect(await ids('&search=%C3%89LECTRIFICATION')).toEqual([DECISION]);
      expect(await ids('&search=%20donbass%20')).toEqual([DECISION]);
      expect(await ids('&search=ex-')).toEqual([DECISION, EMPTY]);
      expect(await ids(`&search=ex-&body=${ORG.bodies.council}`)).toEqual([EMPTY]);
      expect(await ids('&search=canned')).toEqual([ORG.decision]);
      expect(await ids('&search=no-such-decision')).toEqual([]);
      expect((await listAll(viewer, '&search=ex-', 1)).map((d) => d.id)).toEqual([DECISION, EMPTY]);
      expect((await viewer.call('GET', `/api/v1/decisions?search=${'x'.repeat(201)}`)).status).toBe(400);
    });

    it('nobody without a role lists decisions, but reads those of their own cases; nobody signed out at all', async () => {
      const noRole = await api.withToken(ORG.people.krasin, ['read']);
      expect(await listAll(noRole, '&search=ex-')).toEqual([]);
      // Krasin takes part in the cases of DECISION, none of EMPTY (decision 0022).
      expect((await noRole.call('GET', `/api/v1/decisions/${DECISION}`)).status).toBe(200);
      expect((await noRole.call('GET', `/api/v1/decisions/${EMPTY}`)).status).toBe(404);
      expect((await api.anonymous.call('GET', '/api/v1/decisions')).status).toBe(401);
    });
  });
}
