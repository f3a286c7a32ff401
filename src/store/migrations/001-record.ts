/** The first schema: the event record and every projection of issue #2. Dialect-neutral but for `events.position`. */
import { sql, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

/** Adds the head of a stream to the table of its kind: the seq and hash of its last event, and its folded state. */
export function withHead<T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C | 'seq' | 'hash' | 'state'> {
  return table.addColumn('seq', 'integer', (c) => c.notNull()).addColumn('hash', 'text', (c) => c.notNull()).addColumn('state', 'text', (c) => c.notNull());
}

/** Creates the record and its projections. */
export function recordMigration(caps: DialectCapabilities): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('events')
        .addColumn('position', caps.positionType, (c) => caps.positionColumn(c))
        .addColumn('stream_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addUniqueConstraint('events_stream_seq', ['stream_id', 'seq'])
        .execute();

      await withHead(db.schema.createTable('ledger').addColumn('id', 'text', (c) => c.primaryKey())).execute();

      await withHead(db.schema.createTable('units'))
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text')
        .addColumn('head_post_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('units_parent').on('units').column('parent_id').execute();

      await withHead(db.schema.createTable('people'))
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .execute();
      await db.schema.createIndex('people_unit').on('people').column('unit_id').execute();

      await withHead(db.schema.createTable('posts'))
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('domain', 'text', (c) => c.notNull())
        .addColumn('head', 'integer', (c) => c.notNull())
        .addColumn('holder_id', 'text')
        .execute();
      await db.schema.createIndex('posts_unit').on('posts').column('unit_id').execute();
      await db.schema.createIndex('posts_holder').on('posts').column('holder_id').execute();

      await withHead(db.schema.createTable('bodies'))
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('parent_id', 'text')
        .execute();

      await withHead(db.schema.createTable('committees'))
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('mandate', 'text', (c) => c.notNull())
        .addColumn('chair_id', 'text', (c) => c.notNull())
        .addColumn('body_id', 'text')
        .addColumn('sunset', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('dissolved_at', 'text')
        .execute();
      await caps
        .clusterByKey(
          db.schema
            .createTable('committee_members')
            .addColumn('committee_id', 'text', (c) => c.notNull())
            .addColumn('person_id', 'text', (c) => c.notNull())
            .addPrimaryKeyConstraint('committee_members_pk', ['committee_id', 'person_id']),
        )
        .execute();

      await withHead(db.schema.createTable('decisions'))
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('body_id', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('registered_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('decisions_body_number', ['body_id', 'number'])
        .execute();

      await withHead(db.schema.createTable('assignments'))
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('decision_id', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('definition_of_done', 'text', (c) => c.notNull())
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('domain', 'text', (c) => c.notNull())
        .addColumn('urgency', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('issuer_id', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('verifier_id', 'text', (c) => c.notNull())
        .addColumn('controller_id', 'text')
        .addColumn('holder_id', 'text', (c) => c.notNull())
        .addColumn('holder_unit_id', 'text', (c) => c.notNull())
        .addColumn('holder_role', 'text', (c) => c.notNull())
        .addColumn('pending', 'text')
        .addColumn('deadline', 'text', (c) => c.notNull())
        .addColumn('original_deadline', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('deadline_changes', 'integer', (c) => c.notNull())
        .addColumn('handovers', 'integer', (c) => c.notNull())
        .addColumn('refusals', 'integer', (c) => c.notNull())
        .addColumn('rejections', 'integer', (c) => c.notNull())
        .addColumn('reopenings', 'integer', (c) => c.notNull())
        .addColumn('escalations', 'integer', (c) => c.notNull())
        .addColumn('escalation_level', 'integer', (c) => c.notNull())
        .execute();
      // Only what issue #2's queries need: the open cases by deadline (overdue lists). Every index
      // costs pages on each write that changes its columns; others come with the queries that need them.
      await db.schema.createIndex('assignments_open_deadline').on('assignments').column('deadline').where(sql.ref('closed_at'), 'is', null).execute();

      await caps
        .clusterByKey(
          db.schema
            .createTable('co_executors')
            .addColumn('assignment_id', 'text', (c) => c.notNull())
            .addColumn('person_id', 'text', (c) => c.notNull())
            .addPrimaryKeyConstraint('co_executors_pk', ['assignment_id', 'person_id']),
        )
        .execute();
      await db.schema.createIndex('co_executors_person').on('co_executors').column('person_id').execute();


      await db.schema
        .createTable('checkpoint_heads')
        .addColumn('stream_id', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
