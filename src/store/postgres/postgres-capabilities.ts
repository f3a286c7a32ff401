/** What is particular to PostgreSQL. */
import type { DialectCapabilities } from '../dialect.js';

// SQLSTATE codes: unique_violation, serialization_failure, deadlock_detected.
const CONFLICT_CODES = new Set(['23505', '40001', '40P01']);

/** PostgreSQL's capabilities: identity positions, its SQLSTATE codes for lost races, its parameter limit. */
export const postgresCapabilities: DialectCapabilities = {
  name: 'postgres',
  positionType: 'bigint',
  positionColumn: (col) => col.generatedAlwaysAsIdentity().primaryKey(),
  isConflict: (error) => CONFLICT_CODES.has(String((error as { code?: unknown } | null)?.code)),
  isTransient: (error) => {
    const code = String((error as { code?: unknown } | null)?.code);
    return code === '40001' || code === '40P01';
  },
  clusterByKey: (table) => table,
  rowLocks: true,
  skipLocked: true,
  codePointCollation: '"C"',
  maxParameters: 60_000,
  // One snapshot for the whole transaction, and a promise to write nothing.
  snapshot: { isolationLevel: 'repeatable read', accessMode: 'read only' },
};
