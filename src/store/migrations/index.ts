/** All migrations in order, for the dialect at hand; run by Kysely's Migrator. */
import type { Migration } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';
import { recordMigration } from './001-record.js';
import { accountsMigration } from './002-accounts-and-access.js';

/** The migrations keyed by name; names sort in the order they must run. */
export function allMigrations(caps: DialectCapabilities): Record<string, Migration> {
  return { '001-record': recordMigration(caps), '002-accounts-and-access': accountsMigration(caps) };
}
