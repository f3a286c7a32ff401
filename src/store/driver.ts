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

/** What a write transaction is told as it begins. */
export interface TransactionStart {
  /**
   * The same number in two transactions of a driver only when no other connection can have
   * committed between the beginning of the first and that of the second (so what the first
   * committed is still the record's state); a new number otherwise — on PostgreSQL, every time.
   */
  readonly epoch: number;
}

/** Runs write transactions, one at a time per connection, committing on success and rolling back on any throw. */
export interface WriteDriver {
  /**
   * Whether two transactions can ever share an epoch: the driver holds the record's only write
   * lock for a whole transaction and sees other connections' commits (SQLite).
   */
  readonly seesOtherWriters: boolean;
  /**
   * Runs `fn` in a transaction and commits; `afterCommit` runs once the commit has succeeded (never
   * when `fn` or the commit throws) — where transactions run one at a time (SQLite), before the next
   * one begins.
   */
  transaction<T>(fn: (connection: SqlConnection, start: TransactionStart) => Promise<T>, afterCommit?: () => void): Promise<T>;
  close(): Promise<void>;
}
