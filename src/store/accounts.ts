/**
 * The account store port: logins, sessions, API tokens and server secrets. These are credentials,
 * not part of the record: they change in place and are never replayed. Only hashes of session ids
 * and tokens are kept.
 */

/** A login account of a person. */
export interface AccountRecord {
  readonly id: string;
  readonly personId: string;
  readonly username: string;
  /** argon2id hash (PHC string), or null for an account that signs in only through OpenID Connect. */
  readonly passwordHash: string | null;
  /** `issuer#subject` of a linked OpenID Connect identity, or null. */
  readonly oidcSubject: string | null;
  readonly createdAt: string;
  /** When the password or linked identity last changed: sessions older than this are void. */
  readonly credentialsChangedAt: string;
  readonly disabledAt: string | null;
}

/** A browser session, known by the hash of its id. */
export interface SessionRecord {
  readonly idHash: string;
  readonly accountId: string;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  /** The absolute end of the session, whatever its activity. */
  readonly expiresAt: string;
  readonly revokedAt: string | null;
}

/** An API token for a machine, known by the hash of its secret. */
export interface TokenRecord {
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
  readonly tokenHash: string;
  readonly scopes: readonly string[];
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** A calendar feed of a person's deadlines, known by the hash of its secret URL token. */
export interface CalendarFeedRecord {
  readonly id: string;
  readonly accountId: string;
  readonly tokenHash: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** Storage of accounts, sessions, tokens and secrets. Unique username, person and identity are enforced (StoreError DUPLICATE). */
export interface AccountStore {
  create(account: AccountRecord): Promise<void>;
  byId(id: string): Promise<AccountRecord | undefined>;
  byUsername(username: string): Promise<AccountRecord | undefined>;
  byPerson(personId: string): Promise<AccountRecord | undefined>;
  bySubject(subject: string): Promise<AccountRecord | undefined>;
  /** Sets a new password hash and marks the credentials changed (which ends every session of the account). */
  setPassword(accountId: string, passwordHash: string, at: string): Promise<void>;
  /** Links an OpenID Connect identity. */
  setSubject(accountId: string, subject: string): Promise<void>;
  disable(accountId: string, at: string): Promise<void>;

  createSession(session: SessionRecord): Promise<void>;
  session(idHash: string): Promise<SessionRecord | undefined>;
  touchSession(idHash: string, at: string): Promise<void>;
  revokeSession(idHash: string, at: string): Promise<void>;
  revokeSessions(accountId: string, at: string): Promise<void>;

  createToken(token: TokenRecord): Promise<void>;
  tokenByHash(tokenHash: string): Promise<TokenRecord | undefined>;
  tokens(accountId: string): Promise<TokenRecord[]>;
  revokeToken(id: string, at: string): Promise<void>;
  touchToken(id: string, at: string): Promise<void>;

  /** Makes the feed its account's one live calendar feed, revoking the one before in the same transaction; nothing changes if a feed with its id is stored already. */
  replaceCalendarFeed(feed: CalendarFeedRecord): Promise<void>;
  calendarFeedByHash(tokenHash: string): Promise<CalendarFeedRecord | undefined>;
  /** Revokes the account's live calendar feed; false when it had none. */
  revokeCalendarFeed(accountId: string, at: string): Promise<boolean>;

  /** The named secret, made by `make` the first time any process asks (the first writer wins). */
  secret(name: string, make: () => string): Promise<string>;
}
