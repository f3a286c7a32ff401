/**
 * The process map of the record (GET /api/v1/process-map) on both back ends, through the real
 * server, over the scenario's cases and a few more (other domains, a unit below another, issued
 * later): every figure — cases, events, activities, starts, ends, each pair's count and mean and
 * median time — equals a directly-follows graph recomputed here, by a plain script of its own, from
 * the rows of the database's `events` table (not from the code under test); so do the figures under
 * a unit (the owner's unit at issue, read from the raw `assignment.issued` payload, with the units
 * below it from the `units` table), a domain, and a period (cases issued in [from, to)), and for
 * callers who see less (exactly the cases GET /assignments lists for them). A new event shows at
 * once; a hidden or unknown unit is 404; a period that ends before it starts is 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import { apiWorld, type ApiWorld, type Client } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { DAY, expectOk, HOUR, ORG } from '../support/world.js';

interface Count {
  name: string;
  count: number;
}
interface Edge {
  from: string;
  to: string;
  count: number;
  meanMs: number | null;
  medianMs: number | null;
}
interface ProcessMap {
  unitId: string | null;
  domain: string | null;
  from: string | null;
  to: string | null;
  cases: number;
  events: number;
  activities: Count[];
  starts: Count[];
  ends: Count[];
  edges: Edge[];
  domains: string[];
}

/** A raw row of the events table. */
interface Row {
  readonly stream_id: string;
  readonly seq: number;
  readonly type: string;
  readonly at: string;
  readonly payload: string;
}

/** A case read from the raw rows: its issue facts and its events in seq order. */
interface RawCase {
  readonly id: string;
  readonly ownerUnit: string;
  readonly domain: string;
  readonly issuedAt: number;
  readonly events: ReadonlyArray<{ readonly activity: string; readonly at: number }>;
}

/** The expected graph, keyed for comparison. */
interface Expected {
  cases: number;
  events: number;
  activities: Map<string, number>;
  starts: Map<string, number>;
  ends: Map<string, number>;
  edges: Map<string, { count: number; durations: number[] }>;
}

/** The fixture's own units and people (beside the scenario's). */
const EXTRA = { unit: 'unit_pm-sub', person: 'per_pm-worker', admin: 'per_pm-admin' } as const;

/** Every assignment stream's rows, grouped and ordered by seq, straight from the database. */
async function rawCases(api: ApiWorld): Promise<RawCase[]> {
  const rows = (await api.store.db.selectFrom('events').select(['stream_id', 'seq', 'type', 'at', 'payload']).where('stream_id', 'like', 'asg%').orderBy('stream_id').orderBy('seq').execute()) as Row[];
  const by = new Map<string, Row[]>();
  for (const r of rows) if (r.stream_id.startsWith('asg_')) by.set(r.stream_id, [...(by.get(r.stream_id) ?? []), r]);
  return [...by].map(([id, list]) => {
    const first = list[0] as Row;
    expect(first.type).toBe('assignment.issued');
    const issued = JSON.parse(first.payload) as { ownerId: string; domain: string; units: Record<string, string> };
    return {
      id,
      ownerUnit: issued.units[issued.ownerId] ?? '',
      domain: issued.domain,
      issuedAt: Date.parse(first.at),
      events: list.map((r) => ({ activity: r.type.slice('assignment.'.length), at: Date.parse(r.at) })),
    };
  });
}

/** A unit and every unit below it, from the `units` table's parent links. */
async function rawSubtree(api: ApiWorld, unitId: string): Promise<Set<string>> {
  const rows = await api.store.db.selectFrom('units').select(['id', 'parent_id']).execute();
  const out = new Set([unitId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) {
      if (r.parent_id === null || !out.has(r.parent_id) || out.has(r.id)) continue;
      out.add(r.id);
      grew = true;
    }
  }
  return out;
}

/** The directly-follows graph of the cases, computed plainly: events by instant (seq order on ties), pairs of neighbours. */
function plainGraph(cases: readonly RawCase[]): Expected {
  const g: Expected = { cases: 0, events: 0, activities: new Map(), starts: new Map(), ends: new Map(), edges: new Map() };
  const add = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  for (const c of cases) {
    g.cases++;
    const evs = c.events.map((e, i) => ({ ...e, i })).sort((a, b) => a.at - b.at || a.i - b.i);
    g.events += evs.length;
    if (evs.length === 0) continue;
    add(g.starts, evs[0]?.activity as string);
    add(g.ends, evs[evs.length - 1]?.activity as string);
    evs.forEach((e, i) => {
      add(g.activities, e.activity);
      const prev = evs[i - 1];
      if (prev === undefined) return;
      const key = `${prev.activity} → ${e.activity}`;
      const tally = g.edges.get(key) ?? { count: 0, durations: [] };
      tally.count++;
      tally.durations.push(e.at - prev.at);
      g.edges.set(key, tally);
    });
  }
  return g;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Holds the API's graph against the plain one: every figure. */
function expectSameGraph(got: ProcessMap, want: Expected): void {
  expect(got.cases).toBe(want.cases);
  expect(got.events).toBe(want.events);
  const asMap = (xs: Count[]): Map<string, number> => new Map(xs.map((x) => [x.name, x.count]));
  expect(asMap(got.activities)).toEqual(want.activities);
  expect(asMap(got.starts)).toEqual(want.starts);
  expect(asMap(got.ends)).toEqual(want.ends);
  expect(got.edges.map((e) => `${e.from} → ${e.to}`).sort()).toEqual([...want.edges.keys()].sort());
  for (const e of got.edges) {
    const w = want.edges.get(`${e.from} → ${e.to}`);
    expect(e.count, `${e.from} → ${e.to}`).toBe(w?.count);
    const d = w?.durations ?? [];
    expect(e.meanMs, `${e.from} → ${e.to} mean`).toBeCloseTo(d.reduce((a, b) => a + b, 0) / d.length, 3);
    expect(e.medianMs, `${e.from} → ${e.to} median`).toBe(median(d));
  }
  // Most frequent first.
  expect(got.edges.map((e) => e.count)).toEqual([...got.edges.map((e) => e.count)].sort((a, b) => b - a));
}

async function processMap(client: Client, query = ''): Promise<ProcessMap> {
  const answer = await client.call('GET', `/api/v1/process-map${query}`);
  expect(answer.status, answer.raw.body).toBe(200);
  return answer.body as ProcessMap;
}

/** Every id of the caller's list of cases (all pages). */
async function listIds(client: Client): Promise<Set<string>> {
  const out = new Set<string>();
  let cursor: string | null = null;
  do {
    const answer = await client.call('GET', `/api/v1/assignments?limit=200${cursor === null ? '' : `&cursor=${cursor}`}`);
    expect(answer.status, answer.raw.body).toBe(200);
    const page = answer.body as { items: Array<{ id: string }>; next: string | null };
    for (const i of page.items) out.add(i.id);
    cursor = page.next;
  } while (cursor !== null);
  return out;
}

for (const backend of backends()) {
  describe(`the process map of the record on ${backend.name}`, () => {
    let api: ApiWorld;
    /** When the fixture's later cases were issued. */
    let later: number;

    beforeAll(async () => {
      api = await apiWorld(backend);
      const { app, clock } = api.world;
      const run = async (actor: string, command: CommandInput): Promise<string> => expectOk(await app.execute(actor, command)).id;
      const p = ORG.people;
      later = clock.now() + 2 * DAY;
      clock.set(later);
      await run('system', { type: 'unit.create', id: EXTRA.unit, name: 'Control desk', parentId: ORG.units.ctrl, headPostId: 'post_pm-head' });
      await run('system', { type: 'person.register', id: EXTRA.person, name: 'Desk worker', unitId: EXTRA.unit });
      await run('system', { type: 'person.register', id: EXTRA.admin, name: 'Administrator', unitId: ORG.units.sec });
      for (const root of [ORG.units.sec, ORG.units.trade, ORG.units.coop]) await run('system', { type: 'person.grant-role', personId: EXTRA.admin, role: 'administrator', scopeId: root });
      const iso = (ms: number): string => new Date(ms).toISOString();
      const issue = (id: string, ownerId: string, domain: string): Promise<string> =>
        run(p.secretary, { type: 'assignment.issue', id, decisionId: ORG.decision, title: `Case ${id}`, definitionOfDone: 'done', deadline: iso(later + 10 * DAY), ownerId, verifierId: p.tsiurupa, domain });
      await issue('asg_pm-1', EXTRA.person, 'supply');
      await issue('asg_pm-2', EXTRA.person, 'supply');
      await issue('asg_pm-3', p.krasin, 'energy');
      clock.set(later + 3 * HOUR);
      await run(EXTRA.person, { type: 'assignment.accept', assignmentId: 'asg_pm-1' });
      await run(EXTRA.person, { type: 'assignment.accept', assignmentId: 'asg_pm-2' });
      clock.set(later + 30 * HOUR);
      await run(EXTRA.person, { type: 'assignment.submit', assignmentId: 'asg_pm-1', evidence: [{ kind: 'text', text: 'done' }] });
      await run(EXTRA.person, { type: 'assignment.submit', assignmentId: 'asg_pm-2', evidence: [{ kind: 'text', text: 'done' }] });
      clock.set(later + 31 * HOUR);
      await run(p.tsiurupa, { type: 'assignment.verify', assignmentId: 'asg_pm-1' });
      await run(p.tsiurupa, { type: 'assignment.reject', assignmentId: 'asg_pm-2', reasons: ['not done'] });
    }, 180_000);
    afterAll(() => api.close());

    it('for the administrator of everything: every case of the record, every figure as the plain script computes it from the events table', async () => {
      const admin = await api.withToken(EXTRA.admin, ['read']);
      const all = await rawCases(api);
      expect(all.length).toBeGreaterThanOrEqual(9);
      const got = await processMap(admin);
      expect(got).toMatchObject({ unitId: null, domain: null, from: null, to: null });
      expectSameGraph(got, plainGraph(all));
      expect(got.domains).toEqual([...new Set(all.map((c) => c.domain))].sort());
      // Every case starts with its issue.
      expect(got.starts).toEqual([{ name: 'issued', count: all.length }]);
      expect(got.edges.find((e) => e.from === 'issued' && e.to === 'accepted')?.count).toBeGreaterThanOrEqual(5);
    });

    it('filters: a unit (the owner at issue, its subtree), a domain, a period of issue, and all three together', async () => {
      const admin = await api.withToken(EXTRA.admin, ['read']);
      const all = await rawCases(api);
      const sec = await rawSubtree(api, ORG.units.sec);
      expect(sec.has(EXTRA.unit)).toBe(true);
      const inSec = all.filter((c) => sec.has(c.ownerUnit));
      expect(inSec.map((c) => c.id)).toEqual(expect.arrayContaining(['asg_pm-1', 'asg_pm-2']));
      expectSameGraph(await processMap(admin, `?unit=${ORG.units.sec}`), plainGraph(inSec));
      // asg_prices was issued to the clerk of Foreign trade and transferred to the Secretariat since: it stays Foreign trade's.
      const trade = all.filter((c) => c.ownerUnit === ORG.units.trade);
      expect(trade.map((c) => c.id)).toContain('asg_prices');
      expectSameGraph(await processMap(admin, `?unit=${ORG.units.trade}`), plainGraph(trade));
      const energy = all.filter((c) => c.domain === 'energy');
      expect(energy.length).toBe(2);
      const byDomain = await processMap(admin, '?domain=energy');
      expect(byDomain.domain).toBe('energy');
      expectSameGraph(byDomain, plainGraph(energy));
      const from = new Date(later).toISOString();
      const recent = all.filter((c) => c.issuedAt >= later);
      expect(recent.length).toBe(3);
      const byPeriod = await processMap(admin, `?from=${from}`);
      expect(byPeriod.from).toBe(from);
      expectSameGraph(byPeriod, plainGraph(recent));
      const to = new Date(later).toISOString().slice(0, 10);
      const toMs = Date.parse(`${to}T00:00:00Z`);
      expectSameGraph(await processMap(admin, `?to=${to}`), plainGraph(all.filter((c) => c.issuedAt < toMs)));
      const together = await processMap(admin, `?unit=${ORG.units.sec}&domain=supply&from=${from}&to=${new Date(later + DAY).toISOString()}`);
      expectSameGraph(together, plainGraph(all.filter((c) => sec.has(c.ownerUnit) && c.domain === 'supply' && c.issuedAt >= later && c.issuedAt < later + DAY)));
      expect(together.cases).toBe(2);
      // Nothing matches: an empty graph, the domains still offered.
      const none = await processMap(admin, '?domain=nowhere');
      expect(none).toMatchObject({ cases: 0, events: 0, activities: [], edges: [] });
      expect(none.domains).toEqual(byDomain.domains);
    });

    it('each caller gets the graph of exactly the cases GET /assignments lists for them', async () => {
      const all = await rawCases(api);
      for (const person of [ORG.people.auditor, ORG.people.secretary, ORG.people.khinchuk, EXTRA.person, ORG.people.clerk]) {
        const client = await api.withToken(person, ['read']);
        const listed = await listIds(client);
        const mine = all.filter((c) => listed.has(c.id));
        expect(mine.length, person).toBe(listed.size);
        const got = await processMap(client);
        expectSameGraph(got, plainGraph(mine));
        expect(got.domains).toEqual([...new Set(mine.map((c) => c.domain))].sort());
      }
      // The desk worker sees their two cases only.
      expect((await processMap(await api.withToken(EXTRA.person, ['read']))).cases).toBe(2);
    });

    it('a new event is in the next answer', async () => {
      const admin = await api.withToken(EXTRA.admin, ['read']);
      const before = await processMap(admin, '?domain=energy');
      api.world.clock.set(later + 40 * HOUR);
      expectOk(await api.world.app.execute(ORG.people.krasin, { type: 'assignment.accept', assignmentId: 'asg_pm-3' }));
      const after = await processMap(admin, '?domain=energy');
      expect(after.events).toBe(before.events + 1);
      expectSameGraph(after, plainGraph((await rawCases(api)).filter((c) => c.domain === 'energy')));
    });

    it('404 for a unit hidden or unknown; 400 for a period ending before it starts or a bad moment; 401 without credentials', async () => {
      const worker = await api.withToken(ORG.people.auditor, ['read']);
      for (const unit of [ORG.units.coop, 'unit_nowhere', ORG.people.clerk]) {
        const answer = await worker.call('GET', `/api/v1/process-map?unit=${unit}`);
        expect(answer.status, unit).toBe(404);
        expect((answer.body as { code: string }).code).toBe('NOT_FOUND');
      }
      const admin = await api.withToken(EXTRA.admin, ['read']);
      for (const bad of ['from=2022-03-05&to=2022-03-05', 'from=2022-03-06&to=2022-03-05', 'from=yesterday', 'to=2022-13-01', 'unit=', 'colour=red']) {
        expect((await admin.call('GET', `/api/v1/process-map?${bad}`)).status, bad).toBe(400);
      }
      expect((await admin.call('GET', '/api/v1/process-map?from=2022-03-05T00:00:00%2B03:00&to=2022-03-06')).status).toBe(200);
      expect((await api.anonymous.call('GET', '/api/v1/process-map')).status).toBe(401);
    });
  });
}
