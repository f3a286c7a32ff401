/** The directly-follows graph on small cases worked out by hand: ordering, counts, means, medians, ties and missing timestamps. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DirectlyFollows, orderCase } from './directly-follows.js';

const e = (activity: string, timestamp: number | null) => ({ activity, timestamp });

describe('orderCase', () => {
  it('orders by timestamp, keeps file order on ties, and keeps an event without a timestamp right after the one before it in the file', () => {
    expect(orderCase([e('c', 30), e('a', 10), e('b', 10), e('x', null), e('d', 20)]).map((x) => x.activity)).toEqual(['a', 'b', 'x', 'd', 'c']);
  });

  it('gives what a stable sort on those keys gives, for cases in order (taken as they are) and out of order, as a new array', () => {
    const reference = <E extends { timestamp: number | null }>(events: readonly E[]): E[] => {
      let last = Number.NEGATIVE_INFINITY;
      return events
        .map((x, i) => ({ x, i, k: x.timestamp === null ? last : (last = x.timestamp) }))
        .sort((a, b) => a.k - b.k || a.i - b.i)
        .map((k) => k.x);
    };
    const event = fc.record({ activity: fc.constantFrom('a', 'b', 'c'), timestamp: fc.option(fc.integer({ min: 0, max: 50 }), { freq: 4 }) });
    const sortedCase = fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 12 }).map((ts) => [...ts].sort((x, y) => x - y).map((t, i) => e(i % 2 === 0 ? 'a' : 'b', t)));
    fc.assert(
      fc.property(fc.oneof(fc.array(event, { maxLength: 12 }), sortedCase), (events) => {
        const ordered = orderCase(events);
        expect(ordered).toEqual(reference(events));
        expect(ordered).not.toBe(events);
      }),
      { numRuns: 1000, seed: 36 },
    );
  });
});

describe('DirectlyFollows', () => {
  it('counts activities, starts, ends and pairs, with the mean and median time of each pair', () => {
    const g = new DirectlyFollows();
    g.addCase([e('A', 0), e('B', 10), e('C', 40)]);
    g.addCase([e('A', 100), e('B', 130), e('B', 131)]);
    g.addCase([e('B', 0), e('A', 5), e('B', 6)]);
    g.addCase([]);
    const graph = g.graph();
    expect(graph.cases).toBe(4);
    expect(graph.events).toBe(9);
    expect(graph.activities).toEqual([
      { name: 'B', count: 5 },
      { name: 'A', count: 3 },
      { name: 'C', count: 1 },
    ]);
    expect(graph.starts).toEqual([
      { name: 'A', count: 2 },
      { name: 'B', count: 1 },
    ]);
    expect(graph.ends).toEqual([
      { name: 'B', count: 2 },
      { name: 'C', count: 1 },
    ]);
    expect(graph.edges).toEqual([
      // A→B: 10, 30, 1 → mean 41/3, median 10
      { from: 'A', to: 'B', count: 3, meanMs: 41 / 3, medianMs: 10 },
      { from: 'B', to: 'A', count: 1, meanMs: 5, medianMs: 5 },
      { from: 'B', to: 'B', count: 1, meanMs: 1, medianMs: 1 },
      { from: 'B', to: 'C', count: 1, meanMs: 30, medianMs: 30 },
    ]);
  });

  it('takes the median of an even number of durations as the mean of the middle two, and leaves the times of a pair without timestamps null', () => {
    const g = new DirectlyFollows();
    for (const d of [4, 1, 3, 2]) g.addCase([e('A', 0), e('B', d)]);
    g.addCase([e('X', null), e('Y', null)]);
    const edges = g.graph().edges;
    expect(edges.find((x) => x.from === 'A')).toEqual({ from: 'A', to: 'B', count: 4, meanMs: 2.5, medianMs: 2.5 });
    expect(edges.find((x) => x.from === 'X')).toEqual({ from: 'X', to: 'Y', count: 1, meanMs: null, medianMs: null });
  });
});
