/**
 * Appending a checkpoint: the Merkle root over every stream head (the ledger stream excluded)
 * and the heads that changed since the previous checkpoint, appended to the ledger stream.
 */
import type { StreamHead } from '../../domain/checkpoint.js';
import { SYSTEM_ACTOR } from '../../domain/event.js';
import { LEDGER_STREAM_ID } from '../../domain/ids.js';
import { projectedHeads } from '../heads.js';
import { merkleRoot } from '../merkle.js';
import type { Session } from '../session.js';
import type { SqlShapes } from '../sql-shapes.js';
import type { CheckpointResult } from '../reports.js';

/** Sorts heads by stream id in UTF-16 code unit order, the same on every back end. */
export function sortHeads(heads: StreamHead[]): StreamHead[] {
  return heads.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Appends a checkpoint in the session's transaction, or returns null when nothing changed and `force` is false. */
export async function appendCheckpoint(session: Session, shapes: SqlShapes, at: string, force: boolean): Promise<CheckpointResult | null> {
  const sql = await session.connection();
  const all = await projectedHeads((q, p) => sql.all(q, p), shapes);
  const rows = await sql.all<{ stream_id: string; seq: number | string }>(shapes.selectCheckpointHeads(), []);
  const recorded = new Map(rows.map((r) => [r.stream_id, Number(r.seq)]));
  const changed = all.filter(([id, seq]) => recorded.get(id) !== seq);
  if (changed.length === 0 && !force) return null;
  const root = merkleRoot(sortHeads(all));
  const ledger = await session.load('ledger', LEDGER_STREAM_ID);
  const when = ledger !== undefined && ledger.state.lastEventAt > at ? ledger.state.lastEventAt : at;
  const [event] = await session.append('ledger', LEDGER_STREAM_ID, ledger?.seq ?? 0, [
    { type: 'checkpoint.recorded', actor: SYSTEM_ACTOR, at: when, payload: { root, streams: all.length, changed: sortHeads(changed) } },
  ]);
  await session.flush();
  return { seq: event?.seq ?? 0, at: when, root, streams: all.length, changed: changed.length };
}
