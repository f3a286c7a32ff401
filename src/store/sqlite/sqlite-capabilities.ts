/** What is particular to SQLite. */
import { sql } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

/** SQLite's capabilities: rowid positions, its constraint error codes, its parameter limit. */
export const sqliteCapabilities: DialectCapabilities = {
  name: 'sqlite',
  positionType: 'integer',
  positionColumn: (col) => col.primaryKey(),
  isUniqueViolation: (error) => {
    const code = (error as { code?: unknown } | null)?.code;
    return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  },
  clusterByKey: (table) => table.modifyEnd(sql`without rowid`),
  maxParameters: 32_000,
};
