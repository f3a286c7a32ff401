/**
 * The SQLite write driver: one better-sqlite3 connection, prepared statements kept and reused,
 * `BEGIN IMMEDIATE` so that a write transaction holds the write lock from its first statement
 * (no upgrade deadlock between processes), and an in-process queue so transactions never overlap.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { SqlConnection, WriteDriver } from '../driver.js';

/** A write driver over one better-sqlite3 connection. */
export class SqliteWriteDriver implements WriteDriver {
  private readonly statements = new LRUCache<string, BetterSqlite3.Statement>({ max: 1000 });
  private queue: Promise<unknown> = Promise.resolve();
  private readonly connection: SqlConnection;

  constructor(private readonly db: BetterSqlite3.Database) {
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

  transaction<T>(fn: (connection: SqlConnection) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.connection);
        this.db.exec('COMMIT');
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
