/**
 * Checkpoints, appended to the ledger stream: the Merkle root over every stream head at that
 * moment, with the heads that changed since the previous checkpoint. Together the checkpoints
 * name every stream and its head, so a deleted or truncated stream is detected.
 */
import type { EventData, StreamEvent } from './event.js';
import type { Instant } from './time.js';

/** A stream head: its id, the sequence of its last event and that event's hash. */
export type StreamHead = readonly [streamId: string, seq: number, hash: string];

/** Events of the ledger stream. */
export type LedgerEvent = EventData<
  'checkpoint.recorded',
  {
    /** Merkle root (RFC 6962 style) over all stream heads sorted by stream id, ledger stream excluded. */
    readonly root: string;
    /** How many streams the root covers. */
    readonly streams: number;
    /** The heads that changed since the previous checkpoint, sorted by stream id. */
    readonly changed: readonly StreamHead[];
  }
>;

/** The ledger stream as folded from its checkpoints. */
export interface LedgerState {
  readonly checkpoints: number;
  readonly lastRoot: string | null;
  readonly lastEventAt: Instant;
}

/** Folds a ledger event. */
export function evolveLedger(s: LedgerState | undefined, e: StreamEvent<LedgerEvent>): LedgerState {
  return { checkpoints: (s?.checkpoints ?? 0) + 1, lastRoot: e.payload.root, lastEventAt: e.at };
}
