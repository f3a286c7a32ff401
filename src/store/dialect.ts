/** Everything that differs between SQLite and PostgreSQL lives behind this one capability object. */
import type { ColumnDefinitionBuilder, ColumnDataType, CreateTableBuilder } from 'kysely';

/** Dialect differences the dialect-neutral store needs to know. */
export interface DialectCapabilities {
  readonly name: 'sqlite' | 'postgres';
  /** Column type of `events.position`. */
  readonly positionType: ColumnDataType;
  /** Makes `events.position` an auto-assigned, increasing primary key. */
  positionColumn(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** True when the error is a violation of a unique or primary key. */
  isUniqueViolation(error: unknown): boolean;
  /** Stores a table's rows in its primary-key order where the back end can (SQLite: WITHOUT ROWID). */
  clusterByKey<T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C>;
  /** The most bound parameters one statement may carry. */
  readonly maxParameters: number;
}
