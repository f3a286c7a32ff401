/**
 * Appending a checkpoint: the Merkle root over every stream head (the ledger stream excluded)
 * and the heads that changed since the previous checkpoint, appended to the ledger stream.
 */
import type { StreamHead } from '../../domain/checkpoint.js';
import { SYSTEM_ACTOR } from '../../domain/event.js';
import { LEDGER_STREAM_ID } from '../../domain/ids.js';
import { STREAM_TABLE } from '../schema.js';
import { MerkleBuilder } from '../merkle.js';
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

/** Every table of streams whose heads a checkpoint covers: all but the ledger's own. */
const COVERED = Object.values(STREAM_TABLE).filter((t) => t !== 'ledger');

/**
 * Appends a checkpoint in the session's transaction, or returns null when nothing changed and
 * `force` is false. Every head is read in one statement with what the checkpoints recorded for it,
 * so the changed heads and the root agree even while other transactions commit; the heads come
 * sorted by id (`collation`: the back end's code-point collation) and the root is built as they
 * pass, so memory holds the changed heads only, whatever the number of streams (on SQLite, which
 * streams the rows; PostgreSQL's driver holds the result). Stream ids are ASCII, so code-point order
 * is the code-unit order of `sortHeads`; an id out of that order throws rather than give a wrong root.
 */
export async function appendCheckpoint(session: CheckpointSession, shapes: SqlShapes, collation: string, at: string, force: boolean): Promise<CheckpointResult | null> {
  const sql = await session.connection();
  const tree = new MerkleBuilder();
  const changed: StreamHead[] = [];
  let streams = 0;
  let previous = '';
  await sql.each<{ id: string; seq: number | string; hash: string; recorded: number | string | null }>(shapes.selectHeadsAgainstCheckpoints(COVERED, collation), [], (r) => {
    if (streams > 0 && !(previous < r.id)) throw new Error(`checkpoint: stream ids came out of code-unit order (${previous}, then ${r.id})`);
    previous = r.id;
    streams++;
    const head: StreamHead = [r.id, Number(r.seq), r.hash];
    tree.push(head);
    if (r.recorded === null || Number(r.recorded) !== head[1]) changed.push(head);
  });
  if (changed.length === 0 && !force) return null;
  const root = tree.root();
  const ledger = await session.load('ledger', LEDGER_STREAM_ID);
  const when = ledger !== undefined && ledger.state.lastEventAt > at ? ledger.state.lastEventAt : at;
  const [event] = await session.append('ledger', LEDGER_STREAM_ID, ledger?.seq ?? 0, [
    { type: 'checkpoint.recorded', actor: SYSTEM_ACTOR, at: when, payload: { root, streams, changed } },
  ]);
  await session.flush();
  return { seq: event?.seq ?? 0, at: when, root, streams, changed: changed.length };
}
