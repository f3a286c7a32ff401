/**
 * Opening a PostgreSQL database from a `postgres://` URL. Like the SQLite opener, it looks before
 * it writes: a database that does not exist is created only by `create`; one that exists but is not
 * ours is refused (DB_NOT_INITIALISED), and `create` never touches a database that already holds
 * a record (DB_EXISTS). Two pools: one for Kysely (queries, migrations), one for the write driver;
 * with `readUrl`, read-only queries go to a streaming replica within a lag bound (replica-reads.ts).
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { StoreError } from '../errors.js';
import { isPostgresUrl, parsePostgresUrl, redact } from './postgres-url.js';
import { KyselyStore, migrate, needsRefold, pendingMigrations } from '../kysely-store.js';
import type { Database } from '../schema.js';
import { PgWriteDriver } from './pg-write-driver.js';
import { postgresCapabilities } from './postgres-capabilities.js';
import { DEFAULT_MAX_REPLICA_LAG_MS, openReplicaReads, type ReplicaReads } from './replica-reads.js';

/** How to open a PostgreSQL store. */
export interface PostgresOpenOptions {
  readonly url: string;
  /** `create`: make the database if missing and refuse one that already holds a record; `open`: an existing, initialised one. */
  readonly mode: 'create' | 'open';
  /**
   * A streaming replica of this database: read-only queries (store.reads) go there when it is at
   * most `maxReplicaLagMs` behind, else to the primary. Writes, migrations and verify stay here.
   */
  readonly readUrl?: string;
  /** The most a read from the replica may lag behind the primary, in milliseconds (default 5,000). */
  readonly maxReplicaLagMs?: number;
}

const INT8_OID = 20;

/** Type parsing for our pools: bigint (positions, counts) as a JavaScript number, which holds up to 2^53. */
export const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === INT8_OID ? (value: string): number => Number(value) : (pg.types.getTypeParser(oid, format) as unknown)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * A pool whose idle connections may be dropped by the server (a restart, a failover, an
 * administrator) without crashing the process: the pool discards the broken connection and the
 * next query opens a new one.
 */
function quietPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, types: pgTypes, max });
  pool.on('error', () => undefined);
  return pool;
}

function unreachable(error: unknown, url: string): never {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH') {
    throw new StoreError('DB_UNREACHABLE', `cannot reach PostgreSQL at ${redact(url)} (${String(code)})`);
  }
  // SQLSTATE class 28: invalid authorization (a wrong password, an unknown role).
  if (typeof code === 'string' && code.startsWith('28')) {
    throw new StoreError('DB_ACCESS_DENIED', `PostgreSQL at ${redact(url)} refused the login (${code}): ${(error as Error).message}`);
  }
  throw error;
}

/** PostgreSQL's own databases: a record is never put there (tables made in template1 would be copied into every new database). */
const SYSTEM_DATABASES = new Set(['postgres', 'template0', 'template1']);

/** What a database holds: nothing of ours, a record, or other tables. */
async function inspect(url: string): Promise<'missing' | 'empty' | 'ours' | 'foreign'> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: unknown }).code === '3D000') return 'missing';
    unreachable(error, url);
  }
  try {
    const { rows } = await client.query<{ events: string | null; migrations: string | null; tables: string }>(
      "select to_regclass('public.events')::text as events, to_regclass('public.kysely_migration')::text as migrations, (select count(*) from pg_tables where schemaname = 'public')::text as tables",
    );
    const r = rows[0];
    if (r?.events && r.migrations) return 'ours';
    return r?.tables === '0' ? 'empty' : 'foreign';
  } finally {
    await client.end();
  }
}

async function createDatabase(admin: string, database: string, url: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  try {
    await client.connect();
  } catch (error) {
    unreachable(error, url);
  }
  try {
    await client.query(`create database ${client.escapeIdentifier(database)}`);
  } catch (error) {
    // Someone created it in the meantime: fine, it is checked again below.
    if ((error as { code?: unknown }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}

/** Opens (or creates) a PostgreSQL store. Refusals write nothing: DB_NOT_FOUND, DB_EXISTS, DB_NOT_INITIALISED, DB_UNREACHABLE. */
export async function openPostgresStore(options: PostgresOpenOptions): Promise<KyselyStore> {
  const { url, mode } = options;
  const { database, admin } = parsePostgresUrl(url);
  if (SYSTEM_DATABASES.has(database)) throw new StoreError('DB_UNSUPPORTED', `${database} is one of PostgreSQL's own databases; name another`);
  let found = await inspect(url);
  if (mode === 'open') {
    if (found === 'missing') throw new StoreError('DB_NOT_FOUND', `no database ${database} at ${redact(url)} (create one with: proverka init --db URL)`);
    if (found !== 'ours') throw new StoreError('DB_NOT_INITIALISED', `the database ${database} is not a Proverka database`);
  } else {
    if (found === 'ours') throw new StoreError('DB_EXISTS', `the database ${database} already holds a Proverka record; choose another`);
    if (found === 'foreign') throw new StoreError('DB_EXISTS', `the database ${database} already holds other tables; choose an empty or new database`);
    if (found === 'missing') {
      await createDatabase(admin, database, url);
      found = await inspect(url);
      if (found !== 'empty') throw new StoreError('DB_EXISTS', `the database ${database} was filled by someone else while it was being created`);
    }
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: quietPool(url, 5) }) });
  let applied: string[] = [];
  try {
    applied = mode === 'create' ? [] : await pendingMigrations(db, postgresCapabilities);
    if (mode === 'create' || applied.length > 0) await migrate(db, postgresCapabilities);
    if (mode === 'create') await installAmcheck(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let replica: ReplicaReads | undefined;
  if (options.readUrl !== undefined) {
    try {
      replica = await replicaReads(db, url, options.readUrl, options.maxReplicaLagMs ?? DEFAULT_MAX_REPLICA_LAG_MS);
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  const writer = new PgWriteDriver(quietPool(url, 10));
  const store = new KyselyStore(db, writer, postgresCapabilities, {
    integrityCheck: () => amcheck(db),
    ...(replica === undefined ? {} : { reads: replica.reads, onClose: (): Promise<void> => replica.close() }),
  });
  // A record written before a migration that changed what states keep: refold its projections once.
  if (needsRefold(applied)) await store.rebuild();
  return store;
}

/** Opens the read side on a replica; refuses (DB_UNSUPPORTED) a read URL that answers but is not a streaming replica of this database. */
async function replicaReads(db: Kysely<Database>, url: string, readUrl: string, maxLagMs: number): Promise<ReplicaReads> {
  if (!isPostgresUrl(readUrl)) throw new StoreError('DB_UNSUPPORTED', `a read replica must be a postgres:// URL, not ${redact(readUrl)}`);
  const replica = await openReplicaReads(db, readUrl, pgTypes, maxLagMs);
  if (replica.first.state === 'not a replica') {
    await replica.close();
    throw new StoreError('DB_UNSUPPORTED', `${redact(readUrl)} is not a streaming replica of ${redact(url)}: ${replica.first.detail}`);
  }
  return replica;
}

/** Installs PostgreSQL's `amcheck` extension if this role may (a superuser may); without it `verify` says the check is not applicable. */
async function installAmcheck(db: Kysely<Database>): Promise<void> {
  try {
    await sql`create extension if not exists amcheck`.execute(db);
  } catch {
    // Not a superuser, or the extension is not installed on the server: the check is skipped, and says so.
  }
}

/**
 * PostgreSQL's check of its own files, where the `amcheck` extension is installed: every B-tree
 * index of the record verified against its table. Without the extension, says so.
 */
async function amcheck(db: Kysely<Database>): Promise<string> {
  const installed = await sql<{ n: number }>`select count(*)::int as n from pg_extension where extname = 'amcheck'`.execute(db);
  if ((installed.rows[0]?.n ?? 0) === 0) return 'not applicable';
  await sql`select bt_index_check(c.oid, true) from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam where am.amname = 'btree' and c.relnamespace = 'public'::regnamespace`.execute(db);
  return 'ok';
}
