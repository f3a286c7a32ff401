/**
 * The sparse kernel: each row's allowed columns as compressed rows (`start`, `col`, `cost`).
 * Jonker–Volgenant on adjacency lists: starting prices, rounds of augmenting row reduction, then
 * a shortest augmenting path from each row still free (and from each column left free with a
 * price, on the transposed lists) — Dijkstra with an indexed binary heap over the columns
 * reached, so a search costs O(arcs scanned · log columns reached), not O(cols). Marks are stamped
 * per search, so nothing is cleared between searches; every array is allocated once, before the
 * loops. See lap.ts for the problem and the invariants.
 */
import { ARR_MAX_ROUNDS, ARR_VISITS_PER_ROW, backFromColumnSide, columnSide, DUMMY, settleAndAugment, startingPrices, UNASSIGNED, type LapOptions, type LapSolution } from './lap.js';

/** A sparse cost matrix: row i's allowed pairs are entries start[i] .. start[i + 1] − 1 of `col` and `cost`. */
export interface SparseCosts {
  readonly rows: number;
  readonly cols: number;
  readonly start: Int32Array;
  readonly col: Int32Array;
  readonly cost: Float64Array;
}

/**
 * Solves min Σ c x over assignments in which each row takes at most one of its allowed columns
 * and each column at most one row (a row may stay unassigned at cost 0). Guarantees an optimum,
 * and potentials that prove it (lap.ts). A column must appear at most once in a row.
 */
export function solveSparseLap(m: SparseCosts, options: LapOptions = {}): LapSolution {
  const { rows, cols, start, col, cost } = m;
  const colOfRow = new Int32Array(rows).fill(UNASSIGNED);
  const rowOfCol = new Int32Array(cols).fill(-1);
  const u = new Float64Array(rows);
  const v = options.startingPrices === false ? new Float64Array(cols) : startingPrices(rows, columnMinima(m));
  const free = new Int32Array(rows);
  for (let i = 0; i < rows; i++) free[i] = i;
  const numFree = augmentingRowReduction(m, colOfRow, rowOfCol, v, free, rows, options.reductionRounds ?? ARR_MAX_ROUNDS);
  for (let i = 0; i < rows; i++) {
    const j = colOfRow[i] as number;
    if (j < 0) continue;
    for (let e = start[i] as number; e < (start[i + 1] as number); e++) {
      if (col[e] === j) {
        u[i] = (cost[e] as number) - (v[j] as number);
        break;
      }
    }
  }
  shortestAugmentingPaths(m, colOfRow, rowOfCol, u, v, free, numFree);
  const other = columnSide(colOfRow, rowOfCol, v);
  if (other.numFree > 0) {
    shortestAugmentingPaths(transpose(m), other.colOfRow, other.rowOfCol, v, u, other.free, other.numFree);
    backFromColumnSide(other, colOfRow, rowOfCol);
  }
  return { colOfRow, rowOfCol, u, v };
}

/** Each column's least cost (+Infinity for a column with no allowed row). */
function columnMinima(m: SparseCosts): Float64Array {
  const min = new Float64Array(m.cols).fill(Infinity);
  for (let e = 0; e < m.col.length; e++) {
    const j = m.col[e] as number;
    const c = m.cost[e] as number;
    if (c < (min[j] as number)) min[j] = c;
  }
  return min;
}

/** The same costs grouped by column: the problem seen from the other side. */
function transpose(m: SparseCosts): SparseCosts {
  const start = new Int32Array(m.cols + 1);
  for (let e = 0; e < m.col.length; e++) {
    const j = (m.col[e] as number) + 1;
    start[j] = (start[j] as number) + 1;
  }
  for (let j = 0; j < m.cols; j++) start[j + 1] = (start[j + 1] as number) + (start[j] as number);
  const next = start.slice(0, m.cols);
  const col = new Int32Array(m.col.length);
  const cost = new Float64Array(m.col.length);
  for (let i = 0; i < m.rows; i++) {
    for (let e = m.start[i] as number; e < (m.start[i + 1] as number); e++) {
      const j = m.col[e] as number;
      const at = next[j] as number;
      next[j] = at + 1;
      col[at] = i;
      cost[at] = m.cost[e] as number;
    }
  }
  return { rows: m.cols, cols: m.rows, start, col, cost };
}

/** Augmenting row reduction over adjacency lists: the same rule as the dense kernel's (dense-lap.ts). */
function augmentingRowReduction(m: SparseCosts, colOfRow: Int32Array, rowOfCol: Int32Array, v: Float64Array, free: Int32Array, initialFree: number, maxRounds: number): number {
  const { rows, start, col, cost } = m;
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
      const end = start[i + 1] as number;
      for (let e = start[i] as number; e < end; e++) {
        const j = col[e] as number;
        const h = (cost[e] as number) - (v[j] as number);
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
        colOfRow[i] = DUMMY;
        continue;
      }
      if (usub > 0) {
        usub = 0;
        j2 = -1;
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
 * One shortest augmenting path per free row: Dijkstra over the columns, keyed by reduced distance,
 * the rows' dummy columns kept as one running best. As in the dense kernel, a free column wins a
 * tie with a dummy.
 */
function shortestAugmentingPaths(m: SparseCosts, colOfRow: Int32Array, rowOfCol: Int32Array, u: Float64Array, v: Float64Array, free: Int32Array, numFree: number): void {
  const { rows, cols, start, col, cost } = m;
  const spc = new Float64Array(cols);
  const path = new Int32Array(cols);
  // 2f + 1: reached by search f (in the heap); 2f + 2: settled by search f; anything less: not yet seen by f
  const mark = new Int32Array(cols);
  const scannedRows = new Int32Array(rows);
  const scannedCols = new Int32Array(cols);
  const heap = new ColumnHeap(cols);
  for (let f = 0; f < numFree; f++) {
    const s = free[f] as number;
    const reached = 2 * f + 1;
    const settled = reached + 1;
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
      const base = minVal - ui;
      if (base < bestDummy) {
        bestDummy = base;
        dummyRow = i;
      }
      const end = start[i + 1] as number;
      for (let e = start[i] as number; e < end; e++) {
        const j = col[e] as number;
        const seen = mark[j] as number;
        if (seen === settled) continue;
        const r = base + (cost[e] as number) - (v[j] as number);
        if (seen !== reached) {
          mark[j] = reached;
          spc[j] = r;
          path[j] = i;
          heap.push(j, r);
        } else if (r < (spc[j] as number)) {
          spc[j] = r;
          path[j] = i;
          heap.decrease(j, r);
        }
      }
      const lowest = heap.size > 0 ? heap.topKey() : Infinity;
      if (bestDummy < lowest) {
        minVal = bestDummy;
        break;
      }
      minVal = lowest;
      const j = heap.pop();
      mark[j] = settled;
      scannedCols[nCols++] = j;
      if ((rowOfCol[j] as number) < 0) {
        sink = j;
        break;
      }
      i = rowOfCol[j] as number;
    }
    heap.clear();
    settleAndAugment({ s, minVal, sink, dummyRow, nRows, nCols, scannedRows, scannedCols, spc, path, colOfRow, rowOfCol, u, v });
  }
}

/**
 * An indexed binary min-heap of columns keyed by distance, with decrease-key; the keys are kept
 * beside the items so that sifting reads one array. Fixed capacity, no allocation after construction.
 */
class ColumnHeap {
  private readonly items: Int32Array;
  private readonly keys: Float64Array;
  private readonly pos: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.items = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }

  /** The smallest key (the heap must not be empty). */
  topKey(): number {
    return this.keys[0] as number;
  }

  push(j: number, key: number): void {
    this.up(this.size++, j, key);
  }

  decrease(j: number, key: number): void {
    this.up(this.pos[j] as number, j, key);
  }

  pop(): number {
    const items = this.items;
    const top = items[0] as number;
    this.pos[top] = -1;
    const n = --this.size;
    if (n > 0) this.down(items[n] as number, this.keys[n] as number, n);
    return top;
  }

  clear(): void {
    for (let k = 0; k < this.size; k++) this.pos[this.items[k] as number] = -1;
    this.size = 0;
  }

  private up(k: number, j: number, key: number): void {
    const { items, keys, pos } = this;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      const pk = keys[parent] as number;
      if (!(key < pk)) break;
      const p = items[parent] as number;
      items[k] = p;
      keys[k] = pk;
      pos[p] = k;
      k = parent;
    }
    items[k] = j;
    keys[k] = key;
    pos[j] = k;
  }

  /** Places (j, key) from the root down, in a heap of n items. */
  private down(j: number, key: number, n: number): void {
    const { items, keys, pos } = this;
    let k = 0;
    for (;;) {
      let c = 2 * k + 1;
      if (c >= n) break;
      let ck = keys[c] as number;
      const right = c + 1;
      if (right < n) {
        const rk = keys[right] as number;
        if (rk < ck) {
          c = right;
          ck = rk;
        }
      }
      if (!(ck < key)) break;
      const child = items[c] as number;
      items[k] = child;
      keys[k] = ck;
      pos[child] = k;
      k = c;
    }
    items[k] = j;
    keys[k] = key;
    pos[j] = k;
  }
}
