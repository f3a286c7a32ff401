/**
 * The dense kernel: rows × cols costs in one row-major Float64Array (+Infinity where not allowed).
 * Jonker–Volgenant: starting prices, rounds of augmenting row reduction, then a shortest
 * augmenting path from each row still free (and from each column left free with a price, on the
 * transposed matrix), scanning the row's whole cost line (O(cols) per scanned row, in memory
 * order: skipping the columns already settled beats gathering the others through an index list).
 * Every array is allocated once, before the loops. See lap.ts for the problem and the invariants.
 */
import { ARR_MAX_ROUNDS, ARR_VISITS_PER_ROW, backFromColumnSide, columnSide, DUMMY, settleAndAugment, startingPrices, UNASSIGNED, type LapOptions, type LapSolution } from './lap.js';

/**
 * Solves min Σ c x over assignments in which each row takes at most one column and each column at
 * most one row (a row may stay unassigned at cost 0). Guarantees an optimum, and potentials that
 * prove it (lap.ts). `cost` is not modified.
 */
export function solveDenseLap(rows: number, cols: number, cost: Float64Array, options: LapOptions = {}): LapSolution {
  if (cost.length !== rows * cols) throw new RangeError(`cost has ${cost.length} entries, expected ${rows * cols}`);
  const colOfRow = new Int32Array(rows).fill(UNASSIGNED);
  const rowOfCol = new Int32Array(cols).fill(-1);
  const u = new Float64Array(rows);
  const v = options.startingPrices === false ? new Float64Array(cols) : startingPrices(rows, columnMinima(rows, cols, cost));
  const free = new Int32Array(rows);
  for (let i = 0; i < rows; i++) free[i] = i;
  const numFree = augmentingRowReduction(rows, cols, cost, colOfRow, rowOfCol, v, free, rows, options.reductionRounds ?? ARR_MAX_ROUNDS);
  for (let i = 0; i < rows; i++) {
    const j = colOfRow[i] as number;
    u[i] = j >= 0 ? (cost[i * cols + j] as number) - (v[j] as number) : 0;
  }
  shortestAugmentingPaths(rows, cols, cost, colOfRow, rowOfCol, u, v, free, numFree);
  const other = columnSide(colOfRow, rowOfCol, v);
  if (other.numFree > 0) {
    shortestAugmentingPaths(cols, rows, transpose(rows, cols, cost), other.colOfRow, other.rowOfCol, v, u, other.free, other.numFree);
    backFromColumnSide(other, colOfRow, rowOfCol);
  }
  return { colOfRow, rowOfCol, u, v };
}

/**
 * The optimum once one assigned pair — row `row` and its column in `from` — is no longer allowed,
 * found from `from`, an optimum of the same problem with its potentials: the row is freed and one
 * shortest augmenting path is run from it, then the freed column, if left free with a price, is
 * repriced from the other side. Those are the last two phases of solveDenseLap, and the invariants
 * of lap.ts hold at their start (the freed row's edges may have negative reduced costs, but they
 * leave the search's source only, as when the columns are repriced), so the answer is an optimum
 * with potentials that prove it — in O(rows × cols) instead of a whole solve. `costT` is `cost`
 * transposed; the pair's entry in both is +Infinity during the call and restored before it returns.
 */
export function resolveDenseLapWithout(rows: number, cols: number, cost: Float64Array, costT: Float64Array, from: LapSolution, row: number): LapSolution {
  const col = from.colOfRow[row] as number;
  if (col < 0) throw new RangeError(`row ${row} is not assigned`);
  const colOfRow = from.colOfRow.slice();
  const rowOfCol = from.rowOfCol.slice();
  const u = from.u.slice();
  const v = from.v.slice();
  const saved = cost[row * cols + col] as number;
  cost[row * cols + col] = Infinity;
  costT[col * rows + row] = Infinity;
  try {
    colOfRow[row] = UNASSIGNED;
    rowOfCol[col] = -1;
    shortestAugmentingPaths(rows, cols, cost, colOfRow, rowOfCol, u, v, Int32Array.of(row), 1);
    const other = columnSide(colOfRow, rowOfCol, v);
    if (other.numFree > 0) {
      shortestAugmentingPaths(cols, rows, costT, other.colOfRow, other.rowOfCol, v, u, other.free, other.numFree);
      backFromColumnSide(other, colOfRow, rowOfCol);
    }
  } finally {
    cost[row * cols + col] = saved;
    costT[col * rows + row] = saved;
  }
  return { colOfRow, rowOfCol, u, v };
}

/** Each column's least cost (+Infinity for a column with no allowed row). */
function columnMinima(rows: number, cols: number, cost: Float64Array): Float64Array {
  const min = new Float64Array(cols).fill(Infinity);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const c = cost[base + j] as number;
      if (c < (min[j] as number)) min[j] = c;
    }
  }
  return min;
}

/** The cost matrix with rows and columns exchanged. */
export function transpose(rows: number, cols: number, cost: Float64Array): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = cost[i * cols + j] as number;
  return t;
}

/**
 * Augmenting row reduction (Jonker–Volgenant), with each row's dummy column (cost 0, price 0) as
 * one more choice: a free row takes its cheapest column j1 at reduced cost c − v, and the price of
 * j1 falls by the gap to the second cheapest, so the row's potential is that second value (≤ 0,
 * because the dummy is a choice). The row displaced from j1 is processed next. A row whose
 * cheapest choice is strictly its dummy stays unassigned for good. A row displaced on a tie (no
 * price fell) waits for the next round. At most `maxRounds` rounds, fewer if a round frees no row,
 * and at most ARR_VISITS_PER_ROW visits per row in all (a price war of tiny decrements could
 * otherwise run long). Returns how many rows are left free, listed at the front of `free`.
 */
function augmentingRowReduction(
  rows: number,
  cols: number,
  cost: Float64Array,
  colOfRow: Int32Array,
  rowOfCol: Int32Array,
  v: Float64Array,
  free: Int32Array,
  initialFree: number,
  maxRounds: number,
): number {
  let numFree = initialFree;
  let budget = ARR_VISITS_PER_ROW * rows;
  let previous = Infinity;
  for (let round = 0; round < maxRounds && numFree > 0 && numFree < previous; round++) {
    previous = numFree;
    let k = 0;
    const listed = numFree;
    numFree = 0;
    while (k < listed) {
      const i = free[k++] as number;
      if (budget-- <= 0) {
        free[numFree++] = i;
        continue;
      }
      let umin = Infinity;
      let usub = Infinity;
      let j1 = -1;
      let j2 = -1;
      const base = i * cols;
      for (let j = 0; j < cols; j++) {
        const h = (cost[base + j] as number) - (v[j] as number);
        if (h < usub) {
          if (h >= umin) {
            usub = h;
            j2 = j;
          } else {
            usub = umin;
            j2 = j1;
            umin = h;
            j1 = j;
          }
        }
      }
      if (!(umin <= 0)) {
        // the dummy (0) is strictly cheapest, or the row has no allowed column
        colOfRow[i] = DUMMY;
        continue;
      }
      if (usub > 0) {
        usub = 0;
        j2 = -1; // the dummy is second
      }
      let i0 = rowOfCol[j1] as number;
      const strict = umin < usub && (v[j1] as number) - (usub - umin) < (v[j1] as number);
      if (strict) v[j1] = (v[j1] as number) - (usub - umin);
      else if (i0 >= 0) {
        if (j2 < 0) {
          colOfRow[i] = DUMMY;
          continue;
        }
        j1 = j2;
        i0 = rowOfCol[j2] as number;
      }
      colOfRow[i] = j1;
      rowOfCol[j1] = i;
      if (i0 >= 0) {
        colOfRow[i0] = UNASSIGNED;
        if (strict) free[--k] = i0;
        else free[numFree++] = i0;
      }
    }
  }
  return numFree;
}

/**
 * One shortest augmenting path per free row (Dijkstra on reduced costs, the row's dummy column
 * included), then the potential update that keeps the invariants, then the augmentation. On a tie
 * between a free column and a row's dummy, the column wins.
 */
function shortestAugmentingPaths(
  rows: number,
  cols: number,
  cost: Float64Array,
  colOfRow: Int32Array,
  rowOfCol: Int32Array,
  u: Float64Array,
  v: Float64Array,
  free: Int32Array,
  numFree: number,
): void {
  const spc = new Float64Array(cols);
  const path = new Int32Array(cols);
  const done = new Int32Array(cols).fill(-1); // f: settled by the search from free[f]
  const scannedRows = new Int32Array(rows);
  const scannedCols = new Int32Array(cols);
  for (let f = 0; f < numFree; f++) {
    const s = free[f] as number;
    spc.fill(Infinity);
    let nRows = 0;
    let nCols = 0;
    let minVal = 0;
    let i = s;
    u[s] = 0;
    let bestDummy = Infinity;
    let dummyRow = -1;
    let sink = -1;
    for (;;) {
      scannedRows[nRows++] = i;
      const ui = u[i] as number;
      const dd = minVal - ui;
      if (dd < bestDummy) {
        bestDummy = dd;
        dummyRow = i;
      }
      let lowest = Infinity;
      let index = -1;
      const base = i * cols;
      const start = minVal - ui;
      for (let j = 0; j < cols; j++) {
        if (done[j] === f) continue;
        const r = start + (cost[base + j] as number) - (v[j] as number);
        let d = spc[j] as number;
        if (r < d) {
          path[j] = i;
          spc[j] = r;
          d = r;
        }
        if (d < lowest || (d === lowest && (rowOfCol[j] as number) < 0)) {
          lowest = d;
          index = j;
        }
      }
      if (bestDummy < lowest) {
        minVal = bestDummy;
        break;
      }
      minVal = lowest;
      const j = index;
      done[j] = f;
      scannedCols[nCols++] = j;
      if ((rowOfCol[j] as number) < 0) {
        sink = j;
        break;
      }
      i = rowOfCol[j] as number;
    }
    settleAndAugment({ s, minVal, sink, dummyRow, nRows, nCols, scannedRows, scannedCols, spc, path, colOfRow, rowOfCol, u, v });
  }
}
