/**
 * Browser sessions. The session id is a random secret given to the browser in a cookie; only its
 * sha256 is stored. A session ends when revoked (logout), when the account's credentials change,
 * after 30 minutes without a request (idle) and after 12 hours whatever happens (absolute). Each
 * session carries its own CSRF token, which unsafe requests must echo in a header.
 */
import { toInstant, toMs } from '../../domain/time.js';
import type { AccountRecord, SessionRecord } from '../../store/accounts.js';
import type { Store } from '../../store/port.js';
import { randomSecret, secretHash } from './secrets.js';

/** How long a session may sit unused. */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
/** How long a session lasts at most. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 3_600_000;
/** Activity is written at most this often per session. */
const TOUCH_EVERY_MS = 60_000;

/** A new session: the secret id for the cookie and the CSRF token for the page. */
export interface NewSession {
  readonly id: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/** Opens a session for an account (a fresh id every time: a login never reuses the session it came with). */
export async function openSession(store: Store, accountId: string, now: number): Promise<NewSession> {
  const id = randomSecret();
  const csrfToken = randomSecret();
  const expiresAt = toInstant(now + ABSOLUTE_TIMEOUT_MS);
  const at = toInstant(now);
  await store.accounts.createSession({ idHash: secretHash(id), accountId, csrfToken, createdAt: at, lastSeenAt: at, expiresAt, revokedAt: null });
  return { id, csrfToken, expiresAt };
}

/** The live session and its account for a session id, or undefined if it ended (and why not, for the logs). */
export async function resumeSession(
  store: Store,
  id: string,
  now: number,
): Promise<{ readonly session: SessionRecord; readonly account: AccountRecord } | { readonly ended: string }> {
  const session = await store.accounts.session(secretHash(id));
  if (session === undefined) return { ended: 'unknown session' };
  if (session.revokedAt !== null) return { ended: 'session ended' };
  if (now >= toMs(session.expiresAt)) return { ended: 'session expired' };
  if (now - toMs(session.lastSeenAt) >= IDLE_TIMEOUT_MS) return { ended: 'session idle too long' };
  const account = await store.accounts.byId(session.accountId);
  if (account === undefined || account.disabledAt !== null) return { ended: 'account disabled' };
  if (account.credentialsChangedAt > session.createdAt) return { ended: 'credentials changed' };
  if (now - toMs(session.lastSeenAt) >= TOUCH_EVERY_MS) await store.accounts.touchSession(session.idHash, toInstant(now));
  return { session, account };
}

/** Ends a session (logout). */
export async function closeSession(store: Store, id: string, now: number): Promise<void> {
  await store.accounts.revokeSession(secretHash(id), toInstant(now));
}
