/**
 * The check of a placement's certificate of optimality, written apart from the solver and
 * trusting nothing it says: from the instance alone it re-reads every allowed pair. If it finds
 * no violation, the placement is optimal (up to the tolerance) by linear-programming duality:
 * any placement keeping the pins is worth at most pinnedTotal + Σu + Σv, which this one reaches.
 */
import type { DenseFitness, Placement, PlacementInstance, SparseFitness } from './instance.js';
import { fitnessProblems } from './validate.js';

/** What a certificate violates. */
export type ViolationKind =
  | 'instance-invalid' // the instance itself is malformed (validate.ts)
  | 'shape' // arrays of the wrong length, a value not a number
  | 'candidate-out-of-range'
  | 'pair-not-allowed' // a placed pair is not allowed
  | 'candidate-placed-twice'
  | 'pin-broken'
  | 'total-mismatch' // the stated total is not the sum of the placed pairs' fitness
  | 'pinned-total-mismatch'
  | 'dual-negative' // u_p < 0 or v_c < 0
  | 'dual-not-zero' // an empty post, unplaced candidate, or pinned post or candidate with a dual ≠ 0
  | 'dual-infeasible' // u_p + v_c < w_pc on an allowed pair
  | 'slackness' // u_p + v_c > w_pc on a placed pair
  | 'duality-gap'; // pinnedTotal + Σu + Σv ≠ total

/** One violation of the certificate, with the post and/or candidate it concerns. */
export interface Violation {
  readonly kind: ViolationKind;
  readonly message: string;
  readonly post?: number;
  readonly candidate?: number;
}

/** Options of the check. */
export interface CertificateOptions {
  /** Relative tolerance: a pair's check allows `tolerance × max(1, max |fitness|)`. Default 1e-9. */
  readonly tolerance?: number;
  /** How many violations to list at most. Default 100. */
  readonly limit?: number;
}

/**
 * Checks that `placement` is a placement of `instance` and that its duals prove it optimal:
 *   primal — each post holds at most one candidate, each candidate is placed at most once, only
 *     allowed pairs, every pin kept, `total` and `pinnedTotal` the sums of the fitness placed;
 *   dual — u ≥ 0, v ≥ 0, u_p + v_c ≥ w_pc on every allowed pair of unpinned post and candidate,
 *     u_p = 0 on an empty or pinned post, v_c = 0 on an unplaced or pinned candidate;
 *   complementary slackness — u_p + v_c = w_pc on every placed pair that is not pinned;
 *   no gap — pinnedTotal + Σu + Σv = total.
 * Pair checks allow `tolerance × max(1, max |fitness|)`; the sums allow the same relative
 * tolerance of the sum of the magnitudes involved. Returns the first `limit` violations found;
 * an empty list certifies the placement.
 */
export function checkCertificate(instance: PlacementInstance, placement: Placement, options: CertificateOptions = {}): Violation[] {
  const f = instance.fitness;
  const limit = options.limit ?? 100;
  const rel = options.tolerance ?? 1e-9;
  const out: Violation[] = [];
  const add = (v: Violation): boolean => out.push(v) >= limit;
  const problems = fitnessProblems(f);
  if (problems.length > 0) return problems.slice(0, limit).map((message) => ({ kind: 'instance-invalid', message }));
  const { candidateOf, u, v } = placement;
  if (candidateOf.length !== f.posts || u.length !== f.posts || v.length !== f.candidates) {
    add({ kind: 'shape', message: `expected ${f.posts} posts and duals, ${f.candidates} candidate duals; got ${candidateOf.length}, ${u.length}, ${v.length}` });
    return out;
  }
  for (let p = 0; p < f.posts; p++) if (!Number.isFinite(u[p])) if (add({ kind: 'shape', message: `u of post ${p} is ${u[p]}`, post: p })) return out;
  for (let c = 0; c < f.candidates; c++) if (!Number.isFinite(v[c])) if (add({ kind: 'shape', message: `v of candidate ${c} is ${v[c]}`, candidate: c })) return out;
  if (out.length > 0) return out;

  const w = pairs(f);
  let scale = 1;
  w.each((_p, _c, x) => (scale = Math.max(scale, Math.abs(x))));
  const tol = rel * scale;

  // primal feasibility
  const postOf = new Int32Array(f.candidates).fill(-1);
  const placedFitness = new Float64Array(f.posts);
  for (let p = 0; p < f.posts; p++) {
    const c = candidateOf[p];
    if (c === null || c === undefined) continue;
    if (!Number.isInteger(c) || c < 0 || c >= f.candidates) {
      if (add({ kind: 'candidate-out-of-range', message: `post ${p} holds candidate ${c}, out of range`, post: p })) return out;
      continue;
    }
    const x = w.at(p, c);
    if (x === Number.NEGATIVE_INFINITY && add({ kind: 'pair-not-allowed', message: `post ${p} holds candidate ${c}, a pair not allowed`, post: p, candidate: c })) return out;
    placedFitness[p] = x === Number.NEGATIVE_INFINITY ? 0 : x;
    const other = postOf[c] as number;
    if (other >= 0 && add({ kind: 'candidate-placed-twice', message: `candidate ${c} is placed in posts ${other} and ${p}`, post: p, candidate: c })) return out;
    postOf[c] = p;
  }
  const pinnedPost = new Uint8Array(f.posts);
  const pinnedCandidate = new Uint8Array(f.candidates);
  let pinnedSum = 0;
  let pinnedMagnitude = 0;
  for (const pin of instance.pins ?? []) {
    if (candidateOf[pin.post] !== pin.candidate) {
      if (add({ kind: 'pin-broken', message: `candidate ${pin.candidate} must stay in post ${pin.post}, which holds ${candidateOf[pin.post] ?? 'nobody'}`, post: pin.post, candidate: pin.candidate })) return out;
      continue;
    }
    if (pinnedPost[pin.post] === 1) continue;
    pinnedPost[pin.post] = 1;
    pinnedCandidate[pin.candidate] = 1;
    pinnedSum += placedFitness[pin.post] as number;
    pinnedMagnitude += Math.abs(placedFitness[pin.post] as number);
  }
  let sum = 0;
  let magnitude = 0;
  for (const x of placedFitness) {
    sum += x;
    magnitude += Math.abs(x);
  }
  if (!near(sum, placement.total, rel * (magnitude + scale)) && add({ kind: 'total-mismatch', message: `total is ${placement.total}, the placed pairs sum to ${sum}` })) return out;
  if (!near(pinnedSum, placement.pinnedTotal, rel * (pinnedMagnitude + scale)) && add({ kind: 'pinned-total-mismatch', message: `pinnedTotal is ${placement.pinnedTotal}, the pinned pairs sum to ${pinnedSum}` })) return out;

  // dual signs and zeros
  let dualSum = 0;
  let dualMagnitude = 0;
  for (let p = 0; p < f.posts; p++) {
    const x = u[p] as number;
    dualSum += x;
    dualMagnitude += Math.abs(x);
    if (x < -tol && add({ kind: 'dual-negative', message: `u of post ${p} is ${x} < 0`, post: p })) return out;
    const empty = candidateOf[p] === null || candidateOf[p] === undefined;
    if ((empty || pinnedPost[p] === 1) && Math.abs(x) > tol && add({ kind: 'dual-not-zero', message: `u of ${empty ? 'empty' : 'pinned'} post ${p} is ${x}, not 0`, post: p })) return out;
  }
  for (let c = 0; c < f.candidates; c++) {
    const x = v[c] as number;
    dualSum += x;
    dualMagnitude += Math.abs(x);
    if (x < -tol && add({ kind: 'dual-negative', message: `v of candidate ${c} is ${x} < 0`, candidate: c })) return out;
    const unplaced = postOf[c] === -1;
    if ((unplaced || pinnedCandidate[c] === 1) && Math.abs(x) > tol && add({ kind: 'dual-not-zero', message: `v of ${unplaced ? 'unplaced' : 'pinned'} candidate ${c} is ${x}, not 0`, candidate: c })) return out;
  }

  // dual feasibility on every allowed pair of unpinned post and candidate; slackness on the placed ones
  let stop = false;
  w.each((p, c, x) => {
    if (stop || pinnedPost[p] === 1 || pinnedCandidate[c] === 1) return;
    const reduced = (u[p] as number) + (v[c] as number) - x;
    if (reduced < -tol) stop = add({ kind: 'dual-infeasible', message: `u + v = ${x + reduced} < fitness ${x} for post ${p}, candidate ${c}`, post: p, candidate: c });
    else if (candidateOf[p] === c && reduced > tol) stop = add({ kind: 'slackness', message: `u + v = ${x + reduced} > fitness ${x} for placed post ${p}, candidate ${c}`, post: p, candidate: c });
  });
  if (stop) return out;

  const dual = placement.pinnedTotal + dualSum;
  if (!near(dual, placement.total, rel * (dualMagnitude + magnitude + scale))) add({ kind: 'duality-gap', message: `pinnedTotal + Σu + Σv = ${dual} ≠ total ${placement.total}` });
  return out;
}

function near(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol;
}

/** Read access to the allowed pairs, straight from the instance. */
interface Pairs {
  /** The fitness of a pair, −Infinity when not allowed. */
  at(post: number, candidate: number): number;
  /** Calls `fn` on every allowed pair. */
  each(fn: (post: number, candidate: number, fitness: number) => void): void;
}

function pairs(f: DenseFitness | SparseFitness): Pairs {
  if (f.kind === 'dense') {
    const m = f.candidates;
    const w = f.fitness;
    return {
      at: (p, c) => w[p * m + c] as number,
      each: (fn) => {
        for (let p = 0; p < f.posts; p++) {
          for (let c = 0; c < m; c++) {
            const x = w[p * m + c] as number;
            if (x !== Number.NEGATIVE_INFINITY) fn(p, c, x);
          }
        }
      },
    };
  }
  return {
    at: (p, c) => {
      for (let e = f.start[p] as number; e < (f.start[p + 1] as number); e++) if (f.candidate[e] === c) return f.fitness[e] as number;
      return Number.NEGATIVE_INFINITY;
    },
    each: (fn) => {
      for (let p = 0; p < f.posts; p++) for (let e = f.start[p] as number; e < (f.start[p + 1] as number); e++) fn(p, f.candidate[e] as number, f.fitness[e] as number);
    },
  };
}
