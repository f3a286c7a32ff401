/**
 * The scheduler: a loop that claims due work from the store's job index, runs each item through
 * the handler of its kind, and completes it, or fails it with a backoff. Any number of schedulers
 * may run against one PostgreSQL database (claims never overlap while a lease lives; effects are
 * keyed by the item's id, so a re-run after a crash or an expired lease replays instead of acting
 * twice); against SQLite, one process. After downtime nothing special happens: items whose due
 * instant passed long ago are simply due, and are claimed oldest first.
 */
import type { Proverka } from '../app/proverka.js';
import type { Clock } from '../domain/clock.js';
import { toInstant } from '../domain/time.js';
import type { Completion, JobItem } from '../store/jobs.js';
import type { Store } from '../store/port.js';
import type { JobHandlers } from './handlers.js';
import { startLoop, yieldToEvents } from './loop.js';

/** How long a claim holds an item by default: far longer than any handler should take. */
export const DEFAULT_LEASE_MS = 60_000;
/** How long the loop sleeps when it found less than a full batch, by default. */
export const DEFAULT_INTERVAL_MS = 1_000;
/** How many items one claim takes, by default. */
export const DEFAULT_BATCH = 50;

/** The wait before the next attempt after `attempts` failed ones: 1 s, 2 s, 4 s … at most 15 minutes. */
export function defaultBackoff(attempts: number): number {
  return Math.min(15 * 60_000, 1_000 * 2 ** Math.max(0, attempts - 1));
}

/** What the scheduler reports as it goes (for logs). */
export type SchedulerEvent =
  | { readonly type: 'done'; readonly id: string; readonly kind: string; readonly result: string; readonly dueAt: string; readonly at: string }
  | { readonly type: 'failed'; readonly id: string; readonly kind: string; readonly error: string; readonly retryAt: string }
  | { readonly type: 'lease-lost'; readonly id: string }
  | { readonly type: 'error'; readonly error: unknown };

/** What a scheduler is built from. */
export interface SchedulerOptions {
  readonly app: Proverka;
  /** The store holding the job index (default: the application's). */
  readonly store?: Store;
  readonly clock: Clock;
  readonly handlers: JobHandlers;
  /** This worker's name, unique among the running ones (it owns the leases it takes). */
  readonly worker: string;
  readonly intervalMs?: number;
  readonly leaseMs?: number;
  readonly batch?: number;
  /** Milliseconds to wait before retrying an item that failed its `attempts`-th time. */
  readonly backoff?: (attempts: number) => number;
  readonly onEvent?: (event: SchedulerEvent) => void;
}

/** What one pass did. */
export interface TickReport {
  readonly claimed: number;
  readonly done: number;
  readonly failed: number;
}

/** A running scheduler. */
export interface Scheduler {
  /** Stops claiming, lets the item in hand finish, gives back the leases of the items not started, and resolves once the loop ended. */
  stop(): Promise<void>;
}


/** One scheduler's passes over the job index, without a loop: what `startScheduler` repeats (and tests call directly). */
export class SchedulerPass {
  private readonly store: Store;
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly backoff: (attempts: number) => number;
  /** Set to stop between items: the rest of a claimed batch is given back. */
  stopping = false;

  constructor(private readonly options: SchedulerOptions) {
    this.store = options.store ?? options.app.store;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.batch = options.batch ?? DEFAULT_BATCH;
    this.backoff = options.backoff ?? defaultBackoff;
  }

  private now(): string {
    return toInstant(this.options.clock.now());
  }

  /**
   * Claims one batch of due items and runs each; the batch's completions are written together in
   * one transaction at its end (an item whose effect committed but whose completion was lost to a
   * crash is replayed by the next claim, which is harmless: its effect is keyed by its id).
   */
  async tick(): Promise<TickReport> {
    const { worker, onEvent } = this.options;
    const now = this.now();
    const items = await this.store.jobs.claim(worker, now, this.leaseMs, this.batch);
    const finished: Array<{ readonly item: JobItem; readonly completion: Completion }> = [];
    let failed = 0;
    try {
      for (const [i, item] of items.entries()) {
        if (this.stopping) {
          for (const rest of items.slice(i)) await this.store.jobs.release(rest.id, worker);
          break;
        }
        const completion = await this.run(item, now);
        if (completion === undefined) failed += 1;
        else finished.push({ item, completion });
        // SQLite's driver is synchronous: let signals and timers in between items.
        await yieldToEvents();
      }
    } finally {
      const marked = new Set(await this.store.jobs.completeMany(worker, finished.map((f) => f.completion)));
      for (const { item, completion } of finished) {
        // Not marked: another worker took the item over after our lease ran out; it replays the effect and completes it.
        if (marked.has(item.id)) onEvent?.({ type: 'done', id: item.id, kind: item.kind, result: completion.result, dueAt: item.dueAt, at: completion.at });
        else onEvent?.({ type: 'lease-lost', id: item.id });
      }
    }
    return { claimed: items.length, done: finished.length, failed };
  }

  /** Runs passes until one finds nothing due (or the scheduler stops); returns how many items were done. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const r = await this.tick();
      total += r.done;
      if (r.claimed === 0 || this.stopping) return total;
    }
  }

  /** Runs one item: its completion when the handler succeeded, undefined when it failed (and was given a retry instant). */
  private async run(item: JobItem, claimedAt: string): Promise<Completion | undefined> {
    const { worker, handlers, app, onEvent } = this.options;
    const handler = handlers[item.kind];
    try {
      if (handler === undefined) throw new Error(`no handler for items of kind ${item.kind}`);
      const result = await handler(item, { app, worker, now: claimedAt });
      return { id: item.id, at: this.now(), result };
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const retryAt = toInstant(this.options.clock.now() + this.backoff(item.attempts));
      await this.store.jobs.fail(item.id, worker, message, retryAt);
      onEvent?.({ type: 'failed', id: item.id, kind: item.kind, error: message, retryAt });
      return undefined;
    }
  }
}

/**
 * Starts the loop: a pass, then at once another if the pass took a full batch (catching up), else
 * a pause of `intervalMs`. A pass that throws (the database away) is reported and the loop goes
 * on after the pause; its items come back when their leases run out.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const pass = new SchedulerPass(options);
  const batch = options.batch ?? DEFAULT_BATCH;
  return startLoop(async () => (await pass.tick()).claimed >= batch, {
    intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS,
    onError: (error) => options.onEvent?.({ type: 'error', error }),
    onStop: () => {
      pass.stopping = true;
    },
  });
}
