/**
 * The baseline of the placement benchmark: the textbook Hungarian method (Kuhn–Munkres with row
 * and column potentials, one Dijkstra-like growth of the alternating tree per row, O(n²·m)),
 * written plainly, with nothing of the solver's. Minimisation of a complete n × m cost matrix,
 * n ≤ m, every row assigned.
 */

/** The row → column assignment of least total cost, and that cost. */
export interface HungarianResult {
  readonly colOfRow: Int32Array;
  readonly total: number;
}

/**
 * Assigns each of the n rows a distinct column (n ≤ m) at least total cost. `cost` is row-major,
 * n × m, every entry finite. Guarantees an optimum (the potentials stay feasible and tight on the
 * matching, the classical invariant).
 */
export function hungarian(n: number, m: number, cost: Float64Array): HungarianResult {
  if (n > m) throw new RangeError('the baseline needs rows ≤ columns');
  // 1-based, column 0 is the virtual column the new row starts from
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const rowOfCol = new Int32Array(m + 1); // 0: free
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    rowOfCol[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = rowOfCol[j0] as number;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j] === 1) continue;
        const cur = (cost[(i0 - 1) * m + (j - 1)] as number) - (u[i0] as number) - (v[j] as number);
        if (cur < (minv[j] as number)) {
          minv[j] = cur;
          way[j] = j0;
        }
        if ((minv[j] as number) < delta) {
          delta = minv[j] as number;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j] === 1) {
          const r = rowOfCol[j] as number;
          u[r] = (u[r] as number) + delta;
          v[j] = (v[j] as number) - delta;
        } else minv[j] = (minv[j] as number) - delta;
      }
      j0 = j1;
    } while (rowOfCol[j0] !== 0);
    do {
      const j1 = way[j0] as number;
      rowOfCol[j0] = rowOfCol[j1] as number;
      j0 = j1;
    } while (j0 !== 0);
  }
  const colOfRow = new Int32Array(n).fill(-1);
  let total = 0;
  for (let j = 1; j <= m; j++) {
    const i = rowOfCol[j] as number;
    if (i === 0) continue;
    colOfRow[i - 1] = j - 1;
    total += cost[(i - 1) * m + (j - 1)] as number;
  }
  return { colOfRow, total };
}
