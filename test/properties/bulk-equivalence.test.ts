/**
 * The bulk path (one transaction, buffered multi-row writes, flushed every few events) records
 * exactly what one transaction per command records: the same outcomes, the same events with the
 * same hashes at the same positions, the same projections. Same seeded ids and clock for both.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSteps, steps } from '../support/command-gen.js';
import { backends } from '../support/backends.js';
import { dumpEvents, dumpProjections } from '../support/dump.js';
import { makeWorld } from '../support/world.js';

/** The back ends under test, each used once here at the top level: the SQLite one registers the removal of its folder on first use, which runs after this file only if registered here. */
const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

for (const backend of BACKENDS) {
  describe(`[${backend.name}] app.bulk against app.execute`, () => {
    it('the same command sequence gives the same record and projections', async () => {
      let assignmentEvents = 0;
      await fc.assert(
        fc.asyncProperty(steps(80), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 1_000_000 }), async (list, flushEvery, seed) => {
          const one = await backend.fresh();
          const many = await backend.fresh();
          try {
            const a = makeWorld(one, { seed });
            const logA = await runSteps((actor, command) => a.app.execute(actor, command), a.clock, list);
            const b = makeWorld(many, { seed });
            const logB = await b.app.bulk((run) => runSteps(run, b.clock, list), { flushEvery });
            expect(logB.codes).toEqual(logA.codes);
            expect(logB.assignments).toEqual(logA.assignments);
            expect(logB.shadow).toEqual(logA.shadow);
            const eventsA = await dumpEvents(one);
            assignmentEvents += eventsA.filter((e) => String(e['stream_id']).startsWith('asg_')).length;
            expect(await dumpEvents(many)).toEqual(eventsA);
            expect(await dumpProjections(many)).toEqual(await dumpProjections(one));
            expect((await many.verify()).problems).toEqual([]);
          } finally {
            await one.close();
            await many.close();
          }
        }),
        { numRuns: 20, seed: 1922, endOnFailure: true },
      );
      // the sequences did exercise the assignments, not only the organisation set up before them
      expect(assignmentEvents).toBeGreaterThan(20 * 10);
    });
  });
}
