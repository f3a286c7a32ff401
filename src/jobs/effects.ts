/**
 * How a handler acts: a command executed with the item's id as its idempotency key (scope
 * `scheduler`). The key is recorded in the transaction that appends the command's events, so an
 * item run twice — its worker died after the commit but before marking the item done, or its lease
 * ran out under a slow worker — appends once and replays the second time.
 */
import type { CommandInput } from '../app/commands/schemas.js';
import type { Proverka } from '../app/proverka.js';
import { SYSTEM_ACTOR } from '../domain/event.js';
import type { JobItem } from '../store/jobs.js';

/** The idempotency scope of every effect the scheduler has. */
export const SCHEDULER_SCOPE = 'scheduler';

/** What a handler is given besides its item. */
export interface JobContext {
  readonly app: Proverka;
  /** The worker running it. */
  readonly worker: string;
  /** The instant the item was claimed at (canonical). */
  readonly now: string;
}

/**
 * Runs one item's effect and says how it ended (recorded with the item: `done`, `replayed`,
 * `refused: CODE`). Throwing means "not now": the item is retried after a backoff.
 */
export type JobHandler = (item: JobItem, ctx: JobContext) => Promise<string>;

/** Handlers by the kind of item they run. */
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** Thrown by a handler when the effect could not happen now but may later (a lost race): the item is retried. */
export class RetryLater extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetryLater';
  }
}

/**
 * Executes a command as the system, at most once per item, whatever the number of runs: `done` the
 * first time, `replayed` when an earlier run's outcome was found. A refusal by the rules is final
 * (the work no longer applies: the case was closed meanwhile) and comes back as `refused: CODE`;
 * a lost race (CONFLICT) throws RetryLater.
 */
export async function executeOnce(app: Proverka, item: JobItem, command: CommandInput): Promise<string> {
  const r = await app.execute(SYSTEM_ACTOR, command, { idempotency: { scope: SCHEDULER_SCOPE, key: item.id, fingerprint: item.id } });
  if (r.ok) return r.value.replayed === true ? 'replayed' : 'done';
  if (r.error.code === 'CONFLICT') throw new RetryLater(r.error.message);
  return `refused: ${r.error.code}`;
}
