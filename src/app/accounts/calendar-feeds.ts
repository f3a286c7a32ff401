/**
 * Calendar feeds: each person may have one live iCalendar feed of their deadlines, reached by a
 * secret URL token (`pvc_` followed by a random secret) without any session, as calendar clients
 * need. Only the token's sha256 is stored, in a table of its own (never among API tokens), so the
 * token opens the feed and nothing else: it is no bearer credential of the API. Making a feed
 * replaces the one before (rotation: the old URL stops working at once); revoking ends it.
 */
import { toInstant } from '../../domain/time.js';
import type { AccountRecord, CalendarFeedRecord } from '../../store/accounts.js';
import type { Store } from '../../store/port.js';
import { randomSecret, secretHash } from './secrets.js';

/** What every feed token starts with (API tokens start with `pvk_`, and only those are bearer tokens). */
export const FEED_TOKEN_PREFIX = 'pvc_';

/** A feed token's shape: the prefix and 32 random bytes in base64url. */
export const FEED_TOKEN = /^pvc_[A-Za-z0-9_-]{43}$/;

/** A new feed for an account, not stored yet: its record and its secret token. */
export function newCalendarFeed(accountId: string, now: number): { readonly token: string; readonly record: CalendarFeedRecord } {
  const token = `${FEED_TOKEN_PREFIX}${randomSecret()}`;
  return { token, record: { id: `cal_${randomSecret(9)}`, accountId, tokenHash: secretHash(token), createdAt: toInstant(now), revokedAt: null } };
}

/** Makes a new live feed for the account, revoking the one it had; the token is returned once and never stored. */
export async function issueCalendarFeed(store: Store, accountId: string, now: number): Promise<{ readonly token: string; readonly record: CalendarFeedRecord }> {
  const made = newCalendarFeed(accountId, now);
  await store.accounts.replaceCalendarFeed(made.record);
  return made;
}

/** The live feed and its (enabled) account for a feed token, or undefined: unknown, revoked, malformed, or its account disabled. */
export async function resolveCalendarFeed(store: Store, token: string): Promise<{ readonly feed: CalendarFeedRecord; readonly account: AccountRecord } | undefined> {
  if (!FEED_TOKEN.test(token)) return undefined;
  const feed = await store.accounts.calendarFeedByHash(secretHash(token));
  if (feed === undefined || feed.revokedAt !== null) return undefined;
  const account = await store.accounts.byId(feed.accountId);
  if (account === undefined || account.disabledAt !== null) return undefined;
  return { feed, account };
}

/** Ends the account's live feed, if it has one (true then); doing it again changes nothing. */
export function revokeCalendarFeed(store: Store, accountId: string, now: number): Promise<boolean> {
  return store.accounts.revokeCalendarFeed(accountId, toInstant(now));
}
