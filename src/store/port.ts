/**
 * The store port: what the application needs from storage, whatever the back end. Writes happen
 * only inside `write` or `bulk`, each one transaction; the session is the transaction handle and is
 * passed explicitly. Reads go through `reads`.
 */
import type { StreamEvent } from '../domain/event.js';
import type { StreamKind } from '../domain/ids.js';
import type { EventOf, StateOf } from '../domain/streams.js';
import type { AccountStore } from './accounts.js';
import type { JobStore, ScheduleItem } from './jobs.js';
import type { OutboxStore, OutgoingMessage } from './outbox.js';
import type { ReadModel } from './read-model.js';
import type { AppendedEvent, Progress, RecordedEvent } from './record.js';
import type { CheckpointResult, ImportReport, RebuildReport, VerifyReport } from './reports.js';

export type { AppendedEvent, Progress, RecordedEvent } from './record.js';
export type { CheckpointResult, ImportReport, RebuildReport, VerifyProblem, VerifyReport } from './reports.js';

/** A stream's head and folded state as of its last event. */
export interface Snapshot<K extends StreamKind = StreamKind> {
  readonly id: string;
  readonly kind: K;
  readonly seq: number;
  readonly hash: string;
  readonly state: StateOf<K>;
}

/** How to load a stream. */
export interface LoadOptions {
  /**
   * Hold a share lock on the stream's row until the transaction ends, for a decision that depends
   * on another stream's state (a sub-assignment needs an open parent): a concurrent write to that
   * stream waits for this transaction. PostgreSQL `FOR SHARE`; SQLite's writers are serialised anyway.
   */
  readonly share?: boolean;
}

/** The transaction handle of a write: load streams, append to them, ask what uniqueness needs. */
export interface WriteSession {
  /** The stream's snapshot, or undefined if no such stream exists; fails with STREAM_KIND_MISMATCH if it is of another kind. */
  load<K extends StreamKind>(kind: K, id: string, options?: LoadOptions): Promise<Snapshot<K> | undefined>;
  /** The snapshot of a stream of any kind, or undefined. */
  loadAny(id: string, options?: LoadOptions): Promise<Snapshot | undefined>;
  /**
   * Appends events to a stream whose head is at `expectedSeq` (0 for a new stream), chaining their
   * hashes and updating every projection in the same transaction. Fails with CONFLICT if the head moved.
   */
  append<K extends StreamKind>(kind: K, id: string, expectedSeq: number, events: readonly StreamEvent<EventOf<K>>[]): Promise<readonly AppendedEvent[]>;
  /**
   * Appends a checkpoint in this transaction if any stream head changed since the last one (null
   * otherwise): a long bulk write takes them as it goes, so that no single checkpoint has to record
   * every stream it wrote.
   */
  checkpoint(at: string): Promise<CheckpointResult | null>;
  /** True when the body already registered a decision with this number. */
  decisionNumberTaken(bodyId: string, number: string): Promise<boolean>;
  /** What a command carrying this idempotency key produced before (its request's fingerprint and outcome), or undefined. */
  recall(scope: string, key: string): Promise<{ readonly fingerprint: string; readonly outcome: unknown } | undefined>;
  /**
   * Records, in the same transaction as the command's events, what a command carrying this key
   * produced. A concurrent command with the same key makes one of the two transactions fail whole
   * with CONFLICT, so the key never has two side effects.
   */
  remember(scope: string, key: string, fingerprint: string, outcome: unknown, at: string): Promise<void>;
  /**
   * Puts a message in the outbox in this same transaction: it exists, and is sent, only if the
   * transaction commits. A webhook message becomes one row per active subscription that takes its
   * event type. Returns the rows written.
   */
  notify(message: OutgoingMessage): Promise<number>;
  /**
   * Puts work in the scheduler's index in this same transaction (inserting the items, or moving
   * those not done yet): it exists only if the transaction commits, so a change and the work it
   * causes are never separated by a crash.
   */
  schedule(items: readonly ScheduleItem[]): Promise<void>;
  /**
   * Every stream of a kind as of this transaction (its own appends included), in id order: for the
   * kinds that stay few — calendars and ladder policies — whose decisions depend on all of them.
   */
  streams<K extends StreamKind>(kind: K): Promise<Snapshot<K>[]>;
}

/** Options of a bulk write. */
export interface BulkOptions {
  /** Flush buffered writes to the database every this many events (default 20,000). */
  readonly flushEvery?: number;
  /**
   * Keep at most this many streams in memory (default 200,000); past it the cache is emptied at the
   * next flush and streams are read again when needed. An import of many new streams that are
   * never touched again sets it low, so that its memory does not grow with the file.
   */
  readonly maxCachedStreams?: number;
}

/** Storage, whatever the back end. */
export interface Store {
  readonly backend: 'sqlite' | 'postgres';
  /** Runs `fn` in one transaction, writing each append as it happens. */
  write<T>(fn: (tx: WriteSession) => Promise<T>): Promise<T>;
  /** Runs `fn` in one transaction, buffering appends and writing them in batches: for imports and the demo. */
  bulk<T>(fn: (tx: WriteSession) => Promise<T>, options?: BulkOptions): Promise<T>;
  /** Queries of the projections and the record (perhaps served by a read replica, within its staleness bound). */
  readonly reads: ReadModel;
  /** The same queries, always on the primary: to read what was just written. */
  readonly fresh: ReadModel;
  /** Accounts, sessions, API tokens and secrets (credentials, not part of the record). */
  readonly accounts: AccountStore;
  /** The scheduler's durable index of due work (not part of the record). */
  readonly jobs: JobStore;
  /** Messages to send after commit, their delivery log, webhook subscriptions and digest choices (not part of the record). */
  readonly outbox: OutboxStore;
  /** Appends a checkpoint (Merkle root over all stream heads) if a head changed since the last one, or always with `force`. */
  checkpoint(at: string, force?: boolean): Promise<CheckpointResult | null>;
  /** Recomputes every hash chain and checkpoint; writes nothing. */
  verify(progress?: Progress): Promise<VerifyReport>;
  /** Empties every projection and refills it from the events alone, in one transaction. */
  rebuild(progress?: Progress): Promise<RebuildReport>;
  /**
   * Every event of the record, in position order, read from one consistent snapshot (a read
   * transaction on SQLite, REPEATABLE READ on PostgreSQL): what backups and moves copy.
   */
  exportRecord(progress?: Progress): AsyncIterable<RecordedEvent>;
  /**
   * Appends recorded events (from a backup or another back end) to an EMPTY store, keeping their
   * sequences and hashes: each event must chain to the one before it in its stream and hash to its
   * recorded hash, or the import fails and nothing is kept. Projections are built as it goes.
   */
  importRecord(events: AsyncIterable<AppendedEvent>, progress?: Progress): Promise<ImportReport>;
  /** Closes the connection(s). */
  close(): Promise<void>;
}
