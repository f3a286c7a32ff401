/**
 * GET /api/v1/assignments answers with `names`, on both back ends: for every caller and page size,
 * each page names exactly the people, units and decisions its items mention (owner, holder,
 * verifier, issuer, controller, co-executors, unit, holder's unit, decision) — every one of them,
 * with the name the record holds (a decision as "number — title"), and nothing else (not even what
 * the row after the page mentions). The parties the items carry are those of the case itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiWorld, type ApiWorld, type Client } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { CASES } from '../support/scenario.js';
import { expectOk, ORG } from '../support/world.js';

interface Item {
  id: string;
  decisionId: string;
  ownerId: string;
  holderId: string;
  verifierId: string;
  issuerId: string;
  controllerId: string | null;
  coExecutorIds: string[];
  unitId: string | null;
  holderUnitId: string;
}

interface Page {
  items: Item[];
  next: string | null;
  names: Record<string, string>;
}

/** Every id an item mentions, as the test reads the item. */
function mentioned(i: Item): string[] {
  return [i.decisionId, i.ownerId, i.holderId, i.verifierId, i.issuerId, ...(i.controllerId === null ? [] : [i.controllerId]), ...i.coExecutorIds, ...(i.unitId === null ? [] : [i.unitId]), i.holderUnitId];
}

/** Every page of a list, in order. */
async function pages(c: Client, query: string, limit: number): Promise<Page[]> {
  const out: Page[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 500; n++) {
    const r = await c.call('GET', `/api/v1/assignments?limit=${limit}${query}${cursor === null ? '' : `&cursor=${cursor}`}`);
    expect(r.status, r.raw.body).toBe(200);
    const page = r.body as Page;
    out.push(page);
    if (page.next === null) return out;
    cursor = page.next;
  }
  throw new Error('too many pages');
}

for (const backend of backends()) {
  describe(`names with the assignment list on ${backend.name}`, () => {
    let api: ApiWorld;
    /** The name the record holds for every id that may be mentioned. */
    const truth = new Map<string, string>();

    beforeAll(async () => {
      api = await apiWorld(backend);
      // The decision of every case is dec_meat: another one, so that pages mention two decisions.
      const sec = ORG.people.secretary;
      expectOk(await api.world.app.execute(sec, { type: 'decision.register', id: 'dec_grain', bodyId: ORG.bodies.sto, number: '2/b', date: '2022-03-02', title: 'Grain for the cities' }));
      expectOk(
        await api.world.app.execute(sec, {
          type: 'assignment.issue',
          id: 'asg_grain',
          decisionId: 'dec_grain',
          title: 'Grain from the Volga',
          definitionOfDone: 'In the elevators',
          deadline: new Date(api.world.clock.now() + 86_400_000).toISOString(),
          ownerId: ORG.people.auditor,
          verifierId: ORG.people.krasin,
          controllerId: ORG.people.tsiurupa,
          coExecutorIds: [ORG.people.khinchuk, ORG.people.clerk],
        }),
      );
      const ids = [...Object.values(ORG.people), ...Object.values(ORG.units)];
      for (const [id, name] of await api.store.reads.names(ids)) truth.set(id, name);
      expect(truth.size).toBe(ids.length);
      truth.set(ORG.decision, '1 — Canned meat');
      truth.set('dec_grain', '2/b — Grain for the cities');
    });
    afterAll(() => api.close());

    it("the items carry the case's own parties", async () => {
      const admin = await api.login(ORG.people.secretary);
      const all = (await pages(admin, '', 200)).flatMap((p) => p.items);
      expect(all.map((i) => i.id).sort()).toEqual([...CASES, 'asg_grain'].sort());
      for (const item of all) {
        const snap = await api.store.reads.snapshot(item.id);
        const s = snap?.state as { issuerId: string; controllerId: string | null; coExecutorIds: string[]; units: Record<string, string>; ownerId: string };
        expect(item.issuerId).toBe(s.issuerId);
        expect(item.controllerId).toBe(s.controllerId);
        expect(item.coExecutorIds).toEqual([...s.coExecutorIds].sort());
        expect(item.unitId).toBe(s.units[s.ownerId] ?? null);
        const holderUnit = s.units[item.holderId];
        if (holderUnit !== undefined) expect(item.holderUnitId).toBe(holderUnit);
      }
      // The fixture mentions every kind of party: otherwise the tests below would prove less than they say.
      expect(all.some((i) => i.controllerId !== null)).toBe(true);
      expect(all.some((i) => i.coExecutorIds.length >= 2)).toBe(true);
      expect(all.some((i) => i.issuerId !== i.ownerId && i.issuerId !== i.verifierId)).toBe(true);
      expect(all.some((i) => i.holderUnitId !== i.unitId)).toBe(true);
      expect(new Set(all.map((i) => i.decisionId)).size).toBe(2);
    });

    it('each page names exactly what its items mention, each with its name, for every caller and page size', async () => {
      let pagesSeen = 0;
      let nextRowHadNewIds = 0;
      for (const personId of Object.values(ORG.people)) {
        const c = await api.login(personId);
        for (const limit of [1, 2, 3, 200]) {
          const list = await pages(c, '', limit);
          for (const [n, page] of list.entries()) {
            const ids = [...new Set(page.items.flatMap(mentioned))].sort();
            expect(Object.keys(page.names).sort(), `${personId}, limit ${limit}, page ${n}`).toEqual(ids);
            for (const id of ids) expect(page.names[id], id).toBe(truth.get(id));
            pagesSeen++;
            const following = list[n + 1]?.items[0];
            if (following !== undefined && mentioned(following).some((id) => !ids.includes(id))) nextRowHadNewIds++;
          }
        }
      }
      expect(pagesSeen).toBeGreaterThan(20);
      // Some page was followed by a row mentioning ids the page does not: the route read that row too (to know there is a next page) and must not name them.
      expect(nextRowHadNewIds).toBeGreaterThan(0);
    });

    it('with filters, and an empty page names nothing', async () => {
      const c = await api.login(ORG.people.secretary);
      for (const query of ['&decision=dec_grain', '&status=verified', '&search=coal', '&owner=per_nobody']) {
        for (const page of await pages(c, query, 2)) {
          const ids = [...new Set(page.items.flatMap(mentioned))].sort();
          expect(Object.keys(page.names).sort(), query).toEqual(ids);
          for (const id of ids) expect(page.names[id], id).toBe(truth.get(id));
        }
      }
      const none = (await pages(c, '&owner=per_nobody', 2))[0];
      expect(none).toEqual({ items: [], next: null, names: {} });
    });
  });
}
