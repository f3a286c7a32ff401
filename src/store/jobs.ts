/**
 * The job store port: the scheduler's durable index of due work. An item is claimed under a lease
 * (one worker at a time, until the lease runs out), then completed or failed. Items are not part of
 * the record: they change in place and are never replayed. Exactly-once effects do not rest on the
 * lease alone (a lease can run out under a slow worker): each effect is written with the item's id
 * as its idempotency key, in the transaction of its events (src/jobs/handlers.ts).
 */

/** Work to schedule: `id` names it for good (a second `schedule` of the same id updates it). */
export interface ScheduleItem {
  readonly id: string;
  /** Which handler runs it. */
  readonly kind: string;
  /** What the handler needs (JSON). */
  readonly payload: unknown;
  /** When it falls due (canonical instant). */
  readonly dueAt: string;
  /** When its id is spent by a refusal (`result` starting `refused:`), make it due again rather than leave it done. */
  readonly revive?: boolean;
}

/** An item as stored. */
export interface JobItem {
  readonly id: string;
  readonly kind: string;
  readonly payload: unknown;
  readonly dueAt: string;
  /** How many times it was claimed. */
  readonly attempts: number;
  /** The worker holding (or last holding) its lease, or null. */
  readonly leaseOwner: string | null;
  /** Until when nobody else may claim it (a lease, or a retry's wait), or null. */
  readonly leaseUntil: string | null;
  readonly lastError: string | null;
  /** When it was completed, or null while it is still to do. */
  readonly doneAt: string | null;
  readonly doneBy: string | null;
  /** What the handler reported on completion (e.g. `done`, `replayed`, `refused: CODE`). */
  readonly result: string | null;
}

/** An item a worker finished: when, and how it ended. */
export interface Completion {
  readonly id: string;
  readonly at: string;
  readonly result: string;
}

/** How much work there is, as of an instant. */
export interface JobCounts {
  /** Not done, due, and claimable now. */
  readonly due: number;
  /** Not done and held by a live lease (or waiting for a retry). */
  readonly leased: number;
  /** Not done and not due yet. */
  readonly scheduled: number;
  readonly done: number;
}

/** Which stored items to list. */
export interface JobQuery {
  /** Only items done (true) or not done (false); both when absent. */
  readonly done?: boolean;
  readonly kind?: string;
  /** Items with ids after this one (paging in id order). */
  readonly after?: string;
  /** At most this many (default 1,000). */
  readonly limit?: number;
}

/** The scheduler's storage, on every back end. Every method is one transaction. */
export interface JobStore {
  /**
   * Inserts the items, or updates those whose id exists: kind, payload and due instant change
   * only while the item is not done (a done item stays done; its id is spent).
   */
  schedule(items: readonly ScheduleItem[]): Promise<void>;
  /**
   * Claims up to `limit` items that are not done, due at `now` and not under a live lease, in due
   * order, leasing each to `worker` until `now + leaseMs` and counting an attempt. Concurrent
   * claimers never get the same item while its lease lives (PostgreSQL: `FOR UPDATE SKIP LOCKED`,
   * so they pass over each other's rows instead of waiting; SQLite: one writer at a time).
   */
  claim(worker: string, now: string, leaseMs: number, limit: number): Promise<JobItem[]>;
  /** Marks an item done if `worker` holds (or last held) its lease and it is not done yet; false otherwise. */
  complete(id: string, worker: string, at: string, result?: string): Promise<boolean>;
  /** `complete` for many items in one transaction (one commit for a batch); returns the ids it marked done. */
  completeMany(worker: string, done: readonly Completion[]): Promise<string[]>;
  /** Gives up `worker`'s lease after a failure: the item is not claimable before `retryAt`. False if `worker` no longer holds it. */
  fail(id: string, worker: string, error: string, retryAt: string): Promise<boolean>;
  /** Gives up `worker`'s lease without a failure (shutting down): the item is claimable at once. */
  release(id: string, worker: string): Promise<boolean>;
  /** The item, or undefined. */
  get(id: string): Promise<JobItem | undefined>;
  /** Counts of items by state as of `now`. */
  counts(now: string): Promise<JobCounts>;
  /** Items not done, in due order (at most `limit`, default 100). */
  pending(limit?: number): Promise<JobItem[]>;
  /** Stored items in id order, filtered. */
  list(query?: JobQuery): Promise<JobItem[]>;
}
