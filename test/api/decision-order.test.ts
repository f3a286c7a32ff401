/**
 * GET /api/v1/decisions?order=newest on both back ends: by decision date descending, then id
 * descending; for every page size, with and without the body and search filters, the pages put
 * together are exactly the decisions matching, in that order, each once (no duplicates, no gaps) —
 * also across the batches the route reads the record in. The default order (by id) and its cursor
 * are unchanged, and a cursor of one order is refused by the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import { apiWorld, type ApiWorld, type Client } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { expectOk, ORG } from '../support/world.js';

interface Decision {
  id: string;
  bodyId: string;
  number: string;
  date: string;
  title: string;
}

interface Page {
  items: Decision[];
  next: string | null;
}

/** Decisions of the fixture: several share a date (the id orders them), dates out of id order, two bodies. */
const TITLES = ['Grain for the cities', 'Coal for the Donbass', 'Wagons', 'Grain tax', 'Fuel', 'Salt', 'GRAIN reserves', 'Prices'];
/** More decisions than the route reads in one batch (500), so that paging crosses batches. */
const MANY = 520;

/** Newest first: date descending, then id descending. */
function newestFirst(a: Decision, b: Decision): number {
  return a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Every page of a list, each checked for its size. */
async function pages(c: Client, query: string, limit: number): Promise<Page[]> {
  const out: Page[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 2000; n++) {
    const r = await c.call('GET', `/api/v1/decisions?limit=${limit}${query}${cursor === null ? '' : `&cursor=${cursor}`}`);
    expect(r.status, r.raw.body).toBe(200);
    const page = r.body as Page;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    out.push(page);
    if (page.next === null) return out;
    expect(page.items.length, 'a page before the last is full').toBe(limit);
    cursor = page.next;
  }
  throw new Error('too many pages');
}

async function ids(c: Client, query: string, limit: number): Promise<string[]> {
  return (await pages(c, query, limit)).flatMap((p) => p.items.map((d) => d.id));
}

for (const backend of backends()) {
  describe(`decisions newest first on ${backend.name}`, () => {
    let api: ApiWorld;
    let secretary: Client;
    /** Every decision of the record. */
    let all: Decision[];

    beforeAll(async () => {
      api = await apiWorld(backend);
      const run = async (command: CommandInput): Promise<void> => void expectOk(await api.world.app.execute('system', command));
      for (let i = 0; i < 40; i++) {
        const bodyId = i % 3 === 0 ? ORG.bodies.council : ORG.bodies.sto;
        // Dates in an order unrelated to the ids; every date is used by several decisions.
        const date = `2022-0${1 + ((i * 7) % 5)}-1${(i * 3) % 4}`;
        await run({ type: 'decision.register', id: `dec_o${String((i * 17) % 40).padStart(2, '0')}`, bodyId, number: `O-${i}`, date, title: `${TITLES[i % TITLES.length] ?? ''} ${i}` });
      }
      for (let i = 0; i < MANY; i++) {
        await run({ type: 'decision.register', id: `dec_m${String(i).padStart(4, '0')}`, bodyId: ORG.bodies.council, number: `M-${i}`, date: `2021-${String(1 + (i % 12)).padStart(2, '0')}-0${1 + (i % 7)}`, title: i % 97 === 0 ? `Needle ${i}` : `Routine ${i}` });
      }
      secretary = await api.login(ORG.people.secretary);
      all = (await pages(secretary, '', 200)).flatMap((p) => p.items);
      expect(all.length).toBe(40 + MANY + 1);
    }, 180_000);
    afterAll(() => api.close());

    it('the default order is by id, as before', async () => {
      expect(all.map((d) => d.id)).toEqual(all.map((d) => d.id).sort());
      expect(await ids(secretary, '&order=id', 200)).toEqual(all.map((d) => d.id));
    });

    it('newest first: the pages put together are the sorted list, for every page size and filter', async () => {
      const filters: Array<[string, (d: Decision) => boolean]> = [
        ['', () => true],
        [`&body=${ORG.bodies.sto}`, (d) => d.bodyId === ORG.bodies.sto],
        [`&body=${ORG.bodies.council}`, (d) => d.bodyId === ORG.bodies.council],
        ['&search=grain', (d) => d.title.toLowerCase().includes('grain')],
        [`&search=GRAIN&body=${ORG.bodies.council}`, (d) => d.title.toLowerCase().includes('grain') && d.bodyId === ORG.bodies.council],
        ['&search=O-1', (d) => d.number.includes('O-1')],
        ['&search=needle', (d) => d.title.includes('Needle')],
        ['&search=nothing%20like%20this', () => false],
      ];
      for (const [query, keep] of filters) {
        const want = all.filter(keep).sort(newestFirst).map((d) => d.id);
        for (const limit of query === '' || query.startsWith('&body=body_council') ? [7, 200] : [1, 2, 3, 200]) {
          const got = await ids(secretary, `&order=newest${query}`, limit);
          expect(got, `${query} by ${limit}`).toEqual(want);
        }
      }
    });

    it('each page is in order and follows the last one', async () => {
      const list = await pages(secretary, '&order=newest', 50);
      const flat = list.flatMap((p) => p.items);
      for (let i = 1; i < flat.length; i++) expect(newestFirst(flat[i - 1] as Decision, flat[i] as Decision)).toBeLessThan(0);
      expect(flat.length).toBe(all.length);
    });

    it('a cursor of one order is refused by the other', async () => {
      const newest = (await pages(secretary, '&order=newest', 200))[0]?.next;
      const byId = (await pages(secretary, '', 200))[0]?.next;
      expect(typeof newest).toBe('string');
      expect(typeof byId).toBe('string');
      for (const url of [`/api/v1/decisions?cursor=${newest}`, `/api/v1/decisions?order=id&cursor=${newest}`, `/api/v1/decisions?order=newest&cursor=${byId}`]) {
        const r = await secretary.call('GET', url);
        expect(r.status, url).toBe(400);
        expect((r.body as { code: string }).code).toBe('BAD_REQUEST');
      }
      expect((await secretary.call('GET', '/api/v1/decisions?order=oldest')).status).toBe(400);
    });
  });
}
