/**
 * The organisation over HTTP, on both back ends: units, people, posts, bodies, committees, decisions
 * and role grants. Every route answers an allowed role; hidden things are 404, visible ones the
 * caller may not change 403; changes need If-Match (428, 412); creations replay under an
 * Idempotency-Key; lists show exactly what each person may read, each once, across pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import { apiWorld, type Answer, type ApiWorld, type Client } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { at, expectOk, ORG } from '../support/world.js';

const { units: U, people: P } = ORG;
const KINDS = { units: 'unit', people: 'person', posts: 'post', bodies: 'body', committees: 'committee', decisions: 'decision' } as const;
type Json = Record<string, unknown>;

/** The body of an answer of the expected status (the test fails with the body otherwise). */
function expectStatus(r: Answer, status: number): Json {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body as Json;
}

/** The problem code of an answer of the expected status. */
function expectProblem(r: Answer, status: number, code: string): void {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect((r.body as { code: string }).code).toBe(code);
}

/** Every id a list gives, following its cursor page by page; fails on a repeated id. */
async function listAll(c: Client, url: string, limit = 2): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const sep = url.includes('?') ? '&' : '?';
    const page = expectStatus(await c.call('GET', `${url}${sep}limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`), 200) as { items: { id: string }[]; next: string | null };
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((i) => i.id));
    if (page.next === null) break;
    expect(page.items.length).toBe(limit);
    cursor = page.next;
  }
  expect(new Set(ids).size, `repeated ids in ${url}: ${ids.join(', ')}`).toBe(ids.length);
  return ids;
}

for (const backend of backends()) {
  describe(`organisation API on ${backend.name}`, () => {
    let api: ApiWorld;
    /** Tsiurupa: administrator over every root unit, i.e. of the whole organisation. */
    let admin: Client;
    /** Krasin: administrator over Foreign trade only. */
    let tradeAdmin: Client;
    /** Auditor: controller over Foreign trade (reads it, may not organise it). */
    let auditor: Client;
    /** Secretary of the Council of Labour and Defence. */
    let secretary: Client;
    /** Clerk: no role at all (the viewer role was revoked). */
    let clerk: Client;
    const system = async (command: CommandInput): Promise<void> => void expectOk(await api.world.app.execute('system', command));

    beforeAll(async () => {
      api = await apiWorld(backend);
      for (const root of [U.sec, U.trade, U.coop]) await system({ type: 'person.grant-role', personId: P.tsiurupa, role: 'administrator', scopeId: root });
      await system({ type: 'person.grant-role', personId: P.krasin, role: 'administrator', scopeId: U.trade });
      admin = await api.login(P.tsiurupa);
      tradeAdmin = await api.login(P.krasin);
      auditor = await api.login(P.auditor);
      secretary = await api.login(P.secretary);
      clerk = await api.login(P.clerk);
    });
    afterAll(() => api.close());

    it('reads one of each kind: its whole folded state, its id and its version, which is the ETag', async () => {
      for (const [plural, id] of [['units', U.trade], ['people', P.secretary], ['posts', 'post_buyer'], ['bodies', ORG.bodies.sto], ['committees', ORG.committee], ['decisions', ORG.decision]] as const) {
        const r = await admin.call('GET', `/api/v1/${plural}/${id}`);
        const body = expectStatus(r, 200);
        const snap = await api.store.reads.snapshot(id);
        expect(snap?.kind).toBe(KINDS[plural]);
        expect(r.headers.etag).toBe(`"${snap?.seq}"`);
        const state = snap?.state as Json;
        const roles = plural === 'people' ? { roles: (state['roles'] as { role: string; bodyId?: string; unitId?: string }[]).map((g) => ({ role: g.role, scopeId: g.bodyId ?? g.unitId })) } : {};
        // A decision also carries its execution status, counted from its assignments.
        const execution = plural === 'decisions' ? { execution: body['execution'] } : {};
        if (plural === 'decisions') {
          const counts = body['execution'] as Record<string, unknown>;
          for (const k of ['total', 'issued', 'inProgress', 'submitted', 'verified', 'cancelled', 'overdue']) expect(typeof counts[k], `execution.${k}`).toBe('number');
        }
        // A post shows its profile (null until one is declared) and since when its holder holds it.
        const post = plural === 'posts' ? { holderSince: state['holderSince'] ?? null, profile: state['profile'] ?? null } : {};
        expect(body).toEqual({ id, version: snap?.seq, ...state, ...roles, ...execution, ...post });
      }
      const secretaryRoles = expectStatus(await admin.call('GET', `/api/v1/people/${P.secretary}`), 200)['roles'];
      expect(secretaryRoles).toEqual([{ role: 'secretary', scopeId: ORG.bodies.sto }]);
      const roles = await admin.call('GET', `/api/v1/people/${P.auditor}/roles`);
      expect(expectStatus(roles, 200)).toEqual({ personId: P.auditor, version: 2, items: [{ role: 'controller', scopeId: U.trade }] });
      expect(roles.headers.etag).toBe('"2"');
    });

    it('answers 404 for what the caller may not see or what is of another kind, 401 without credentials', async () => {
      for (const url of [`/api/v1/units/${U.coop}`, `/api/v1/people/${P.khinchuk}`, '/api/v1/posts/post_coop-head', `/api/v1/people/${P.khinchuk}/roles`, '/api/v1/units/unit_nowhere']) {
        expectProblem(await auditor.call('GET', url), 404, 'NOT_FOUND');
      }
      for (const url of [`/api/v1/bodies/${ORG.bodies.sto}`, `/api/v1/committees/${ORG.committee}`, `/api/v1/units/${U.trade}`]) {
        expectProblem(await clerk.call('GET', url), 404, 'NOT_FOUND');
      }
      // The clerk holds no role but takes part in the canned-meat case: its decision is theirs to read (decision 0022).
      expectStatus(await clerk.call('GET', `/api/v1/decisions/${ORG.decision}`), 200);
      expectProblem(await admin.call('GET', `/api/v1/units/${P.krasin}`), 404, 'NOT_FOUND');
      expectProblem(await admin.call('GET', '/api/v1/decisions/asg_meat'), 404, 'NOT_FOUND');
      expectStatus(await auditor.call('GET', `/api/v1/people/${P.auditor}`), 200);
      expectStatus(await clerk.call('GET', `/api/v1/people/${P.clerk}/roles`), 200);
      expectStatus(await auditor.call('GET', `/api/v1/bodies/${ORG.bodies.council}`), 200);
      expectProblem(await api.anonymous.call('GET', `/api/v1/units/${U.trade}`), 401, 'UNAUTHENTICATED');
      expectProblem(await api.anonymous.call('GET', '/api/v1/people'), 401, 'UNAUTHENTICATED');
    });

    /** Whether a caller holds any role. */
    const holdsARole = async (c: Client): Promise<boolean> => ((expectStatus(await c.call('GET', `/api/v1/people/${c.personId ?? ''}/roles`), 200) as { items: unknown[] }).items.length > 0);
    /** The decisions of the cases a person takes part in (owner, holder, verifier, issuer, controller, co-executor, or awaited by a request), in id order. */
    const decisionsOfCasesOf = async (personId: string): Promise<string[]> => {
      const found = new Set<string>();
      for (let cursor: string | null = null, pages = 0; pages < 1000; pages++) {
        type Row = { id: string; decisionId: string; ownerId: string; holderId: string; verifierId: string; issuerId: string; controllerId: string | null; coExecutorIds: string[] };
        const page = expectStatus(await admin.call('GET', `/api/v1/assignments?limit=200${cursor === null ? '' : `&cursor=${cursor}`}`), 200) as { items: Row[]; next: string | null };
        for (const a of page.items) {
          const full = expectStatus(await admin.call('GET', `/api/v1/assignments/${a.id}`), 200) as { pending: { to?: string } | null };
          const parties = [a.ownerId, a.holderId, a.verifierId, a.issuerId, a.controllerId, ...a.coExecutorIds, full.pending?.to];
          if (parties.includes(personId)) found.add(a.decisionId);
        }
        cursor = page.next;
        if (cursor === null) break;
      }
      return [...found].sort();
    };

    it('lists exactly what each person may read, each once, across pages', async () => {
      const callers = await Promise.all(Object.values(P).map((p) => api.login(p)));
      for (const plural of Object.keys(KINDS)) {
        const everything = await listAll(admin, `/api/v1/${plural}`, 200);
        const counts = await api.store.reads.counts();
        expect(everything.length, plural).toBe(counts[plural as keyof typeof counts]);
        for (const c of callers) {
          const listed = await listAll(c, `/api/v1/${plural}`, 2);
          const readable: string[] = [];
          for (const id of everything) if ((await c.call('GET', `/api/v1/${plural}/${id}`)).status === 200) readable.push(id);
          if (plural !== 'decisions' || (await holdsARole(c))) {
            expect(listed, `${plural} as ${c.personId}`).toEqual(readable);
            continue;
          }
          // A person without a role lists no decision, yet reads those of the cases they take part in (decision 0022).
          expect(listed, `decisions listed to ${c.personId}`).toEqual([]);
          expect(readable, `decisions readable by ${c.personId}`).toEqual((await decisionsOfCasesOf(c.personId ?? '')).filter((d) => everything.includes(d)));
        }
      }
      expect((await listAll(auditor, '/api/v1/people', 1)).sort()).toEqual([P.auditor, P.clerk, P.krasin]);
      expect(await listAll(clerk, '/api/v1/bodies')).toEqual([]);
    });

    it('filters lists: children and subtrees of units, people and posts of a subtree, holders, bodies, active committees', async () => {
      const ids = async (url: string): Promise<string[]> => (await listAll(admin, url, 1)).sort();
      expect(await ids(`/api/v1/units?parent=${U.sec}`)).toEqual([U.ctrl]);
      expect(await ids(`/api/v1/units?under=${U.sec}`)).toEqual([U.ctrl, U.sec]);
      expect(await ids(`/api/v1/people?unit=${U.sec}`)).toEqual([P.auditor, P.secretary, P.tsiurupa]);
      expect(await ids(`/api/v1/people?unit=${U.ctrl}`)).toEqual([P.auditor, P.tsiurupa]);
      expect(await listAll(auditor, `/api/v1/people?unit=${U.ctrl}`)).toEqual([P.auditor]);
      expect(await listAll(auditor, `/api/v1/people?unit=${U.trade}`)).toEqual([P.clerk, P.krasin].sort());
      expect(await listAll(auditor, `/api/v1/people?unit=${U.coop}`)).toEqual([]);
      expect(await ids(`/api/v1/posts?unit=${U.trade}`)).toEqual(['post_buyer', 'post_trade-head']);
      expect(await ids(`/api/v1/posts?holder=${P.krasin}`)).toEqual(['post_trade-head']);
      expect(await ids(`/api/v1/posts?unit=${U.trade}&vacant=true`)).toEqual(['post_buyer']);
      expect(await ids(`/api/v1/bodies?parent=${ORG.bodies.council}`)).toEqual([ORG.bodies.sto]);
      expect(await ids(`/api/v1/committees?active=false`)).toEqual([ORG.committee]);
      expect(await ids(`/api/v1/committees?body=${ORG.bodies.sto}`)).toEqual([]);
      expect(await ids(`/api/v1/decisions?body=${ORG.bodies.sto}`)).toEqual([ORG.decision]);
      expect(await ids(`/api/v1/decisions?body=${ORG.bodies.council}`)).toEqual([]);
      expectProblem(await admin.call('GET', '/api/v1/units?cursor=nonsense'), 400, 'BAD_REQUEST');
      expectProblem(await admin.call('GET', '/api/v1/units?limit=201'), 400, 'VALIDATION_FAILED');
      expectProblem(await admin.call('GET', '/api/v1/units?colour=red'), 400, 'VALIDATION_FAILED');
    });

    it('creates each kind as a role allowed to: 201, its ETag and its Location, which reads the same', async () => {
      const created = [
        [tradeAdmin, '/api/v1/units', { name: 'Purchasing', parentId: U.trade }],
        [tradeAdmin, '/api/v1/people', { name: 'Buyer Two', unitId: U.trade, email: 'two@example.org' }],
        [tradeAdmin, '/api/v1/posts', { unitId: U.trade, title: 'Clerk of imports', domain: 'supply', holderId: P.clerk }],
        [admin, '/api/v1/bodies', { name: 'Small council', level: 3, parentId: ORG.bodies.sto }],
        [admin, '/api/v1/committees', { name: 'Fuel commission', mandate: 'coal and oil', chairId: P.khinchuk, memberIds: [P.krasin], sunset: '2022-12-31', bodyId: ORG.bodies.sto }],
        [secretary, '/api/v1/decisions', { bodyId: ORG.bodies.sto, number: '2', date: '2022-03-05', title: 'Coal', assignments: [{ title: 'Dig', definitionOfDone: '100 t', deadline: at(300), ownerId: P.khinchuk, verifierId: P.tsiurupa }] }],
      ] as const;
      for (const [c, url, body] of created) {
        const r = await c.call('POST', url, { body });
        const got = expectStatus(r, 201);
        expect(r.headers.location).toBe(`${url}/${String(got['id'])}`);
        expect(r.headers.etag).toBe(`"${String(got['version'])}"`);
        expect(got).toMatchObject(Object.fromEntries(Object.entries(body).filter(([k]) => !['holderId', 'memberIds', 'assignments'].includes(k))));
        const again = await c.call('GET', String(r.headers.location));
        // GET of a decision adds its execution status (a new decision's assignments, all just issued).
        const { execution, ...read } = expectStatus(again, 200);
        expect(read).toEqual(got);
        if (url === '/api/v1/decisions') {
          const n = ((body as { readonly assignments?: readonly unknown[] }).assignments ?? []).length;
          expect(execution).toEqual({ total: n, issued: n, inProgress: 0, submitted: 0, verified: 0, cancelled: 0, overdue: 0 });
        } else expect(execution).toBeUndefined();
        expect(again.headers.etag).toBe(r.headers.etag);
      }
      const post = expectStatus(await tradeAdmin.call('GET', `/api/v1/posts?holder=${P.clerk}&limit=10`), 200) as { items: Json[] };
      expect(post.items).toHaveLength(1);
      expect(post.items[0]).toMatchObject({ title: 'Clerk of imports', holderId: P.clerk, version: 2, head: false });
      const decision = (expectStatus(await secretary.call('GET', `/api/v1/decisions?body=${ORG.bodies.sto}`), 200) as { items: Json[] }).items.find((d) => d['number'] === '2');
      const cases = expectStatus(await secretary.call('GET', `/api/v1/assignments?decision=${String(decision?.['id'])}`), 200) as { items: Json[] };
      expect(cases.items.map((a) => a['title'])).toEqual(['Dig']);
    });

    it('refuses creations: 403 where the caller sees the place but may not organise it, 404 where they do not see it', async () => {
      const refusals = [
        [auditor, '/api/v1/units', { name: 'X', parentId: U.trade }, 403],
        [auditor, '/api/v1/units', { name: 'X', parentId: U.coop }, 404],
        [auditor, '/api/v1/units', { name: 'X' }, 403],
        [tradeAdmin, '/api/v1/units', { name: 'X' }, 403],
        [auditor, '/api/v1/people', { name: 'X', unitId: U.trade }, 403],
        [tradeAdmin, '/api/v1/people', { name: 'X', unitId: U.coop }, 404],
        [auditor, '/api/v1/posts', { unitId: U.trade, title: 'X' }, 403],
        [tradeAdmin, '/api/v1/posts', { unitId: U.sec, title: 'X' }, 404],
        [secretary, '/api/v1/bodies', { name: 'X', level: 1 }, 403],
        [tradeAdmin, '/api/v1/committees', { name: 'X', mandate: 'm', chairId: P.krasin, sunset: '2022-12-31' }, 403],
        [auditor, '/api/v1/decisions', { bodyId: ORG.bodies.sto, number: '9', date: '2022-03-05', title: 'X' }, 403],
        [clerk, '/api/v1/decisions', { bodyId: ORG.bodies.sto, number: '9', date: '2022-03-05', title: 'X' }, 404],
      ] as const;
      const before = await api.store.reads.counts();
      for (const [c, url, body, status] of refusals) expectProblem(await c.call('POST', url, { body }), status, status === 403 ? 'FORBIDDEN' : 'NOT_FOUND');
      expect(await api.store.reads.counts()).toEqual(before);
      const readOnly = await api.withToken(P.tsiurupa, ['read']);
      expectProblem(await readOnly.call('POST', '/api/v1/bodies', { body: { name: 'X', level: 1 } }), 403, 'FORBIDDEN');
      expectProblem(await admin.call('POST', '/api/v1/units', { body: { name: 'X', colour: 'red' } }), 400, 'VALIDATION_FAILED');
      expectProblem(await admin.call('POST', '/api/v1/units', { body: { name: ' ' } }), 422, 'NAME_REQUIRED');
    });

    it('a root unit created by an administrator of the whole organisation keeps them one', async () => {
      const first = expectStatus(await admin.call('POST', '/api/v1/units', { body: { name: 'Statistics' } }), 201);
      expect(first['parentId']).toBeNull();
      const roles = expectStatus(await admin.call('GET', `/api/v1/people/${P.tsiurupa}/roles`), 200);
      expect(roles['items']).toContainEqual({ role: 'administrator', scopeId: first['id'] });
      expectStatus(await admin.call('POST', '/api/v1/units', { body: { name: 'Archive' } }), 201);
      expectStatus(await admin.call('POST', '/api/v1/bodies', { body: { name: 'Statistical board', level: 1 } }), 201);
    });

    it('appoints to and vacates a post against the version read: 428 without If-Match, 412 when stale, 403 and 404 by scope', async () => {
      const read = await tradeAdmin.call('GET', '/api/v1/posts/post_buyer');
      const etag = String(read.headers.etag);
      const appoint = { body: { personId: P.clerk } };
      expectProblem(await tradeAdmin.call('POST', '/api/v1/posts/post_buyer/appoint', appoint), 428, 'PRECONDITION_REQUIRED');
      expectProblem(await tradeAdmin.call('POST', '/api/v1/posts/post_buyer/appoint', { ...appoint, headers: { 'if-match': '"1"' } }), 412, 'PRECONDITION_FAILED');
      expectProblem(await tradeAdmin.call('POST', '/api/v1/posts/post_buyer/appoint', { ...appoint, headers: { 'if-match': 'W/"x"' } }), 412, 'PRECONDITION_FAILED');
      expectProblem(await auditor.call('POST', '/api/v1/posts/post_buyer/appoint', { ...appoint, headers: { 'if-match': etag } }), 403, 'FORBIDDEN');
      expectProblem(await auditor.call('POST', '/api/v1/posts/post_coop-head/appoint', { ...appoint, headers: { 'if-match': '"1"' } }), 404, 'NOT_FOUND');
      const appointed = await tradeAdmin.call('POST', '/api/v1/posts/post_buyer/appoint', { ...appoint, headers: { 'if-match': etag } });
      const body = expectStatus(appointed, 200);
      expect(body).toMatchObject({ id: 'post_buyer', holderId: P.clerk, version: Number(etag.replace(/"/g, '')) + 1 });
      expect(appointed.headers.etag).toBe(`"${String(body['version'])}"`);
      expectProblem(await tradeAdmin.call('POST', '/api/v1/posts/post_buyer/vacate', { body: {}, headers: { 'if-match': etag } }), 412, 'PRECONDITION_FAILED');
      const vacated = expectStatus(await tradeAdmin.call('POST', '/api/v1/posts/post_buyer/vacate', { body: {}, headers: { 'if-match': String(appointed.headers.etag) } }), 200);
      expect(vacated['holderId']).toBeNull();
      expectProblem(await tradeAdmin.call('POST', '/api/v1/posts/post_buyer/vacate', { body: {}, headers: { 'if-match': `"${String(vacated['version'])}"` } }), 409, 'INVALID_TRANSITION');
      expectProblem(await tradeAdmin.call('POST', `/api/v1/posts/${U.trade}/vacate`, { body: {}, headers: { 'if-match': '"1"' } }), 404, 'NOT_FOUND');
    });

    it('dissolves a committee against the version read; only an administrator of the whole organisation may', async () => {
      const made = await admin.call('POST', '/api/v1/committees', { body: { name: 'Wagon commission', mandate: 'wagons', chairId: P.krasin, sunset: '2022-09-30' } });
      const id = String(expectStatus(made, 201)['id']);
      const reason = { body: { reason: 'wagons found' } };
      expectProblem(await admin.call('POST', `/api/v1/committees/${id}/dissolve`, reason), 428, 'PRECONDITION_REQUIRED');
      expectProblem(await tradeAdmin.call('POST', `/api/v1/committees/${id}/dissolve`, { ...reason, headers: { 'if-match': String(made.headers.etag) } }), 403, 'FORBIDDEN');
      expectProblem(await clerk.call('POST', `/api/v1/committees/${id}/dissolve`, { ...reason, headers: { 'if-match': String(made.headers.etag) } }), 404, 'NOT_FOUND');
      const dissolved = await admin.call('POST', `/api/v1/committees/${id}/dissolve`, { ...reason, headers: { 'if-match': String(made.headers.etag) } });
      expect(expectStatus(dissolved, 200)['dissolvedAt']).toBe(api.world.app.now());
      expectProblem(await admin.call('POST', `/api/v1/committees/${id}/dissolve`, { ...reason, headers: { 'if-match': String(made.headers.etag) } }), 412, 'PRECONDITION_FAILED');
    });

    it('grants and revokes roles against the person version read, within the granter\'s scope', async () => {
      const url = `/api/v1/people/${P.clerk}/roles`;
      const read = await admin.call('GET', url);
      const etag = String(read.headers.etag);
      const viewer = { role: 'viewer', scopeId: U.coop };
      expectProblem(await admin.call('POST', url, { body: viewer }), 428, 'PRECONDITION_REQUIRED');
      expectProblem(await tradeAdmin.call('POST', url, { body: viewer, headers: { 'if-match': etag } }), 404, 'NOT_FOUND');
      expectProblem(await tradeAdmin.call('POST', url, { body: { role: 'secretary', scopeId: ORG.bodies.sto }, headers: { 'if-match': etag } }), 403, 'FORBIDDEN');
      expectProblem(await auditor.call('POST', url, { body: { role: 'viewer', scopeId: U.trade }, headers: { 'if-match': etag } }), 403, 'FORBIDDEN');
      expectProblem(await tradeAdmin.call('POST', `/api/v1/people/${P.khinchuk}/roles`, { body: { role: 'viewer', scopeId: U.trade }, headers: { 'if-match': '"1"' } }), 404, 'NOT_FOUND');
      expectProblem(await admin.call('POST', url, { body: { role: 'secretary', scopeId: U.trade }, headers: { 'if-match': etag } }), 422, 'ROLE_SCOPE_INVALID');
      const granted = await admin.call('POST', url, { body: viewer, headers: { 'if-match': etag } });
      expect(expectStatus(granted, 200)).toEqual({ personId: P.clerk, version: Number(etag.replace(/"/g, '')) + 1, items: [viewer] });
      expectProblem(await admin.call('POST', url, { body: viewer, headers: { 'if-match': etag } }), 412, 'PRECONDITION_FAILED');
      expectProblem(await admin.call('POST', url, { body: viewer, headers: { 'if-match': String(granted.headers.etag) } }), 409, 'INVALID_TRANSITION');
      expect(expectStatus(await clerk.call('GET', `/api/v1/units/${U.coop}`), 200)['id']).toBe(U.coop);
      const tradeGrant = await tradeAdmin.call('POST', url, { body: { role: 'member', scopeId: U.trade }, headers: { 'if-match': String(granted.headers.etag) } });
      expect(expectStatus(tradeGrant, 200)['items']).toEqual([viewer, { role: 'member', scopeId: U.trade }]);
      const revoked = await admin.call('POST', `${url}/revoke`, { body: viewer, headers: { 'if-match': String(tradeGrant.headers.etag) } });
      expect(expectStatus(revoked, 200)['items']).toEqual([{ role: 'member', scopeId: U.trade }]);
      expectProblem(await admin.call('POST', `${url}/revoke`, { body: viewer, headers: { 'if-match': String(revoked.headers.etag) } }), 409, 'INVALID_TRANSITION');
      expectProblem(await clerk.call('GET', `/api/v1/units/${U.coop}`), 404, 'NOT_FOUND');
      expect(expectStatus(await admin.call('GET', `/api/v1/people/${P.clerk}`), 200)['roles']).toEqual([{ role: 'member', scopeId: U.trade }]);
    });

    it('replays a creation under the same Idempotency-Key and refuses the key with another body', async () => {
      const before = (await api.store.reads.counts()).units;
      const send = (body: Json, key = 'org-test-key-1'): Promise<Answer> => admin.call('POST', '/api/v1/units', { body, headers: { 'idempotency-key': key } });
      const first = await send({ name: 'Census' });
      const second = await send({ name: 'Census' });
      expect(expectStatus(first, 201)).toEqual(expectStatus(second, 201));
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect([second.headers.etag, second.headers.location]).toEqual([first.headers.etag, first.headers.location]);
      expect((await api.store.reads.counts()).units).toBe(before + 1);
      expectProblem(await send({ name: 'Another census' }), 422, 'IDEMPOTENCY_KEY_REUSED');
      expectProblem(await send({ name: 'Census' }, 'short'), 400, 'BAD_REQUEST');
      expect((await api.store.reads.counts()).units).toBe(before + 1);
      const people = await Promise.all([1, 2, 3].map(() => tradeAdmin.call('POST', '/api/v1/people', { body: { name: 'Twin', unitId: U.trade }, headers: { 'idempotency-key': 'org-test-twin' } })));
      expect(new Set(people.map((r) => r.raw.body)).size).toBe(1);
      expect(people.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(people.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
    });

    it('describes every organisation operation in the OpenAPI document', async () => {
      const doc = expectStatus(await api.anonymous.call('GET', '/api/v1/openapi.json'), 200) as { paths: Record<string, Record<string, { operationId?: string }>> };
      const ids = new Set(Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId)));
      const ours = ['getUnit', 'listUnits', 'createUnit', 'getPerson', 'listPeople', 'registerPerson', 'getPost', 'listPosts', 'createPost', 'appointToPost', 'vacatePost'];
      ours.push('getBody', 'listBodies', 'createBody', 'getCommittee', 'listCommittees', 'createCommittee', 'dissolveCommittee', 'getDecision', 'listDecisions', 'registerDecision');
      ours.push('getPersonRoles', 'grantRole', 'revokeRole');
      for (const op of ours) expect(ids.has(op), op).toBe(true);
    });
  });
}
