/** Stream heads as the projections hold them: one row per stream, in the table of its kind. */
import type { StreamHead } from '../domain/checkpoint.js';
import { STREAM_TABLE } from './schema.js';
import type { SqlShapes } from './sql-shapes.js';

/** Runs SQL text and returns its rows: the write connection's `all`, or a reader's. */
export type RunQuery = <R>(sql: string, parameters: readonly unknown[]) => Promise<R[]>;

/** Every stream's head (id, last seq, last hash); the ledger's own stream only when asked for. */
export async function projectedHeads(all: RunQuery, shapes: SqlShapes, withLedger = false): Promise<StreamHead[]> {
  const out: StreamHead[] = [];
  for (const table of Object.values(STREAM_TABLE)) {
    if (table === 'ledger' && !withLedger) continue;
    const rows = await all<{ id: string; seq: number | string; hash: string }>(shapes.selectHeads(table), []);
    for (const r of rows) out.push([r.id, Number(r.seq), r.hash]);
  }
  return out;
}
