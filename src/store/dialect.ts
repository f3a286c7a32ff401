/** Everything that differs between SQLite and PostgreSQL lives behind this one capability object. */
import type { AccessMode, ColumnDefinitionBuilder, ColumnDataType, CreateTableBuilder, IsolationLevel } from 'kysely';

/** Dialect differences the dialect-neutral store needs to know. */
export interface DialectCapabilities {
  readonly name: 'sqlite' | 'postgres';
  /** Column type of `events.position`. */
  readonly positionType: ColumnDataType;
  /** Makes `events.position` an auto-assigned, increasing primary key. */
  positionColumn(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /**
   * True when the error means another transaction got there first: a unique or primary key
   * violation (two appends of the same seq), or a serialization failure or deadlock the back end
   * broke by aborting us. The caller reports it as a conflict; nothing of the transaction remains.
   */
  isConflict(error: unknown): boolean;
  /** True when the conflict was transient (a serialization failure, a deadlock): the same command may simply be run again. */
  isTransient(error: unknown): boolean;
  /** Stores a table's rows in its primary-key order where the back end can (SQLite: WITHOUT ROWID). */
  clusterByKey<T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C>;
  /** True when the back end locks rows (`SELECT … FOR SHARE`); false when writers are serialised anyway (SQLite). */
  readonly rowLocks: boolean;
  /**
   * True when `SELECT … FOR UPDATE SKIP LOCKED` exists: concurrent claimers of due work pass over
   * each other's locked rows instead of waiting (PostgreSQL); false when writers are serialised
   * anyway and a claim needs no lock clause (SQLite, BEGIN IMMEDIATE).
   */
  readonly skipLocked: boolean;
  /**
   * The collation under which text sorts by code point (SQLite's `binary`, PostgreSQL's `"C"`):
   * for the ASCII ids of streams, the UTF-16 code-unit order the Merkle tree of checkpoints uses.
   */
  readonly codePointCollation: string;
  /** The most bound parameters one statement may carry. */
  readonly maxParameters: number;
  /**
   * How a read transaction sees one consistent snapshot across many statements (exports): the
   * settings it is begun with. SQLite needs none (a plain BEGIN on the WAL reader holds its snapshot
   * from the first read to COMMIT); PostgreSQL needs REPEATABLE READ, READ ONLY.
   */
  readonly snapshot: { readonly isolationLevel?: IsolationLevel; readonly accessMode?: AccessMode };
}
