/**
 * Fixtures of the caller's own calendar feed (issue #5): made and ended from a browser session
 * only, like API tokens: anonymous is refused, and so is the read-only administrator, who calls with
 * a token. The feed's own URL (/calendar/<token>.ics) is outside the OpenAPI document; its rules are
 * tested in test/api/calendar-feed.test.ts.
 */
import { issueCalendarFeed } from '../../../src/app/accounts/calendar-feeds.js';
import { op, type OperationFixture, type Verdict } from './fixture.js';
import { signedIn } from './policy.js';
import { callerOf, type CallerKey } from './roles.js';
import type { Auth, AuthzWorld } from './world.js';

/** Every calendar feed of every account, with its revocation: what a refused feed call must leave alone. */
async function feedCensus(w: AuthzWorld): Promise<string[]> {
  const rows = await w.store.db.selectFrom('calendar_feeds').select(['id', 'account_id', 'revoked_at']).execute();
  return rows.map((r) => `${r.account_id}:${r.id}:${r.revoked_at ?? 'live'}`).sort();
}

/** A session for everyone who has a person, except the read-only administrator (their token). */
function sessionAuth(caller: CallerKey): Auth {
  return caller === 'readonly:administrator' ? 'token' : 'session';
}

/** Callers who manage their own feed: anyone signed in through a session. */
function ownFeed(caller: CallerKey): Verdict {
  return signedIn(caller) && caller !== 'readonly:administrator' ? 'allow' : 'deny';
}

/** The fixtures of the calendar feed operations. */
export const CALENDAR_OPERATIONS: readonly OperationFixture[] = [
  op({
    operationId: 'createCalendarFeed',
    method: 'POST',
    path: '/api/v1/auth/calendar-feed',
    prepare(w, caller) {
      const n = w.next();
      return Promise.resolve({ url: '/api/v1/auth/calendar-feed', headers: { 'idempotency-key': `authz-calendar-${n}` }, auth: sessionAuth(caller), footprint: () => feedCensus(w) });
    },
    verdict: ownFeed,
  }),
  op({
    operationId: 'revokeCalendarFeed',
    method: 'DELETE',
    path: '/api/v1/auth/calendar-feed',
    // The caller has a live feed first, so that a refused call that ended it would show in the census.
    async prepare(w, caller) {
      if (callerOf(caller).personId !== null) await issueCalendarFeed(w.store, w.account(caller), w.world.clock.now());
      return { url: '/api/v1/auth/calendar-feed', auth: sessionAuth(caller), footprint: () => feedCensus(w) };
    },
    verdict: ownFeed,
  }),
];
