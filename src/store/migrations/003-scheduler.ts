/**
 * Issue #5: the scheduler's durable index of due work. One row per item of work (a reminder, an
 * escalation), keyed by an id that is also the idempotency key of its effect. Not part of the
 * record: rows change in place (leases, completion) and are never replayed.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

/** Adds the `jobs` table and its index of work not yet done, by due instant. */
export function schedulerMigration(_caps: DialectCapabilities): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'text')
        .addColumn('last_error', 'text')
        .addColumn('done_at', 'text')
        .addColumn('done_by', 'text')
        .addColumn('result', 'text')
        .execute();
      // What a claim scans: work not done, in due order; done rows drop out of the index.
      await db.schema.createIndex('jobs_due').on('jobs').column('due_at').where(sql.ref('done_at'), 'is', null).execute();
    },
  };
}
