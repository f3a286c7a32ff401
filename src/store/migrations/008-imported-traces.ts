/**
 * Issue #7: cases imported from another system (XES or CSV event logs). One row per imported case,
 * like every stream table (its head and folded state), with the columns an import is listed by.
 */
import type { Kysely, Migration } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';
import { withHead } from './001-record.js';

/** Adds `traces` and its index by import. */
export function importedTracesMigration(_caps: DialectCapabilities): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await withHead(db.schema.createTable('traces'))
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('import_id', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('events', 'integer', (c) => c.notNull())
        .addColumn('first_at', 'text')
        .addColumn('last_at', 'text')
        .execute();
      await db.schema.createIndex('traces_by_import').on('traces').column('import_id').execute();
    },
  };
}
