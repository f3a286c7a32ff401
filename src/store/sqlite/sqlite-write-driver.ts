/**
 * The SQLite write driver: one better-sqlite3 connection, prepared statements kept and reused,
 * `BEGIN IMMEDIATE` so that a write transaction holds the write lock from its first statement
 * (no upgrade deadlock between processes), and an in-process queue so transactions never overlap.
 * Each transaction is told an epoch that changes when another connection committed since this
 * one's previous transaction began: `PRAGMA data_version`, read under the write lock, shows it.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { SqlConnection, TransactionStart, WriteDriver } from '../driver.js';

/** A write driver over one better-sqlite3 connection. */
export class SqliteWriteDriver implements WriteDriver {
  /** SQLite has one writer at a time, and `data_version` shows the commits of the others. */
  readonly seesOtherWriters = true;
  private readonly statements = new LRUCache<string, BetterSqlite3.Statement>({ max: 1000 });
  private queue: Promise<unknown> = Promise.resolve();
  private readonly connection: SqlConnection;
  private readonly dataVersion: BetterSqlite3.Statement<[], number>;
  private readonly begin: BetterSqlite3.Statement;
  private readonly commit: BetterSqlite3.Statement;
  /** `data_version` as the previous transaction read it under the write lock (undefined before the first). */
  private lastVersion: number | undefined;
  private start: TransactionStart = { epoch: 0 };

  constructor(private readonly db: BetterSqlite3.Database) {
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    const prepare = (sql: string): BetterSqlite3.Statement => {
      let stmt = this.statements.get(sql);
      if (stmt === undefined) {
        stmt = db.prepare(sql);
        this.statements.set(sql, stmt);
      }
      return stmt;
    };
    this.connection = {
      all: <R>(sql: string, parameters: readonly unknown[]): Promise<R[]> => Promise.resolve(prepare(sql).all(parameters) as R[]),
      run: (sql: string, parameters: readonly unknown[]): Promise<void> => {
        prepare(sql).run(parameters);
        return Promise.resolve();
      },
      // better-sqlite3 steps the statement row by row: the rows are never all in memory.
      each: <R>(sql: string, parameters: readonly unknown[], onRow: (row: R) => void): Promise<void> =>
        // A throw inside the executor (the statement's, or onRow's) rejects the promise.
        new Promise<void>((resolve) => {
          for (const row of prepare(sql).iterate(parameters)) onRow(row as R);
          resolve();
        }),
    };
  }

  transaction<T>(fn: (connection: SqlConnection, start: TransactionStart) => Promise<T>, afterCommit?: () => void): Promise<T> {
    const next = this.queue.then(async () => {
      this.begin.run();
      try {
        // Under the write lock no one else can commit until ours ends; our own commits leave the version as it was.
        const version = this.dataVersion.get() as number;
        if (version !== this.lastVersion) this.start = { epoch: this.start.epoch + 1 };
        this.lastVersion = version;
        const result = await fn(this.connection, this.start);
        this.commit.run();
        afterCommit?.();
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    // Keep the query planner's statistics current (SQLite's advice for every connection that wrote): cheap, bounded by analysis_limit.
    this.db.pragma('optimize');
    this.db.close();
  }
}
