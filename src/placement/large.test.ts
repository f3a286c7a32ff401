/**
 * Large instances, too big for enumeration: the certificate check (which trusts nothing the
 * solver says) proves each placement optimal.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { checkCertificate } from './certificate.js';
import type { DenseFitness, Pin, PlacementInstance, SparseFitness } from './instance.js';
import { solvePlacement } from './solve.js';

function random(seed: number): { int: (lo: number, hi: number) => number; real: () => number } {
  const rng = xoroshiro128plus(seed);
  return { int: (lo, hi) => uniformInt(rng, lo, hi), real: () => uniformFloat64(rng) };
}

/** posts × candidates, each pair allowed with probability `allowed`, fitness uniform in [0, 100). */
function dense(seed: number, posts: number, candidates: number, allowed: number): DenseFitness {
  const r = random(seed);
  const fitness = new Float64Array(posts * candidates);
  for (let k = 0; k < fitness.length; k++) fitness[k] = r.real() < allowed ? 100 * r.real() : Number.NEGATIVE_INFINITY;
  return { kind: 'dense', posts, candidates, fitness };
}

/** Each post allows `degree` distinct candidates drawn from `candidates`, integer fitness 0..999 (many ties). */
function sparse(seed: number, posts: number, candidates: number, degree: number): SparseFitness {
  const r = random(seed);
  const start = new Int32Array(posts + 1);
  const candidate = new Int32Array(posts * degree);
  const fitness = new Float64Array(posts * degree);
  const seen = new Int32Array(candidates).fill(-1);
  for (let p = 0; p < posts; p++) {
    start[p + 1] = (p + 1) * degree;
    for (let k = p * degree; k < (p + 1) * degree; k++) {
      let c = r.int(0, candidates - 1);
      while (seen[c] === p) c = r.int(0, candidates - 1);
      seen[c] = p;
      candidate[k] = c;
      fitness[k] = r.int(0, 999);
    }
  }
  return { kind: 'sparse', posts, candidates, start, candidate, fitness };
}

/** Up to `count` pins on allowed pairs, no two on one post or candidate. */
function pinsOf(f: SparseFitness, count: number): Pin[] {
  const pins: Pin[] = [];
  const taken = new Set<number>();
  for (let p = 0; p < f.posts && pins.length < count; p += 97) {
    const c = f.candidate[f.start[p] as number] as number;
    if (taken.has(c)) continue;
    taken.add(c);
    pins.push({ post: p, candidate: c });
  }
  return pins;
}

function certified(instance: PlacementInstance): number {
  const r = solvePlacement(instance);
  if (!r.ok) throw new Error(r.error.message);
  expect(checkCertificate(instance, r.value)).toEqual([]);
  return r.value.candidateOf.filter((c) => c !== null).length;
}

describe('large instances are certified optimal', () => {
  it('dense 500 × 500, every pair allowed', () => {
    expect(certified({ fitness: dense(1, 500, 500, 1) })).toBe(500);
  });

  it('dense 400 × 600 and 600 × 400, a third of the pairs not allowed', () => {
    certified({ fitness: dense(2, 400, 600, 0.67) });
    certified({ fitness: dense(3, 600, 400, 0.67) });
  });

  it('sparse 5,000 posts × 50 candidates each, from a pool of 5,000 and of 6,000', () => {
    expect(certified({ fitness: sparse(4, 5000, 5000, 50) })).toBeGreaterThan(4900);
    certified({ fitness: sparse(5, 5000, 6000, 50) });
  });

  it('sparse 5,000 posts × 50 candidates from a pool of 2,000 (more posts than candidates), with pins', () => {
    const f = sparse(6, 5000, 2000, 50);
    const pins = pinsOf(f, 40);
    expect(pins.length).toBeGreaterThan(30);
    expect(certified({ fitness: f, pins })).toBe(2000);
  });

  it('fitness driven by the candidate, by the post, by both (dense and sparse)', () => {
    const r = random(8);
    const a = Array.from({ length: 3000 }, () => r.real());
    const b = Array.from({ length: 3000 }, () => r.real());
    const drives: ((p: number, c: number) => number)[] = [(_p, c) => b[c] as number, (p) => a[p] as number, (p, c) => (a[p] as number) + (b[c] as number)];
    for (const drive of drives) {
      const d = dense(9, 300, 400, 0.8);
      const w = d.fitness as Float64Array;
      for (let k = 0; k < w.length; k++) if (w[k] !== Number.NEGATIVE_INFINITY) w[k] = 100 * drive(Math.floor(k / 400), k % 400) + (w[k] as number) / 20;
      certified({ fitness: d });
      certified({ fitness: { ...d, posts: 400, candidates: 300 } });
      const s = sparse(10, 2000, 2500, 30);
      const x = s.fitness as Float64Array;
      for (let p = 0; p < s.posts; p++) for (let e = s.start[p] as number; e < (s.start[p + 1] as number); e++) x[e] = 1000 * drive(p, s.candidate[e] as number) + (x[e] as number) / 20;
      certified({ fitness: s, pins: pinsOf(s, 10) });
    }
  });

  it('sparse with 3 candidates per post from a pool of 5,000: many posts stay empty', () => {
    const filled = certified({ fitness: sparse(7, 5000, 5000, 3) });
    expect(filled).toBeLessThan(5000);
  });
});
