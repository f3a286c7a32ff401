/**
 * The store port: what the application needs from storage, whatever the back end. Writes happen
 * only inside `write` or `bulk`, each one transaction; the session is the transaction handle and is
 * passed explicitly. Reads go through `reads`.
 */
import type { StreamEvent } from '../domain/event.js';
import type { StreamKind } from '../domain/ids.js';
import type { EventOf, StateOf } from '../domain/streams.js';
import type { ReadModel } from './read-model.js';
import type { AppendedEvent, Progress } from './record.js';
import type { CheckpointResult, RebuildReport, VerifyReport } from './reports.js';

export type { AppendedEvent, Progress, RecordedEvent } from './record.js';
export type { CheckpointResult, RebuildReport, VerifyProblem, VerifyReport } from './reports.js';

/** A stream's head and folded state as of its last event. */
export interface Snapshot<K extends StreamKind = StreamKind> {
  readonly id: string;
  readonly kind: K;
  readonly seq: number;
  readonly hash: string;
  readonly state: StateOf<K>;
}

/** The transaction handle of a write: load streams, append to them, ask what uniqueness needs. */
export interface WriteSession {
  /** The stream's snapshot, or undefined if no such stream exists; fails with STREAM_KIND_MISMATCH if it is of another kind. */
  load<K extends StreamKind>(kind: K, id: string): Promise<Snapshot<K> | undefined>;
  /** The snapshot of a stream of any kind, or undefined. */
  loadAny(id: string): Promise<Snapshot | undefined>;
  /**
   * Appends events to a stream whose head is at `expectedSeq` (0 for a new stream), chaining their
   * hashes and updating every projection in the same transaction. Fails with CONFLICT if the head moved.
   */
  append<K extends StreamKind>(kind: K, id: string, expectedSeq: number, events: readonly StreamEvent<EventOf<K>>[]): Promise<readonly AppendedEvent[]>;
  /** True when the body already registered a decision with this number. */
  decisionNumberTaken(bodyId: string, number: string): Promise<boolean>;
}

/** Options of a bulk write. */
export interface BulkOptions {
  /** Flush buffered writes to the database every this many events (default 5,000). */
  readonly flushEvery?: number;
}

/** Storage, whatever the back end. */
export interface Store {
  readonly backend: 'sqlite' | 'postgres';
  /** Runs `fn` in one transaction, writing each append as it happens. */
  write<T>(fn: (tx: WriteSession) => Promise<T>): Promise<T>;
  /** Runs `fn` in one transaction, buffering appends and writing them in batches: for imports and the demo. */
  bulk<T>(fn: (tx: WriteSession) => Promise<T>, options?: BulkOptions): Promise<T>;
  /** Queries of the projections and the record. */
  readonly reads: ReadModel;
  /** Appends a checkpoint (Merkle root over all stream heads) if a head changed since the last one, or always with `force`. */
  checkpoint(at: string, force?: boolean): Promise<CheckpointResult | null>;
  /** Recomputes every hash chain and checkpoint; writes nothing. */
  verify(progress?: Progress): Promise<VerifyReport>;
  /** Empties every projection and refills it from the events alone, in one transaction. */
  rebuild(progress?: Progress): Promise<RebuildReport>;
  /** Closes the connection(s). */
  close(): Promise<void>;
}
