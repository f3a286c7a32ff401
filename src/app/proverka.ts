/**
 * The application: the one place a transaction begins. It validates commands with their zod
 * schemas, runs each in a write transaction (or many in one bulk transaction), turns a lost race
 * into CONFLICT, and appends a checkpoint every `checkpointEvery` events and when it closes.
 */
import type { Clock } from '../domain/clock.js';
import type { IdSource } from '../domain/ids.js';
import { toInstant } from '../domain/time.js';
import { StoreError } from '../store/errors.js';
import type { BulkOptions, CheckpointResult, Store, WriteSession } from '../store/port.js';
import type { CommandContext, Outcome } from './commands/context.js';
import { executeCommand } from './commands/dispatch.js';
import { commandSchema, type Command, type CommandInput } from './commands/schemas.js';
import { appFail, type AppResult } from './errors.js';
import { enqueueMessages } from './notifications.js';
import { ladderWorkIn, replanAll, touchesLadder } from './ladder/ladder-work.js';

/** What the application is built from; everything from outside is injected. */
export interface ProverkaDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  /**
   * Append a checkpoint after this many events written by this process (default 1,000), or after
   * as many events as there are streams if that is more: a checkpoint reads every stream head, so
   * this keeps its cost per event written constant as the record grows.
   */
  readonly checkpointEvery?: number;
}

/** Conditions on a command: the version of the stream it changes, and an idempotency key. */
export interface ExecuteOptions {
  /** The command must find this stream at this sequence (an HTTP If-Match); otherwise PRECONDITION_FAILED. */
  readonly expect?: { readonly id: string; readonly seq: number };
  /**
   * Runs the command at most once per key within a scope (a principal): a repeat with the same
   * fingerprint gets the first outcome back, marked `replayed`; with another, IDEMPOTENCY_KEY_REUSED.
   */
  readonly idempotency?: { readonly scope: string; readonly key: string; readonly fingerprint: string };
}

/** A session that refuses the command when the expected stream is not at the expected sequence. */
function expecting(tx: WriteSession, expect: { readonly id: string; readonly seq: number }): WriteSession {
  const check = <S extends { readonly seq: number } | undefined>(id: string, snap: S): S => {
    if (id === expect.id && (snap?.seq ?? 0) !== expect.seq) {
      throw new Refused(appFail('PRECONDITION_FAILED', `${id} is at version ${snap?.seq ?? 0}, not ${expect.seq}`, { id, expected: expect.seq, actual: snap?.seq ?? 0 }));
    }
    return snap;
  };
  return {
    load: async (kind, id, options) => check(id, await tx.load(kind, id, options)),
    loadAny: async (id, options) => check(id, await tx.loadAny(id, options)),
    append: (kind, id, expectedSeq, events) => tx.append(kind, id, expectedSeq, events),
    checkpoint: (at) => tx.checkpoint(at),
    decisionNumberTaken: (bodyId, number) => tx.decisionNumberTaken(bodyId, number),
    recall: (scope, key) => tx.recall(scope, key),
    remember: (scope, key, fingerprint, outcome, at) => tx.remember(scope, key, fingerprint, outcome, at),
    notify: (message) => tx.notify(message),
    schedule: (items) => tx.schedule(items),
    streams: (kind) => tx.streams(kind),
  };
}

/** How many times a command runs when concurrent transactions keep aborting it. */
const MAX_ATTEMPTS = 4;

/** Options of `Proverka.bulk`: the store's, and a checkpoint every `checkpointEvery` events inside the transaction. */
export interface AppBulkOptions extends BulkOptions {
  readonly checkpointEvery?: number;
}

/** Runs one command inside `Proverka.bulk`'s transaction. */
export interface BulkRunner {
  /** A command from outside (a file's rows, a request): checked against the command schema first. */
  (actor: string, command: CommandInput): Promise<AppResult<Outcome>>;
  /**
   * A command the caller built in the schema's output form, its shape checked by the compiler (an
   * import's reader that made every field itself): the schema's parse is skipped, not the domain's
   * rules, which check every invariant as for any command.
   */
  built(actor: string, command: Command): Promise<AppResult<Outcome>>;
}

/** Thrown inside a write transaction to roll it back when a command is refused. */
class Refused extends Error {
  constructor(readonly result: AppResult<never>) {
    super('refused');
  }
}

/** Validates a command; VALIDATION_FAILED names the first offending field. */
export function parseCommand(input: unknown): AppResult<ReturnType<typeof commandSchema.parse>> {
  const parsed = commandSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'command';
  return appFail('VALIDATION_FAILED', `${where}: ${issue?.message ?? 'invalid'}`, { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
}

/** The application facade. */
export class Proverka {
  private sinceCheckpoint = 0;
  private streamsAtCheckpoint = 0;
  private readonly checkpointEvery: number;

  constructor(private readonly deps: ProverkaDeps) {
    this.checkpointEvery = deps.checkpointEvery ?? 1000;
  }

  /** The store the application runs on. */
  get store(): Store {
    return this.deps.store;
  }

  /** The current instant by the injected clock. */
  now(): string {
    return toInstant(this.deps.clock.now());
  }

  /**
   * The context of one command. Its instant is read from the clock the first time a rule asks for
   * it — after the streams were loaded — so that an event another process committed meanwhile is
   * never later than ours (which would refuse our command as out of order instead of reporting
   * the lost race as a conflict).
   */
  private context(actor: string): CommandContext {
    let at: string | undefined;
    const now = (): string => (at ??= this.now());
    return {
      actor,
      ids: this.deps.ids,
      get at(): string {
        return now();
      },
    };
  }

  /**
   * Executes one command in its own transaction. A refusal writes nothing and comes back as a
   * value. A transaction aborted by a concurrent one (serialization failure, deadlock, a busy
   * database) is run again from the start, up to MAX_ATTEMPTS times, deciding afresh on the new
   * state; a lost race on a stream (someone appended first) comes back as CONFLICT.
   */
  async execute(actor: string, input: CommandInput, options: ExecuteOptions = {}): Promise<AppResult<Outcome>> {
    const command = parseCommand(input);
    if (!command.ok) return command;
    const { expect, idempotency } = options;
    let result: AppResult<Outcome> | undefined;
    for (let attempt = 1; result === undefined; attempt++) {
      try {
        result = await this.deps.store.write(async (tx) => {
          if (idempotency !== undefined) {
            const before = await tx.recall(idempotency.scope, idempotency.key);
            if (before !== undefined) {
              if (before.fingerprint !== idempotency.fingerprint) {
                throw new Refused(appFail('IDEMPOTENCY_KEY_REUSED', `the idempotency key ${idempotency.key} was used for another request`, { key: idempotency.key }));
              }
              return { ok: true, value: { ...(before.outcome as Outcome), replayed: true } };
            }
          }
          const session = expect === undefined ? tx : expecting(tx, expect);
          const ctx = this.context(actor);
          const r = await executeCommand(session, ctx, command.value);
          if (!r.ok) throw new Refused(r);
          // Notifications and the ladder's planning: written in this transaction, so they exist only if it commits.
          await enqueueMessages(tx, r.value.events);
          await tx.schedule(await ladderWorkIn(tx, r.value.events));
          if (idempotency !== undefined) await tx.remember(idempotency.scope, idempotency.key, idempotency.fingerprint, r.value, ctx.at);
          return r;
        });
      } catch (error) {
        if (error instanceof Refused) return error.result;
        if (!(error instanceof StoreError) || error.code !== 'CONFLICT') throw error;
        const transient = error.details?.['transient'] === true;
        // A race lost to a duplicate of this key: the next attempt finds its outcome and replays it.
        if (idempotency !== undefined && !transient && attempt < MAX_ATTEMPTS) continue;
        if (expect !== undefined && !transient) {
          return appFail('PRECONDITION_FAILED', `${expect.id} changed since version ${expect.seq}`, { id: expect.id, expected: expect.seq });
        }
        if (!transient || attempt >= MAX_ATTEMPTS) return appFail('CONFLICT', error.message, error.details);
        await new Promise((resolve) => setTimeout(resolve, attempt * 5 + Math.floor(Math.random() * 10)));
      }
    }
    if (result.ok && result.value.replayed !== true) await this.written(result.value.events.length);
    return result;
  }

  /**
   * Runs many commands in one transaction with buffered, batched writes: the bulk import path.
   * Each refused command writes nothing and the others go on; an exception aborts them all. With
   * `checkpointEvery`, on SQLite, a checkpoint is appended inside the transaction each time that
   * many events were written, so that a long import's checkpoints stay small (they commit or vanish
   * with it). Not on PostgreSQL: there another process may checkpoint meanwhile, and the two
   * ledger appends would make the whole bulk write fail at commit; its checkpoint comes after.
   */
  async bulk<T>(fn: (run: BulkRunner) => Promise<T>, options: AppBulkOptions = {}): Promise<T> {
    let written = 0;
    let sinceCheckpoint = 0;
    let replan = false;
    // SQLite: this transaction holds the database's only write lock, so no other checkpoint can come between.
    const checkpointEvery = this.deps.store.backend === 'sqlite' ? options.checkpointEvery : undefined;
    const result = await this.deps.store.bulk(async (tx: WriteSession) => {
      const execute = async (actor: string, command: Command): Promise<AppResult<Outcome>> => {
        const r = await executeCommand(tx, this.context(actor), command);
        if (r.ok) {
          written += r.value.events.length;
          sinceCheckpoint += r.value.events.length;
          replan ||= touchesLadder(r.value.events);
          if (checkpointEvery !== undefined && sinceCheckpoint >= checkpointEvery) {
            sinceCheckpoint = 0;
            const checkpoint = await tx.checkpoint(this.now());
            if (checkpoint !== null) this.streamsAtCheckpoint = checkpoint.streams;
          }
        }
        return r;
      };
      const run: BulkRunner = Object.assign(
        async (actor: string, input: CommandInput) => {
          const command = parseCommand(input);
          return command.ok ? execute(actor, command.value) : command;
        },
        { built: execute },
      );
      const out = await fn(run);
      // One plan of every open case for the whole bulk write, rather than one item per case.
      if (replan) await tx.schedule([replanAll(`bulk@${this.now()}`, this.now())]);
      return out;
    }, options);
    await this.written(checkpointEvery === undefined ? written : sinceCheckpoint);
    return result;
  }

  private async written(events: number): Promise<void> {
    this.sinceCheckpoint += events;
    if (this.sinceCheckpoint >= Math.max(this.checkpointEvery, this.streamsAtCheckpoint)) await this.checkpoint();
  }

  /** Appends a checkpoint now if anything changed since the last one (or always with `force`). */
  async checkpoint(force = false): Promise<CheckpointResult | null> {
    this.sinceCheckpoint = 0;
    try {
      const result = await this.deps.store.checkpoint(this.now(), force);
      if (result !== null) this.streamsAtCheckpoint = result.streams;
      return result;
    } catch (error) {
      // Another process checkpointed at the same moment: its checkpoint covers ours.
      if (error instanceof StoreError && error.code === 'CONFLICT') return null;
      throw error;
    }
  }

  /** Checkpoints what this process wrote since the last checkpoint, then closes the store. */
  async close(): Promise<void> {
    try {
      if (this.sinceCheckpoint > 0) await this.checkpoint();
    } finally {
      await this.deps.store.close();
    }
  }
}
