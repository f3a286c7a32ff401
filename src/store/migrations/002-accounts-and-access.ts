/**
 * Issue #4: who may see what, and accounts. Adds the unit an assignment sits in (its owner's), the
 * role grants projected from people's streams, and the tables of accounts, sessions, API tokens,
 * idempotency keys and server secrets. Accounts and sessions are not part of the record: they are
 * credentials, changed in place and never replayed.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

/** Adds access and accounts. */
export function accountsMigration(caps: DialectCapabilities): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('assignments').addColumn('unit_id', 'text').execute();
      await db.schema.alterTable('assignments').addColumn('case_holder_id', 'text').execute();
      // Databases made before this migration: the owner's unit and the case's holder, from each assignment's folded state.
      const rows = await sql<{ id: string; state: string }>`select id, state from assignments`.execute(db);
      for (const r of rows.rows) {
        const s = JSON.parse(r.state) as { ownerId: string; holderId: string; units: Record<string, string> };
        await sql`update assignments set unit_id = ${s.units[s.ownerId] ?? ''}, case_holder_id = ${s.holderId} where id = ${r.id}`.execute(db);
      }
      await db.schema.createIndex('assignments_unit').on('assignments').column('unit_id').execute();

      await caps
        .clusterByKey(
          db.schema
            .createTable('role_grants')
            .addColumn('person_id', 'text', (c) => c.notNull())
            .addColumn('role', 'text', (c) => c.notNull())
            .addColumn('scope_id', 'text', (c) => c.notNull())
            .addColumn('active', 'integer', (c) => c.notNull())
            .addPrimaryKeyConstraint('role_grants_pk', ['person_id', 'role', 'scope_id']),
        )
        .execute();

      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().unique())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text')
        .addColumn('oidc_subject', 'text', (c) => c.unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('credentials_changed_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('api_tokens_account').on('api_tokens').column('account_id').execute();

      await caps
        .clusterByKey(
          db.schema
            .createTable('idempotency')
            .addColumn('scope', 'text', (c) => c.notNull())
            .addColumn('key', 'text', (c) => c.notNull())
            .addColumn('fingerprint', 'text', (c) => c.notNull())
            .addColumn('outcome', 'text', (c) => c.notNull())
            .addColumn('created_at', 'text', (c) => c.notNull())
            .addPrimaryKeyConstraint('idempotency_pk', ['scope', 'key']),
        )
        .execute();

      await db.schema
        .createTable('secrets')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
