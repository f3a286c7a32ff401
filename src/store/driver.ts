/**
 * The write driver: what the write path needs from a back end, and nothing more. SQL text comes
 * from Kysely's compiler (see sql-shapes.ts), so it is the dialect's own; the driver only runs it.
 * Kysely's executor stays for reads and migrations; the write path skips it because it is the hot
 * path (docs/decisions/0004-write-path.md has the measurements).
 */

/** One connection inside an open write transaction. */
export interface SqlConnection {
  /** Runs a statement and returns its rows. */
  all<R>(sql: string, parameters: readonly unknown[]): Promise<R[]>;
  /** Runs a statement for its effect. */
  run(sql: string, parameters: readonly unknown[]): Promise<void>;
  /**
   * Runs a query and hands each row to `onRow` in order: as it is read where the back end streams
   * (SQLite), so the rows are never all held at once; `onRow` must not use the connection.
   */
  each<R>(sql: string, parameters: readonly unknown[], onRow: (row: R) => void): Promise<void>;
}

/** Runs write transactions, one at a time per connection, committing on success and rolling back on any throw. */
export interface WriteDriver {
  transaction<T>(fn: (connection: SqlConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
