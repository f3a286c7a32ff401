/**
 * The read model returns what the projections hold: every filter of `assignments` is checked
 * against the same filter applied here to a dump of the `assignments` table, and cursor pages
 * put together give the whole list, in order, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import type { AssignmentFilter, AssignmentSummary } from '../../src/store/read-model.js';
import { backends } from '../support/backends.js';
import { dumpProjections } from '../support/dump.js';
import { populate } from '../support/scenario.js';
import { at, issueCommand, ORG, run } from '../support/world.js';

type Row = Record<string, unknown>;
const OPEN = ['issued', 'in_progress', 'submitted'];

function summaryOf(r: Row): AssignmentSummary {
  return {
    id: String(r['id']),
    title: String(r['title']),
    decisionId: String(r['decision_id']),
    parentId: r['parent_id'] as string | null,
    domain: String(r['domain']),
    urgency: String(r['urgency']),
    status: String(r['status']),
    ownerId: String(r['owner_id']),
    holderId: String(r['holder_id']),
    holderRole: String(r['holder_role']),
    verifierId: String(r['verifier_id']),
    deadline: String(r['deadline']),
    issuedAt: String(r['issued_at']),
    closedAt: r['closed_at'] as string | null,
    escalationLevel: Number(r['escalation_level']),
    unitId: r['unit_id'] as string | null,
    handovers: Number(r['handovers']),
    refusals: Number(r['refusals']),
    rejections: Number(r['rejections']),
    deadlineChanges: Number(r['deadline_changes']),
  };
}

/** The filter applied to the projection rows in plain code: the oracle. */
function oracle(rows: readonly Row[], f: AssignmentFilter): string[] {
  const needle = f.search?.trim().toLowerCase();
  return rows
    .filter((r) => !needle || String(r['title']).toLowerCase().includes(needle) || String(r['definition_of_done']).toLowerCase().includes(needle))
    .filter((r) => f.overdueAt === undefined || (OPEN.includes(String(r['status'])) && String(r['deadline']) < f.overdueAt))
    .filter((r) => f.statuses === undefined || f.statuses.length === 0 || f.statuses.includes(String(r['status'])))
    .filter((r) => f.ownerId === undefined || r['owner_id'] === f.ownerId)
    .filter((r) => f.holderId === undefined || r['holder_id'] === f.holderId)
    .filter((r) => f.verifierId === undefined || r['verifier_id'] === f.verifierId)
    .filter((r) => f.decisionId === undefined || r['decision_id'] === f.decisionId)
    .filter((r) => f.domain === undefined || r['domain'] === f.domain)
    .sort((a, b) => (String(a['deadline']) < String(b['deadline']) ? -1 : String(a['deadline']) > String(b['deadline']) ? 1 : String(a['id']) < String(b['id']) ? -1 : 1))
    .map((r) => String(r['id']));
}

for (const backend of backends()) {
  describe(`[${backend.name}] read model: assignments`, () => {
    let store: KyselyStore;
    let rows: Row[];

    beforeAll(async () => {
      store = await backend.fresh();
      const w = await populate(store);
      const p = ORG.people;
      await run(w, p.secretary, issueCommand({ id: 'asg_shares', title: 'Sell 100% of the 50_50 company', deadline: at(150) }));
      await run(w, p.secretary, issueCommand({ id: 'asg_pct', title: 'Raise output by 100 percent', deadline: at(150) }));
      await run(w, p.secretary, issueCommand({ id: 'asg_ru', title: 'Закупка консервов', definitionOfDone: 'Консервы на складе', deadline: at(160) }));
      await run(w, p.secretary, issueCommand({ id: 'asg_fr', title: 'Économie régionale', deadline: at(170), ownerId: p.khinchuk }));
      await run(w, p.secretary, issueCommand({ id: 'asg_dod', title: 'Quarterly note', definitionOfDone: 'Signed by the TREASURY', deadline: at(110) }));
      rows = (await dumpProjections(store)).assignments;
      expect(rows.length).toBe(11);
    });
    afterAll(async () => {
      await store.close();
    });

    async function ids(f: AssignmentFilter): Promise<string[]> {
      return (await store.reads.assignments(f)).map((a) => a.id);
    }

    it('lists every assignment as its projection row holds it, by deadline then id', async () => {
      const all = await store.reads.assignments({});
      const byId = new Map(rows.map((r) => [String(r['id']), summaryOf(r)]));
      expect(all.map((a) => a.id)).toEqual(oracle(rows, {}));
      for (const a of all) expect(a).toEqual(byId.get(a.id));
    });

    it('search: case-insensitive, in the title or the definition of done', async () => {
      expect(await ids({ search: 'MEAT' })).toEqual(['asg_meat']);
      expect(await ids({ search: 'treasury' })).toEqual(['asg_dod']);
      for (const search of ['coal', 'warehouse', ' canned ', 'nothing like this']) expect(await ids({ search }), search).toEqual(oracle(rows, { search }));
      expect(await ids({ search: '   ' })).toEqual(oracle(rows, {}));
    });

    it('search: % and _ are literal characters, not wildcards', async () => {
      // 'Raise output by 100 percent' would match if % were a wildcard
      expect(await ids({ search: '100%' })).toEqual(['asg_audit', 'asg_shares']);
      expect(await ids({ search: '%' })).toEqual(['asg_audit', 'asg_shares']);
      expect(await ids({ search: '50_50' })).toEqual(['asg_shares']);
      expect(await ids({ search: '_' })).toEqual(['asg_shares']);
      expect(await ids({ search: 'by_100' })).toEqual([]);
    });

    it('search: case-insensitive beyond ASCII (Cyrillic, accented Latin)', async () => {
      expect(await ids({ search: 'закупка' })).toEqual(['asg_ru']);
      expect(await ids({ search: 'Закупка' })).toEqual(['asg_ru']);
      expect(await ids({ search: 'консервы' })).toEqual(['asg_ru']);
      expect(await ids({ search: 'économie' })).toEqual(['asg_fr']);
    });

    it('overdueAt: open cases past their deadline at that instant', async () => {
      for (const hours of [0, 21, 31, 49, 100, 200]) {
        const f = { overdueAt: at(hours) };
        expect(await ids(f), `at +${hours}h`).toEqual(oracle(rows, f));
      }
      expect(await ids({ overdueAt: at(100) })).toEqual(['asg_audit', 'asg_prices', 'asg_wagons']);
    });

    it('statuses, owner, holder, verifier, decision and domain', async () => {
      const p = ORG.people;
      const filters: AssignmentFilter[] = [
        { statuses: ['verified'] },
        { statuses: ['cancelled', 'issued'] },
        { statuses: [] },
        { ownerId: p.krasin },
        { ownerId: p.secretary },
        { holderId: p.khinchuk },
        { holderId: p.tsiurupa },
        { verifierId: p.auditor },
        { decisionId: ORG.decision },
        { decisionId: 'dec_none' },
        { domain: 'energy' },
        { ownerId: p.krasin, statuses: ['issued'], search: 'e' },
      ];
      for (const f of filters) expect(await ids(f), JSON.stringify(f)).toEqual(oracle(rows, f));
      expect(await ids({ statuses: ['verified'] })).toEqual(['asg_meat']);
      expect(await ids({ ownerId: p.secretary })).toEqual(['asg_prices']);
    });

    it('cursor pagination gives every row once, in order', async () => {
      for (const f of [{}, { statuses: ['issued'] }, { ownerId: ORG.people.krasin }] as AssignmentFilter[]) {
        const seen: string[] = [];
        let after: AssignmentFilter['after'];
        for (let page = 0; page < 20; page++) {
          const rowsOfPage = await store.reads.assignments({ ...f, limit: 2, ...(after ? { after } : {}) });
          expect(rowsOfPage.length).toBeLessThanOrEqual(2);
          if (rowsOfPage.length === 0) break;
          seen.push(...rowsOfPage.map((r) => r.id));
          const last = rowsOfPage.at(-1);
          after = last && { deadline: last.deadline, id: last.id };
        }
        expect(seen, JSON.stringify(f)).toEqual(oracle(rows, f));
      }
    });

    it('page size: at least 1, at most 1,000', async () => {
      expect(await ids({ limit: 0 })).toHaveLength(1);
      expect(await ids({ limit: -5 })).toHaveLength(1);
      expect(await ids({ limit: 3 })).toEqual(oracle(rows, {}).slice(0, 3));
      expect(await ids({ limit: 5000 })).toHaveLength(11);
    });
  });
}
