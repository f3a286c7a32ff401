/**
 * The best placement of candidates in posts: maximum total fitness, exactly, with the duals that
 * prove it. Pins are taken out first (their posts and candidates leave the problem); what is left
 * goes to the dense or sparse kernel, in the minimisation form (cost = −fitness), with either side
 * as rows (the problem is symmetric: each side takes at most one of the other; postsAsRows picks).
 */
import { ok, type Result } from '../domain/result.js';
import { resolveDenseLapWithout, solveDenseLap, transpose } from './dense-lap.js';
import { failPlacement, type PlacementError } from './errors.js';
import { fitnessOf, type DenseFitness, type Placement, type PlacementInstance, type SparseFitness } from './instance.js';
import { DUMMY, type LapOptions, type LapSolution } from './lap.js';
import { solveSparseLap, type SparseCosts } from './sparse-lap.js';
import { fitnessProblems, pinConflicts } from './validate.js';

/**
 * Solves a placement exactly: among all placements that keep the pins, use only allowed pairs,
 * fill each post at most once and place each candidate at most once, returns one of maximum total
 * fitness, with the duals that certify it (see Placement; checkCertificate verifies them). On a
 * tie the search prefers filling a post to leaving it empty, without promising the fullest of the
 * optimal placements. Refuses a malformed instance (`PLACEMENT_INSTANCE_INVALID`) and pins that
 * cannot all hold (`PLACEMENT_PINS_INFEASIBLE`). Pure and deterministic: the same instance gives
 * the same placement. `options` is for tests and benchmarks; the answer is optimal whatever it says.
 */
export function solvePlacement(instance: PlacementInstance, options: LapOptions = {}): Result<Placement, PlacementError> {
  const prepared = prepare(instance);
  if (!prepared.ok) return prepared;
  const p = prepared.value;
  const f = instance.fitness;
  const solution = f.kind === 'dense' ? solveDenseLap(p.rows.length, p.cols.length, denseCosts(f, p.posts, p.candidates, p.rowsArePosts), options) : solveSparseLap(sparseCosts(f, p.posts, p.candidates, p.rowsArePosts), options);
  return ok(placementOf(f, p, solution));
}

/** A placement solved once, and the optimum without any one of its placed (unpinned) pairs. */
export interface PlacementWithRunnerUps {
  readonly best: Placement;
  /**
   * The best placement once the pair placed in `post` is no longer allowed (the same pins), with
   * its certificate; null when the post is empty or pinned. Exact: on a dense instance it starts
   * from `best` (resolveDenseLapWithout, one shortest path instead of a whole solve); on a sparse
   * one it solves the instance again without the pair.
   */
  readonly without: (post: number) => Placement | null;
}

/** Solves the instance (as solvePlacement) and makes ready to solve it again without each placed pair: a proposal's runner-ups. */
export function solvePlacementWithRunnerUps(instance: PlacementInstance): Result<PlacementWithRunnerUps, PlacementError> {
  const f = instance.fitness;
  if (f.kind === 'sparse') {
    const best = solvePlacement(instance);
    if (!best.ok) return best;
    const without = (post: number): Placement | null => {
      const c = best.value.candidateOf[post];
      if (c === null || c === undefined || (instance.pins ?? []).some((x) => x.post === post)) return null;
      const again = solvePlacement({ ...instance, fitness: sparseWithout(f, post, c) });
      return again.ok ? again.value : null;
    };
    return ok({ best: best.value, without });
  }
  const prepared = prepare(instance);
  if (!prepared.ok) return prepared;
  const p = prepared.value;
  const cost = denseCosts(f, p.posts, p.candidates, p.rowsArePosts);
  const costT = transpose(p.rows.length, p.cols.length, cost);
  const solution = solveDenseLap(p.rows.length, p.cols.length, cost);
  const best = placementOf(f, p, solution);
  // The kernel's row of each unpinned post or candidate (-1 for the pinned).
  const rowOf = new Int32Array(p.rowsArePosts ? f.posts : f.candidates).fill(-1);
  p.rows.forEach((x, r) => (rowOf[x] = r));
  const without = (post: number): Placement | null => {
    const c = best.candidateOf[post];
    if (c === null || c === undefined || p.pinnedPost[post] === 1) return null;
    const row = rowOf[p.rowsArePosts ? post : c] as number;
    return placementOf(f, p, resolveDenseLapWithout(p.rows.length, p.cols.length, cost, costT, solution, row));
  };
  return ok({ best, without });
}

/** What a solve needs once the instance is checked: the pins taken out, the sides of the kernel chosen. */
interface Prepared {
  readonly pinnedPost: Uint8Array;
  readonly pinnedCandidate: Uint8Array;
  /** The pinned posts' candidates (null elsewhere). */
  readonly pinnedOf: readonly (number | null)[];
  readonly pinnedTotal: number;
  /** The unpinned posts and candidates, and which of them are the kernel's rows and columns. */
  readonly posts: Int32Array;
  readonly candidates: Int32Array;
  readonly rowsArePosts: boolean;
  readonly rows: Int32Array;
  readonly cols: Int32Array;
}

/** Checks the instance and its pins, takes the pins out and chooses the kernel's rows. */
function prepare(instance: PlacementInstance): Result<Prepared, PlacementError> {
  const f = instance.fitness;
  const pins = instance.pins ?? [];
  const problems = fitnessProblems(f);
  if (problems.length > 0) return failPlacement('PLACEMENT_INSTANCE_INVALID', `the placement instance is malformed: ${problems[0]}`, { problems });
  const conflicts = pinConflicts(f, pins, (p, c) => fitnessOf(f, p, c) > Number.NEGATIVE_INFINITY);
  if (conflicts.length > 0) return failPlacement('PLACEMENT_PINS_INFEASIBLE', 'the pins cannot all hold', { conflicts });

  const pinnedOf: (number | null)[] = new Array<number | null>(f.posts).fill(null);
  const pinnedPost = new Uint8Array(f.posts);
  const pinnedCandidate = new Uint8Array(f.candidates);
  let pinnedTotal = 0;
  for (const { post, candidate } of pins) {
    if (pinnedPost[post] === 1) continue; // the same pin twice
    pinnedPost[post] = 1;
    pinnedCandidate[candidate] = 1;
    pinnedOf[post] = candidate;
    pinnedTotal += fitnessOf(f, post, candidate);
  }
  const posts = indicesWithout(pinnedPost);
  const candidates = indicesWithout(pinnedCandidate);
  const rowsArePosts = postsAsRows(f, pinnedPost, pinnedCandidate, posts.length, candidates.length);
  return ok({ pinnedPost, pinnedCandidate, pinnedOf, pinnedTotal, posts, candidates, rowsArePosts, rows: rowsArePosts ? posts : candidates, cols: rowsArePosts ? candidates : posts });
}

/** The placement a kernel's solution stands for, on the original indices, with its duals and total. */
function placementOf(f: DenseFitness | SparseFitness, p: Prepared, solution: LapSolution): Placement {
  const candidateOf = p.pinnedOf.slice();
  const u = new Array<number>(f.posts).fill(0);
  const v = new Array<number>(f.candidates).fill(0);
  const rowDual = p.rowsArePosts ? u : v;
  const colDual = p.rowsArePosts ? v : u;
  const { colOfRow } = solution;
  for (let r = 0; r < p.rows.length; r++) {
    const c = colOfRow[r] as number;
    if (c === DUMMY) continue;
    const post = p.rowsArePosts ? (p.posts[r] as number) : (p.cols[c] as number);
    const candidate = p.rowsArePosts ? (p.cols[c] as number) : (p.candidates[r] as number);
    candidateOf[post] = candidate;
  }
  fillDuals(solution, p.rows, p.cols, rowDual, colDual);
  let total = p.pinnedTotal;
  for (let post = 0; post < f.posts; post++) {
    const c = candidateOf[post];
    if (c !== null && c !== undefined && p.pinnedPost[post] === 0) total += fitnessOf(f, post, c);
  }
  return { candidateOf, total, pinnedTotal: p.pinnedTotal, u, v };
}

/** The sparse fitness without the pair (post, candidate). */
function sparseWithout(f: SparseFitness, post: number, candidate: number): SparseFitness {
  const start = Int32Array.from(f.start);
  const cand: number[] = [];
  const fit: number[] = [];
  for (let p = 0; p < f.posts; p++) {
    for (let e = f.start[p] as number; e < (f.start[p + 1] as number); e++) {
      if (p === post && f.candidate[e] === candidate) continue;
      cand.push(f.candidate[e] as number);
      fit.push(f.fitness[e] as number);
    }
    start[p + 1] = cand.length;
  }
  return { kind: 'sparse', posts: f.posts, candidates: f.candidates, start, candidate: Int32Array.from(cand), fitness: Float64Array.from(fit) };
}

/**
 * Which side the kernels take as rows. Their starting prices (lap.ts) absorb what a column is
 * worth to every row alike; what a row is worth everywhere is absorbed by its own potential, but
 * then confuses the starting prices. So when one side's best fitness varies clearly more than the
 * other's (spread of the maxima, more than twice), that side becomes the columns: fitness driven
 * by the candidate puts the posts as rows, fitness driven by the post the candidates. Otherwise
 * the smaller side is the rows. Only speed depends on this choice, never the answer.
 */
function postsAsRows(f: DenseFitness | SparseFitness, pinnedPost: Uint8Array, pinnedCandidate: Uint8Array, posts: number, candidates: number): boolean {
  const postMax = new Float64Array(f.posts).fill(Number.NEGATIVE_INFINITY);
  const candidateMax = new Float64Array(f.candidates).fill(Number.NEGATIVE_INFINITY);
  const see = (p: number, c: number, w: number): void => {
    if (pinnedPost[p] === 1 || pinnedCandidate[c] === 1) return;
    if (w > (postMax[p] as number)) postMax[p] = w;
    if (w > (candidateMax[c] as number)) candidateMax[c] = w;
  };
  if (f.kind === 'dense') {
    for (let p = 0; p < f.posts; p++) for (let c = 0; c < f.candidates; c++) see(p, c, f.fitness[p * f.candidates + c] as number);
  } else {
    for (let p = 0; p < f.posts; p++) for (let e = f.start[p] as number; e < (f.start[p + 1] as number); e++) see(p, f.candidate[e] as number, f.fitness[e] as number);
  }
  const postSpread = spread(postMax);
  const candidateSpread = spread(candidateMax);
  if (postSpread > 2 * candidateSpread) return false;
  if (candidateSpread > 2 * postSpread) return true;
  return posts <= candidates;
}

/** The standard deviation of the finite values (0 when fewer than two). */
function spread(xs: Float64Array): number {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const x of xs) {
    if (x === Number.NEGATIVE_INFINITY) continue;
    n++;
    const d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  return n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
}

/** The indices whose flag is 0. */
function indicesWithout(flags: Uint8Array): Int32Array {
  let n = 0;
  for (const x of flags) if (x === 0) n++;
  const out = new Int32Array(n);
  n = 0;
  for (let k = 0; k < flags.length; k++) if (flags[k] === 0) out[n++] = k;
  return out;
}

/** The kernel's potentials as the maximisation form's duals (≥ 0; 0 where unassigned), on the original indices. */
function fillDuals(s: LapSolution, rows: Int32Array, cols: Int32Array, rowDual: number[], colDual: number[]): void {
  for (let r = 0; r < rows.length; r++) rowDual[rows[r] as number] = s.colOfRow[r] === DUMMY ? 0 : Math.max(0, -(s.u[r] as number));
  for (let c = 0; c < cols.length; c++) colDual[cols[c] as number] = s.rowOfCol[c] === -1 ? 0 : Math.max(0, -(s.v[c] as number));
}

/** The dense cost matrix of the unpinned posts and candidates, rows being the posts or the candidates. */
function denseCosts(f: DenseFitness, posts: Int32Array, candidates: Int32Array, rowsArePosts: boolean): Float64Array {
  const w = f.fitness;
  const m = f.candidates;
  const cost = new Float64Array(posts.length * candidates.length);
  if (rowsArePosts) {
    const nc = candidates.length;
    for (let r = 0; r < posts.length; r++) {
      const base = (posts[r] as number) * m;
      const out = r * nc;
      for (let c = 0; c < nc; c++) {
        const x = w[base + (candidates[c] as number)] as number;
        cost[out + c] = x === Number.NEGATIVE_INFINITY ? Infinity : -x;
      }
    }
  } else {
    const np = posts.length;
    for (let c = 0; c < np; c++) {
      const base = (posts[c] as number) * m;
      for (let r = 0; r < candidates.length; r++) {
        const x = w[base + (candidates[r] as number)] as number;
        cost[r * np + c] = x === Number.NEGATIVE_INFINITY ? Infinity : -x;
      }
    }
  }
  return cost;
}

/** The sparse cost lists of the unpinned posts and candidates, rows being the posts or the candidates (a transpose). */
function sparseCosts(f: SparseFitness, posts: Int32Array, candidates: Int32Array, rowsArePosts: boolean): SparseCosts {
  const candidateIndex = new Int32Array(f.candidates).fill(-1);
  candidates.forEach((c, k) => (candidateIndex[c] = k));
  const nRows = rowsArePosts ? posts.length : candidates.length;
  const start = new Int32Array(nRows + 1);
  for (let p = 0; p < posts.length; p++) {
    const post = posts[p] as number;
    for (let e = f.start[post] as number; e < (f.start[post + 1] as number); e++) {
      const k = candidateIndex[f.candidate[e] as number] as number;
      if (k >= 0) {
        const r = (rowsArePosts ? p : k) + 1;
        start[r] = (start[r] as number) + 1;
      }
    }
  }
  for (let r = 0; r < nRows; r++) start[r + 1] = (start[r + 1] as number) + (start[r] as number);
  const size = start[nRows] as number;
  const col = new Int32Array(size);
  const cost = new Float64Array(size);
  const next = start.slice(0, nRows);
  for (let p = 0; p < posts.length; p++) {
    const post = posts[p] as number;
    for (let e = f.start[post] as number; e < (f.start[post + 1] as number); e++) {
      const k = candidateIndex[f.candidate[e] as number] as number;
      if (k < 0) continue;
      const r = rowsArePosts ? p : k;
      const at = next[r] as number;
      next[r] = at + 1;
      col[at] = rowsArePosts ? k : p;
      cost[at] = -(f.fitness[e] as number);
    }
  }
  return { rows: nRows, cols: rowsArePosts ? candidates.length : posts.length, start, col, cost };
}
