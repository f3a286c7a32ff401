/**
 * The certificate check rejects what is not an optimal placement with valid duals: a placement
 * that is worse, wrong or breaks a pin, and duals that are infeasible, unbalanced or misplaced.
 */
import { describe, expect, it } from 'vitest';
import { checkCertificate, type ViolationKind } from './certificate.js';
import { denseFitness, sparseFitness, type Placement, type PlacementInstance } from './instance.js';
import { solvePlacement } from './solve.js';

const NO = Number.NEGATIVE_INFINITY;

/** 3 posts × 4 candidates; the optimum is 0→1, 1→0, 2→3 (8 + 7 + 6 = 21). */
const instance: PlacementInstance = {
  fitness: denseFitness([
    [5, 8, 1, NO],
    [7, 7, 2, 0],
    [NO, 3, 4, 6],
  ]),
};

function solved(i: PlacementInstance): Placement {
  const r = solvePlacement(i);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function kinds(i: PlacementInstance, p: Placement): ViolationKind[] {
  return [...new Set(checkCertificate(i, p).map((v) => v.kind))];
}

describe('checkCertificate', () => {
  const best = solved(instance);

  it("certifies the solver's placement, dense and sparse", () => {
    expect(best.candidateOf).toEqual([1, 0, 3]);
    expect(best.total).toBe(21);
    expect(checkCertificate(instance, best)).toEqual([]);
    const sparse: PlacementInstance = {
      fitness: sparseFitness(
        [
          [{ candidate: 1, fitness: 8 }, { candidate: 0, fitness: 5 }, { candidate: 2, fitness: 1 }],
          [{ candidate: 3, fitness: 0 }, { candidate: 0, fitness: 7 }, { candidate: 1, fitness: 7 }, { candidate: 2, fitness: 2 }],
          [{ candidate: 1, fitness: 3 }, { candidate: 2, fitness: 4 }, { candidate: 3, fitness: 6 }],
        ],
        4,
      ),
    };
    expect(checkCertificate(sparse, solved(sparse))).toEqual([]);
  });

  it('rejects a worse placement, whatever its stated total', () => {
    // 0→0, 1→1, 2→3: 5 + 7 + 6 = 18, a real placement but not the best
    const worse = { ...best, candidateOf: [0, 1, 3], total: 18 };
    expect(kinds(instance, worse)).toEqual(['slackness', 'duality-gap']);
    expect(kinds(instance, { ...worse, total: 21 })).toContain('total-mismatch');
  });

  it('rejects a post left empty that its dual does not account for', () => {
    const emptied = { ...best, candidateOf: [1, 0, null], total: 15 };
    expect(kinds(instance, emptied)).toEqual(['dual-not-zero', 'duality-gap']);
  });

  it('rejects a candidate placed twice, a pair not allowed, a candidate out of range', () => {
    expect(kinds(instance, { ...best, candidateOf: [1, 1, 3] })).toContain('candidate-placed-twice');
    expect(kinds(instance, { ...best, candidateOf: [3, 0, 1] })).toContain('pair-not-allowed');
    expect(kinds(instance, { ...best, candidateOf: [1, 0, 9] })).toContain('candidate-out-of-range');
  });

  it('rejects a wrong dual: lowered (infeasible), raised (gap), negative, or on an unplaced candidate', () => {
    const lowered = { ...best, u: best.u.map((x, p) => (p === 0 ? x - 1 : x)) };
    expect(kinds(instance, lowered)).toContain('dual-infeasible');
    const raised = { ...best, u: best.u.map((x, p) => (p === 2 ? x + 1 : x)) };
    expect(kinds(instance, raised)).toEqual(['slackness', 'duality-gap']);
    const negative = { ...best, v: best.v.map((x, c) => (c === 2 ? -1 : x)) };
    expect(kinds(instance, negative)).toContain('dual-negative');
    const unplaced = { ...best, v: best.v.map((x, c) => (c === 2 ? x + 0.5 : x)) };
    expect(kinds(instance, unplaced)).toContain('dual-not-zero');
  });

  it('rejects a broken pin, and checks the pinned total', () => {
    const pinned: PlacementInstance = { ...instance, pins: [{ post: 0, candidate: 0 }] };
    const withPin = solved(pinned);
    expect(withPin.candidateOf[0]).toBe(0);
    expect(withPin.pinnedTotal).toBe(5);
    expect(checkCertificate(pinned, withPin)).toEqual([]);
    // the unpinned optimum does not keep the pin
    expect(kinds(pinned, best)).toContain('pin-broken');
    expect(kinds(pinned, { ...withPin, pinnedTotal: 0 })).toContain('pinned-total-mismatch');
  });

  it('rejects duals of the wrong shape, and a malformed instance', () => {
    expect(kinds(instance, { ...best, u: [1, 2] })).toEqual(['shape']);
    expect(kinds(instance, { ...best, v: [0, 0, Number.NaN, 0] })).toEqual(['shape']);
    expect(kinds({ fitness: { kind: 'dense', posts: 1, candidates: 1, fitness: [Number.NaN] } }, { candidateOf: [null], total: 0, pinnedTotal: 0, u: [0], v: [0] })).toEqual(['instance-invalid']);
  });

  it('allows rounding within the tolerance, not beyond', () => {
    const nudged = { ...best, u: best.u.map((x) => x - 1e-12) };
    expect(checkCertificate(instance, nudged)).toEqual([]);
    expect(checkCertificate(instance, nudged, { tolerance: 1e-15 }).length).toBeGreaterThan(0);
  });

  it('lists at most `limit` violations', () => {
    const wrong = { ...best, u: best.u.map(() => -1), v: best.v.map(() => -1) };
    expect(checkCertificate(instance, wrong, { limit: 3 })).toHaveLength(3);
  });
});
