/**
 * The job store over Kysely, for every back end. Reads go through Kysely on the primary; writes go
 * through the write driver (on SQLite the one connection allowed to write, in BEGIN IMMEDIATE
 * transactions; on PostgreSQL a pooled connection in READ COMMITTED). A claim is one transaction:
 * select the due rows, then lease them. On PostgreSQL the select takes `FOR UPDATE SKIP LOCKED`,
 * so that claimers in other processes pass over the rows being claimed instead of waiting for them
 * or claiming them twice; SQLite's writers are serialised, so the same select needs no lock clause.
 */
import { sql, type Compilable, type Kysely } from 'kysely';
import { toInstant, toMs } from '../domain/time.js';
import type { DialectCapabilities } from './dialect.js';
import type { SqlConnection, WriteDriver } from './driver.js';
import type { Completion, JobCounts, JobItem, JobQuery, JobStore, ScheduleItem } from './jobs.js';
import type { Database } from './schema.js';

/** A row of `jobs` (migration 003). */
interface JobsTable {
  id: string;
  kind: string;
  payload: string;
  due_at: string;
  attempts: number;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  done_at: string | null;
  done_by: string | null;
  result: string | null;
}

type JobsDatabase = Database & { jobs: JobsTable };

/** Rows per multi-row insert of `schedule` (7 parameters each: far below every back end's limit). */
const ROWS_PER_INSERT = 500;

function item(r: JobsTable): JobItem {
  return {
    id: r.id,
    kind: r.kind,
    payload: JSON.parse(r.payload) as unknown,
    dueAt: r.due_at,
    attempts: Number(r.attempts),
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until,
    lastError: r.last_error,
    doneAt: r.done_at,
    doneBy: r.done_by,
    result: r.result,
  };
}

/** Runs a compiled query on the write transaction's connection. */
function all<R>(c: SqlConnection, q: Compilable): Promise<R[]> {
  const { sql: text, parameters } = q.compile();
  return c.all<R>(text, parameters);
}

/**
 * Schedules items on a connection whose transaction is already open: the store's own `schedule`,
 * and a write session that puts due work in the same transaction as the events that cause it.
 */
export class JobWriter {
  private readonly db: Kysely<JobsDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ jobs: JobsTable }>();
  }

  /** Inserts the items, or updates those not done yet (a done item keeps its spent id). */
  async schedule(c: SqlConnection, items: readonly ScheduleItem[]): Promise<void> {
    // One row per id (the last wins): PostgreSQL refuses to upsert a row twice in one statement.
    const byId = new Map(items.map((i) => [i.id, i]));
    // Items refused when they ran wrote nothing (a refusal rolls its transaction back, idempotency key included): reviving one is safe.
    const revived = [...byId.values()].filter((i) => i.revive === true).map((i) => i.id);
    for (let i = 0; i < revived.length; i += ROWS_PER_INSERT) {
      const { sql: text, parameters } = this.db
        .updateTable('jobs')
        .set({ done_at: null, done_by: null, result: null, lease_until: null, last_error: null })
        .where('id', 'in', revived.slice(i, i + ROWS_PER_INSERT))
        .where('done_at', 'is not', null)
        .where('result', 'like', 'refused:%')
        .compile();
      await c.run(text, parameters);
    }
    const rows = [...byId.values()].map((i) => ({ id: i.id, kind: i.kind, payload: JSON.stringify(i.payload ?? null), due_at: i.dueAt, attempts: 0 }));
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const q = this.db
        .insertInto('jobs')
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) => ({ kind: eb.ref('excluded.kind'), payload: eb.ref('excluded.payload'), due_at: eb.ref('excluded.due_at') }))
            .where('jobs.done_at', 'is', null),
        );
      const { sql: text, parameters } = q.compile();
      await c.run(text, parameters);
    }
  }
}

/** The scheduler's index of due work on a Kysely database. */
export class KyselyJobStore implements JobStore {
  private readonly db: Kysely<JobsDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly writer: WriteDriver,
    private readonly caps: DialectCapabilities,
  ) {
    this.db = db.withTables<{ jobs: JobsTable }>();
    this.scheduler = new JobWriter(db);
  }

  private readonly scheduler: JobWriter;

  async schedule(items: readonly ScheduleItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.writer.transaction((c) => this.scheduler.schedule(c, items));
  }

  async claim(worker: string, now: string, leaseMs: number, limit: number): Promise<JobItem[]> {
    if (limit <= 0) return [];
    const until = toInstant(toMs(now) + leaseMs);
    return this.writer.transaction(async (c) => {
      let select = this.db
        .selectFrom('jobs')
        .selectAll()
        .where('done_at', 'is', null)
        .where('due_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
        .orderBy('due_at')
        .orderBy('id')
        .limit(limit);
      if (this.caps.skipLocked) select = select.forUpdate().skipLocked();
      const rows = await all<JobsTable>(c, select);
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.id);
      const { sql: text, parameters } = this.db
        .updateTable('jobs')
        .set((eb) => ({ lease_owner: worker, lease_until: until, attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', ids)
        .compile();
      await c.run(text, parameters);
      return rows.map((r) => item({ ...r, lease_owner: worker, lease_until: until, attempts: Number(r.attempts) + 1 }));
    });
  }

  /** Runs one update in its own transaction; true when it changed a row. */
  private async changed(q: Compilable): Promise<boolean> {
    const rows = await this.writer.transaction((c) => all<{ id: string }>(c, q));
    return rows.length > 0;
  }

  async complete(id: string, worker: string, at: string, result = 'done'): Promise<boolean> {
    return (await this.completeMany(worker, [{ id, at, result }])).length > 0;
  }

  async completeMany(worker: string, done: readonly Completion[]): Promise<string[]> {
    if (done.length === 0) return [];
    return this.writer.transaction(async (c) => {
      const marked: string[] = [];
      for (const d of done) {
        const rows = await all<{ id: string }>(
          c,
          this.db
            .updateTable('jobs')
            .set({ done_at: d.at, done_by: worker, result: d.result, lease_until: null })
            .where('id', '=', d.id)
            .where('done_at', 'is', null)
            .where('lease_owner', '=', worker)
            .returning('id'),
        );
        if (rows.length > 0) marked.push(d.id);
      }
      return marked;
    });
  }

  fail(id: string, worker: string, error: string, retryAt: string): Promise<boolean> {
    return this.changed(
      this.db
        .updateTable('jobs')
        .set({ last_error: error, lease_until: retryAt })
        .where('id', '=', id)
        .where('done_at', 'is', null)
        .where('lease_owner', '=', worker)
        .returning('id'),
    );
  }

  release(id: string, worker: string): Promise<boolean> {
    return this.changed(
      this.db
        .updateTable('jobs')
        // Not an attempt after all: it was claimed but never started.
        .set((eb) => ({ lease_until: null, attempts: sql<number>`case when ${eb.ref('attempts')} > 0 then ${eb.ref('attempts')} - 1 else 0 end` }))
        .where('id', '=', id)
        .where('done_at', 'is', null)
        .where('lease_owner', '=', worker)
        .returning('id'),
    );
  }

  async get(id: string): Promise<JobItem | undefined> {
    const r = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return r === undefined ? undefined : item(r);
  }

  async counts(now: string): Promise<JobCounts> {
    const live = sql<boolean>`lease_until is not null and lease_until > ${now}`;
    const r = await this.db
      .selectFrom('jobs')
      .select([
        sql<string | number>`coalesce(sum(case when done_at is not null then 1 else 0 end), 0)`.as('done'),
        sql<string | number>`coalesce(sum(case when done_at is null and ${live} then 1 else 0 end), 0)`.as('leased'),
        sql<string | number>`coalesce(sum(case when done_at is null and not (${live}) and due_at <= ${now} then 1 else 0 end), 0)`.as('due'),
        sql<string | number>`coalesce(sum(case when done_at is null and not (${live}) and due_at > ${now} then 1 else 0 end), 0)`.as('scheduled'),
      ])
      .executeTakeFirstOrThrow();
    return { due: Number(r.due), leased: Number(r.leased), scheduled: Number(r.scheduled), done: Number(r.done) };
  }

  async pending(limit = 100): Promise<JobItem[]> {
    const rows = await this.db.selectFrom('jobs').selectAll().where('done_at', 'is', null).orderBy('due_at').orderBy('id').limit(limit).execute();
    return rows.map(item);
  }

  async list(query: JobQuery = {}): Promise<JobItem[]> {
    let q = this.db.selectFrom('jobs').selectAll();
    if (query.done !== undefined) q = q.where('done_at', query.done ? 'is not' : 'is', null);
    if (query.kind !== undefined) q = q.where('kind', '=', query.kind);
    if (query.after !== undefined) q = q.where('id', '>', query.after);
    const rows = await q
      .orderBy('id')
      .limit(query.limit ?? 1000)
      .execute();
    return rows.map(item);
  }
}
