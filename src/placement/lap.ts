/**
 * What the two assignment kernels (dense-lap.ts, sparse-lap.ts) share. They solve, in the
 * minimisation form, the linear assignment problem in which a row may stay unassigned at cost 0:
 *   min Σ c_ij x_ij   subject to   Σ_j x_ij ≤ 1 (rows),  Σ_i x_ij ≤ 1 (columns),  x ≥ 0,
 * with c_ij = +Infinity where the pair is not allowed. Each row i has a private "dummy" column of
 * cost 0 (the row stays unassigned); the kernels never store it.
 *
 * The method is Jonker–Volgenant's, in three phases: starting column prices (their column
 * reduction, clipped so that prices stay ≤ 0), augmenting row reduction, then one shortest
 * augmenting path (Dijkstra on reduced costs) per row still free; and a fourth that JV does not
 * need: a column left free with a price ≠ 0 is repriced by the same shortest paths run from the
 * other side (columnSide). JV's reduction transfer is left out, and its column reduction only
 * prices (it assigns nothing): in JV every column ends assigned, here a column may stay free and
 * must then have price 0 (docs/decisions/0023-placement-solver.md). The potentials obey,
 * throughout:
 *   - reduced costs c_ij − u_i − v_j ≥ 0 on every allowed pair, = 0 on assigned pairs;
 *   - every column price v_j ≤ 0; an assigned row has u_i ≤ 0 (its dummy column's reduced cost
 *     −u_i is ≥ 0); an unassigned row has u_i = 0 (the same, seen from either side);
 * and at the end a free column has v_j = 0 too. That is exactly dual feasibility and complementary
 * slackness for the programme above, with duals −u ≥ 0 and −v ≥ 0 of the maximisation form: the
 * kernels return an optimum and its proof.
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

/** How a kernel runs; the defaults are the fast ones, and the answer is optimal whatever they say. */
export interface LapOptions {
  /** Rounds of augmenting row reduction before the shortest paths (default ARR_MAX_ROUNDS; 0: shortest paths only). */
  readonly reductionRounds?: number;
  /** Whether to start from the column prices of `startingPrices` (default true) rather than from 0. */
  readonly startingPrices?: boolean;
}

/**
 * Column prices to start from (minimisation form, ≤ 0), in the spirit of Jonker–Volgenant's column
 * reduction: a column is priced by its best cost, `colMin[j]`, less a threshold T — the rows-th
 * best of those costs (the worst one if there are no more columns than rows), and never above 0 —
 * so that about as many columns as there are rows get a price, the rest 0. When every row prizes
 * the same columns (fitness driven by the candidate rather than by the pair), prices near the
 * final ones spare the shortest paths from searching, again and again, among all the columns
 * already taken. Any prices will do for correctness: a column left free with a price is repriced
 * from the other side (columnSide).
 */
export function startingPrices(rows: number, colMin: Float64Array): Float64Array {
  const cols = colMin.length;
  const v = new Float64Array(cols);
  const finite = colMin.filter((x) => x < Infinity).sort();
  if (rows === 0 || finite.length === 0) return v;
  const threshold = Math.min(0, finite[Math.min(rows, finite.length) - 1] as number);
  for (let j = 0; j < cols; j++) v[j] = Math.min(0, (colMin[j] as number) - threshold);
  return v;
}

/**
 * The state of the same problem seen from the other side (rows and columns exchanged), to
 * reprice the columns left free with a price ≠ 0: those become the rows to process, the other
 * free columns stay free for good (their dummy), and the rows left unassigned become free
 * columns. The potentials are the same arrays, exchanged (the row potentials are the other side's
 * column prices: ≤ 0, 0 where unassigned — the invariants hold on both sides).
 */
export function columnSide(colOfRow: Int32Array, rowOfCol: Int32Array, v: Float64Array): { colOfRow: Int32Array; rowOfCol: Int32Array; free: Int32Array; numFree: number } {
  const cols = rowOfCol.length;
  const other = new Int32Array(cols);
  const free = new Int32Array(cols);
  let numFree = 0;
  for (let j = 0; j < cols; j++) {
    const r = rowOfCol[j] as number;
    if (r >= 0) other[j] = r;
    else if ((v[j] as number) < 0) {
      other[j] = UNASSIGNED;
      free[numFree++] = j;
    } else other[j] = DUMMY;
  }
  const otherCols = colOfRow.map((c) => (c >= 0 ? c : -1));
  return { colOfRow: other, rowOfCol: otherCols, free, numFree };
}

/** Writes back, into our side's arrays, the assignment found on the other side. */
export function backFromColumnSide(other: { colOfRow: Int32Array; rowOfCol: Int32Array }, colOfRow: Int32Array, rowOfCol: Int32Array): void {
  other.rowOfCol.forEach((c, i) => (colOfRow[i] = c >= 0 ? c : DUMMY));
  other.colOfRow.forEach((r, j) => (rowOfCol[j] = r >= 0 ? r : -1));
}

/** What the end of one shortest-path search hands to `settleAndAugment`. */
export interface SearchEnd {
  /** The free row the search started from. */
  readonly s: number;
  /** The length of the shortest path found. */
  readonly minVal: number;
  /** The free column reached, or −1 when the path ends in `dummyRow`'s dummy column. */
  readonly sink: number;
  readonly dummyRow: number;
  /** How many rows and columns the search settled (the first `nRows` of `scannedRows`, `nCols` of `scannedCols`; `scannedRows[0]` is `s`). */
  readonly nRows: number;
  readonly nCols: number;
  readonly scannedRows: Int32Array;
  readonly scannedCols: Int32Array;
  /** Each settled column's shortest-path distance. */
  readonly spc: Float64Array;
  /** Each settled column's predecessor row on the path. */
  readonly path: Int32Array;
  readonly colOfRow: Int32Array;
  readonly rowOfCol: Int32Array;
  readonly u: Float64Array;
  readonly v: Float64Array;
}

/**
 * The end of a search, shared by both kernels: the potentials of the settled rows and columns move
 * by what their distance falls short of the path's length (keeping every reduced cost ≥ 0 and the
 * assigned pairs tight), then the assignment flips along the path — from the sink back to `s`, or,
 * when the path ends in a dummy column, `dummyRow` becomes unassigned (u = 0) and its column
 * passes back along the path.
 */
export function settleAndAugment(e: SearchEnd): void {
  const { s, minVal, sink, dummyRow, scannedRows, scannedCols, spc, path, colOfRow, rowOfCol, u, v } = e;
  u[s] = minVal; // it was 0 during the search
  for (let t = 1; t < e.nRows; t++) {
    const r = scannedRows[t] as number;
    u[r] = (u[r] as number) + minVal - (spc[colOfRow[r] as number] as number);
  }
  for (let t = 0; t < e.nCols; t++) {
    const j = scannedCols[t] as number;
    v[j] = (v[j] as number) - (minVal - (spc[j] as number));
  }
  let j: number;
  if (sink < 0) {
    j = colOfRow[dummyRow] as number;
    colOfRow[dummyRow] = DUMMY;
    u[dummyRow] = 0;
    if (dummyRow === s) return;
  } else j = sink;
  for (;;) {
    const r = path[j] as number;
    rowOfCol[j] = r;
    const previous = colOfRow[r] as number;
    colOfRow[r] = j;
    if (r === s) return;
    j = previous;
  }
}
