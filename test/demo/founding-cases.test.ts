/** The founding document's three cases of 1922, replayed into the small demo on each back end and read back through the case view. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseView, type CaseView } from '../../src/app/queries/case-view.js';
import { unwrap } from '../../src/app/errors.js';
import { CANNED_MEAT_ID } from '../../src/demo/founding/canned-meat.js';
import { COMMISSION_IDS, COMMISSIONS_PURGE_ID } from '../../src/demo/founding/commissions-purge.js';
import { DONETZ_COAL_ID } from '../../src/demo/founding/donetz-coal.js';
import { BODY, PERSON } from '../../src/demo/founding/founding-organisation.js';
import { backends } from '../support/backends.js';
import { buildInto, type BuiltDemo } from './demo-fixture.js';

/** The back ends under test, each used once here at the top level: the SQLite one registers the removal of its folder on first use, which runs after this file only if registered here. */
const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

for (const backend of BACKENDS) {
  describe(`[${backend.name}] the founding cases of 1922`, () => {
    let demo: BuiltDemo;

    beforeAll(async () => {
      demo = await buildInto(backend, 'small', 7);
    });
    afterAll(async () => {
      await demo.store.close();
    });

    async function view(id: string): Promise<CaseView> {
      return unwrap(await caseView(demo.store, id, demo.app.now()));
    }

    it('lists the three cases with their fixed ids and stories citing the seed', () => {
      expect(demo.summary.foundingCases.map((c) => c.id)).toEqual([CANNED_MEAT_ID, COMMISSIONS_PURGE_ID, DONETZ_COAL_ID]);
      const [canned] = demo.summary.foundingCases;
      expect(canned?.story).toContain('envoyé au diable');
      expect(canned?.story).toContain('notaire');
      expect(demo.summary.foundingCases[1]?.story).toContain('cent vingt');
    });

    it('canned meat: decided by the Political Bureau on 11 February 1922, verified by Gorbunov before the report of 27 March', async () => {
      const v = await view(CANNED_MEAT_ID);
      expect(v.decision?.date).toBe('1922-02-11');
      expect(v.decision?.bodyId).toBe(BODY.politburo);
      expect(v.ledger.state.status).toBe('verified');
      expect(v.ledger.state.verifiedBy).toBe(PERSON.gorbunov);
      expect(v.ledger.state.ownerId).toBe(PERSON.krassine);
      expect(v.ledger.end < '1922-03-27').toBe(true);
      const submitted = v.events.find((e) => e.type === 'assignment.submitted');
      const evidence = (submitted?.payload as { evidence: Array<{ kind: string; sha256?: string; unit?: string }> }).evidence;
      expect(evidence.find((e) => e.kind === 'document')?.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(evidence.find((e) => e.kind === 'figure')?.unit).toBe('poods');
      expect(v.names.get(PERSON.krassine)).toBe('L. B. Krassine');
    });

    it("canned meat: the hour ledger shows the refusals, the escalations, the transfer and who held the case", async () => {
      const { ledger } = await view(CANNED_MEAT_ID);
      const refused = ledger.requests.filter((r) => r.kind === 'handover' && r.outcome === 'refused');
      expect(refused.map((r) => r.answer).join(' ')).toContain('devil');
      expect(refused.map((r) => r.answer).join(' ')).toContain('notary');
      expect(ledger.requests.some((r) => r.kind === 'handover' && r.outcome === 'accepted')).toBe(true);
      expect(ledger.requests.filter((r) => r.kind === 'extension').map((r) => r.outcome)).toEqual(['refused', 'accepted']);
      expect(ledger.requests.find((r) => r.kind === 'transfer')).toMatchObject({ to: PERSON.krassine, by: PERSON.tsiouroupa, outcome: 'accepted' });
      const escalations = ledger.marks.filter((m) => m.kind === 'escalated');
      expect(escalations.map((m) => m.detail)).toEqual([expect.stringContaining(PERSON.kamenev), expect.stringContaining(BODY.politburo)]);
      const holders = new Set(ledger.intervals.map((i) => i.personId));
      for (const p of [PERSON.nkvtImportHead, PERSON.mpoPurchasingHead, PERSON.mpoChair, PERSON.tsiouroupa, PERSON.krassine, PERSON.gorbunov]) expect(holders).toContain(p);
      expect(ledger.overdueMs).toBeGreaterThan(0);
      // The intervals tile the case's life: no gap, no overlap, and they add up to the elapsed time.
      expect(ledger.intervals.reduce((s, i) => s + i.ms, 0)).toBe(ledger.elapsedMs);
      for (let i = 1; i < ledger.intervals.length; i++) expect(ledger.intervals[i]?.from).toBe(ledger.intervals[i - 1]?.to);
      expect(ledger.intervals[0]?.from).toBe(ledger.start);
      expect(ledger.intervals[ledger.intervals.length - 1]?.to).toBe(ledger.end);
    });

    it('commissions purge: thirteen commissions dissolved, two kept, the purge verified', async () => {
      expect(COMMISSION_IDS.dissolved).toHaveLength(13);
      for (const id of COMMISSION_IDS.dissolved) expect((await demo.store.reads.streamEvents(id)).map((e) => e.type)).toEqual(['committee.created', 'committee.dissolved']);
      for (const id of COMMISSION_IDS.kept) expect((await demo.store.reads.streamEvents(id)).map((e) => e.type)).toEqual(['committee.created']);
      const v = await view(COMMISSIONS_PURGE_ID);
      expect(v.ledger.state.status).toBe('verified');
      expect(v.ledger.state.coExecutorIds).toEqual([PERSON.mirochnikov]);
    });

    it('Donetz: rejected once with reasons, reworked under an extension, resubmitted and verified', async () => {
      const { ledger } = await view(DONETZ_COAL_ID);
      expect(ledger.marks.map((m) => m.kind)).toEqual(['submitted', 'rejected', 'submitted', 'verified']);
      expect(ledger.marks[1]?.detail).toContain('minor conflicts');
      expect(ledger.state.counts.rejections).toBe(1);
      expect(ledger.state.counts.deadlineChanges).toBe(1);
      expect(ledger.state.verifiedBy).toBe(PERSON.ordjonikidze);
    });
  });
}
