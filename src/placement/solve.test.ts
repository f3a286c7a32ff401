/**
 * The solver against exhaustive enumeration: on thousands of random instances of at most 8 posts
 * and 8 candidates (square, more candidates than posts, fewer; dense and sparse, with pairs not
 * allowed; pins; integer, fractional and negative fitness; many ties) its total is the best total
 * found by trying every placement, and its certificate checks — with and without the row
 * reduction and the starting prices, so that every phase of the kernels meets every kind of instance.
 * The same for the optimum without each placed pair in turn (the runner-ups), which on a dense
 * instance starts from the first optimum rather than solving again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCertificate } from './certificate.js';
import { denseFitness, sparseFitness, type Allowed, type Pin, type PlacementInstance } from './instance.js';
import type { LapOptions } from './lap.js';
import { solvePlacement, solvePlacementWithRunnerUps } from './solve.js';

/** A small instance as a plain matrix (-Infinity where not allowed) and its pins. */
interface Small {
  readonly w: readonly (readonly number[])[];
  readonly candidates: number;
  readonly pins: readonly Pin[];
}

/** The best total by trying every placement: each post, in turn, empty or any free allowed candidate; pinned posts keep their pin. */
function bruteForceBest({ w, candidates, pins }: Small): number {
  const pinOf = new Map(pins.map((p) => [p.post, p.candidate]));
  const used = new Array<boolean>(candidates).fill(false);
  for (const p of pins) used[p.candidate] = true;
  let best = Number.NEGATIVE_INFINITY;
  const visit = (post: number, sum: number): void => {
    if (post === w.length) {
      best = Math.max(best, sum);
      return;
    }
    const row = w[post] as readonly number[];
    const pinned = pinOf.get(post);
    if (pinned !== undefined) {
      visit(post + 1, sum + (row[pinned] as number));
      return;
    }
    visit(post + 1, sum); // the post stays empty
    for (let c = 0; c < candidates; c++) {
      const x = row[c] as number;
      if (used[c] || x === Number.NEGATIVE_INFINITY) continue;
      used[c] = true;
      visit(post + 1, sum + x);
      used[c] = false;
    }
  };
  visit(0, 0);
  return best;
}

/** The same instance, dense and as shuffled sparse lists. */
function asInstances({ w, candidates, pins }: Small, order: readonly number[]): [PlacementInstance, PlacementInstance] {
  const lists = w.map((row) => {
    const list: Allowed[] = [];
    row.forEach((x, c) => {
      if (x !== Number.NEGATIVE_INFINITY) list.push({ candidate: c, fitness: x });
    });
    return [...list].sort((a, b) => (order[a.candidate % order.length] as number) - (order[b.candidate % order.length] as number));
  });
  return [
    { fitness: denseFitness(w, candidates), pins },
    { fitness: sparseFitness(lists, candidates), pins },
  ];
}

type Values = 'ties' | 'integers' | 'fractions' | 'with-negatives';

const value: Record<Values, fc.Arbitrary<number>> = {
  ties: fc.integer({ min: 0, max: 3 }),
  integers: fc.integer({ min: 0, max: 1000 }),
  fractions: fc.double({ min: 0, max: 10, noNaN: true }).map((x) => Math.round(x * 1000) / 1000),
  'with-negatives': fc.integer({ min: -6, max: 9 }),
};

/** Random small instances; `shape` fixes how posts compare to candidates. */
function small(shape: 'square' | 'more-candidates' | 'fewer-candidates'): fc.Arbitrary<Small> {
  const sizes =
    shape === 'square'
      ? fc.integer({ min: 1, max: 8 }).map((n) => [n, n] as const)
      : fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 8 })).map(([a, d]) => {
          const lo = Math.min(a, 8 - d);
          return shape === 'more-candidates' ? ([lo, lo + d] as const) : ([lo + d, lo] as const);
        });
  return fc
    .record({ sizes, values: fc.constantFrom<Values>('ties', 'integers', 'fractions', 'with-negatives'), forbidden: fc.constantFrom(0, 0.2, 0.5, 0.8) })
    .chain(({ sizes: [n, m], values, forbidden }) =>
      fc.record({
        w: fc.array(fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), value[values]), { minLength: m, maxLength: m }), { minLength: n, maxLength: n }),
        pinTries: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
      }).map(({ w: cells, pinTries }) => {
        const w = cells.map((row) => row.map(([r, x]) => (r < forbidden ? Number.NEGATIVE_INFINITY : x)));
        const pins: Pin[] = [];
        for (const [a, b] of pinTries) {
          if (n === 0 || m === 0) break;
          const post = a % n;
          const candidate = b % m;
          if (w[post]?.[candidate] === Number.NEGATIVE_INFINITY) continue;
          if (pins.some((p) => p.post === post || p.candidate === candidate)) continue;
          pins.push({ post, candidate });
        }
        return { w, candidates: m, pins };
      }),
    );
}

const VARIANTS: readonly LapOptions[] = [{}, { reductionRounds: 0 }, { reductionRounds: 1 }, { startingPrices: false }, { reductionRounds: 0, startingPrices: false }];

function checkAgainstBruteForce(s: Small, order: readonly number[]): void {
  const best = bruteForceBest(s);
  const scale = Math.max(1, ...s.w.flat().filter((x) => x > Number.NEGATIVE_INFINITY).map(Math.abs));
  for (const instance of asInstances(s, order)) {
    // the default run; shortest paths alone; one round of row reduction; each without starting prices
    for (const options of VARIANTS) {
      const result = solvePlacement(instance, options);
      if (!result.ok) throw new Error(`refused: ${result.error.message}`);
      expect(Math.abs(result.value.total - best)).toBeLessThanOrEqual(1e-9 * scale * 8);
      expect(checkCertificate(instance, result.value)).toEqual([]);
    }
  }
}

/** Each placed, unpinned pair forbidden in turn: the optimum found without it equals exhaustive enumeration without it, keeps the pins, avoids the pair, and its certificate checks. */
function checkRunnerUps(s: Small, order: readonly number[]): void {
  const scale = Math.max(1, ...s.w.flat().filter((x) => x > Number.NEGATIVE_INFINITY).map(Math.abs));
  for (const instance of asInstances(s, order)) {
    const solved = solvePlacementWithRunnerUps(instance);
    if (!solved.ok) throw new Error(`refused: ${solved.error.message}`);
    const { best, without } = solved.value;
    expect(Math.abs(best.total - bruteForceBest(s))).toBeLessThanOrEqual(1e-9 * scale * 8);
    best.candidateOf.forEach((c, post) => {
      const again = without(post);
      if (c === null || s.pins.some((p) => p.post === post)) {
        expect(again).toBeNull();
        return;
      }
      const w = s.w.map((row, p) => row.map((x, k) => (p === post && k === c ? Number.NEGATIVE_INFINITY : x)));
      expect(again).not.toBeNull();
      if (again === null) return;
      expect(Math.abs(again.total - bruteForceBest({ ...s, w }))).toBeLessThanOrEqual(1e-9 * scale * 8);
      expect(again.candidateOf[post]).not.toBe(c);
      for (const pin of s.pins) expect(again.candidateOf[pin.post]).toBe(pin.candidate);
      const [dense] = asInstances({ ...s, w }, order);
      expect(checkCertificate(dense, again)).toEqual([]);
    });
  }
}

const SHAPES = [
  ['on square instances', 'square'],
  ['with more candidates than posts', 'more-candidates'],
  ['with fewer candidates than posts', 'fewer-candidates'],
] as const;

/** A property checked on random small instances of each shape in turn: `runs[k]` runs of shape k, seeded `seed + k`. */
function itOnEveryShape(check: (s: Small, order: readonly number[]) => void, runs: readonly [number, number, number], seed: number): void {
  const order = fc.array(fc.nat(), { minLength: 8, maxLength: 8 });
  SHAPES.forEach(([title, shape], k) => {
    it(title, () => {
      fc.assert(fc.property(small(shape), order, check), { numRuns: runs[k], seed: seed + k });
    });
  });
}

describe('the optimum without each placed pair (runner-ups) equals exhaustive enumeration', () => {
  itOnEveryShape(checkRunnerUps, [300, 600, 600], 2026_1127);
});

describe('solvePlacement equals exhaustive enumeration', () => {
  itOnEveryShape(checkAgainstBruteForce, [1500, 1500, 1500], 2026_0801);

  it('on a hand-made case: the greedy choice is not the best', () => {
    // post 0 prefers candidate 0 (10 vs 9); post 1 has only candidate 0 (8): best is 9 + 8
    const instance: PlacementInstance = { fitness: denseFitness([[10, 9], [8, Number.NEGATIVE_INFINITY]]) };
    const r = solvePlacement(instance);
    expect(r.ok && r.value.candidateOf).toEqual([1, 0]);
    expect(r.ok && r.value.total).toBe(17);
  });

  it("on the case that defeats Jonker–Volgenant's column reduction (docs/decisions/0023)", () => {
    const instance: PlacementInstance = { fitness: denseFitness([[5, 0, 4], [0, 3, 4]]) };
    const r = solvePlacement(instance);
    expect(r.ok && r.value).toMatchObject({ candidateOf: [0, 2], total: 9 });
    expect(r.ok && checkCertificate(instance, r.value)).toEqual([]);
  });

  it('leaves a post empty rather than take a negative fitness, unless pinned', () => {
    const fitness = denseFitness([[-3], [-1]]);
    const free = solvePlacement({ fitness });
    expect(free.ok && free.value).toMatchObject({ candidateOf: [null, null], total: 0, u: [0, 0], v: [0] });
    const pinned = solvePlacement({ fitness, pins: [{ post: 0, candidate: 0 }] });
    expect(pinned.ok && pinned.value).toMatchObject({ candidateOf: [0, null], total: -3, pinnedTotal: -3 });
  });

  it('solves empty instances', () => {
    for (const [n, m] of [[0, 0], [0, 3], [3, 0]] as const) {
      const fitness = denseFitness(Array.from({ length: n }, () => new Array<number>(m).fill(1)), m);
      const r = solvePlacement({ fitness });
      expect(r.ok && r.value).toEqual({ candidateOf: new Array(n).fill(null), total: 0, pinnedTotal: 0, u: new Array(n).fill(0), v: new Array(m).fill(0) });
    }
  });
});

describe('solvePlacement refuses', () => {
  const fitness = denseFitness([
    [1, 2, Number.NEGATIVE_INFINITY],
    [3, 4, 5],
  ]);

  it('two pins on one candidate, with a stable code', () => {
    const r = solvePlacement({ fitness, pins: [{ post: 0, candidate: 1 }, { post: 1, candidate: 1 }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('PLACEMENT_PINS_INFEASIBLE');
    expect(r.error.details['conflicts']).toEqual([{ reason: 'candidate-pinned-twice', post: 1, candidate: 1 }]);
  });

  it('two pins on one post, a pin on a pair not allowed, a pin out of range', () => {
    const r = solvePlacement({ fitness, pins: [{ post: 1, candidate: 0 }, { post: 1, candidate: 2 }, { post: 0, candidate: 2 }, { post: 5, candidate: 0 }] });
    expect(!r.ok && r.error.details['conflicts']).toEqual([
      { reason: 'post-pinned-twice', post: 1, candidate: 2 },
      { reason: 'pair-not-allowed', post: 0, candidate: 2 },
      { reason: 'out-of-range', post: 5, candidate: 0 },
    ]);
  });

  it('accepts the same pin twice as one pin', () => {
    const r = solvePlacement({ fitness, pins: [{ post: 0, candidate: 1 }, { post: 0, candidate: 1 }] });
    expect(r.ok && r.value).toMatchObject({ candidateOf: [1, 2], total: 7, pinnedTotal: 2 });
  });

  it('a malformed instance', () => {
    const bad: PlacementInstance[] = [
      { fitness: { kind: 'dense', posts: 2, candidates: 2, fitness: [1, 2, 3] } },
      { fitness: { kind: 'dense', posts: 1, candidates: 2, fitness: [1, Number.NaN] } },
      { fitness: { kind: 'dense', posts: 1, candidates: 1, fitness: [Number.POSITIVE_INFINITY] } },
      { fitness: { kind: 'dense', posts: -1, candidates: 1, fitness: [] } },
      { fitness: sparseFitness([[{ candidate: 0, fitness: 1 }, { candidate: 0, fitness: 2 }]], 1) },
      { fitness: sparseFitness([[{ candidate: 3, fitness: 1 }]], 2) },
      { fitness: sparseFitness([[{ candidate: 0, fitness: Number.NEGATIVE_INFINITY }]], 1) },
      { fitness: { kind: 'sparse', posts: 2, candidates: 1, start: [0, 1, 0], candidate: [0], fitness: [1] } },
    ];
    for (const instance of bad) {
      const r = solvePlacement(instance);
      expect(!r.ok && r.error.code).toBe('PLACEMENT_INSTANCE_INVALID');
      expect(!r.ok && (r.error.details['problems'] as string[]).length).toBeGreaterThan(0);
    }
  });
});
