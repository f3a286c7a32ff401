/**
 * Making a calendar feed under an Idempotency-Key, the way API tokens are made (token-replay.ts):
 * the feed is made first, not yet stored, and its token sealed with AES-256-GCM under a key derived
 * (HKDF-SHA256) from a server key AND the client's Idempotency-Key, which is never stored itself.
 * The sealed feed is what the idempotency table remembers; every request with the key unseals the
 * one remembered feed and stores it if it is not stored yet. So one key rotates the feed once, every
 * answer carries the same URL, and the database alone never yields the token.
 */
import type { CalendarFeedRecord } from '../../store/accounts.js';
import type { Store } from '../../store/port.js';
import { appFail, type AppResult } from '../errors.js';
import { newCalendarFeed } from './calendar-feeds.js';
import { openSecret, sealSecret, type ReplayKey, type Sealed } from './sealed-secret.js';
import { secretHash } from './secrets.js';

/** A feed made but perhaps not yet stored: its record, and its token sealed under the replay key. */
export interface SealedCalendarFeed extends Sealed {
  readonly record: CalendarFeedRecord;
}

const PURPOSE = { serverKey: 'calendar-feed-replay-key', info: 'proverka calendar-feed replay' } as const;

/** Makes a feed for an account (nothing stored yet) and seals its token for replays of this key. */
export async function sealNewCalendarFeed(store: Store, accountId: string, now: number, replay: ReplayKey): Promise<SealedCalendarFeed> {
  const { token, record } = newCalendarFeed(accountId, now);
  return { record, ...(await sealSecret(store, PURPOSE, replay, accountId, token)) };
}

/**
 * The token of a sealed feed, checked against its record's hash. The feed is stored (replacing the
 * account's live one) unless it was stored before: a replay after a later rotation or a revocation
 * answers the first answer again and brings nothing back to life.
 */
export async function keepSealedCalendarFeed(store: Store, sealed: SealedCalendarFeed, replay: ReplayKey): Promise<AppResult<{ readonly token: string; readonly record: CalendarFeedRecord }>> {
  const token = await openSecret(store, PURPOSE, replay, sealed.record.accountId, sealed);
  if (token === undefined || secretHash(token) !== sealed.record.tokenHash) return appFail('CONFLICT', 'the calendar feed made for this Idempotency-Key cannot be recovered; use another key');
  // replaceCalendarFeed does nothing when a concurrent request with the same key stored it first.
  if ((await store.accounts.calendarFeedByHash(sealed.record.tokenHash)) === undefined) await store.accounts.replaceCalendarFeed(sealed.record);
  return { ok: true, value: { token, record: sealed.record } };
}
