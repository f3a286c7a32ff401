/**
 * Issue #5 over HTTP, on both back ends: an administrator defines, revises and retires a business
 * calendar and a ladder policy (a broken one is 422 with its problems, a taken scope 409, others
 * are refused); an urgent demand is refused without its documents and issued with them; a question
 * reaches a body's agenda only with its full statement, is returned by the secretary, brought again
 * by the unit, scheduled and decided, and the body's load figures count it; the ladder, run by the
 * scheduler, proposes an accountability action that a person decides — never the one it concerns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import { defaultHandlers } from '../../src/jobs/handlers.js';
import { SchedulerPass } from '../../src/jobs/scheduler.js';
import { apiWorld, type Answer, type ApiWorld, type Client } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { expectOk, HOUR, ORG } from '../support/world.js';

const { units: U, people: P } = ORG;
type Json = Record<string, unknown>;
/** A body of this test's own, so that its agenda holds only what the test puts there. */
const INTAKE = 'body_intake';

function expectStatus(r: Answer, status: number): Json {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body as Json;
}

/** The problem of an answer of the expected status and code: problem+json, with its details. */
function expectProblem(r: Answer, status: number, code: string): Json {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect((r.body as { code: string }).code).toBe(code);
  return r.body as Json;
}

/** The `issue` of every problem a 422 lists in details.problems (each with a path and a message). */
function issuesOf(problem: Json): string[] {
  const list = (problem['details'] as { problems?: Array<{ path: unknown; issue: unknown; message: unknown }> } | undefined)?.problems ?? [];
  for (const p of list) {
    expect(typeof p.path).toBe('string');
    expect(typeof p.message).toBe('string');
  }
  return list.map((p) => String(p.issue));
}

for (const backend of backends()) {
  describe(`the ladder, urgent demands and the agenda over HTTP on ${backend.name}`, () => {
    let api: ApiWorld;
    /** Tsiurupa: administrator over every root unit. */
    let admin: Client;
    /** Secretary of the Council of Labour and Defence and of the intake body. */
    let secretary: Client;
    /** Krasin: head of Foreign trade (may issue there; may not organise). */
    let krasin: Client;
    /** Khinchuk: head of the consumers' society, and the owner of the case the ladder escalates. */
    let khinchuk: Client;
    /** Auditor: controller over Foreign trade (reads it, may neither organise nor issue there). */
    let auditor: Client;
    /** Clerk: no role at all. */
    let clerk: Client;
    const system = async (command: CommandInput): Promise<void> => void expectOk(await api.world.app.execute('system', command));
    const now = (): number => api.world.clock.now();

    /** Uploads a file as a client; the document item citing it. */
    async function upload(c: Client, content: string, name: string): Promise<{ kind: 'document'; name: string; sha256: string; size: number }> {
      const r = expectStatus(await c.call('POST', '/api/v1/files', { payload: content, headers: { 'content-type': 'text/plain' } }), 201) as { sha256: string; size: number };
      return { kind: 'document', name, sha256: r.sha256, size: r.size };
    }

    beforeAll(async () => {
      api = await apiWorld(backend);
      for (const root of [U.sec, U.trade, U.coop]) await system({ type: 'person.grant-role', personId: P.tsiurupa, role: 'administrator', scopeId: root });
      await system({ type: 'person.grant-role', personId: P.krasin, role: 'unit_head', scopeId: U.trade });
      await system({ type: 'person.grant-role', personId: P.khinchuk, role: 'unit_head', scopeId: U.coop });
      await system({ type: 'body.create', id: INTAKE, name: 'Intake commission', level: 3, parentId: ORG.bodies.sto });
      await system({ type: 'person.grant-role', personId: P.secretary, role: 'secretary', scopeId: INTAKE });
      // API tokens, not sessions: the test moves the clock by hours, past a session's idle limit.
      const client = (personId: string): Promise<Client> => api.withToken(personId, ['read', 'write']);
      admin = await client(P.tsiurupa);
      secretary = await client(P.secretary);
      krasin = await client(P.krasin);
      khinchuk = await client(P.khinchuk);
      auditor = await client(P.auditor);
      clerk = await client(P.clerk);
    });
    afterAll(() => api.close());

    it('an administrator defines, revises and retires a calendar; a broken one is 422 CALENDAR_INVALID with its problems, a taken scope 409', async () => {
      const definition = { workingWeekdays: [1, 2, 3, 4, 5], workingHours: { start: '08:00', end: '17:00' }, holidays: ['2022-03-10'] };
      const made = await admin.call('POST', '/api/v1/calendars', { body: { unitId: U.trade, definition }, headers: { 'idempotency-key': 'calendar-trade-1' } });
      const cal = expectStatus(made, 201);
      expect(cal).toMatchObject({ unitId: U.trade, revision: 1, version: 1, retiredAt: null, definition: { ...definition, utcOffsetMinutes: null, workingDates: [] } });
      const id = String(cal['id']);
      expect(made.headers.location).toBe(`/api/v1/calendars/${id}`);
      expect(made.headers.etag).toBe('"1"');
      // A retry with the same key answers the same, and makes nothing more.
      const again = await admin.call('POST', '/api/v1/calendars', { body: { unitId: U.trade, definition }, headers: { 'idempotency-key': 'calendar-trade-1' } });
      expect(expectStatus(again, 201)['id']).toBe(id);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expectProblem(await admin.call('POST', '/api/v1/calendars', { body: { unitId: U.trade, definition } }), 409, 'CALENDAR_SCOPE_TAKEN');

      const broken = expectProblem(
        await admin.call('POST', '/api/v1/calendars', { body: { unitId: U.coop, definition: { workingWeekdays: [0, 8], workingHours: { start: '18:00', end: '09:00' }, holidays: ['2022-02-30'] } } }),
        422,
        'CALENDAR_INVALID',
      );
      expect(issuesOf(broken)).toEqual(expect.arrayContaining(['WEEKDAY_INVALID', 'HOURS_EMPTY', 'DATE_INVALID']));
      expect((await api.store.fresh.streams('calendar', { unitIds: [U.coop] })).length).toBe(0);

      // Who may: the controller of the unit reads it but may not organise it; someone without a role sees nothing.
      expectProblem(await auditor.call('POST', '/api/v1/calendars', { body: { unitId: U.trade, definition } }), 403, 'FORBIDDEN');
      expectStatus(await auditor.call('GET', `/api/v1/calendars/${id}`), 200);
      expectProblem(await clerk.call('GET', `/api/v1/calendars/${id}`), 404, 'NOT_FOUND');
      expect((expectStatus(await auditor.call('GET', '/api/v1/calendars?limit=200'), 200)['items'] as Json[]).map((c) => c['id'])).toContain(id);
      expect(expectStatus(await clerk.call('GET', '/api/v1/calendars'), 200)['items']).toEqual([]);

      const revised = { ...definition, holidays: ['2022-03-10', '2022-03-11'] };
      expectProblem(await admin.call('POST', `/api/v1/calendars/${id}/revise`, { body: { definition: revised } }), 428, 'PRECONDITION_REQUIRED');
      expectProblem(await admin.call('POST', `/api/v1/calendars/${id}/revise`, { body: { definition: revised }, headers: { 'if-match': '"7"' } }), 412, 'PRECONDITION_FAILED');
      const r2 = await admin.call('POST', `/api/v1/calendars/${id}/revise`, { body: { definition: revised }, headers: { 'if-match': '"1"' } });
      expect(expectStatus(r2, 200)).toMatchObject({ revision: 2, version: 2, definition: { holidays: ['2022-03-10', '2022-03-11'] } });
      expect(r2.headers.etag).toBe('"2"');
      expect(issuesOf(expectProblem(await admin.call('POST', `/api/v1/calendars/${id}/revise`, { body: { definition: revised }, headers: { 'if-match': '"2"' } }), 422, 'CALENDAR_INVALID'))).toEqual(['UNCHANGED']);
      const retired = expectStatus(await admin.call('POST', `/api/v1/calendars/${id}/retire`, { body: { reason: 'back to the organisation' }, headers: { 'if-match': '"2"' } }), 200);
      expect(retired['retiredAt']).not.toBeNull();
      const ids = async (q: string): Promise<unknown[]> => (expectStatus(await admin.call('GET', `/api/v1/calendars?unit=${U.trade}&${q}`), 200)['items'] as Json[]).map((c) => c['id']);
      expect(await ids('active=true')).toEqual([]);
      expect(await ids('active=false')).toEqual([id]);
    });

    it('an administrator defines, revises and retires a ladder policy; a broken one is 422 LADDER_POLICY_INVALID with its problems, a taken scope 409', async () => {
      const rules = {
        reminders: [{ amount: 2, unit: 'working-days' }],
        superior: { after: { amount: 1, unit: 'working-days' }, action: 'warning' },
        body: { after: { amount: 2, unit: 'working-days' }, action: 'reprimand', bodyId: null },
      };
      const made = await admin.call('POST', '/api/v1/ladder-policies', { body: { name: 'Trade ladder', unitId: U.trade, domain: 'trade', rules }, headers: { 'idempotency-key': 'policy-trade-1' } });
      const policy = expectStatus(made, 201);
      expect(policy).toMatchObject({ name: 'Trade ladder', scope: { unitId: U.trade, domain: 'trade' }, revision: 1, rules, retiredAt: null });
      const id = String(policy['id']);
      expect(made.headers.location).toBe(`/api/v1/ladder-policies/${id}`);
      expectProblem(await admin.call('POST', '/api/v1/ladder-policies', { body: { name: 'Another', unitId: U.trade, domain: 'trade', rules } }), 409, 'LADDER_POLICY_SCOPE_TAKEN');

      const broken = expectProblem(
        await admin.call('POST', '/api/v1/ladder-policies', {
          body: { name: ' ', unitId: U.coop, rules: { reminders: [{ amount: -1, unit: 'working-days' }, { amount: 1, unit: 'fortnights' }], body: { after: { amount: 1, unit: 'working-days' } } } },
        }),
        422,
        'LADDER_POLICY_INVALID',
      );
      expect(issuesOf(broken)).toEqual(expect.arrayContaining(['NAME_REQUIRED', 'DELAY_NEGATIVE', 'DELAY_UNIT_UNKNOWN', 'BODY_WITHOUT_SUPERIOR']));

      // The head of the unit may not organise it; the secretary does not even see it; the whole organisation's takes an administrator of all of it.
      expectProblem(await krasin.call('POST', '/api/v1/ladder-policies', { body: { name: 'Mine', unitId: U.trade, domain: 'furs', rules } }), 403, 'FORBIDDEN');
      expectProblem(await secretary.call('POST', '/api/v1/ladder-policies', { body: { name: 'Mine', unitId: U.trade, domain: 'furs', rules } }), 404, 'NOT_FOUND');
      expectProblem(await krasin.call('POST', '/api/v1/ladder-policies', { body: { name: 'Energy', domain: 'energy', rules } }), 403, 'FORBIDDEN');
      const energy = expectStatus(await admin.call('POST', '/api/v1/ladder-policies', { body: { name: 'Energy', domain: 'energy', rules } }), 201);
      expect(energy['scope']).toEqual({ unitId: null, domain: 'energy' });

      // The head of the unit reads the policy of its subtree; someone without a role sees nothing.
      expectStatus(await krasin.call('GET', `/api/v1/ladder-policies/${id}`), 200);
      expectProblem(await clerk.call('GET', `/api/v1/ladder-policies/${id}`), 404, 'NOT_FOUND');
      expect((expectStatus(await krasin.call('GET', `/api/v1/ladder-policies?unit=${U.trade}&domain=trade`), 200)['items'] as Json[]).map((p) => p['id'])).toEqual([id]);

      const stricter = { ...rules, superior: { after: { amount: 0, unit: 'working-days' }, action: 'reprimand' } };
      expectProblem(await krasin.call('POST', `/api/v1/ladder-policies/${id}/revise`, { body: { rules: stricter }, headers: { 'if-match': '"1"' } }), 403, 'FORBIDDEN');
      const revised = await admin.call('POST', `/api/v1/ladder-policies/${id}/revise`, { body: { rules: stricter }, headers: { 'if-match': '"1"' } });
      expect(expectStatus(revised, 200)).toMatchObject({ name: 'Trade ladder', revision: 2, version: 2, rules: stricter });
      expect(revised.headers.etag).toBe('"2"');
      expectProblem(await admin.call('POST', `/api/v1/ladder-policies/${id}/retire`, { body: { reason: 'merged' }, headers: { 'if-match': '"1"' } }), 412, 'PRECONDITION_FAILED');
      expect(expectStatus(await admin.call('POST', `/api/v1/ladder-policies/${id}/retire`, { body: { reason: 'merged' }, headers: { 'if-match': '"2"' } }), 200)['retiredAt']).not.toBeNull();
      expectProblem(await admin.call('POST', `/api/v1/ladder-policies/${id}/retire`, { body: { reason: 'again' }, headers: { 'if-match': '"3"' } }), 409, 'INVALID_TRANSITION');
    });

    it('an urgent demand without its documents is refused DOCUMENTS_REQUIRED; with them it is an urgent case carrying its record', async () => {
      const demand = {
        title: 'Telephone the trust about the wagons',
        definitionOfDone: 'The wagons leave for the Donbass',
        deadline: new Date(now() + 48 * HOUR).toISOString(),
        ownerId: P.krasin,
        verifierId: P.tsiurupa,
        competentUnitId: U.trade,
        copyToId: U.ctrl,
        statement: 'I consider the deal urgent; delay will be pursued',
      };
      const url = `/api/v1/decisions/${ORG.decision}/urgent-demands`;
      expectProblem(await secretary.call('POST', url, { body: demand }), 422, 'DOCUMENTS_REQUIRED');
      expectProblem(await secretary.call('POST', url, { body: { ...demand, documents: [{ kind: 'document', name: 'report.txt', sha256: 'f'.repeat(64) }] } }), 422, 'EVIDENCE_FILE_MISSING');
      const report = await upload(secretary, 'The report of the trade mission', 'report.txt');
      expectProblem(await secretary.call('POST', url, { body: { ...demand, documents: [report], deadline: new Date(now() + 5 * 24 * HOUR).toISOString() } }), 422, 'DEADLINE_TOO_LONG_FOR_URGENT');
      // The clerk takes part in this decision's cases (so reads it, decision 0022) but holds no role to issue under it.
      expectProblem(await clerk.call('POST', url, { body: { ...demand, documents: [report] } }), 403, 'FORBIDDEN');

      const made = await secretary.call('POST', url, { body: { ...demand, documents: [report] }, headers: { 'idempotency-key': 'urgent-wagons-1' } });
      const body = expectStatus(made, 201);
      const urgentDemand = { competentUnitId: U.trade, documents: [report], copyTo: { id: U.ctrl, kind: 'unit' }, statement: demand.statement };
      expect(body).toMatchObject({ urgency: 'urgent', status: 'issued', ownerId: P.krasin, decisionId: ORG.decision, urgentDemand });
      const id = String(body['id']);
      expect(made.headers.location).toBe(`/api/v1/assignments/${id}`);
      const replay = await secretary.call('POST', url, { body: { ...demand, documents: [report] }, headers: { 'idempotency-key': 'urgent-wagons-1' } });
      expect(expectStatus(replay, 201)).toEqual(body);
      expect(expectStatus(await krasin.call('GET', `/api/v1/assignments/${id}`), 200)['urgency']).toBe('urgent');
      expect((await api.store.fresh.snapshot(id))?.state).toMatchObject({ urgency: 'urgent', urgentDemand });
    });

    it("a question reaches a body's agenda only with its full statement; the secretary returns it, the unit brings it again, it is scheduled and decided; the load figures count it", async () => {
      const url = `/api/v1/bodies/${INTAKE}/agenda`;
      const bare = expectProblem(await secretary.call('POST', url, { body: { question: 'Who pays for the wagons?' } }), 422, 'STATEMENT_INCOMPLETE');
      expect((bare['details'] as { missing: string[] }).missing).toEqual(['options', 'documents', 'alreadyTried']);
      const estimate = await upload(secretary, 'The estimate of the wagons', 'estimate.txt');
      const statement = { question: 'Who pays for the wagons?', options: ['the trust', 'the commissariat'], documents: [estimate], alreadyTried: [{ partyId: U.trade, did: 'asked the trust twice' }] };
      expectProblem(await clerk.call('POST', url, { body: statement }), 404, 'NOT_FOUND');
      const made = await secretary.call('POST', url, { body: statement, headers: { 'idempotency-key': 'agenda-wagons-1' } });
      const item = expectStatus(made, 201);
      expect(item).toMatchObject({ bodyId: INTAKE, status: 'submitted', returns: 0, route: { kind: 'statement', options: statement.options, documents: [estimate] } });
      const id = String(item['id']);
      expect(made.headers.location).toBe(`/api/v1/agenda-items/${id}`);

      api.world.clock.advance(HOUR);
      const back = expectStatus(await secretary.call('POST', `/api/v1/agenda-items/${id}/return`, { body: { toUnitId: U.trade, reason: 'a detail for the competent level' }, headers: { 'if-match': '"1"' } }), 200);
      expect(back).toMatchObject({ status: 'returned', returns: 1, lastReturn: { toUnitId: U.trade, by: P.secretary } });

      api.world.clock.advance(HOUR);
      const again = { ...statement, question: 'Who pays for the wagons? (the trust refused in writing)' };
      // The controller of the unit may not bring it again; the head of the unit may, without seeing the agenda.
      expectProblem(await auditor.call('POST', `/api/v1/agenda-items/${id}/resubmit`, { body: again, headers: { 'if-match': '"2"' } }), 403, 'FORBIDDEN');
      expectProblem(await krasin.call('GET', `/api/v1/agenda-items/${id}`), 404, 'NOT_FOUND');
      const resubmitted = expectStatus(await krasin.call('POST', `/api/v1/agenda-items/${id}/resubmit`, { body: again, headers: { 'if-match': '"2"' } }), 200);
      expect(resubmitted).toMatchObject({ status: 'submitted', returns: 1, submittedBy: P.krasin, question: again.question });
      expect(resubmitted['stays']).toHaveLength(2);

      expectProblem(await krasin.call('POST', `/api/v1/agenda-items/${id}/schedule`, { body: { session: '2022-04-01' }, headers: { 'if-match': '"3"' } }), 404, 'NOT_FOUND');
      expect(expectStatus(await secretary.call('POST', `/api/v1/agenda-items/${id}/schedule`, { body: { session: '2022-04-01' }, headers: { 'if-match': '"3"' } }), 200)).toMatchObject({ status: 'scheduled', session: '2022-04-01' });
      const decision = expectStatus(await secretary.call('POST', '/api/v1/decisions', { body: { bodyId: INTAKE, number: 'I-1', date: '2022-03-05', title: 'The trust pays for the wagons' } }), 201);
      api.world.clock.advance(2 * HOUR);
      const decided = await secretary.call('POST', `/api/v1/agenda-items/${id}/decide`, { body: { decisionId: decision['id'] }, headers: { 'if-match': '"4"' } });
      expect(expectStatus(decided, 200)).toMatchObject({ status: 'decided', decisionId: decision['id'] });
      expect(decided.headers.etag).toBe('"5"');
      expectProblem(await secretary.call('POST', `/api/v1/agenda-items/${id}/withdraw`, { body: { reason: 'too late' }, headers: { 'if-match': '"5"' } }), 409, 'INVALID_TRANSITION');

      // Stays: submitted → returned after 1 h; again → decided after 2 h.
      const agenda = expectStatus(await secretary.call('GET', url), 200);
      expect((agenda['items'] as Json[]).map((i) => i['id'])).toEqual([id]);
      expect(agenda['next']).toBeNull();
      expect(agenda['load']).toEqual({
        items: 1,
        open: 0,
        perSession: [{ session: '2022-04-01', items: 1 }],
        returnedShare: 1,
        ladderShare: 0,
        timeOnAgenda: { stays: 2, meanMs: 1.5 * HOUR, medianMs: 1.5 * HOUR },
      });
      // A status narrows the items, not the figures.
      const open = expectStatus(await secretary.call('GET', `${url}?status=submitted`), 200);
      expect(open['items']).toEqual([]);
      expect(open['load']).toEqual(agenda['load']);
      // Whoever sees the body but not its agenda gets no items and figures over none; without a role, no body at all.
      expect(expectStatus(await auditor.call('GET', url), 200)).toMatchObject({ items: [], load: { items: 0, open: 0 } });
      expectProblem(await clerk.call('GET', url), 404, 'NOT_FOUND');
    });

    it('the ladder, run by the scheduler, proposes an accountability action; a person decides it, never the one it concerns', async () => {
      const issued = await secretary.call('POST', `/api/v1/decisions/${ORG.decision}/assignments`, {
        body: { title: 'Count the co-operative stores', definitionOfDone: 'A table of the stores', deadline: new Date(now() + HOUR).toISOString(), ownerId: P.khinchuk, verifierId: P.tsiurupa },
      });
      const asg = String(expectStatus(issued, 201)['id']);
      const pass = (): SchedulerPass => new SchedulerPass({ app: api.world.app, clock: api.world.clock, handlers: defaultHandlers(), worker: 'ladder-api-test' });
      // Planning the case puts its steps in the scheduler's index; the superior's step falls due after the deadline.
      await pass().drain();
      const steps = await api.store.jobs.list({ done: false, kind: 'ladder-step' });
      const superior = steps.find((s) => s.id.startsWith(`ladder:${asg}:escalate:superior@`));
      expect(superior, steps.map((s) => s.id).join('\n')).toBeDefined();
      api.world.clock.set(Date.parse(superior?.dueAt ?? ''));
      await pass().drain();

      const page = expectStatus(await secretary.call('GET', `/api/v1/accountability-proposals?assignment=${asg}`), 200);
      const items = page['items'] as Json[];
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ assignmentId: asg, subjectId: P.khinchuk, action: 'warning', level: 1, status: 'proposed', policyId: 'lad_standard', proposedBy: 'system' });
      const id = String(items[0]?.['id']);
      const one = await secretary.call('GET', `/api/v1/accountability-proposals/${id}`);
      expect(expectStatus(one, 200)['id']).toBe(id);
      expect(one.headers.etag).toBe('"1"');
      expectProblem(await clerk.call('GET', `/api/v1/accountability-proposals/${id}`), 404, 'NOT_FOUND');
      expect(expectStatus(await clerk.call('GET', `/api/v1/accountability-proposals?assignment=${asg}`), 200)['items']).toEqual([]);

      const verdict = { verdict: 'accepted', reason: 'the deadline was known' };
      const decideUrl = `/api/v1/accountability-proposals/${id}/decide`;
      expectProblem(await khinchuk.call('POST', decideUrl, { body: verdict, headers: { 'if-match': '"1"' } }), 403, 'ACCOUNTABILITY_SELF_DECISION');
      expectProblem(await clerk.call('POST', decideUrl, { body: verdict, headers: { 'if-match': '"1"' } }), 404, 'NOT_FOUND');
      expectProblem(await secretary.call('POST', decideUrl, { body: { verdict: 'maybe', reason: 'unsure' }, headers: { 'if-match': '"1"' } }), 422, 'ACCOUNTABILITY_INVALID');
      expectProblem(await secretary.call('POST', decideUrl, { body: verdict }), 428, 'PRECONDITION_REQUIRED');
      const decided = await secretary.call('POST', decideUrl, { body: verdict, headers: { 'if-match': '"1"' } });
      expect(expectStatus(decided, 200)).toMatchObject({ status: 'accepted', decidedBy: P.secretary, decisionReason: verdict.reason });
      expectProblem(await admin.call('POST', decideUrl, { body: { verdict: 'declined', reason: 'no' }, headers: { 'if-match': '"2"' } }), 409, 'INVALID_TRANSITION');
      expect(expectStatus(await secretary.call('GET', `/api/v1/accountability-proposals?assignment=${asg}&status=accepted`), 200)['items']).toHaveLength(1);
    });
  });
}
