/** All migrations in order, for the dialect at hand; run by Kysely's Migrator. */
import type { Migration } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';
import { recordMigration } from './001-record.js';
import { accountsMigration } from './002-accounts-and-access.js';
import { schedulerMigration } from './003-scheduler.js';
import { notificationsMigration } from './004-notifications.js';
import { calendarFeedsMigration } from './005-calendar-feeds.js';
import { ladderAndAgendaMigration } from './006-ladder-and-agenda.js';
import { assignmentsByDecisionMigration } from './007-assignments-by-decision.js';
import { importedTracesMigration } from './008-imported-traces.js';

/** The migrations keyed by name; names sort in the order they must run. */
export function allMigrations(caps: DialectCapabilities): Record<string, Migration> {
  return { '001-record': recordMigration(caps), '002-accounts-and-access': accountsMigration(caps), '003-scheduler': schedulerMigration(caps), '004-notifications': notificationsMigration(caps), '005-calendar-feeds': calendarFeedsMigration(caps), '006-ladder-and-agenda': ladderAndAgendaMigration(caps), '007-assignments-by-decision': assignmentsByDecisionMigration(caps), '008-imported-traces': importedTracesMigration(caps) };
}
