/**
 * Issue #5: the per-person iCalendar feeds of deadlines. A feed is reached by a secret URL token of
 * which only the sha256 is kept, like an API token; but it is its own credential in its own table,
 * so that no path that accepts API tokens can ever accept a feed's token. At most one live feed per
 * account: a partial unique index holds it (SQLite, PostgreSQL and the PostgreSQL-compatible
 * distributed engines all have partial indexes). Revoked feeds keep their row (an idempotent
 * replay of the creating request recognises its own feed by its hash).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

/** Adds the calendar_feeds table. */
export function calendarFeedsMigration(_caps: DialectCapabilities): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('calendar_feeds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('calendar_feeds_live').on('calendar_feeds').column('account_id').unique().where(sql<boolean>`revoked_at is null`).execute();
    },
  };
}
