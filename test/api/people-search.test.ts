/**
 * GET /api/v1/people?search= on both back ends: finds people by part of their name, case and
 * accents ignored (in the name and in the text searched for); combines with the unit filter; keeps
 * to what the caller may see (a controller over one unit finds nobody outside it, a person without
 * a role only themselves); pages with its cursor, each person once; refuses an empty or too long text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import { apiWorld, type ApiWorld, type Client } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { expectOk, ORG } from '../support/world.js';

const { units: U, people: P } = ORG;

/** The people added for the search, by unit: trade is the auditor's scope, coop is not. */
const ADDED = {
  'per_s-petr': { name: 'Pëtr Ivanóvich Sëmin', unitId: U.trade },
  'per_s-petra': { name: 'PETRA Dvořák', unitId: U.trade },
  'per_s-petrov': { name: 'Ivan Petrov', unitId: U.trade },
  'per_s-petrus': { name: 'Petrůs Øberg', unitId: U.coop },
  'per_s-ljosa': { name: 'Ljoša Straße', unitId: U.coop },
  'per_s-zoe': { name: 'Zoë Ångström', unitId: U.ctrl },
} as const;

/** Folded as a reader would compare: decomposed, without accents, lower case (the oracle; ß, ø stay). */
function plain(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Every id a list gives, page by page; fails on a repeated id or a short page before the last. */
async function listAll(c: Client, query: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 500; n++) {
    const r = await c.call('GET', `/api/v1/people?limit=${limit}${query}${cursor === null ? '' : `&cursor=${cursor}`}`);
    expect(r.status, r.raw.body).toBe(200);
    const page = r.body as { items: { id: string; name: string }[]; next: string | null };
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((i) => i.id));
    if (page.next === null) break;
    expect(page.items.length).toBe(limit);
    cursor = page.next;
  }
  expect(new Set(ids).size, `repeated ids: ${ids.join(', ')}`).toBe(ids.length);
  return ids;
}

for (const backend of backends()) {
  describe(`people search on ${backend.name}`, () => {
    let api: ApiWorld;
    let admin: Client;
    let auditor: Client;
    let clerk: Client;
    /** Every person's name, by id. */
    const names = new Map<string, string>();

    beforeAll(async () => {
      api = await apiWorld(backend);
      const system = async (command: CommandInput): Promise<void> => void expectOk(await api.world.app.execute('system', command));
      for (const root of [U.sec, U.trade, U.coop]) await system({ type: 'person.grant-role', personId: P.tsiurupa, role: 'administrator', scopeId: root });
      for (const [id, p] of Object.entries(ADDED)) await system({ type: 'person.register', id, name: p.name, unitId: p.unitId });
      for (const [id, name] of await api.store.reads.names([...Object.values(P), ...Object.keys(ADDED)])) names.set(id, name);
      admin = await api.login(P.tsiurupa);
      auditor = await api.login(P.auditor); // controller over Foreign trade, placed in Execution control
      clerk = await api.login(P.clerk); // no role
    });
    afterAll(() => api.close());

    /** What a search must find among the people the caller lists without one (the oracle). */
    async function expected(c: Client, search: string, unit = ''): Promise<string[]> {
      const all = await listAll(c, unit, 200);
      return all.filter((id) => plain(names.get(id) ?? '').includes(plain(search)));
    }

    it('finds by part of a name, ignoring case and accents on both sides', async () => {
      expect(await listAll(admin, '&search=petr', 200)).toEqual(['per_s-petr', 'per_s-petra', 'per_s-petrov', 'per_s-petrus']);
      expect(await listAll(admin, '&search=PËTR', 200)).toEqual(['per_s-petr', 'per_s-petra', 'per_s-petrov', 'per_s-petrus']);
      expect(await listAll(admin, `&search=${encodeURIComponent('ivanovich')}`, 200)).toEqual(['per_s-petr']);
      expect(await listAll(admin, `&search=${encodeURIComponent('IVANÓVICH SEMIN')}`, 200)).toEqual(['per_s-petr']);
      expect(await listAll(admin, '&search=dvorak', 200)).toEqual(['per_s-petra']);
      expect(await listAll(admin, '&search=zoe%20angstrom', 200)).toEqual(['per_s-zoe']);
      expect(await listAll(admin, '&search=ljosa', 200)).toEqual(['per_s-ljosa']);
      // Letters Unicode does not decompose are read as their usual base letters.
      expect(await listAll(admin, '&search=strasse', 200)).toEqual(['per_s-ljosa']);
      expect(await listAll(admin, '&search=oberg', 200)).toEqual(['per_s-petrus']);
      expect(await listAll(admin, '&search=krasin', 200)).toEqual([P.krasin]);
      expect(await listAll(admin, '&search=nobody%20by%20that%20name', 200)).toEqual([]);
      for (const search of ['petr', 'a', 'IN', 'ë', 'tr', ' ']) expect(await listAll(admin, `&search=${encodeURIComponent(search)}`, 200), search).toEqual(await expected(admin, search));
    });

    it('combines with the unit filter', async () => {
      expect(await listAll(admin, `&search=petr&unit=${U.trade}`, 200)).toEqual(['per_s-petr', 'per_s-petra', 'per_s-petrov']);
      expect(await listAll(admin, `&search=petr&unit=${U.coop}`, 200)).toEqual(['per_s-petrus']);
      expect(await listAll(admin, `&search=zoe&unit=${U.sec}`, 200)).toEqual(['per_s-zoe']);
      expect(await listAll(admin, `&search=zoe&unit=${U.trade}`, 200)).toEqual([]);
    });

    it('keeps to what the caller may see', async () => {
      // The auditor sees Foreign trade (a role) and themselves: Petrůs of the consumers' society and Zoë of Execution control stay hidden.
      expect(await listAll(auditor, '&search=petr', 200)).toEqual(['per_s-petr', 'per_s-petra', 'per_s-petrov']);
      expect(await listAll(auditor, '&search=zoe', 200)).toEqual([]);
      expect(await listAll(auditor, '&search=auditor', 200)).toEqual([P.auditor]);
      expect(await listAll(auditor, '&search=khinchuk', 200)).toEqual([]);
      for (const search of ['petr', 'a', 'i']) expect(await listAll(auditor, `&search=${search}`, 200), search).toEqual(await expected(auditor, search));
      // Without a role, only oneself.
      expect(await listAll(clerk, '&search=clerk', 200)).toEqual([P.clerk]);
      expect(await listAll(clerk, '&search=petr', 200)).toEqual([]);
      expect(await listAll(clerk, '&search=u', 200)).toEqual([]);
      expect(await listAll(clerk, '&search=r', 200)).toEqual([P.clerk]);
    });

    it('pages with its cursor: the pages put together are the whole list, each person once', async () => {
      for (const [c, search] of [[admin, 'a'], [admin, 'petr'], [admin, 'i'], [auditor, 'a'], [auditor, 'petr']] as const) {
        const whole = await listAll(c, `&search=${search}`, 200);
        expect(whole.length).toBeGreaterThan(2);
        for (const limit of [1, 2, 3]) expect(await listAll(c, `&search=${search}`, limit), `${search} by ${limit}`).toEqual(whole);
      }
    });

    it('refuses an empty or too long text', async () => {
      for (const search of ['', 'x'.repeat(101)]) {
        const r = await admin.call('GET', `/api/v1/people?search=${search}`);
        expect(r.status, r.raw.body).toBe(400);
        expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      expect((await admin.call('GET', `/api/v1/people?search=${'x'.repeat(100)}`)).status).toBe(200);
    });
  });
}
