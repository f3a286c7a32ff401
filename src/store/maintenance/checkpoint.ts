/**
 * Appending a checkpoint: the Merkle root over every stream head (the ledger stream excluded)
 * and the heads that changed since the previous checkpoint, appended to the ledger stream.
 */
import type { StreamHead } from '../../domain/checkpoint.js';
import { SYSTEM_ACTOR } from '../../domain/event.js';
import { LEDGER_STREAM_ID } from '../../domain/ids.js';
import { STREAM_TABLE } from '../schema.js';
import { merkleRoot } from '../merkle.js';
import type { SqlConnection } from '../driver.js';
import type { WriteSession } from '../port.js';
import type { SqlShapes } from '../sql-shapes.js';
import type { CheckpointResult } from '../reports.js';

/** Sorts heads by stream id in UTF-16 code unit order, the same on every back end. */
export function sortHeads(heads: StreamHead[]): StreamHead[] {
  return heads.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** What a checkpoint needs of a write session: its connection (buffered writes flushed first), and the ledger stream. */
export type CheckpointSession = Pick<WriteSession, 'load' | 'append'> & { connection(): Promise<SqlConnection>; flush(): Promise<void> };

/**
 * Appends a checkpoint in the session's transaction, or returns null when nothing changed and
 * `force` is false. Each table's heads are read in one statement with what the checkpoints recorded
 * for them, so the changed heads and the root agree even while other transactions commit; the root
 * is built as the sorted heads pass, so memory holds the heads and the changed ones, nothing more.
 */
export async function appendCheckpoint(session: CheckpointSession, shapes: SqlShapes, at: string, force: boolean): Promise<CheckpointResult | null> {
  const sql = await session.connection();
  const all: StreamHead[] = [];
  const changed: StreamHead[] = [];
  for (const table of Object.values(STREAM_TABLE)) {
    if (table === 'ledger') continue;
    const rows = await sql.all<{ id: string; seq: number | string; hash: string; recorded: number | string | null }>(shapes.selectHeadsAgainstCheckpoints(table), []);
    for (const r of rows) {
      const head: StreamHead = [r.id, Number(r.seq), r.hash];
      all.push(head);
      if (r.recorded === null || Number(r.recorded) !== head[1]) changed.push(head);
    }
  }
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
