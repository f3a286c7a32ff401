/**
 * The unit scorecards and decree inflation (F10) on both back ends, through the real server, on a
 * small organisation of their own whose figures are counted by hand: a northern unit's cases
 * verified on time, late, on time thanks to an extension, and one open (escalated, rejected); a
 * southern unit's one case; the root's subtree adding them up; the cases behind a figure; the
 * months; decree inflation of the fixture's decision, and its body's months (counted by hand, and
 * equal to the counts of the body's decisions and cases read through the API), and what is behind
 * each of those month figures (GET /decree-inflation/cases: as many as the figure, each decision
 * dated and each case issued or verified in that month by its own events). Every answer holds only
 * the units the caller's roles cover: a unit head of the south sees the south alone, and the north
 * is 404 to them; they see the body's months but only the south's case behind them, and a person
 * without a role sees no body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import type { decreeCasesSchema, decreeInflationSchema, scorecardCasesSchema, scorecardsSchema } from '../../src/http/routes/scorecards.schemas.js';
import { apiWorld, type ApiWorld, type Client } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { DAY, expectOk, HOUR, ORG } from '../support/world.js';

type Scorecards = z.infer<typeof scorecardsSchema>;
type FigureCases = z.infer<typeof scorecardCasesSchema>;
type DecreeInflation = z.infer<typeof decreeInflationSchema>;
type DecreeCases = z.infer<typeof decreeCasesSchema>;

const U = { root: 'unit_sc', north: 'unit_sc-n', south: 'unit_sc-s' } as const;
const P = { admin: 'per_sc-admin', verifier: 'per_sc-ver', north: 'per_sc-n', south: 'per_sc-s', southHead: 'per_sc-shead' } as const;
const C = { onTime: 'asg_sc-n1', late: 'asg_sc-n2', extended: 'asg_sc-n3', open: 'asg_sc-n4', south: 'asg_sc-s1' } as const;
const DECISION = 'dec_sc';
/** The body of the fixture's decisions (its own, so that its figures are counted by hand). */
const BODY = 'body_sc';
/** A decision of the same body without cases, dated two months before the other. */
const PAPER = 'dec_sc-paper';

async function get<T>(client: Client, url: string): Promise<T> {
  const answer = await client.call('GET', url);
  expect(answer.status, `${url}: ${answer.raw.body}`).toBe(200);
  return answer.body as T;
}

for (const backend of backends()) {
  describe(`the unit scorecards on ${backend.name}`, () => {
    let api: ApiWorld;
    let t0: number;
    let period = '';
    let until = '';
    const iso = (ms: number): string => new Date(ms).toISOString();

    beforeAll(async () => {
      api = await apiWorld(backend);
      const { app, clock } = api.world;
      const run = async (actor: string, command: CommandInput): Promise<void> => {
        expectOk(await app.execute(actor, command));
      };
      // Start at a UTC midnight, so that the period's days are exact.
      t0 = Math.ceil(clock.now() / DAY) * DAY;
      clock.set(t0);
      const day = (n: number): number => t0 + n * DAY;
      const s = ORG.people.secretary;
      await run('system', { type: 'unit.create', id: U.root, name: 'Score works', headPostId: 'post_sc-head' });
      await run('system', { type: 'unit.create', id: U.north, name: 'North score', parentId: U.root, headPostId: 'post_sc-n-head' });
      await run('system', { type: 'unit.create', id: U.south, name: 'South score', parentId: U.root, headPostId: 'post_sc-s-head' });
      const unitOf: Record<string, string> = { [P.admin]: U.root, [P.verifier]: U.root, [P.north]: U.north, [P.south]: U.south, [P.southHead]: U.south };
      for (const id of Object.values(P)) await run('system', { type: 'person.register', id, name: `Person ${id}`, unitId: unitOf[id] ?? U.root });
      await run('system', { type: 'person.grant-role', personId: P.admin, role: 'administrator', scopeId: U.root });
      await run('system', { type: 'person.grant-role', personId: P.southHead, role: 'unit_head', scopeId: U.south });
      const date = iso(t0).slice(0, 10);
      await run('system', { type: 'body.create', id: BODY, name: 'Score board', level: 2, parentId: ORG.bodies.council });
      await run(s, { type: 'decision.register', id: DECISION, bodyId: BODY, number: 'SC-1', date, title: 'Scorecard works' });
      await run(s, { type: 'decision.register', id: PAPER, bodyId: BODY, number: 'SC-0', date: '2022-01-20', title: 'Scorecard plans' });
      const issue = (id: string, ownerId: string, dueMs: number): Promise<void> =>
        run(s, { type: 'assignment.issue', id, decisionId: DECISION, title: `Case ${id}`, definitionOfDone: 'done', deadline: iso(dueMs), ownerId, verifierId: P.verifier, domain: 'roads' });
      const evidence = [{ kind: 'text' as const, text: 'done' }];
      await issue(C.onTime, P.north, day(10));
      await issue(C.late, P.north, day(1));
      await issue(C.extended, P.north, day(1));
      await issue(C.open, P.north, day(10));
      await issue(C.south, P.south, day(10));
      clock.set(t0 + HOUR);
      for (const id of [C.onTime, C.late, C.extended, C.open]) await run(P.north, { type: 'assignment.accept', assignmentId: id });
      await run(P.south, { type: 'assignment.accept', assignmentId: C.south });
      await run(P.north, { type: 'assignment.extension.request', assignmentId: C.extended, deadline: iso(day(20)), reason: 'the ship is late' });
      await run(P.north, { type: 'assignment.escalate', assignmentId: C.open, toId: P.admin, reason: 'stuck' });
      clock.set(t0 + 2 * HOUR);
      await run(s, { type: 'assignment.extension.grant', assignmentId: C.extended });
      await run(P.north, { type: 'assignment.submit', assignmentId: C.open, evidence });
      clock.set(t0 + 3 * HOUR);
      await run(P.verifier, { type: 'assignment.reject', assignmentId: C.open, reasons: ['not yet'] });
      // Day 1: the south's case; day 2: the on-time one; day 3: the late one; day 6: the extended one.
      clock.set(day(1) - HOUR);
      await run(P.south, { type: 'assignment.submit', assignmentId: C.south, evidence });
      clock.set(day(1));
      await run(P.verifier, { type: 'assignment.verify', assignmentId: C.south });
      for (const [id, at] of [
        [C.onTime, 2],
        [C.late, 3],
        [C.extended, 6],
      ] as const) {
        clock.set(day(at) - HOUR);
        await run(P.north, { type: 'assignment.submit', assignmentId: id, evidence });
        clock.set(day(at));
        await run(P.verifier, { type: 'assignment.verify', assignmentId: id });
      }
      clock.set(day(30));
      until = iso(day(40)).slice(0, 10);
      period = `from=${date}&to=${until}`;
    }, 180_000);
    afterAll(() => api.close());

    it('counts by hand: issued, verified, on time (the extended deadline counts), the median, the events; the root adds up its units', async () => {
      const admin = await api.withToken(P.admin, ['read']);
      const r = await get<Scorecards>(admin, `/api/v1/scorecards?${period}&unit=${U.root}`);
      expect(r.units.map((u) => u.unitId).sort()).toEqual([U.root, U.north, U.south].sort());
      const card = (id: string) => r.units.find((u) => u.unitId === id) ?? expect.fail(`no ${id}`);
      const north = card(U.north).own;
      expect(north).toMatchObject({ issued: 4, verified: 3, verifiedOnTime: 2, verifiedLate: 1, escalations: 1, rejections: 1, reopenings: 0, extensions: 1, medianToVerifiedMs: 3 * DAY });
      expect(north.onTimeRate).toBeCloseTo(2 / 3, 12);
      expect(north.caseCounts).toMatchObject({ issued: 4, verified: 3, verifiedOnTime: 2, verifiedLate: 1, escalations: 1, rejections: 1, extensions: 1 });
      // North held its four cases, less the verifier's and the extension's time: all of it until each verification, the open one to now.
      expect(north.heldMs).toBeGreaterThan(0);
      const south = card(U.south).own;
      expect(south).toMatchObject({ issued: 1, verified: 1, verifiedOnTime: 1, onTimeRate: 1, medianToVerifiedMs: DAY });
      const root = card(U.root);
      expect(root.own.issued).toBe(0);
      expect(root.subtree).toMatchObject({ issued: 5, verified: 4, verifiedOnTime: 3, medianToVerifiedMs: 2.5 * DAY, escalations: 1, rejections: 1, extensions: 1 });
      expect(root.subtree.heldMs).toBe(card(U.north).own.heldMs + south.heldMs + root.own.heldMs);
      // League: the south (100%) above the root (75%) above the north (67%).
      expect(r.units.map((u) => [u.unitId, u.rank])).toEqual([
        [U.south, 1],
        [U.root, 2],
        [U.north, 3],
      ]);
      expect(r.names[U.north]).toBe('North score');
      // The months add up to the period.
      for (const key of ['issued', 'verified', 'verifiedOnTime', 'heldMs'] as const) expect(root.months.reduce((n, m) => n + m.figures[key], 0)).toBe(root.subtree[key]);
    });

    it('a figure opens to its cases, over the subtree, the unit alone, or one month', async () => {
      const admin = await api.withToken(P.admin, ['read']);
      const late = await get<FigureCases>(admin, `/api/v1/scorecards/cases?${period}&unit=${U.north}&figure=verifiedLate`);
      expect(late).toMatchObject({ total: 1, hidden: 0, scope: 'subtree', month: null });
      expect(late.items.map((c) => c.id)).toEqual([C.late]);
      expect(late.items[0]).toMatchObject({ title: `Case ${C.late}`, status: 'verified', ownerId: P.north });
      expect(late.names[P.north]).toBe(`Person ${P.north}`);
      const onTime = await get<FigureCases>(admin, `/api/v1/scorecards/cases?${period}&unit=${U.root}&figure=verifiedOnTime`);
      expect(onTime.items.map((c) => c.id)).toEqual([C.onTime, C.extended, C.south].sort());
      const own = await get<FigureCases>(admin, `/api/v1/scorecards/cases?${period}&unit=${U.root}&figure=issued&scope=own`);
      expect(own.total).toBe(0);
      const r = await get<Scorecards>(admin, `/api/v1/scorecards?${period}&unit=${U.root}`);
      const month = r.months[0] ?? '';
      const inMonth = await get<FigureCases>(admin, `/api/v1/scorecards/cases?${period}&unit=${U.root}&figure=issued&month=${month}`);
      expect(inMonth.total).toBe(r.units.find((u) => u.unitId === U.root)?.months[0]?.figures.issued);
      const escalated = await get<FigureCases>(admin, `/api/v1/scorecards/cases?${period}&unit=${U.north}&figure=escalations`);
      expect(escalated.items.map((c) => c.id)).toEqual([C.open]);
    });

    it('a unit head of the south sees the south alone; the north is 404 to them, its cases too', async () => {
      const head = await api.withToken(P.southHead, ['read']);
      const r = await get<Scorecards>(head, `/api/v1/scorecards?${period}`);
      expect(r.units.map((u) => u.unitId)).toEqual([U.south]);
      expect(Object.keys(r.names)).toEqual([U.south]);
      for (const url of [`/api/v1/scorecards?${period}&unit=${U.north}`, `/api/v1/scorecards/cases?${period}&unit=${U.north}&figure=issued`, `/api/v1/scorecards?unit=unit_nowhere`]) {
        const answer = await head.call('GET', url);
        expect(answer.status, url).toBe(404);
        expect((answer.body as { code: string }).code).toBe('NOT_FOUND');
      }
    });

    it('a period that ends before it begins, or a month outside it, is 400', async () => {
      const admin = await api.withToken(P.admin, ['read']);
      for (const url of ['/api/v1/scorecards?from=2022-03-10&to=2022-03-01', `/api/v1/scorecards/cases?${period}&unit=${U.root}&figure=issued&month=1999-01`]) {
        const answer = await admin.call('GET', url);
        expect(answer.status, url).toBe(400);
        expect((answer.body as { code: string }).code).toBe('VALIDATION_FAILED');
      }
    });

    it("decree inflation: the fixture's decision, its five cases and four verified, not executed", async () => {
      const admin = await api.withToken(P.admin, ['read']);
      const r = await get<DecreeInflation>(admin, `/api/v1/decree-inflation?${period}`);
      const body = r.bodies.find((b) => b.bodyId === BODY);
      expect(body?.items).toEqual([{ decisionId: DECISION, date: iso(t0).slice(0, 10), cases: 5, verified: 4, executed: false }]);
      expect(body).toMatchObject({ decisions: 1, executed: 0, withoutCases: 0, cases: 5, verified: 4, inflation: null });
      expect(r.names[BODY]).toBe('Score board');
    });

    it("decree inflation month by month: each month's decisions, cases issued, verified and on time are those the body's decisions and their cases give", async () => {
      const admin = await api.withToken(P.admin, ['read']);
      // From January to now: the paper decision's month, then months without anything, then the fixture's.
      const r = await get<DecreeInflation>(admin, `/api/v1/decree-inflation?from=2022-01-01&to=${until}`);
      const now = api.world.clock.now();
      const monthAt = (ms: number): string => iso(ms).slice(0, 7);
      expect(r.months[0]).toBe('2022-01');
      expect(r.months[r.months.length - 1]).toBe(monthAt(now));
      expect(r.end).toBe(iso(now));
      const body = r.bodies.find((b) => b.bodyId === BODY) ?? expect.fail('no body');
      for (const b of r.bodies) expect(b.months.map((m) => m.month)).toEqual(r.months);
      // By hand: the paper decision (January) and the fixture's (t0); five cases issued at t0, verified one, two, three (the late one) and six days later.
      const hand = new Map(r.months.map((m) => [m, [0, 0, 0, 0]]));
      const add = (month: string, i: number, n = 1): void => {
        const row = hand.get(month) ?? expect.fail(`${month} is not a month of the period`);
        row[i] = (row[i] ?? 0) + n;
      };
      const day = (n: number): number => t0 + n * DAY;
      add('2022-01', 0);
      add(monthAt(t0), 0);
      add(monthAt(t0), 1, 5);
      for (const n of [1, 2, 3, 6]) add(monthAt(day(n)), 2);
      for (const n of [1, 2, 6]) add(monthAt(day(n)), 3);
      expect(body.months.map((m) => [m.month, m.decisions, m.issued, m.verified, m.verifiedOnTime])).toEqual([...hand].map(([m, row]) => [m, ...row]));

      // The lists behind them: the body's decisions (GET /decisions?body=), their cases (GET /assignments?decision=) and each case's events.
      const monthOf = (ms: number): string | null => (ms >= Date.parse('2022-01-01T00:00:00Z') && ms < now ? monthAt(ms) : null);
      const want = new Map(r.months.map((m) => [m, { decisions: 0, issued: 0, verified: 0, verifiedOnTime: 0 }]));
      const bump = (month: string | null, key: 'decisions' | 'issued' | 'verified' | 'verifiedOnTime'): void => {
        const w = month === null ? undefined : want.get(month);
        if (w !== undefined) w[key]++;
      };
      const decisions = await get<{ items: { id: string; date: string }[]; next: string | null }>(admin, `/api/v1/decisions?body=${BODY}&limit=200`);
      expect(decisions.next).toBeNull();
      expect(decisions.items.map((d) => d.id).sort()).toEqual([DECISION, PAPER].sort());
      for (const d of decisions.items) bump(monthOf(Date.parse(`${d.date}T00:00:00Z`)), 'decisions');
      // The decisions month by month are those of the body's own list too.
      for (const m of body.months) expect(body.items.filter((i) => i.date.slice(0, 7) === m.month).length, m.month).toBe(m.decisions);
      let cases = 0;
      for (const d of decisions.items) {
        const page = await get<{ items: { id: string }[]; next: string | null }>(admin, `/api/v1/assignments?decision=${encodeURIComponent(d.id)}&limit=200`);
        expect(page.next).toBeNull();
        for (const c of page.items) {
          cases++;
          const { items: events } = await get<{ items: { type: string; at: string; payload: { deadline?: string } }[] }>(admin, `/api/v1/assignments/${encodeURIComponent(c.id)}/events`);
          if (events.some((e) => e.type === 'assignment.cancelled')) continue;
          bump(monthOf(Date.parse(events[0]?.at ?? '')), 'issued');
          let deadline = Date.parse(events[0]?.payload.deadline ?? '');
          let standing: { at: number; onTime: boolean } | null = null;
          for (const e of events) {
            const at = Date.parse(e.at);
            if (e.type === 'assignment.extension-granted') deadline = Date.parse(e.payload.deadline ?? '');
            if (e.type === 'assignment.verified') standing = { at, onTime: at <= deadline };
            if (e.type === 'assignment.reopened') standing = null;
          }
          if (standing === null) continue;
          bump(monthOf(standing.at), 'verified');
          if (standing.onTime) bump(monthOf(standing.at), 'verifiedOnTime');
        }
      }
      expect(cases).toBe(5);
      expect(body.months).toEqual(r.months.map((month) => ({ month, ...want.get(month) })));
    });

    it("each figure of a body's month opens to what it counts: the decisions dated in it, the cases issued, verified and verified on time in it by their own events", async () => {
      const admin = await api.withToken(P.admin, ['read']);
      const span = `from=2022-01-01&to=${until}`;
      const r = await get<DecreeInflation>(admin, `/api/v1/decree-inflation?${span}`);
      const monthAt = (ms: number): string => iso(ms).slice(0, 7);
      const events = new Map<string, { type: string; at: string; payload: { deadline?: string } }[]>();
      const eventsOf = async (id: string) => {
        const known = events.get(id);
        if (known !== undefined) return known;
        const { items } = await get<{ items: { type: string; at: string; payload: { deadline?: string } }[] }>(admin, `/api/v1/assignments/${encodeURIComponent(id)}/events`);
        events.set(id, items);
        return items;
      };
      /** The case's standing verification (the last not followed by a reopening) and whether it met the deadline then in force. */
      const standing = async (id: string): Promise<{ month: string; onTime: boolean } | null> => {
        let deadline = Number.NaN;
        let found: { month: string; onTime: boolean } | null = null;
        for (const e of await eventsOf(id)) {
          const at = Date.parse(e.at);
          if (e.type === 'assignment.issued' || e.type === 'assignment.extension-granted') deadline = Date.parse(e.payload.deadline ?? '');
          if (e.type === 'assignment.verified') found = { month: monthAt(at), onTime: at <= deadline };
          if (e.type === 'assignment.reopened') found = null;
        }
        return found;
      };
      let opened = 0;
      for (const b of r.bodies) {
        const decisions = await get<{ items: { id: string; number: string; date: string }[] }>(admin, `/api/v1/decisions?body=${encodeURIComponent(b.bodyId)}&limit=200`);
        for (const m of b.months) {
          for (const figure of ['decisions', 'issued', 'verified', 'verifiedOnTime'] as const) {
            const c = await get<DecreeCases>(admin, `/api/v1/decree-inflation/cases?${span}&body=${encodeURIComponent(b.bodyId)}&month=${m.month}&figure=${figure}`);
            const where = `${b.bodyId} ${m.month} ${figure}`;
            expect(c, where).toMatchObject({ bodyId: b.bodyId, month: m.month, figure, total: m[figure] });
            // The administrator of the fixture's units opens every case of its body; the other bodies' cases sit partly elsewhere.
            if (b.bodyId === BODY || figure === 'decisions') expect(c.hidden, where).toBe(0);
            if (m[figure] > 0) opened++;
            if (figure === 'decisions') {
              expect(c.items, where).toEqual([]);
              expect(c.decisions.map((d) => d.id).sort(), where).toEqual(decisions.items.filter((d) => d.date.slice(0, 7) === m.month).map((d) => d.id).sort());
              for (const d of c.decisions) expect(d, where).toMatchObject({ number: decisions.items.find((x) => x.id === d.id)?.number, date: b.items.find((i) => i.decisionId === d.id)?.date });
              continue;
            }
            expect(c.decisions, where).toEqual([]);
            expect(c.items.length, where).toBe(c.total - c.hidden);
            for (const item of c.items) {
              const log = await eventsOf(item.id);
              expect(log.some((e) => e.type === 'assignment.cancelled'), `${where} ${item.id}`).toBe(false);
              if (figure === 'issued') expect(monthAt(Date.parse(log[0]?.at ?? '')), `${where} ${item.id}`).toBe(m.month);
              else {
                const v = await standing(item.id);
                expect(v?.month, `${where} ${item.id}`).toBe(m.month);
                if (figure === 'verifiedOnTime') expect(v?.onTime, `${where} ${item.id}`).toBe(true);
              }
              expect(c.names[item.ownerId], `${where} ${item.id}`).toBeDefined();
            }
          }
        }
      }
      expect(opened, 'figures other than zero were opened').toBeGreaterThan(4);

      // By hand, for the fixture's body: its two decisions, its five cases issued at t0, the on-time ones.
      const paper = await get<DecreeCases>(admin, `/api/v1/decree-inflation/cases?${span}&body=${BODY}&month=2022-01&figure=decisions`);
      expect(paper.decisions).toEqual([{ id: PAPER, number: 'SC-0', title: 'Scorecard plans', date: '2022-01-20', cases: 0, verified: 0, executed: false }]);
      expect(paper.names[BODY]).toBe('Score board');
      const issued = await get<DecreeCases>(admin, `/api/v1/decree-inflation/cases?${span}&body=${BODY}&month=${monthAt(t0)}&figure=issued`);
      expect(issued.items.map((c) => c.id)).toEqual(Object.values(C).sort());
      expect(issued.items.find((c) => c.id === C.late)).toMatchObject({ title: `Case ${C.late}`, status: 'verified', ownerId: P.north });
      const onTime = r.months.map((month) => get<DecreeCases>(admin, `/api/v1/decree-inflation/cases?${span}&body=${BODY}&month=${month}&figure=verifiedOnTime`));
      expect((await Promise.all(onTime)).flatMap((c) => c.items.map((i) => i.id)).sort()).toEqual([C.onTime, C.extended, C.south].sort());
      // The limit lists fewer, still counting them all.
      const two = await get<DecreeCases>(admin, `/api/v1/decree-inflation/cases?${span}&body=${BODY}&month=${monthAt(t0)}&figure=issued&limit=2`);
      expect(two).toMatchObject({ total: 5, hidden: 0 });
      expect(two.items.map((c) => c.id)).toEqual(issued.items.slice(0, 2).map((c) => c.id));
    });

    it("a bad figure or month is 400, a body that does not exist or has no decision in the period 404, each problem+json with its code", async () => {
      const admin = await api.withToken(P.admin, ['read']);
      const month = iso(t0).slice(0, 7);
      const cases = (rest: string): string => `/api/v1/decree-inflation/cases?${period}&${rest}`;
      for (const [url, status, code] of [
        [cases(`body=${BODY}&month=${month}&figure=escalations`), 400, 'VALIDATION_FAILED'],
        [cases(`body=${BODY}&month=1999-01&figure=issued`), 400, 'VALIDATION_FAILED'],
        [cases(`body=${BODY}&month=${month.replace('-', '/')}&figure=issued`), 400, 'VALIDATION_FAILED'],
        [cases(`body=${BODY}&figure=issued`), 400, 'VALIDATION_FAILED'],
        [`/api/v1/decree-inflation/cases?from=2022-03-10&to=2022-03-01&body=${BODY}&month=2022-03&figure=issued`, 400, 'VALIDATION_FAILED'],
        [cases(`body=body_nowhere&month=${month}&figure=issued`), 404, 'NOT_FOUND'],
        // The paper decision's body has no decision in February: over February alone it is not in decree inflation.
        [`/api/v1/decree-inflation/cases?from=2022-02-01&to=2022-03-01&body=${BODY}&month=2022-02&figure=decisions`, 404, 'NOT_FOUND'],
      ] as const) {
        const answer = await admin.call('GET', url);
        expect(answer.status, url).toBe(status);
        expect(answer.headers['content-type'], url).toMatch(/^application\/problem\+json/);
        expect((answer.body as { code: string }).code, url).toBe(code);
      }
      const outside = await admin.call('GET', cases(`body=${BODY}&month=1999-01&figure=issued`));
      expect((outside.body as { details?: { field?: string } }).details?.field).toBe('month');
    });

    it("a unit head of the south sees the body's month but opens only the south's case; a person without a role sees no body", async () => {
      const month = iso(t0).slice(0, 7);
      const url = (figure: string): string => `/api/v1/decree-inflation/cases?${period}&body=${BODY}&month=${month}&figure=${figure}`;
      const head = await api.withToken(P.southHead, ['read']);
      const issued = await get<DecreeCases>(head, url('issued'));
      expect(issued).toMatchObject({ total: 5, hidden: 4 });
      expect(issued.items.map((c) => c.id)).toEqual([C.south]);
      expect(Object.keys(issued.names).sort()).toEqual([BODY, P.south].sort());
      const decisions = await get<DecreeCases>(head, url('decisions'));
      expect(decisions.decisions.map((d) => d.id)).toEqual([DECISION]);
      const plain = await api.withToken(P.north, ['read']);
      for (const figure of ['issued', 'decisions']) {
        const answer = await plain.call('GET', url(figure));
        expect(answer.status, figure).toBe(404);
        expect((answer.body as { code: string }).code).toBe('NOT_FOUND');
        expect(answer.raw.body).not.toContain('asg_sc-');
      }
    });
  });
}
