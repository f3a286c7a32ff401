/**
 * Opening an SQLite database file. It is checked before anything is written (a missing, foreign
 * or uninitialised file is refused with a stable code). Two connections are opened: a reader for
 * Kysely (queries, migrations) and a writer for the write driver; in WAL mode the reader sees
 * only committed data and never waits for the writer.
 */
import { existsSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { LRUCache } from 'lru-cache';
import { StoreError } from '../errors.js';
import { KyselyStore, migrate, needsRefold, pendingMigrations } from '../kysely-store.js';
import type { Database } from '../schema.js';
import { sqliteCapabilities } from './sqlite-capabilities.js';
import { SqliteWriteDriver } from './sqlite-write-driver.js';

/** How hard a commit is pushed to disk: `full` survives power loss; `normal` survives a crashed process only. */
export type SqliteDurability = 'full' | 'normal';

/** How to open an SQLite store. */
export interface SqliteOpenOptions {
  readonly file: string;
  /** `create`: make a new database (refused if the file exists); `open`: an existing, initialised one. */
  readonly mode: 'create' | 'open';
  /** Default `full`. */
  readonly durability?: SqliteDurability;
}

/** The subset of better-sqlite3 Kysely needs, with prepared statements kept and reused. */
function cachedStatements(db: BetterSqlite3.Database): SqliteDatabase {
  const cache = new LRUCache<string, SqliteStatement>({ max: 500 });
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      let stmt = cache.get(sql);
      if (stmt === undefined) {
        stmt = db.prepare(sql);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

function classify(error: unknown, file: string): never {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new StoreError('DB_CORRUPT', `${file} is not a readable SQLite database (${String(code)})`);
  throw error;
}

function connect(file: string, mustExist: boolean, durability: SqliteDurability): BetterSqlite3.Database {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { fileMustExist: mustExist });
  } catch (error) {
    classify(error, file);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${durability === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    db.close();
    classify(error, file);
  }
}

/**
 * Runs the pending migrations in one write transaction: all of them or none, and one sync to disk.
 * Kysely runs SQLite's DDL statement by statement (its adapter declares no transactional DDL,
 * though SQLite has it), so each statement was a commit of its own: a new record took ~30 ms, and
 * a migration failing half-way left the half before it. Kysely's statements run on `connection`,
 * inside the transaction opened on it; `BEGIN IMMEDIATE` makes a second process opening the same
 * old record wait, then find nothing left to run.
 */
async function migrateInOneTransaction(connection: BetterSqlite3.Database, db: Kysely<Database>): Promise<void> {
  connection.exec('BEGIN IMMEDIATE');
  try {
    await migrate(db, sqliteCapabilities);
    connection.exec('COMMIT');
  } catch (error) {
    if (connection.inTransaction) connection.exec('ROLLBACK');
    throw error;
  }
}

/** Opens (or creates) an SQLite store. Refusals write nothing: DB_NOT_FOUND, DB_EXISTS, DB_CORRUPT, DB_NOT_INITIALISED. */
export async function openSqliteStore(options: SqliteOpenOptions): Promise<KyselyStore> {
  const { file, mode } = options;
  const durability = options.durability ?? 'full';
  const exists = existsSync(file);
  if (mode === 'open' && !exists) throw new StoreError('DB_NOT_FOUND', `no database at ${file} (create one with: proverka init --db ${file})`);
  if (exists && statSync(file).isDirectory()) throw new StoreError('DB_CORRUPT', `${file} is a directory, not a database file`);
  if (mode === 'create' && exists && statSync(file).size > 0) throw new StoreError('DB_EXISTS', `${file} already exists; choose another file`);

  if (mode === 'open') {
    // Look before touching: a read-only probe, so that a foreign or corrupt file is left as it is.
    let probe: BetterSqlite3.Database | undefined;
    try {
      probe = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
      const tables = probe.prepare("select name from sqlite_master where type = 'table' and name in ('events', 'kysely_migration')").all();
      if (tables.length < 2) throw new StoreError('DB_NOT_INITIALISED', `${file} is an SQLite file but not a Proverka database`);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      classify(error, file);
    } finally {
      probe?.close();
    }
  }

  const reader = connect(file, mode === 'open', durability);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachedStatements(reader) }) });
  let applied: string[] = [];
  try {
    applied = mode === 'create' ? [] : await pendingMigrations(db, sqliteCapabilities);
    if (mode === 'create' || applied.length > 0) await migrateInOneTransaction(reader, db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const writeConnection = connect(file, true, durability);
  // Statistics for the query planner: without them SQLite may read a whole unit subtree where a
  // partial index gives the open, overdue cases at once. Bounded work (analysis_limit), run on open
  // as SQLite advises for long-lived connections, and again when the writer closes.
  writeConnection.pragma('analysis_limit = 1000');
  writeConnection.pragma('optimize = 0x10002');
  const writer = new SqliteWriteDriver(writeConnection);
  const store = new KyselyStore(db, writer, sqliteCapabilities, {
    integrityCheck: () => Promise.resolve((reader.prepare('pragma integrity_check').all() as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ')),
  });
  // A record written before a migration that changed what states keep: refold its projections once.
  if (needsRefold(applied)) await store.rebuild();
  return store;
}
