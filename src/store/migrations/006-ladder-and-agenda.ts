/**
 * Issue #5: the projections of the streams the ladder brought — business calendars, ladder
 * policies, accountability proposals and agenda items. Each holds one row per stream (its head
 * and folded state, like every stream table) and the columns the ladder and the agenda query by.
 */
import type { Kysely, Migration } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';
import { withHead } from './001-record.js';

/** Adds calendars, ladder_policies, accountability_proposals and agenda_items. */
export function ladderAndAgendaMigration(_caps: DialectCapabilities): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await withHead(db.schema.createTable('calendars'))
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('unit_id', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('retired_at', 'text')
        .execute();
      await withHead(db.schema.createTable('ladder_policies'))
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text')
        .addColumn('domain', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('retired_at', 'text')
        .execute();
      await withHead(db.schema.createTable('accountability_proposals'))
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('assignment_id', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('proposed_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .execute();
      await db.schema.createIndex('accountability_by_assignment').on('accountability_proposals').column('assignment_id').execute();
      await withHead(db.schema.createTable('agenda_items'))
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('body_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('route_kind', 'text', (c) => c.notNull())
        .addColumn('assignment_id', 'text')
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('returns', 'integer', (c) => c.notNull())
        .addColumn('session', 'text')
        .addColumn('first_submitted_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agenda_by_body').on('agenda_items').columns(['body_id', 'status']).execute();
      await db.schema.createIndex('agenda_by_assignment').on('agenda_items').column('assignment_id').execute();
    },
  };
}
