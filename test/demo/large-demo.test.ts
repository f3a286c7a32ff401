/** The large demo on each back end: the size it promises, and a record that verifies. */
import { describe, expect, it } from 'vitest';
import { FOUNDING_CASES } from '../../src/demo/founding/founding-cases.js';
import { FOUNDING_ORGANISATION_SIZE } from '../../src/demo/founding/founding-organisation.js';
import { backends } from '../support/backends.js';
import { buildInto } from './demo-fixture.js';

/** The back ends under test, each used once here at the top level: the SQLite one registers the removal of its folder on first use, which runs after this file only if registered here. */
const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

for (const backend of BACKENDS) {
  describe(`[${backend.name}] the large demo`, () => {
    it('has a city of at least 20 units, 200 people and 5,000 assignments, and verifies', { timeout: 300_000 }, async () => {
      const demo = await buildInto(backend, 'large', 1);
      const { summary } = demo;
      expect(summary.units - FOUNDING_ORGANISATION_SIZE.units).toBeGreaterThanOrEqual(20);
      expect(summary.people - FOUNDING_ORGANISATION_SIZE.people).toBeGreaterThanOrEqual(200);
      expect(summary.assignments - FOUNDING_CASES.length).toBeGreaterThanOrEqual(5000);
      const report = await demo.store.verify();
      expect(report.ok).toBe(true);
      expect(report.events).toBe(summary.events);
      await demo.store.close();
    });
  });
}
