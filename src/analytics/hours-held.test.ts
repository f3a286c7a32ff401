/** Time held per resource in imported cases: the rule on hand-made cases, and Σ of the shares = the time between first and last event of every case. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HoursHeld } from './hours-held.js';

const H = 3_600_000;

describe('hours held in imported cases', () => {
  it('gives the time before each event to the resource who performed it, in time order, file order kept on ties', () => {
    const h = new HoursHeld();
    h.addCase([
      { timestamp: 0, resource: 'a' },
      { timestamp: 5 * H, resource: 'c' }, // after b in time
      { timestamp: 2 * H, resource: 'b' },
      { timestamp: 5 * H, resource: null },
    ]);
    h.addCase([{ timestamp: 7 * H, resource: 'b' }]);
    h.addCase([
      { timestamp: 0, resource: 'a' },
      { timestamp: null, resource: 'b' },
      { timestamp: H, resource: 'a' },
    ]);
    expect(h.result()).toEqual({
      cases: 3,
      totalMs: 5 * H,
      byResource: [
        { resource: 'c', ms: 3 * H, steps: 1 },
        { resource: 'b', ms: 2 * H, steps: 1 },
        { resource: '', ms: 0, steps: 1 },
      ],
    });
  });

  it("shares out exactly the time from each case's first to its last event when every event has a timestamp", () => {
    const event = fc.record({ timestamp: fc.integer({ min: 0, max: 1e9 }), resource: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: null }) });
    fc.assert(
      fc.property(fc.array(fc.array(event, { maxLength: 8 }), { maxLength: 6 }), (cases) => {
        const h = new HoursHeld();
        for (const c of cases) h.addCase(c);
        const r = h.result();
        const span = cases.reduce((a, c) => a + (c.length === 0 ? 0 : Math.max(...c.map((e) => e.timestamp)) - Math.min(...c.map((e) => e.timestamp))), 0);
        expect(r.totalMs).toBe(span);
        expect(r.byResource.reduce((a, x) => a + x.ms, 0)).toBe(r.totalMs);
      }),
    );
  });
});
