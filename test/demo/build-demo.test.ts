/** The small demo on each back end: it builds, verifies, is reproducible hash for hash, and has the shape its size promises. */
import { describe, expect, it } from 'vitest';
import { CITY_SIZES } from '../../src/demo/city/city-size.js';
import { DEPARTMENTS } from '../../src/demo/city/city-catalogue.js';
import { FOUNDING_CASES } from '../../src/demo/founding/founding-cases.js';
import { FOUNDING_ORGANISATION_SIZE } from '../../src/demo/founding/founding-organisation.js';
import { backends } from '../support/backends.js';
import { allAssignments, allHashes, buildInto } from './demo-fixture.js';

/** The back ends under test, each used once here at the top level: the SQLite one registers the removal of its folder on first use, which runs after this file only if registered here. */
const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

for (const backend of BACKENDS) {
  describe(`[${backend.name}] the small demo`, () => {
    it('builds, verifies, ends with a checkpoint, and reports progress by phase', async () => {
      const calls: Array<[number, number, string]> = [];
      const demo = await buildInto(backend, 'small', 1, (done, total, phase) => calls.push([done, total, phase]));
      const report = await demo.store.verify();
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.events).toBe(demo.summary.events);
      const counts = await demo.store.reads.counts();
      expect(demo.summary).toMatchObject({ units: counts.units, people: counts.people, assignments: counts.assignments, events: counts.events });
      const ledger = await demo.store.reads.streamEvents('ledger_main');
      expect(ledger.length).toBeGreaterThan(0);
      expect((await demo.store.reads.eventsAfter(counts.events - 1, 1))[0]?.type).toBe('checkpoint.recorded');
      expect(ledger[ledger.length - 1]?.at).toBe('2026-11-01T00:00:00.000Z');
      expect(new Set(calls.map((c) => c[2]))).toEqual(new Set(['founding cases', 'city organisation', 'city activity', 'checkpoint']));
      for (const [done, total] of calls) expect(done).toBeLessThanOrEqual(total);
      await demo.store.close();
    });

    it('is reproducible: the same seed gives the same events, hash for hash; another seed does not', async () => {
      const a = await buildInto(backend, 'small', 42);
      const b = await buildInto(backend, 'small', 42);
      const c = await buildInto(backend, 'small', 43);
      const [ha, hb, hc] = await Promise.all([allHashes(a.store), allHashes(b.store), allHashes(c.store)]);
      expect(ha.length).toBe(a.summary.events);
      expect(hb).toEqual(ha);
      expect(hc).not.toEqual(ha);
      expect(b.summary).toEqual(a.summary);
      await Promise.all([a.store.close(), b.store.close(), c.store.close()]);
    });

    it('has the shape its size promises, and a realistic mix of outcomes', async () => {
      const demo = await buildInto(backend, 'small', 5);
      const size = CITY_SIZES.small;
      const departments = DEPARTMENTS.slice(0, size.departments);
      const cityUnits = 3 + departments.length + departments.reduce((s, d) => s + Math.min(d.divisions.length, size.divisionsPerDepartment), 0);
      expect(demo.summary.units).toBe(FOUNDING_ORGANISATION_SIZE.units + cityUnits);
      expect(demo.summary.people).toBe(FOUNDING_ORGANISATION_SIZE.people + size.people);
      const founding = new Set(FOUNDING_CASES.map((c) => c.id));
      const city = (await allAssignments(demo.store)).filter((a) => !founding.has(a.id));
      expect(city.length).toBe(demo.summary.assignments - founding.size);
      expect(city.filter((a) => a.parentId === null)).toHaveLength(size.assignments);
      expect(city.filter((a) => a.parentId !== null).length).toBeGreaterThan(0);
      const verified = city.filter((a) => a.status === 'verified');
      const open = city.filter((a) => ['issued', 'in_progress', 'submitted'].includes(a.status));
      const late = verified.filter((a) => a.closedAt !== null && a.closedAt > a.deadline);
      expect(verified.length).toBeGreaterThan(city.length / 2);
      expect(late.length).toBeGreaterThan(0);
      expect(late.length).toBeLessThan(verified.length / 2);
      expect(open.length).toBeGreaterThan(0);
      expect(city.some((a) => a.status === 'cancelled')).toBe(true);
      expect(city.some((a) => a.handovers > 0)).toBe(true);
      expect(city.some((a) => a.refusals > 0)).toBe(true);
      expect(city.some((a) => a.rejections > 0)).toBe(true);
      expect(city.some((a) => a.deadlineChanges > 0)).toBe(true);
      expect(city.some((a) => a.escalationLevel > 0)).toBe(true);
      await demo.store.close();
    });
  });
}

describe('the small demo across back ends', () => {
  const all = BACKENDS;
  it.skipIf(all.length < 2)(`the same seed builds the same record on ${all.map((b) => `[${b.name}]`).join(' and ')}, event for event and hash for hash`, async () => {
    const demos = await Promise.all(all.map((b) => buildInto(b, 'small', 11)));
    const hashes = await Promise.all(demos.map((d) => allHashes(d.store)));
    expect(hashes[0]?.length).toBe(demos[0]?.summary.events);
    for (const h of hashes.slice(1)) expect(h).toEqual(hashes[0]);
    for (const d of demos.slice(1)) expect(d.summary).toEqual(demos[0]?.summary);
    await Promise.all(demos.map((d) => d.store.close()));
  });
});
