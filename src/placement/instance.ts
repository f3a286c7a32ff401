/**
 * A placement problem: posts to fill, candidates to place, the fitness of each allowed
 * (post, candidate) pair, and the pins ("must stay"). Posts and candidates are numbered from 0;
 * the caller keeps the mapping to ids. A pair that is not allowed (excluded, other territory) is
 * absent: -Infinity in a dense matrix, missing from a sparse list.
 *
 * Fitness may be any finite number (F9 builds it ≥ 0). A post may stay empty and a candidate
 * unplaced: an empty post adds 0, so a pair of negative fitness is never chosen unless pinned.
 */

/** Fitness of every (post, candidate) pair, row-major by post: `fitness[post * candidates + candidate]`, -Infinity where not allowed. */
export interface DenseFitness {
  readonly kind: 'dense';
  readonly posts: number;
  readonly candidates: number;
  readonly fitness: ArrayLike<number>;
}

/**
 * The allowed pairs only, grouped by post (compressed rows): post p's pairs are the entries
 * `start[p] .. start[p + 1] - 1` of `candidate` and `fitness`. A candidate appears at most once per post.
 */
export interface SparseFitness {
  readonly kind: 'sparse';
  readonly posts: number;
  readonly candidates: number;
  readonly start: ArrayLike<number>;
  readonly candidate: ArrayLike<number>;
  readonly fitness: ArrayLike<number>;
}

/** A candidate who must stay in (or be put in) a post, whatever the optimum says. */
export interface Pin {
  readonly post: number;
  readonly candidate: number;
}

/** What the solver is asked: the fitness of the allowed pairs and the pins. */
export interface PlacementInstance {
  readonly fitness: DenseFitness | SparseFitness;
  readonly pins?: readonly Pin[];
}

/**
 * A placement and its certificate. `candidateOf[post]` is the candidate placed there, or null for
 * an empty post; `total` is the sum of the fitness of the placed pairs. The duals `u` (per post)
 * and `v` (per candidate) solve the dual of the linear programme
 *   max Σ w·x  subject to  Σ_c x_pc ≤ 1, Σ_p x_pc ≤ 1, x ≥ 0  (pinned posts and candidates left out)
 * — u, v ≥ 0, u_p + v_c ≥ w_pc on every allowed pair of unpinned post and candidate — with
 * `pinnedTotal + Σu + Σv = total`: the proof that no placement keeping the pins does better.
 * Pinned posts and candidates, empty posts and unplaced candidates have dual 0.
 */
export interface Placement {
  readonly candidateOf: readonly (number | null)[];
  readonly total: number;
  /** The fitness of the pinned pairs, part of `total`. */
  readonly pinnedTotal: number;
  readonly u: readonly number[];
  readonly v: readonly number[];
}

/** Builds a dense fitness from rows (one per post, one number per candidate, -Infinity where not allowed). */
export function denseFitness(rows: readonly (readonly number[])[], candidates = rows[0]?.length ?? 0): DenseFitness {
  const fitness = new Float64Array(rows.length * candidates);
  rows.forEach((row, p) => {
    if (row.length !== candidates) throw new RangeError(`row ${p} has ${row.length} entries, expected ${candidates}`);
    fitness.set(row, p * candidates);
  });
  return { kind: 'dense', posts: rows.length, candidates, fitness };
}

/** One allowed pair in a post's list. */
export interface Allowed {
  readonly candidate: number;
  readonly fitness: number;
}

/** Builds a sparse fitness from each post's list of allowed pairs. */
export function sparseFitness(lists: readonly (readonly Allowed[])[], candidates: number): SparseFitness {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, p) => (start[p + 1] = (start[p] as number) + list.length));
  const size = start[lists.length] as number;
  const candidate = new Int32Array(size);
  const fitness = new Float64Array(size);
  let e = 0;
  for (const list of lists) {
    for (const a of list) {
      candidate[e] = a.candidate;
      fitness[e] = a.fitness;
      e++;
    }
  }
  return { kind: 'sparse', posts: lists.length, candidates, start, candidate, fitness };
}

/** The fitness of a pair, or -Infinity when it is not allowed (sparse: a scan of the post's list). */
export function fitnessOf(f: DenseFitness | SparseFitness, post: number, candidate: number): number {
  if (f.kind === 'dense') return f.fitness[post * f.candidates + candidate] ?? Number.NEGATIVE_INFINITY;
  const end = f.start[post + 1] ?? 0;
  for (let e = f.start[post] ?? 0; e < end; e++) if (f.candidate[e] === candidate) return f.fitness[e] ?? Number.NEGATIVE_INFINITY;
  return Number.NEGATIVE_INFINITY;
}
