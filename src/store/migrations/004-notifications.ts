/**
 * Issue #5: notifications sent only after commit. The outbox holds each message to send (an e-mail
 * to one address, or one event for one webhook subscription), written in the same transaction as
 * the events that caused it; the delivery log keeps every attempt; webhook subscriptions and the
 * people who chose a daily digest are kept beside them. None of it is part of the record: rows
 * change in place (leases, attempts, status) and are never replayed. Independent of 003.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

/** Adds `outbox`, `outbox_deliveries`, `webhook_subscriptions` and `notification_preferences`. */
export function notificationsMigration(caps: DialectCapabilities): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text')
        .addColumn('subscription_id', 'text')
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('digest_id', 'text')
        .execute();
      // What a claim scans: messages waiting to be sent, in due order; finished ones drop out of it.
      await db.schema.createIndex('outbox_due').on('outbox').column('due_at').where(sql.ref('status'), '=', sql.lit('pending')).execute();
      // What the digest scans: messages held for a person's daily digest.
      await db.schema.createIndex('outbox_held').on('outbox').columns(['person_id', 'created_at']).where(sql.ref('status'), '=', sql.lit('held')).execute();

      await caps
        .clusterByKey(
          db.schema
            .createTable('outbox_deliveries')
            .addColumn('outbox_id', 'text', (c) => c.notNull())
            .addColumn('attempt', 'integer', (c) => c.notNull())
            .addColumn('at', 'text', (c) => c.notNull())
            .addColumn('outcome', 'text', (c) => c.notNull())
            .addColumn('status_code', 'integer')
            .addColumn('error', 'text')
            .addColumn('duration_ms', 'integer', (c) => c.notNull())
            .addPrimaryKeyConstraint('outbox_deliveries_pk', ['outbox_id', 'attempt']),
        )
        .execute();

      await db.schema
        .createTable('webhook_subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('event_types', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('notification_preferences')
        .addColumn('person_id', 'text', (c) => c.primaryKey())
        .addColumn('digest', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
