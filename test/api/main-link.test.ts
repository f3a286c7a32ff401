/**
 * The main link (F15) over HTTP on both back ends, on the scenario's record at hour 100, counted by
 * hand: three open cases are past their deadline — the prices report back with the secretary since
 * its rejection (70 h past its deadline in that holding), the audit never accepted by Khinchuk
 * (80 h), the wagons never accepted by the clerk (40 h), a part of the coal case, which is open and
 * so blocked. Each caller gets the figures of the cases they see (the secretary of the deciding
 * body all, the controller over Foreign trade theirs, a party theirs — without an ancestor they do
 * not see), `unit` keeps a subtree, `at` computes as of an earlier moment; and for the secretary
 * every figure equals a recount made here from the record's events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { AssignmentEvent } from '../../src/domain/assignment/assignment.events.js';
import { attributedHolder, evolveAssignment, isOpen, type AssignmentState } from '../../src/domain/assignment/assignment.state.js';
import type { StreamEvent } from '../../src/domain/event.js';
import type { mainLinkSchema } from '../../src/http/routes/main-link.schemas.js';
import { apiWorld, type ApiWorld, type Client } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { at, HOUR, ORG, START } from '../support/world.js';

type MainLinkView = z.infer<typeof mainLinkSchema>;

const P = ORG.people;
const U = ORG.units;

async function get(client: Client, url: string): Promise<MainLinkView> {
  const answer = await client.call('GET', url);
  expect(answer.status, `${url}: ${answer.raw.body}`).toBe(200);
  return answer.body as MainLinkView;
}

/** Rows as [key, hours, cases, blocked]. */
function rows(r: MainLinkView['persons']): Array<[string, number, number, number]> {
  return r.rows.map((x) => [x.key, x.overdueMs / HOUR, x.cases, x.blocked]);
}

for (const backend of backends()) {
  describe(`the main link on ${backend.name}`, () => {
    let api: ApiWorld;

    beforeAll(async () => {
      api = await apiWorld(backend);
      expect(api.world.clock.now()).toBe(START + 100 * HOUR);
    }, 120_000);
    afterAll(() => api.close());

    it('for the secretary of the deciding body (every case): the totals, rankings and evidence counted by hand', async () => {
      const r = await get(await api.withToken(P.secretary, ['read']), '/api/v1/main-link');
      expect(r.asOf).toBe(at(100));
      expect(r.totals).toEqual({ cases: 3, overdueMs: 190 * HOUR, blocked: 1 });
      expect(rows(r.persons)).toEqual([
        [P.khinchuk, 80, 1, 0],
        [P.secretary, 70, 1, 0],
        [P.clerk, 40, 1, 1],
      ]);
      expect(rows(r.units)).toEqual([
        [U.coop, 80, 1, 0],
        [U.sec, 70, 1, 0],
        [U.trade, 40, 1, 1],
      ]);
      expect(rows(r.steps)).toEqual([
        ['accepting', 120, 2, 1],
        ['executing', 70, 1, 0],
      ]);
      expect(r.mainLink).toEqual({ person: P.khinchuk, unit: U.coop, step: 'accepting' });
      expect(r.steps.rows[0]?.caseIds).toEqual(['asg_audit', 'asg_wagons']);
      expect(r.steps.rows[0]?.blockedIds).toEqual(['asg_coal']);
      const prices = r.cases.find((c) => c.caseId === 'asg_prices');
      expect(prices).toEqual({
        caseId: 'asg_prices',
        title: 'Report on prices',
        personId: P.secretary,
        unitId: U.sec,
        step: 'executing',
        since: at(24),
        deadline: at(30),
        heldOverdueMs: 70 * HOUR,
        caseOverdueMs: 70 * HOUR,
        blockedIds: [],
      });
      expect(r.cases.find((c) => c.caseId === 'asg_wagons')).toMatchObject({ personId: P.clerk, step: 'accepting', since: at(2), deadline: at(60), heldOverdueMs: 40 * HOUR, blockedIds: ['asg_coal'] });
      expect(r.titles).toEqual({ asg_coal: 'Coal for the Donbass' });
      expect(r.names[P.khinchuk]).toBe('Khinchuk');
      expect(r.names[U.coop]).toBe("Consumers' society");
    });

    it('for the secretary, every figure equals a recount from the events of the record', async () => {
      const r = await get(await api.withToken(P.secretary, ['read']), '/api/v1/main-link?top=1000&evidence=1000');
      const now = START + 100 * HOUR;
      const streams = new Map<string, StreamEvent<AssignmentEvent>[]>();
      for (let after = 0; ; ) {
        const page = await api.store.reads.eventsAfter(after, 1000);
        for (const e of page) if (e.streamId.startsWith('asg_')) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e as unknown as StreamEvent<AssignmentEvent>]);
        if (page.length < 1000) break;
        after = page[page.length - 1]?.position ?? after;
      }
      const states = new Map<string, { state: AssignmentState; since: number }>();
      for (const [id, events] of streams) {
        let state: AssignmentState | undefined;
        let key = '';
        let since = 0;
        for (const e of events) {
          state = evolveAssignment(state, e);
          const h = attributedHolder(state);
          const k = `${h.personId}|${h.role}|${state.units[h.personId] ?? ''}`;
          if (k !== key) [key, since] = [k, Date.parse(e.at)];
        }
        if (state !== undefined) states.set(id, { state, since });
      }
      const overdue = [...states].filter(([, c]) => isOpen(c.state) && Date.parse(c.state.deadline) < now);
      const held = (c: { state: AssignmentState; since: number }): number => now - Math.max(Date.parse(c.state.deadline), c.since);
      expect(r.totals.cases).toBe(overdue.length);
      expect(r.totals.overdueMs).toBe(overdue.reduce((n, [, c]) => n + held(c), 0));
      const perPerson = new Map<string, number>();
      for (const [, c] of overdue) perPerson.set(attributedHolder(c.state).personId, (perPerson.get(attributedHolder(c.state).personId) ?? 0) + held(c));
      expect(new Map(r.persons.rows.map((x) => [x.key, x.overdueMs]))).toEqual(perPerson);
      for (const c of r.cases) {
        const mine = states.get(c.caseId);
        if (mine === undefined) throw new Error(`no case ${c.caseId}`);
        expect(c.heldOverdueMs).toBe(held(mine));
        expect(c.since).toBe(new Date(mine.since).toISOString());
        expect(c.blockedIds).toEqual(mine.state.parentId !== null && isOpen(states.get(mine.state.parentId)?.state as AssignmentState) ? [mine.state.parentId] : []);
      }
    });

    it('each caller gets the cases they see: the controller over Foreign trade, a party; an ancestor not seen is not counted as blocked', async () => {
      // The auditor controls Foreign trade (the wagons are the clerk's there) and verifies the prices report.
      const auditor = await get(await api.withToken(P.auditor, ['read']), '/api/v1/main-link');
      expect(auditor.totals).toEqual({ cases: 2, overdueMs: 110 * HOUR, blocked: 1 });
      expect(rows(auditor.persons)).toEqual([
        [P.secretary, 70, 1, 0],
        [P.clerk, 40, 1, 1],
      ]);
      // Krasin, a co-executor of the prices report, has no role.
      const krasin = await get(await api.withToken(P.krasin, ['read']), '/api/v1/main-link');
      expect(krasin.totals).toEqual({ cases: 1, overdueMs: 70 * HOUR, blocked: 0 });
      expect(krasin.cases.map((c) => c.caseId)).toEqual(['asg_prices']);
      // The clerk owns the wagons but does not see the coal case above them.
      const clerk = await get(await api.withToken(P.clerk, ['read']), '/api/v1/main-link');
      expect(clerk.totals).toEqual({ cases: 1, overdueMs: 40 * HOUR, blocked: 0 });
      expect(clerk.cases[0]?.blockedIds).toEqual([]);
      expect(clerk.titles).toEqual({});
    });

    it("`unit` keeps the cases of the unit's subtree; a unit not seen, or none, is 404", async () => {
      const auditor = await api.withToken(P.auditor, ['read']);
      const trade = await get(auditor, `/api/v1/main-link?unit=${U.trade}`);
      expect(trade.unitId).toBe(U.trade);
      expect(trade.totals).toEqual({ cases: 1, overdueMs: 40 * HOUR, blocked: 1 });
      for (const unit of [U.coop, 'unit_nowhere']) {
        const answer = await auditor.call('GET', `/api/v1/main-link?unit=${unit}`);
        expect(answer.status, unit).toBe(404);
        expect((answer.body as { code: string }).code).toBe('NOT_FOUND');
      }
    });

    it('`at` computes as of an earlier moment, leaving out later events; a moment after now is refused; `top` cuts the rows', async () => {
      const secretary = await api.withToken(P.secretary, ['read']);
      const r = await get(secretary, `/api/v1/main-link?at=${encodeURIComponent(at(50))}`);
      expect(r.asOf).toBe(at(50));
      // At hour 50: the prices report (due 30, back with the secretary since 24) and the audit (due 20); the wagons are due at 60.
      expect(r.totals).toEqual({ cases: 2, overdueMs: 50 * HOUR, blocked: 0 });
      expect(rows(r.persons)).toEqual([
        [P.khinchuk, 30, 1, 0],
        [P.secretary, 20, 1, 0],
      ]);
      const later = await secretary.call('GET', `/api/v1/main-link?at=${encodeURIComponent(at(101))}`);
      expect(later.status).toBe(400);
      expect((await secretary.call('GET', '/api/v1/main-link?at=2022-02-30T00:00:00Z')).status).toBe(400);
      const top = await get(secretary, '/api/v1/main-link?top=1&evidence=1');
      expect(top.persons).toMatchObject({ count: 3, rows: [{ key: P.khinchuk }] });
      expect(top.steps.rows[0]?.caseIds).toEqual(['asg_audit']);
      expect(top.steps.rows[0]?.cases).toBe(2);
      expect((await api.anonymous.call('GET', '/api/v1/main-link')).status).toBe(401);
    });
  });
}
