/**
 * What the two assignment kernels (dense-lap.ts, sparse-lap.ts) share. They solve, in the
 * minimisation form, the linear assignment problem in which a row may stay unassigned at cost 0:
 *   min Σ c_ij x_ij   subject to   Σ_j x_ij ≤ 1 (rows),  Σ_i x_ij ≤ 1 (columns),  x ≥ 0,
 * with c_ij = +Infinity where the pair is not allowed. Each row i has a private "dummy" column of
 * cost 0 (the row stays unassigned); the kernels never store it.
 *
 * The method is Jonker–Volgenant's: augmenting row reduction first, then one shortest augmenting
 * path (Dijkstra on reduced costs) per row still free. Their column reduction and reduction
 * transfer are left out: they price every column, and a column that then stays free must have
 * price 0 in this programme (docs/decisions/0023-placement-solver.md). The potentials obey, throughout:
 *   - reduced costs c_ij − u_i − v_j ≥ 0 on every allowed pair, = 0 on assigned pairs;
 *   - every column price v_j ≤ 0, and v_j = 0 on a column never assigned (prices only fall, and
 *     only on columns being assigned); an assigned row has u_i ≤ 0 (its dummy column's reduced
 *     cost −u_i is ≥ 0); an unassigned row has u_i = 0.
 * That is exactly dual feasibility and complementary slackness for the programme above, with
 * duals −u ≥ 0 and −v ≥ 0 of the maximisation form: the kernels return an optimum and its proof.
 */

/** Marks a row not yet processed (only inside a kernel). */
export const UNASSIGNED = -1;
/** Marks a row that stays unassigned (its dummy column). */
export const DUMMY = -2;

/**
 * A kernel's answer: `colOfRow[i]` is row i's column or DUMMY; `rowOfCol[j]` column j's row or −1;
 * `u`, `v` the potentials (minimisation form) with the invariants above.
 */
export interface LapSolution {
  readonly colOfRow: Int32Array;
  readonly rowOfCol: Int32Array;
  readonly u: Float64Array;
  readonly v: Float64Array;
}

/** How many row visits the augmenting row reduction may make, per row, before the shortest paths take over. */
export const ARR_VISITS_PER_ROW = 100;

/** How many rounds of augmenting row reduction at most (a round ends when its list of free rows is done; rows displaced on a tie wait for the next). */
export const ARR_MAX_ROUNDS = 8;

/** How a kernel runs; the defaults are the fast ones. */
export interface LapOptions {
  /** Rounds of augmenting row reduction before the shortest paths (default ARR_MAX_ROUNDS; 0: shortest paths only). The answer is optimal whatever the number. */
  readonly reductionRounds?: number;
}
