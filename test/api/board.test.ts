/**
 * The control board (GET /api/v1/board) on both back ends, through the real server: on a small
 * fixture of its own (a unit with two child units and a grandchild, ten cases in every state) the
 * figures are what a hand count gives; for every caller, every figure is exactly the length of the
 * list GET /api/v1/assignments gives with the matching filters; a unit head sees only their subtree;
 * a unit one may not see, or that does not exist, is 404. And the list's new filters (escalated,
 * level, dueWithinDays, awaiting) on their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import { apiWorld, type ApiWorld, type Client } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { DAY, expectOk, ORG } from '../support/world.js';

interface Figures {
  open: number;
  overdue: number;
  dueSoon: number;
  submitted: number;
  escalated: number;
}

interface Board {
  asOf: string;
  unitId: string | null;
  soonDays: number;
  totals: Figures;
  units: Array<Figures & { unitId: string; name: string }>;
  escalations: Array<{ level: number; count: number }>;
  bodies: Array<{ bodyId: string; name: string; level: number; open: number; scheduled: number; returnedShare: number | null; byLadderShare: number | null; meanHoursOnAgenda: number | null }>;
}

/** The fixture's units: a root, two children, a grandchild under the first. */
const U = { root: 'unit_bx', alpha: 'unit_bx-a', alpha1: 'unit_bx-a1', beta: 'unit_bx-b' } as const;
/** The fixture's people. */
const P = { head: 'per_bx-head', subHead: 'per_bx-sub', a: 'per_bx-a', a1: 'per_bx-a1', b: 'per_bx-b', verifier: 'per_bx-ver', admin: 'per_bx-admin' } as const;
const DECISION = 'dec_bx';

/** The list behind each figure, as query filters. */
const LIST_OF: Record<keyof Figures, (soonDays: number) => string> = {
  open: () => 'open=true',
  overdue: () => 'overdue=true',
  dueSoon: (n) => `dueWithinDays=${n}`,
  submitted: () => 'status=submitted',
  escalated: () => 'escalated=true',
};

/** Every id of a list (all pages). */
async function listIds(client: Client, query: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const answer = await client.call('GET', `/api/v1/assignments?limit=200&${query}${cursor === null ? '' : `&cursor=${cursor}`}`);
    expect(answer.status, answer.raw.body).toBe(200);
    const page = answer.body as { items: Array<{ id: string }>; next: string | null };
    out.push(...page.items.map((i) => i.id));
    cursor = page.next;
  } while (cursor !== null);
  return out;
}

async function board(client: Client, query = ''): Promise<Board> {
  const answer = await client.call('GET', `/api/v1/board${query}`);
  expect(answer.status, answer.raw.body).toBe(200);
  return answer.body as Board;
}

/** Holds every figure of the caller's board against the length of the list behind it; returns how many figures were checked. */
async function expectFiguresAreLists(client: Client, unit: string | undefined, soonDays: number): Promise<number> {
  const b = await board(client, `?soonDays=${soonDays}${unit === undefined ? '' : `&unit=${unit}`}`);
  const scope = unit === undefined ? '' : `unit=${unit}&`;
  let checked = 0;
  for (const key of Object.keys(LIST_OF) as Array<keyof Figures>) {
    expect((await listIds(client, `${scope}${LIST_OF[key](soonDays)}`)).length, `totals.${key}`).toBe(b.totals[key]);
    checked++;
    for (const row of b.units) {
      expect((await listIds(client, `unit=${row.unitId}&${LIST_OF[key](soonDays)}`)).length, `${row.unitId}.${key}`).toBe(row[key]);
      checked++;
    }
  }
  for (const e of b.escalations) {
    expect((await listIds(client, `${scope}escalated=true&level=${e.level}`)).length, `escalations level ${e.level}`).toBe(e.count);
    checked++;
  }
  expect(b.escalations.reduce((n, e) => n + e.count, 0)).toBe(b.totals.escalated);
  return checked;
}

for (const backend of backends()) {
  describe(`the control board on ${backend.name}`, () => {
    let api: ApiWorld;
    /** The instant the board is read at: three days after the fixture's cases were issued. */
    let now: number;

    beforeAll(async () => {
      api = await apiWorld(backend);
      const { app, clock } = api.world;
      const run = async (actor: string, command: CommandInput): Promise<string> => expectOk(await app.execute(actor, command)).id;
      const t0 = clock.now();
      now = t0 + 3 * DAY;
      const iso = (ms: number): string => new Date(ms).toISOString();
      await run('system', { type: 'unit.create', id: U.root, name: 'Board works', headPostId: 'post_bx-head' });
      await run('system', { type: 'unit.create', id: U.alpha, name: 'Alpha works', parentId: U.root, headPostId: 'post_bx-a-head' });
      await run('system', { type: 'unit.create', id: U.beta, name: 'Beta works', parentId: U.root, headPostId: 'post_bx-b-head' });
      await run('system', { type: 'unit.create', id: U.alpha1, name: 'Alpha one', parentId: U.alpha, headPostId: 'post_bx-a1-head' });
      const unitOf: Record<string, string> = { [P.head]: U.root, [P.subHead]: U.alpha, [P.a]: U.alpha, [P.a1]: U.alpha1, [P.b]: U.beta, [P.verifier]: U.root, [P.admin]: U.root };
      for (const [id, unitId] of Object.entries(unitOf)) await run('system', { type: 'person.register', id, name: `Person ${id}`, unitId });
      await run('system', { type: 'person.grant-role', personId: P.head, role: 'unit_head', scopeId: U.root });
      await run('system', { type: 'person.grant-role', personId: P.subHead, role: 'unit_head', scopeId: U.alpha });
      for (const root of [ORG.units.sec, ORG.units.trade, ORG.units.coop, U.root]) await run('system', { type: 'person.grant-role', personId: P.admin, role: 'administrator', scopeId: root });
      await run(ORG.people.secretary, { type: 'decision.register', id: DECISION, bodyId: ORG.bodies.sto, number: 'BX-1', date: '2022-03-05', title: 'Board fixture works' });
      const issue = (id: string, ownerId: string, dueMs: number): Promise<string> =>
        run(ORG.people.secretary, { type: 'assignment.issue', id, decisionId: DECISION, title: `Case ${id}`, definitionOfDone: 'done', deadline: iso(dueMs), ownerId, verifierId: P.verifier });
      const evidence = [{ kind: 'text' as const, text: 'done' }];
      await issue('asg_bx-1', P.a, t0 + 1 * DAY); // overdue by 2 days, issued
      await issue('asg_bx-2', P.a1, now + 3 * DAY); // due soon, in progress, an extension waits on the issuer
      await issue('asg_bx-3', P.a1, now + 20 * DAY); // submitted
      await issue('asg_bx-4', P.b, t0 + 2 * DAY); // overdue by a day, escalated once
      await issue('asg_bx-5', P.b, now + 5 * DAY); // verified: not open
      await issue('asg_bx-6', P.a, now + 1 * DAY); // cancelled: not open
      await issue('asg_bx-7', P.head, now + 10 * DAY); // in the root unit itself: in the totals, in no row
      await issue('asg_bx-8', P.a, now + 7 * DAY); // due exactly at the end of the 7-day window: due soon
      await issue('asg_bx-9', P.b, now + 30 * DAY); // a handover to per_bx-a waits
      await issue('asg_bx-10', P.b, t0 + 1 * DAY); // overdue by 2 days, issued: Beta has more overdue than Alpha
      await run(P.a1, { type: 'assignment.accept', assignmentId: 'asg_bx-2' });
      await run(P.a1, { type: 'assignment.extension.request', assignmentId: 'asg_bx-2', deadline: iso(now + 40 * DAY), reason: 'more time' });
      await run(P.a1, { type: 'assignment.accept', assignmentId: 'asg_bx-3' });
      await run(P.a1, { type: 'assignment.submit', assignmentId: 'asg_bx-3', evidence });
      await run(P.b, { type: 'assignment.accept', assignmentId: 'asg_bx-4' });
      await run(P.b, { type: 'assignment.escalate', assignmentId: 'asg_bx-4', toId: P.head, reason: 'stuck' });
      await run(P.b, { type: 'assignment.accept', assignmentId: 'asg_bx-5' });
      await run(P.b, { type: 'assignment.submit', assignmentId: 'asg_bx-5', evidence });
      await run(P.verifier, { type: 'assignment.verify', assignmentId: 'asg_bx-5' });
      await run(ORG.people.secretary, { type: 'assignment.cancel', assignmentId: 'asg_bx-6', reason: 'not needed' });
      await run(P.b, { type: 'assignment.accept', assignmentId: 'asg_bx-9' });
      await run(P.b, { type: 'assignment.handover.offer', assignmentId: 'asg_bx-9', toId: P.a, reason: 'yours' });
      clock.set(now);
    }, 120_000);
    afterAll(() => api.close());

    it('counts the fixture as a hand count does: totals over the unit, one row per child over its subtree, escalations by level', async () => {
      const head = await api.withToken(P.head, ['read']);
      const b = await board(head, `?unit=${U.root}`);
      expect(b.asOf).toBe(new Date(now).toISOString());
      expect(b.unitId).toBe(U.root);
      expect(b.soonDays).toBe(7);
      // Open: 1, 2, 3, 4, 7, 8, 9, 10; overdue: 1, 4, 10; due within 7 days: 2 (3 days), 8 (7 days); submitted: 3; escalated: 4.
      expect(b.totals).toEqual({ open: 8, overdue: 3, dueSoon: 2, submitted: 1, escalated: 1 });
      // Beta first: more overdue cases, though its name comes after Alpha's.
      expect(b.units).toEqual([
        { unitId: U.beta, name: 'Beta works', open: 3, overdue: 2, dueSoon: 0, submitted: 0, escalated: 1 },
        { unitId: U.alpha, name: 'Alpha works', open: 4, overdue: 1, dueSoon: 2, submitted: 1, escalated: 0 },
      ]);
      expect(b.escalations).toEqual([{ level: 1, count: 1 }]);
      expect(b.bodies).toEqual([]);
      // A one-day window leaves the case due in three days out; a ten-day window takes the one due in ten.
      expect((await board(head, `?unit=${U.root}&soonDays=1`)).totals.dueSoon).toBe(0);
      expect((await board(head, `?unit=${U.root}&soonDays=10`)).totals.dueSoon).toBe(3);
    });

    it('every figure is the length of the list behind it, for every kind of caller, with and without a unit', async () => {
      let checked = 0;
      const callers: Array<[string, string | undefined]> = [
        [P.head, U.root],
        [P.head, U.alpha],
        [P.head, undefined],
        [P.subHead, undefined],
        [P.admin, undefined],
        [P.admin, U.root],
        [P.a, undefined],
        [ORG.people.secretary, undefined],
        [ORG.people.auditor, undefined],
      ];
      for (const [person, unit] of callers) {
        const client = await api.withToken(person, ['read']);
        for (const soonDays of [7, 30]) checked += await expectFiguresAreLists(client, unit, soonDays);
      }
      expect(checked).toBeGreaterThan(100);
    });

    it('a unit head sees only their subtree: their unit is the one row, a unit above or beside it is 404', async () => {
      const sub = await api.withToken(P.subHead, ['read']);
      const b = await board(sub);
      expect(b.unitId).toBeNull();
      expect(b.units.map((u) => u.unitId)).toEqual([U.alpha]);
      expect(b.totals).toEqual({ open: 4, overdue: 1, dueSoon: 2, submitted: 1, escalated: 0 });
      expect((await board(sub, `?unit=${U.alpha}`)).units).toEqual([{ unitId: U.alpha1, name: 'Alpha one', open: 2, overdue: 0, dueSoon: 1, submitted: 1, escalated: 0 }]);
      for (const hidden of [U.root, U.beta, ORG.units.trade]) {
        const answer = await sub.call('GET', `/api/v1/board?unit=${hidden}`);
        expect(answer.status).toBe(404);
        expect(answer.headers['content-type']).toContain('application/problem+json');
        expect((answer.body as { code: string }).code).toBe('NOT_FOUND');
      }
    });

    it('the top-most units the caller sees make the rows; a person with no role has totals over their own cases and no rows', async () => {
      const admin = await api.withToken(P.admin, ['read']);
      const b = await board(admin);
      expect(b.units.map((u) => u.unitId).sort()).toEqual([ORG.units.coop, ORG.units.sec, ORG.units.trade, U.root].sort());
      expect(b.units.find((u) => u.unitId === U.root)).toMatchObject({ open: 8, overdue: 3, dueSoon: 2, submitted: 1, escalated: 1 });
      // By overdue, most first, then by name.
      expect(b.units).toEqual([...b.units].sort((x, y) => y.overdue - x.overdue || x.name.localeCompare(y.name)));
      // The administrator of everything reads every body's agenda; the load figures are the agenda's own.
      expect(b.bodies.map((x) => x.bodyId)).toEqual([ORG.bodies.council, ORG.bodies.sto]);
      const agenda = await admin.call('GET', `/api/v1/bodies/${ORG.bodies.sto}/agenda?limit=200`);
      const load = (agenda.body as { load: { open: number; returnedShare: number | null; ladderShare: number | null; timeOnAgenda: { meanMs: number | null } } }).load;
      const sto = b.bodies.find((x) => x.bodyId === ORG.bodies.sto);
      expect(sto).toMatchObject({ name: 'Council of Labour and Defence', level: 2, open: load.open, returnedShare: load.returnedShare, byLadderShare: load.ladderShare, meanHoursOnAgenda: load.timeOnAgenda.meanMs === null ? null : load.timeOnAgenda.meanMs / 3_600_000 });
      const items = (agenda.body as { items: Array<{ status: string }> }).items;
      expect(sto?.scheduled).toBe(items.filter((i) => i.status === 'scheduled').length);
      // A secretary reads the agenda of their body only.
      const secretary = await api.withToken(ORG.people.secretary, ['read']);
      expect((await board(secretary)).bodies.map((x) => x.bodyId)).toEqual([ORG.bodies.sto]);

      const party = await api.withToken(P.a, ['read']);
      const mine = await board(party);
      expect(mine.units).toEqual([]);
      expect(mine.bodies).toEqual([]);
      // 1 and 8 are theirs; 9 waits on them (a handover offered to them).
      expect(mine.totals).toEqual({ open: 3, overdue: 1, dueSoon: 1, submitted: 0, escalated: 0 });
    });

    it('404 for a unit that does not exist; 400 for a window outside 1–60 days; 401 without credentials', async () => {
      const admin = await api.withToken(P.admin, ['read']);
      const unknown = await admin.call('GET', '/api/v1/board?unit=unit_nowhere');
      expect(unknown.status).toBe(404);
      expect((unknown.body as { code: string }).code).toBe('NOT_FOUND');
      const notAUnit = await admin.call('GET', `/api/v1/board?unit=${P.a}`);
      expect(notAUnit.status).toBe(404);
      for (const bad of ['0', '61', 'x', '1.5']) expect((await admin.call('GET', `/api/v1/board?soonDays=${bad}`)).status, bad).toBe(400);
      expect((await admin.call('GET', '/api/v1/board?soonDays=60')).status).toBe(200);
      expect((await api.anonymous.call('GET', '/api/v1/board')).status).toBe(401);
    });

    it('the list filters behind the board: escalated, level, dueWithinDays (both ends included), awaiting', async () => {
      const head = await api.withToken(P.head, ['read']);
      const scope = `unit=${U.root}&`;
      expect(await listIds(head, `${scope}escalated=true`)).toEqual(['asg_bx-4']);
      expect(await listIds(head, `${scope}level=1`)).toEqual(['asg_bx-4']);
      // Level 0 takes closed cases too.
      expect((await listIds(head, `${scope}level=0`)).sort()).toEqual(['asg_bx-1', 'asg_bx-10', 'asg_bx-2', 'asg_bx-3', 'asg_bx-5', 'asg_bx-6', 'asg_bx-7', 'asg_bx-8', 'asg_bx-9']);
      expect(await listIds(head, `${scope}dueWithinDays=7`)).toEqual(['asg_bx-2', 'asg_bx-8']);
      expect(await listIds(head, `${scope}dueWithinDays=6`)).toEqual(['asg_bx-2']);
      expect(await listIds(head, `${scope}dueWithinDays=10`)).toEqual(['asg_bx-2', 'asg_bx-8', 'asg_bx-7']);
      expect(await listIds(head, `${scope}open=true&overdue=true`)).toEqual(['asg_bx-1', 'asg_bx-10', 'asg_bx-4']);
      // A pending handover waits on its recipient; a pending extension on its approver (the issuer, without a controller).
      expect(await listIds(head, `${scope}awaiting=${P.a}`)).toEqual(['asg_bx-9']);
      expect(await listIds(head, `${scope}awaiting=${ORG.people.secretary}`)).toEqual(['asg_bx-2']);
      expect(await listIds(head, `${scope}awaiting=${P.b}`)).toEqual([]);
      // The recipient sees the case waiting on them, though they take no other part in it.
      expect(await listIds(await api.withToken(P.a, ['read']), `awaiting=${P.a}`)).toEqual(['asg_bx-9']);
      for (const bad of ['level=-1', 'level=x', 'dueWithinDays=0', 'dueWithinDays=367', 'escalated=yes']) expect((await head.call('GET', `/api/v1/assignments?${bad}`)).status, bad).toBe(400);
    });
  });
}
