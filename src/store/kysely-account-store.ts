/**
 * The account store over Kysely: reads through Kysely on the primary, writes through the write
 * driver (on SQLite that is the one connection allowed to write while the process runs). Not a hot
 * path: statements are compiled each time.
 */
import type { Compilable, Kysely } from 'kysely';
import type { AccountRecord, AccountStore, CalendarFeedRecord, SessionRecord, TokenRecord } from './accounts.js';
import type { DialectCapabilities } from './dialect.js';
import type { WriteDriver } from './driver.js';
import { StoreError } from './errors.js';
import type { AccountsTable, ApiTokensTable, CalendarFeedsTable, Database, SessionsTable } from './schema.js';

function account(r: AccountsTable): AccountRecord {
  return {
    id: r.id,
    personId: r.person_id,
    username: r.username,
    passwordHash: r.password_hash,
    oidcSubject: r.oidc_subject,
    createdAt: r.created_at,
    credentialsChangedAt: r.credentials_changed_at,
    disabledAt: r.disabled_at,
  };
}

function session(r: SessionsTable): SessionRecord {
  return { idHash: r.id_hash, accountId: r.account_id, csrfToken: r.csrf_token, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at, revokedAt: r.revoked_at };
}

function token(r: ApiTokensTable): TokenRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    name: r.name,
    tokenHash: r.token_hash,
    scopes: r.scopes.split(' ').filter((s) => s !== ''),
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

function calendarFeed(r: CalendarFeedsTable): CalendarFeedRecord {
  return { id: r.id, accountId: r.account_id, tokenHash: r.token_hash, createdAt: r.created_at, revokedAt: r.revoked_at };
}

/** Accounts, sessions, tokens and secrets on a Kysely database. */
export class KyselyAccountStore implements AccountStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly writer: WriteDriver,
    private readonly caps: DialectCapabilities,
  ) {}

  private async write(...queries: Compilable[]): Promise<void> {
    try {
      await this.writer.transaction(async (c) => {
        for (const q of queries) {
          const { sql, parameters } = q.compile();
          await c.run(sql, parameters);
        }
      });
    } catch (error) {
      if (this.caps.isConflict(error) && !this.caps.isTransient(error)) throw new StoreError('DUPLICATE', 'an account with that username, person or identity already exists');
      throw error;
    }
  }

  create(a: AccountRecord): Promise<void> {
    return this.write(
      this.db.insertInto('accounts').values({
        id: a.id,
        person_id: a.personId,
        username: a.username,
        password_hash: a.passwordHash,
        oidc_subject: a.oidcSubject,
        created_at: a.createdAt,
        credentials_changed_at: a.credentialsChangedAt,
        disabled_at: a.disabledAt,
      }),
    );
  }

  private async one(column: 'id' | 'username' | 'person_id' | 'oidc_subject', value: string): Promise<AccountRecord | undefined> {
    const r = await this.db.selectFrom('accounts').selectAll().where(column, '=', value).executeTakeFirst();
    return r === undefined ? undefined : account(r);
  }

  byId(id: string): Promise<AccountRecord | undefined> {
    return this.one('id', id);
  }

  byUsername(username: string): Promise<AccountRecord | undefined> {
    return this.one('username', username);
  }

  byPerson(personId: string): Promise<AccountRecord | undefined> {
    return this.one('person_id', personId);
  }

  bySubject(subject: string): Promise<AccountRecord | undefined> {
    return this.one('oidc_subject', subject);
  }

  setPassword(accountId: string, passwordHash: string, at: string): Promise<void> {
    return this.write(
      this.db.updateTable('accounts').set({ password_hash: passwordHash, credentials_changed_at: at }).where('id', '=', accountId),
      this.db.updateTable('sessions').set({ revoked_at: at }).where('account_id', '=', accountId).where('revoked_at', 'is', null),
    );
  }

  setSubject(accountId: string, subject: string): Promise<void> {
    return this.write(this.db.updateTable('accounts').set({ oidc_subject: subject }).where('id', '=', accountId));
  }

  disable(accountId: string, at: string): Promise<void> {
    return this.write(
      this.db.updateTable('accounts').set({ disabled_at: at }).where('id', '=', accountId),
      this.db.updateTable('sessions').set({ revoked_at: at }).where('account_id', '=', accountId).where('revoked_at', 'is', null),
      this.db.updateTable('api_tokens').set({ revoked_at: at }).where('account_id', '=', accountId).where('revoked_at', 'is', null),
      this.db.updateTable('calendar_feeds').set({ revoked_at: at }).where('account_id', '=', accountId).where('revoked_at', 'is', null),
    );
  }

  createSession(s: SessionRecord): Promise<void> {
    return this.write(
      this.db.insertInto('sessions').values({
        id_hash: s.idHash,
        account_id: s.accountId,
        csrf_token: s.csrfToken,
        created_at: s.createdAt,
        last_seen_at: s.lastSeenAt,
        expires_at: s.expiresAt,
        revoked_at: s.revokedAt,
      }),
    );
  }

  async session(idHash: string): Promise<SessionRecord | undefined> {
    const r = await this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return r === undefined ? undefined : session(r);
  }

  touchSession(idHash: string, at: string): Promise<void> {
    return this.write(this.db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash));
  }

  revokeSession(idHash: string, at: string): Promise<void> {
    return this.write(this.db.updateTable('sessions').set({ revoked_at: at }).where('id_hash', '=', idHash).where('revoked_at', 'is', null));
  }

  revokeSessions(accountId: string, at: string): Promise<void> {
    return this.write(this.db.updateTable('sessions').set({ revoked_at: at }).where('account_id', '=', accountId).where('revoked_at', 'is', null));
  }

  createToken(t: TokenRecord): Promise<void> {
    return this.write(
      this.db.insertInto('api_tokens').values({
        id: t.id,
        account_id: t.accountId,
        name: t.name,
        token_hash: t.tokenHash,
        scopes: t.scopes.join(' '),
        created_at: t.createdAt,
        last_used_at: t.lastUsedAt,
        revoked_at: t.revokedAt,
      }),
    );
  }

  async tokenByHash(tokenHash: string): Promise<TokenRecord | undefined> {
    const r = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return r === undefined ? undefined : token(r);
  }

  async tokens(accountId: string): Promise<TokenRecord[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().where('account_id', '=', accountId).orderBy('created_at').execute();
    return rows.map(token);
  }

  revokeToken(id: string, at: string): Promise<void> {
    return this.write(this.db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null));
  }

  touchToken(id: string, at: string): Promise<void> {
    return this.write(this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id));
  }

  async replaceCalendarFeed(f: CalendarFeedRecord): Promise<void> {
    // On PostgreSQL the account's row is locked first, so that two replacements of one account run one after the other.
    const lock = this.db.selectFrom('accounts').select('id').where('id', '=', f.accountId).forUpdate().compile();
    const stored = this.db.selectFrom('calendar_feeds').select('id').where('id', '=', f.id).compile();
    const revoke = this.db.updateTable('calendar_feeds').set({ revoked_at: f.createdAt }).where('account_id', '=', f.accountId).where('revoked_at', 'is', null).compile();
    const insert = this.db.insertInto('calendar_feeds').values({ id: f.id, account_id: f.accountId, token_hash: f.tokenHash, created_at: f.createdAt, revoked_at: f.revokedAt }).compile();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.writer.transaction(async (c) => {
          if (this.caps.rowLocks) await c.all(lock.sql, lock.parameters);
          if ((await c.all(stored.sql, stored.parameters)).length > 0) return;
          await c.run(revoke.sql, revoke.parameters);
          await c.run(insert.sql, insert.parameters);
        });
        return;
      } catch (error) {
        // A concurrent replacement got there first (the one-live-feed index, or the same feed stored by a replay): run again on what it left.
        if (!this.caps.isConflict(error) || attempt >= 4) throw error;
      }
    }
  }

  async calendarFeedByHash(tokenHash: string): Promise<CalendarFeedRecord | undefined> {
    const r = await this.db.selectFrom('calendar_feeds').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return r === undefined ? undefined : calendarFeed(r);
  }

  revokeCalendarFeed(accountId: string, at: string): Promise<boolean> {
    const live = this.db.selectFrom('calendar_feeds').select('id').where('account_id', '=', accountId).where('revoked_at', 'is', null).compile();
    const revoke = this.db.updateTable('calendar_feeds').set({ revoked_at: at }).where('account_id', '=', accountId).where('revoked_at', 'is', null).compile();
    return this.writer.transaction(async (c) => {
      if ((await c.all(live.sql, live.parameters)).length === 0) return false;
      await c.run(revoke.sql, revoke.parameters);
      return true;
    });
  }

  async secret(name: string, make: () => string): Promise<string> {
    const found = await this.db.selectFrom('secrets').select('value').where('name', '=', name).executeTakeFirst();
    if (found !== undefined) return found.value;
    try {
      await this.write(this.db.insertInto('secrets').values({ name, value: make() }));
    } catch (error) {
      if (!(error instanceof StoreError && error.code === 'DUPLICATE')) throw error;
    }
    const made = await this.db.selectFrom('secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
    return made.value;
  }
}
