/** Rows of the ledger stream: its own row, and `checkpoint_heads`, the stream heads as of the latest checkpoint. */
import type { StreamEvent } from '../../domain/event.js';
import type { EventOf } from '../../domain/streams.js';
import { rowFor, type ProjectedRow } from './rows.js';

/** Rows for a checkpoint: the ledger's row and one per head it records as changed. */
export function checkpointRows(id: string, e: StreamEvent<EventOf<'ledger'>>): ProjectedRow[] {
  return [rowFor('ledger', { id }), ...e.payload.changed.map(([stream_id, seq, hash]) => rowFor('checkpoint_heads', { stream_id, seq, hash }))];
}
