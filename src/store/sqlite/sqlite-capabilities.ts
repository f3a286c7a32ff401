/** What is particular to SQLite. */
import { sql } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

/** SQLite's capabilities: rowid positions, its constraint error codes, its parameter limit. */
export const sqliteCapabilities: DialectCapabilities = {
  name: 'sqlite',
  positionType: 'integer',
  positionColumn: (col) => col.primaryKey(),
  isConflict: (error) => {
    const code = (error as { code?: unknown } | null)?.code;
    return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  },
  // SQLite serialises writers (BEGIN IMMEDIATE); a writer that waited past the busy timeout may try again.
  isTransient: (error) => {
    const code = (error as { code?: unknown } | null)?.code;
    return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
  },
  clusterByKey: (table) => table.modifyEnd(sql`without rowid`),
  rowLocks: false,
  skipLocked: false,
  codePointCollation: 'binary',
  maxParameters: 32_000,
  // A deferred BEGIN on the WAL reader: its snapshot is fixed by the first read and kept until COMMIT.
  snapshot: {},
};
