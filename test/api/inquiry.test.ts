/**
 * The inquiry across many cases (GET /api/v1/inquiry) and the hours held (GET /api/v1/hours) on
 * both back ends, through the real server, over the scenario's cases and a few more (other domains,
 * a unit below another, issued later, one refused handover). The administrator of the whole
 * organisation gets exactly what the operator's query (`inquiryOf(store, null, …)`) computes; a
 * unit head gets the cases of their list only (the counts of their list's statuses, fewer than the
 * administrator's, no case named outside it); the filters select what the raw `assignment.issued`
 * rows say (domain, title text, period of issue); and the hours per person and per unit are the
 * intervals of the caller's cases, read one by one from GET /assignments/{id}/ledger and clipped to
 * the period here. A hidden or unknown unit is 404; a period that ends before it starts, a bad
 * moment or one after now is 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import { inquiryOf } from '../../src/app/queries/inquiry.js';
import type { hoursSchema, inquirySchema } from '../../src/http/routes/inquiry.schemas.js';
import { apiWorld, type ApiWorld, type Client } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { DAY, expectOk, HOUR, ORG } from '../support/world.js';

type Inquiry = z.infer<typeof inquirySchema>;
type Hours = z.infer<typeof hoursSchema>;

/** The fixture's own units and people (beside the scenario's). */
const EXTRA = { unit: 'unit_iq-sub', person: 'per_iq-worker', admin: 'per_iq-admin', head: 'per_iq-head' } as const;

/** A case as its raw `assignment.issued` row says. */
interface RawCase {
  readonly id: string;
  readonly title: string;
  readonly domain: string;
  readonly issuedAt: number;
}

/** Every case's issue facts, straight from the events table. */
async function rawCases(api: ApiWorld): Promise<RawCase[]> {
  const rows = (await api.store.db.selectFrom('events').select(['stream_id', 'type', 'at', 'payload']).where('type', '=', 'assignment.issued').execute()) as Array<{ stream_id: string; at: string; payload: string }>;
  return rows.map((r) => {
    const p = JSON.parse(r.payload) as { title: string; domain: string };
    return { id: r.stream_id, title: p.title, domain: p.domain, issuedAt: Date.parse(r.at) };
  });
}

async function get<T>(client: Client, url: string): Promise<T> {
  const answer = await client.call('GET', url);
  expect(answer.status, `${url}: ${answer.raw.body}`).toBe(200);
  return answer.body as T;
}

/** The caller's list of cases (all pages): id, status, deadline. */
async function listed(client: Client): Promise<Map<string, { status: string; deadline: string }>> {
  const out = new Map<string, { status: string; deadline: string }>();
  let cursor: string | null = null;
  do {
    const page: { items: Array<{ id: string; status: string; deadline: string }>; next: string | null } = await get(client, `/api/v1/assignments?limit=200${cursor === null ? '' : `&cursor=${cursor}`}`);
    for (const i of page.items) out.set(i.id, { status: i.status, deadline: i.deadline });
    cursor = page.next;
  } while (cursor !== null);
  return out;
}

/** The cases an inquiry names. */
function namedCases(v: Inquiry): string[] {
  return [...v.longestWaits.map((w) => w.caseId), ...v.handovers.person.returning.map((c) => c.caseId), ...v.handovers.unit.returning.map((c) => c.caseId)];
}

interface Tally {
  ms: number;
  overdueMs: number;
  cases: Set<string>;
}

/** Hours per person and per unit recomputed from the ledgers of the caller's cases, each interval clipped to [from, to). */
async function hoursFromLedgers(client: Client, ids: Iterable<string>, from: number, to: number): Promise<{ person: Map<string, Tally>; unit: Map<string, Tally>; totalMs: number }> {
  const person = new Map<string, Tally>();
  const unit = new Map<string, Tally>();
  let totalMs = 0;
  for (const id of ids) {
    const ledger = await get<{ intervals: Array<{ from: string; to: string; personId: string; unitId: string; overdue: boolean }> }>(client, `/api/v1/assignments/${id}/ledger`);
    for (const i of ledger.intervals) {
      const ms = Math.max(0, Math.min(Date.parse(i.to), to) - Math.max(Date.parse(i.from), from));
      if (ms === 0) continue;
      totalMs += ms;
      for (const [map, key] of [
        [person, i.personId],
        [unit, i.unitId],
      ] as const) {
        const t = map.get(key) ?? { ms: 0, overdueMs: 0, cases: new Set<string>() };
        t.ms += ms;
        if (i.overdue) t.overdueMs += ms;
        t.cases.add(id);
        map.set(key, t);
      }
    }
  }
  return { person, unit, totalMs };
}

/** The holders of an hours answer as the recount keys them. */
function holdersOf(h: Hours): Map<string, { ms: number; overdueMs: number; cases: number }> {
  return new Map(h.holders.map((x) => [x.key, { ms: x.ms, overdueMs: x.overdueMs, cases: x.cases }]));
}

function expected(m: Map<string, Tally>): Map<string, { ms: number; overdueMs: number; cases: number }> {
  return new Map([...m].map(([k, t]) => [k, { ms: t.ms, overdueMs: t.overdueMs, cases: t.cases.size }]));
}

for (const backend of backends()) {
  describe(`the inquiry across many cases on ${backend.name}`, () => {
    let api: ApiWorld;
    /** When the fixture's later cases were issued. */
    let later: number;
    let now: number;

    beforeAll(async () => {
      api = await apiWorld(backend);
      const { app, clock } = api.world;
      const run = async (actor: string, command: CommandInput): Promise<string> => expectOk(await app.execute(actor, command)).id;
      const p = ORG.people;
      later = clock.now() + 2 * DAY;
      clock.set(later);
      await run('system', { type: 'unit.create', id: EXTRA.unit, name: 'Inquiry desk', parentId: ORG.units.ctrl, headPostId: 'post_iq-head' });
      await run('system', { type: 'person.register', id: EXTRA.person, name: 'Desk worker', unitId: EXTRA.unit });
      await run('system', { type: 'person.register', id: EXTRA.admin, name: 'Administrator', unitId: ORG.units.sec });
      await run('system', { type: 'person.register', id: EXTRA.head, name: 'Head of the secretariat', unitId: ORG.units.sec });
      for (const root of [ORG.units.sec, ORG.units.trade, ORG.units.coop]) await run('system', { type: 'person.grant-role', personId: EXTRA.admin, role: 'administrator', scopeId: root });
      await run('system', { type: 'person.grant-role', personId: EXTRA.head, role: 'unit_head', scopeId: ORG.units.sec });
      const iso = (ms: number): string => new Date(ms).toISOString();
      const issue = (id: string, title: string, ownerId: string, domain: string, deadline: number): Promise<string> =>
        run(p.secretary, { type: 'assignment.issue', id, decisionId: ORG.decision, title, definitionOfDone: 'done', deadline: iso(deadline), ownerId, verifierId: p.tsiurupa, domain });
      await issue('asg_iq-1', 'Grain for the Volga', EXTRA.person, 'supply', later + 10 * DAY);
      await issue('asg_iq-2', 'Grain for Petrograd', EXTRA.person, 'supply', later + 20 * HOUR);
      await issue('asg_iq-3', 'Coal for the railways', p.krasin, 'energy', later + 10 * DAY);
      clock.set(later + 3 * HOUR);
      await run(EXTRA.person, { type: 'assignment.accept', assignmentId: 'asg_iq-1' });
      await run(EXTRA.person, { type: 'assignment.accept', assignmentId: 'asg_iq-2' });
      await run(EXTRA.person, { type: 'assignment.handover.offer', assignmentId: 'asg_iq-2', toId: p.auditor, reason: 'the control office knows' });
      clock.set(later + 5 * HOUR);
      await run(p.auditor, { type: 'assignment.handover.refuse', assignmentId: 'asg_iq-2', reason: 'not ours' });
      clock.set(later + 30 * HOUR);
      await run(EXTRA.person, { type: 'assignment.submit', assignmentId: 'asg_iq-1', evidence: [{ kind: 'text', text: 'done' }] });
      clock.set(later + 31 * HOUR);
      await run(p.tsiurupa, { type: 'assignment.verify', assignmentId: 'asg_iq-1' });
      now = later + 40 * HOUR;
      clock.set(now);
    }, 180_000);
    afterAll(() => api.close());

    it('for the administrator of the whole organisation: what the operator sees, every figure as inquiryOf(store, null, …) computes it', async () => {
      const admin = await api.withToken(EXTRA.admin, ['read']);
      const all = await rawCases(api);
      const got = await get<Inquiry>(admin, '/api/v1/inquiry?top=1000');
      const want = expectOk(await inquiryOf(api.store, null, { at: now, top: 1000 }));
      expect(got.at).toBe(new Date(now).toISOString());
      expect(got.cases).toBe(all.length);
      expect(got.cases).toBe(want.cases);
      expect(got.selection).toEqual({ domain: null, search: null, unitId: null, from: null, to: null });
      const { at: _a, selection: _s, handovers, ...figures } = want;
      const { at: _ga, selection: _gs, handovers: gotHandovers, names, lengths, ...gotFigures } = got;
      expect(gotFigures).toEqual(JSON.parse(JSON.stringify(figures)));
      expect(lengths).toEqual({ byUnitRole: want.byUnitRole.length, byPerson: want.byPerson.length });
      for (const by of ['person', 'unit'] as const) {
        const { lengths: l, ...report } = gotHandovers[by];
        expect(report).toEqual(JSON.parse(JSON.stringify(handovers[by])));
        expect(l).toEqual({ edges: handovers[by].edges.length, pingPong: handovers[by].pingPong.length, returning: handovers[by].returning.length, refused: handovers[by].refused.length, holders: handovers[by].holders.length });
      }
      // The figures hold together, and the refused handover is counted.
      expect(got.verified + got.cancelled + got.open).toBe(got.cases);
      expect(got.byPerson.reduce((n, p) => n + p.ms, 0)).toBe(got.totalMs);
      expect(got.handovers.person.refused).toContainEqual({ from: EXTRA.person, to: ORG.people.auditor, count: 1 });
      expect(names[EXTRA.person]).toBe('Desk worker');
      expect(names[EXTRA.unit]).toBe('Inquiry desk');
      expect(names['asg_iq-2']).toBe('Grain for Petrograd');
      // `top` cuts every list, and says how long each whole list is.
      const short = await get<Inquiry>(admin, '/api/v1/inquiry?top=2');
      expect(short.longestWaits).toEqual(got.longestWaits.slice(0, 2));
      expect(short.byPerson).toEqual(got.byPerson.slice(0, 2));
      expect(short.handovers.person.edges).toEqual(got.handovers.person.edges.slice(0, 2));
      expect(short.lengths).toEqual(got.lengths);
      expect(short.waits).toBe(got.waits);
    });

    it("a unit head gets the cases of their list only: its statuses' counts, fewer than the administrator's, none named outside it", async () => {
      const admin = await get<Inquiry>(await api.withToken(EXTRA.admin, ['read']), '/api/v1/inquiry?top=1000');
      const client = await api.withToken(EXTRA.head, ['read']);
      const mine = await listed(client);
      const got = await get<Inquiry>(client, '/api/v1/inquiry?top=1000');
      expect(mine.size).toBeGreaterThanOrEqual(3);
      expect(got.cases).toBe(mine.size);
      expect(got.cases).toBeLessThan(admin.cases);
      const statuses = [...mine.values()];
      const isOpen = (s: string): boolean => s !== 'verified' && s !== 'cancelled';
      expect(got.verified).toBe(statuses.filter((s) => s.status === 'verified').length);
      expect(got.cancelled).toBe(statuses.filter((s) => s.status === 'cancelled').length);
      expect(got.open).toBe(statuses.filter((s) => isOpen(s.status)).length);
      expect(got.overdueNow).toBe(statuses.filter((s) => isOpen(s.status) && Date.parse(s.deadline) < now).length);
      for (const id of namedCases(got)) expect(mine.has(id), id).toBe(true);
      for (const id of Object.keys(got.names).filter((k) => k.startsWith('asg_'))) expect(mine.has(id), id).toBe(true);
      expect(got.totalMs).toBeLessThan(admin.totalMs);
      // Within a unit they see: at most their cases; a unit they do not see is 404 for them, not for the administrator.
      const ctrl = await get<Inquiry>(client, `/api/v1/inquiry?unit=${ORG.units.ctrl}`);
      expect(ctrl.cases).toBeLessThanOrEqual(got.cases);
      expect(ctrl.cases).toBe(2);
      const coop = await client.call('GET', `/api/v1/inquiry?unit=${ORG.units.coop}`);
      expect(coop.status).toBe(404);
      expect((coop.body as { code: string }).code).toBe('NOT_FOUND');
      expect((await (await api.withToken(EXTRA.admin, ['read'])).call('GET', `/api/v1/inquiry?unit=${ORG.units.coop}`)).status).toBe(200);
    });

    it('filters select what the raw issue rows say: a domain, a title text, a period of issue, and together', async () => {
      const admin = await api.withToken(EXTRA.admin, ['read']);
      const all = await rawCases(api);
      const energy = await get<Inquiry>(admin, '/api/v1/inquiry?domain=energy');
      expect(energy.cases).toBe(all.filter((c) => c.domain === 'energy').length);
      expect(energy.cases).toBe(2);
      expect(energy.selection.domain).toBe('energy');
      expect(energy.domains).toEqual([...new Set(all.map((c) => c.domain))].sort());
      const coal = await get<Inquiry>(admin, '/api/v1/inquiry?search=COAL');
      expect(coal.cases).toBe(all.filter((c) => c.title.toLowerCase().includes('coal')).length);
      expect(coal.cases).toBe(3);
      const from = new Date(later).toISOString();
      const recent = await get<Inquiry>(admin, `/api/v1/inquiry?from=${from}&top=1000`);
      expect(recent.cases).toBe(all.filter((c) => c.issuedAt >= later).length);
      expect(recent.cases).toBe(3);
      expect(recent.selection.from).toBe(from);
      for (const id of namedCases(recent)) expect(['asg_iq-1', 'asg_iq-2', 'asg_iq-3']).toContain(id);
      const day = new Date(later).toISOString().slice(0, 10);
      const before = await get<Inquiry>(admin, `/api/v1/inquiry?to=${day}`);
      expect(before.cases).toBe(all.filter((c) => c.issuedAt < Date.parse(`${day}T00:00:00Z`)).length);
      const together = await get<Inquiry>(admin, `/api/v1/inquiry?domain=supply&search=grain&from=${from}&unit=${ORG.units.sec}`);
      expect(together.cases).toBe(2);
      expect(together.verified).toBe(1);
      expect(together.handovers.person.refusals).toBe(1);
      const none = await get<Inquiry>(admin, '/api/v1/inquiry?domain=nowhere');
      expect(none).toMatchObject({ cases: 0, totalMs: 0, byPerson: [], longestWaits: [], waits: 0 });
    });

    it('hours by person and by unit: the intervals of the caller’s cases, clipped to the period, recounted from their ledgers', async () => {
      for (const person of [EXTRA.admin, EXTRA.head]) {
        const client = await api.withToken(person, ['read']);
        const ids = [...(await listed(client)).keys()];
        for (const [query, from, to] of [
          ['', Number.NEGATIVE_INFINITY, now],
          [`&from=${new Date(later + 4 * HOUR).toISOString()}&to=${new Date(later + 30.5 * HOUR).toISOString()}`, later + 4 * HOUR, later + 30.5 * HOUR],
        ] as const) {
          const want = await hoursFromLedgers(client, ids, from, to);
          const byPerson = await get<Hours>(client, `/api/v1/hours?by=person${query}`);
          const byUnit = await get<Hours>(client, `/api/v1/hours?by=unit${query}`);
          expect(byPerson.totalMs, `${person} ${query}`).toBe(want.totalMs);
          expect(byUnit.totalMs, `${person} ${query}`).toBe(want.totalMs);
          expect(holdersOf(byPerson)).toEqual(expected(want.person));
          expect(holdersOf(byUnit)).toEqual(expected(want.unit));
          expect(byPerson.to).toBe(new Date(to).toISOString());
          expect(byPerson.from).toBe(from === Number.NEGATIVE_INFINITY ? null : new Date(from).toISOString());
        }
      }
      // The head's hours are fewer than the administrator's; a unit narrows the holders.
      const admin = await get<Hours>(await api.withToken(EXTRA.admin, ['read']), '/api/v1/hours');
      const head = await get<Hours>(await api.withToken(EXTRA.head, ['read']), '/api/v1/hours');
      expect(head.totalMs).toBeLessThan(admin.totalMs);
      const sub = await get<Hours>(await api.withToken(EXTRA.head, ['read']), `/api/v1/hours?by=person&unit=${EXTRA.unit}`);
      expect(sub.holders.map((h) => h.key)).toEqual([EXTRA.person]);
      expect(sub.names[EXTRA.person]).toBe('Desk worker');
      const energy = await get<Hours>(await api.withToken(EXTRA.admin, ['read']), '/api/v1/hours?domain=energy');
      expect(energy.totalMs).toBeGreaterThan(0);
      expect(energy.totalMs).toBeLessThan(admin.totalMs);
    });

    it('404 for a unit hidden or unknown; 400 for a period ending before it starts, a bad moment, a moment after now; 401 without credentials', async () => {
      const head = await api.withToken(EXTRA.head, ['read']);
      for (const path of ['/api/v1/inquiry', '/api/v1/hours']) {
        for (const unit of [ORG.units.coop, 'unit_nowhere', ORG.people.clerk]) {
          const answer = await head.call('GET', `${path}?unit=${unit}`);
          expect(answer.status, `${path} ${unit}`).toBe(404);
          expect((answer.body as { code: string }).code).toBe('NOT_FOUND');
        }
        for (const bad of ['from=2022-03-05&to=2022-03-05', 'from=2022-03-06&to=2022-03-05', 'from=yesterday', 'to=2022-13-01', 'at=2099-01-01T00:00:00Z', 'unit=', 'colour=red']) {
          const answer = await head.call('GET', `${path}?${bad}`);
          expect(answer.status, `${path} ${bad}`).toBe(400);
          expect((answer.body as { code: string }).code, `${path} ${bad}`).toBe('VALIDATION_FAILED');
        }
        expect((await api.anonymous.call('GET', path)).status).toBe(401);
      }
      // Hours: a start at or after the moment of the ledgers, with no end, is an empty period.
      expect((await head.call('GET', `/api/v1/hours?from=${new Date(now + HOUR).toISOString()}`)).status).toBe(400);
      expect((await head.call('GET', '/api/v1/inquiry?top=0')).status).toBe(400);
    });
  });
}
