/**
 * The store for every back end: Kysely compiles all SQL in the dialect at hand and runs reads
 * and migrations; the write path runs through a thin WriteDriver. The back-end adapters
 * (sqlite/, postgres/) only open connections and name their capabilities.
 */
import { Migrator, type Kysely, type Migration } from 'kysely';
import type { DialectCapabilities } from './dialect.js';
import { StoreError } from './errors.js';
import type { WriteDriver } from './driver.js';
import type { AccountStore } from './accounts.js';
import { KyselyAccountStore } from './kysely-account-store.js';
import type { JobStore } from './jobs.js';
import { JobWriter, KyselyJobStore } from './kysely-job-store.js';
import { KyselyOutboxStore, OutboxWriter } from './kysely-outbox-store.js';
import type { OutboxStore } from './outbox.js';
import { KyselyReadModel } from './kysely-read-model.js';
import { appendCheckpoint } from './maintenance/checkpoint.js';
import { exportRecord } from './maintenance/export-record.js';
import { importRecord } from './maintenance/import-record.js';
import { rebuildProjections } from './maintenance/rebuild.js';
import { inSnapshot } from './maintenance/snapshot.js';
import { verifyRecord } from './maintenance/verify.js';
import { allMigrations } from './migrations/index.js';
import type { BulkOptions, Store, WriteSession } from './port.js';
import type { AppendedEvent, Progress, RecordedEvent } from './record.js';
import type { CheckpointResult, ImportReport, RebuildReport, VerifyReport } from './reports.js';
import type { ReadModel } from './read-model.js';
import type { Database } from './schema.js';
import { HeadCache } from './head-cache.js';
import { Session, type SessionMode } from './session.js';
import { SqlShapes } from './sql-shapes.js';

/** What an adapter hands the store besides its connections. */
export interface StoreExtras {
  /** The back end's own consistency check of its files ('ok' when sound). */
  readonly integrityCheck?: () => Promise<string>;
  /** Called after both connections are closed. */
  readonly onClose?: () => Promise<void>;
  /** Reads to serve from elsewhere than `db` (a read replica); `db` still compiles SQL, migrates and verifies. */
  readonly reads?: ReadModel;
}

/** A Store over a reader Kysely and a write driver, with the maintenance operations of the record. */
export class KyselyStore implements Store {
  readonly reads: ReadModel;
  readonly fresh: ReadModel;
  readonly accounts: AccountStore;
  readonly jobs: JobStore;
  readonly outbox: OutboxStore;
  private readonly shapes: SqlShapes;
  private readonly outboxWriter: OutboxWriter;
  private readonly jobWriter: JobWriter;
  /** Heads committed by this store's single-command transactions, where the driver can tell they are still current (decision 0037). */
  private readonly heads: HeadCache | undefined;

  constructor(
    readonly db: Kysely<Database>,
    private readonly writer: WriteDriver,
    readonly caps: DialectCapabilities,
    private readonly extras: StoreExtras = {},
  ) {
    this.shapes = new SqlShapes(db);
    this.fresh = new KyselyReadModel(db, this.shapes);
    this.reads = extras.reads ?? this.fresh;
    this.accounts = new KyselyAccountStore(db, writer, caps);
    this.jobs = new KyselyJobStore(db, writer, caps);
    this.outbox = new KyselyOutboxStore(db, writer, caps);
    this.outboxWriter = new OutboxWriter(db);
    this.jobWriter = new JobWriter(db);
    this.heads = writer.seesOtherWriters ? new HeadCache() : undefined;
  }

  get backend(): 'sqlite' | 'postgres' {
    return this.caps.name;
  }

  private async session<T>(mode: SessionMode, fn: (s: Session) => Promise<T>, flushEvery?: number, maxCachedStreams?: number): Promise<T> {
    let session: Session | undefined;
    let committed: HeadCache | undefined;
    try {
      return await this.writer.transaction(
        async (connection, start) => {
          committed = this.heads?.begin(start.epoch, mode);
          session = new Session(connection, this.shapes, this.caps, mode, flushEvery, this.outboxWriter, this.jobWriter, maxCachedStreams, committed);
          const result = await fn(session);
          await session.flush();
          return result;
        },
        // A single-command transaction's heads are kept once it committed; a bulk one's never (it emptied the cache).
        () => {
          if (session !== undefined) committed?.keep(session.heads());
        },
      );
    } catch (error) {
      // Whatever statement or commit lost a race, the caller sees one thing: CONFLICT, transient or not.
      if (error instanceof StoreError || !(this.caps.isConflict(error) || this.caps.isTransient(error))) throw error;
      const transient = this.caps.isTransient(error);
      throw new StoreError('CONFLICT', transient ? 'the transaction was aborted by a concurrent one; it may be run again' : 'another writer changed the same record first', {
        transient,
        cause: String((error as { code?: unknown }).code),
      });
    }
  }

  write<T>(fn: (tx: WriteSession) => Promise<T>): Promise<T> {
    return this.session('direct', fn);
  }

  bulk<T>(fn: (tx: WriteSession) => Promise<T>, options: BulkOptions = {}): Promise<T> {
    return this.session('bulk', fn, options.flushEvery, options.maxCachedStreams);
  }

  checkpoint(at: string, force = false): Promise<CheckpointResult | null> {
    return this.session('direct', (s) => appendCheckpoint(s, this.shapes, this.caps.codePointCollation, at, force));
  }

  async verify(progress?: Progress): Promise<VerifyReport> {
    // The back end's own check first, then every chain and checkpoint from one snapshot, so that a
    // writer committing meanwhile can never make an intact record look broken.
    const integrity = this.extras.integrityCheck ? await this.extras.integrityCheck() : 'not applicable';
    return inSnapshot(this.db, this.caps, (trx) => verifyRecord(trx, this.shapes, integrity, progress));
  }

  rebuild(progress?: Progress): Promise<RebuildReport> {
    return this.session('bulk', (s) => rebuildProjections(s, this.shapes, progress));
  }

  exportRecord(progress?: Progress): AsyncIterable<RecordedEvent> {
    return exportRecord(this.db, this.shapes, this.caps, progress);
  }

  importRecord(events: AsyncIterable<AppendedEvent>, progress?: Progress): Promise<ImportReport> {
    return this.session('bulk', (s) => importRecord(s, this.shapes, events, progress));
  }

  async close(): Promise<void> {
    await this.writer.close();
    await this.db.destroy();
    await this.extras.onClose?.();
  }
}

function migrator(db: Kysely<Database>, caps: DialectCapabilities): Migrator {
  return new Migrator({ db, provider: { getMigrations: (): Promise<Record<string, Migration>> => Promise.resolve(allMigrations(caps)) } });
}

/** Migrations this database has not run yet. */
export async function pendingMigrations(db: Kysely<Database>, caps: DialectCapabilities): Promise<string[]> {
  const all = await migrator(db, caps).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/**
 * Migrations after which the projections of an existing record must be refolded from its events:
 * the state they keep gained fields (006: the ladder's keys done, when a deadline was set, the
 * urgent block, whom a case was escalated to) and tables for new kinds of streams.
 */
const REFOLDING_MIGRATIONS: readonly string[] = ['006-ladder-and-agenda'];

/** True when one of the migrations just applied to an existing record calls for a rebuild of its projections. */
export function needsRefold(applied: readonly string[]): boolean {
  return applied.some((m) => REFOLDING_MIGRATIONS.includes(m));
}

/** Runs every pending migration; throws with the first failure. */
export async function migrate(db: Kysely<Database>, caps: DialectCapabilities): Promise<void> {
  const { error } = await migrator(db, caps).migrateToLatest();
  if (error !== undefined) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
}
