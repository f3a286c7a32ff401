/**
 * The people directory and who reads a decision, on both back ends
 * (docs/decisions/0022-people-directory-and-decision-visibility.md). An executor without any role
 * — who lists only themselves under GET /people — finds a colleague of another unit by part of the
 * name, case and accents ignored, and sees names and units only (never an e-mail address); names
 * starting with the text come first; the text must be 2 to 100 characters, the limit 1 to 20;
 * nobody anonymous. The parties of a case — the recipient of a waiting handover too, while it
 * waits — read the decision it comes from and no other; anyone with a role reads every decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import { apiWorld, type ApiWorld, type Client } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { at, expectOk, ORG } from '../support/world.js';

const { units: U, people: P } = ORG;

/** People added for the search (Krasin, the executor, is in Foreign trade; these are elsewhere but one). */
const ADDED = {
  'per_d-zoe': { name: 'Zoë Ångström-Dvořák', unitId: U.coop, email: 'zoe.angstrom@mail.invalid' },
  'per_d-petra': { name: 'Petra Lindqvist', unitId: U.ctrl, email: 'petra@mail.invalid' },
  'per_d-petrov': { name: 'Ivan Petrov', unitId: U.trade, email: undefined },
  'per_d-carpet': { name: 'Carpetmaker Olsen', unitId: U.coop, email: undefined },
} as const;

/** Another decision of the council of labour, whose only case Khinchuk owns. */
const OTHER = 'dec_other';
const OTHER_CASE = 'asg_other';

interface Entry {
  readonly id: string;
  readonly name: string;
  readonly unitId: string;
  readonly unitName: string;
}

async function search(c: Client, text: string, limit?: number): Promise<Entry[]> {
  const r = await c.call('GET', `/api/v1/directory?search=${encodeURIComponent(text)}${limit === undefined ? '' : `&limit=${limit}`}`);
  expect(r.status, r.raw.body).toBe(200);
  return (r.body as { items: Entry[] }).items;
}

for (const backend of backends()) {
  describe(`the people directory and decisions read by the parties of their cases on ${backend.name}`, () => {
    let api: ApiWorld;
    let krasin: Client;
    let khinchuk: Client;
    let clerk: Client;
    let auditor: Client;
    const system = async (actor: string, command: CommandInput): Promise<void> => void expectOk(await api.world.app.execute(actor, command));

    beforeAll(async () => {
      api = await apiWorld(backend);
      for (const [id, p] of Object.entries(ADDED)) await system('system', { type: 'person.register', id, name: p.name, unitId: p.unitId, ...(p.email !== undefined ? { email: p.email } : {}) });
      await system(P.secretary, { type: 'decision.register', id: OTHER, bodyId: ORG.bodies.sto, number: '2', date: '2022-03-02', title: 'Wagons' });
      await system(P.secretary, { type: 'assignment.issue', id: OTHER_CASE, decisionId: OTHER, title: 'Count the wagons', definitionOfDone: 'A list of wagons', deadline: at(400), ownerId: P.khinchuk, verifierId: P.tsiurupa });
      krasin = await api.login(P.krasin); // owner of cases of dec_meat, no role
      khinchuk = await api.login(P.khinchuk); // owner of dec_other's case, no role
      clerk = await api.login(P.clerk); // no role, no part in dec_other's case (yet)
      auditor = await api.login(P.auditor); // controller over Foreign trade
      const grants = await api.store.reads.grants(P.krasin);
      expect(grants).toEqual([]);
    });
    afterAll(() => api.close());

    it('lets an executor without a role find a colleague by part of the name, case and accents ignored, with their unit', async () => {
      const people = await krasin.call('GET', '/api/v1/people?search=angstrom');
      expect((people.body as { items: unknown[] }).items, 'GET /people shows a person without a role only themselves').toEqual([]);
      const expected = [{ id: 'per_d-zoe', name: 'Zoë Ångström-Dvořák', unitId: U.coop, unitName: "Consumers' society" }];
      expect(await search(krasin, 'angstrom')).toEqual(expected);
      expect(await search(krasin, 'ÅNGSTRÖM-dvorak')).toEqual(expected);
      expect(await search(krasin, 'zoe')).toEqual(expected);
      expect(await search(krasin, 'hinchu')).toEqual([{ id: P.khinchuk, name: 'Khinchuk', unitId: U.coop, unitName: "Consumers' society" }]);
      expect(await search(krasin, 'nobody-of-that-name')).toEqual([]);
    });

    it('shows names and units only: no e-mail address, no role', async () => {
      const r = await krasin.call('GET', '/api/v1/directory?search=petra');
      expect(r.status).toBe(200);
      expect(r.raw.body).not.toContain('@');
      expect(r.raw.body).not.toContain('mail.invalid');
      const items = (r.body as { items: Array<Record<string, unknown>> }).items;
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(Object.keys(item).sort()).toEqual(['id', 'name', 'unitId', 'unitName']);
      const auditorAnswer = await krasin.call('GET', '/api/v1/directory?search=auditor');
      expect(auditorAnswer.raw.body).not.toContain('controller');
    });

    it('puts names starting with the text first, then a word starting with it, then the rest; and keeps to the limit', async () => {
      expect((await search(krasin, 'pet')).map((e) => e.id)).toEqual(['per_d-petra', 'per_d-petrov', 'per_d-carpet']);
      expect((await search(krasin, 'pet', 2)).map((e) => e.id)).toEqual(['per_d-petra', 'per_d-petrov']);
      expect((await search(krasin, 'pet', 1)).map((e) => e.id)).toEqual(['per_d-petra']);
    });

    it('answers the same to a token that reads, and 401 to nobody', async () => {
      const token = await api.withToken(P.krasin, ['read']);
      expect((await search(token, 'angstrom')).map((e) => e.id)).toEqual(['per_d-zoe']);
      const anonymous = await api.anonymous.call('GET', '/api/v1/directory?search=angstrom');
      expect(anonymous.status).toBe(401);
      expect(anonymous.raw.body).not.toContain('Zo');
    });

    it('refuses a search of fewer than 2 or more than 100 characters, none at all, and a limit outside 1 to 20', async () => {
      for (const url of ['?search=a', '', '?search=', `?search=${'a'.repeat(101)}`, '?search=pet&limit=0', '?search=pet&limit=21', '?search=pet&limit=two', '?search=pet&unit=unit_coop']) {
        const r = await krasin.call('GET', `/api/v1/directory${url}`);
        expect(r.status, `${url}: ${r.raw.body}`).toBe(400);
        expect(r.headers['content-type']).toContain('application/problem+json');
      }
      expect((await search(krasin, 'ab', 20)).length).toBeLessThanOrEqual(20);
    });

    it('lets a party of a case read the decision it comes from, and no other', async () => {
      expect((await krasin.call('GET', `/api/v1/decisions/${ORG.decision}`)).status).toBe(200);
      expect((await khinchuk.call('GET', `/api/v1/decisions/${OTHER}`)).status).toBe(200);
      const other = await krasin.call('GET', `/api/v1/decisions/${OTHER}`);
      expect(other.status).toBe(404);
      expect(other.raw.body).not.toContain('Wagons');
      // Lists of decisions are still the role holders': a party reads the one decision, and lists none.
      expect((await krasin.call('GET', '/api/v1/decisions')).body).toMatchObject({ items: [] });
      // Anyone with a role reads every decision, as before.
      expect((await auditor.call('GET', `/api/v1/decisions/${OTHER}`)).status).toBe(200);
    });

    it('lets the person a waiting handover is offered to read the decision while it waits', async () => {
      expect((await clerk.call('GET', `/api/v1/decisions/${OTHER}`)).status).toBe(404);
      await system(P.khinchuk, { type: 'assignment.accept', assignmentId: OTHER_CASE });
      await system(P.khinchuk, { type: 'assignment.handover.offer', assignmentId: OTHER_CASE, toId: P.clerk, reason: 'the clerk counts wagons' });
      const read = await clerk.call('GET', `/api/v1/decisions/${OTHER}`);
      expect(read.status, read.raw.body).toBe(200);
      expect((read.body as { id: string; title: string }).title).toBe('Wagons');
      await system(P.clerk, { type: 'assignment.handover.refuse', assignmentId: OTHER_CASE, reason: 'not my unit' });
      expect((await clerk.call('GET', `/api/v1/decisions/${OTHER}`)).status).toBe(404);
    });
  });
}
