/**
 * Fixtures of signing in and out and of the caller's own credentials. Signing in is public (each
 * caller signs in as themselves; anonymous as the plain person); everything else is about the
 * caller's own session, password or tokens, never another's. Tokens and the password are managed
 * from a browser session only: the read-only administrator, who calls with a token, is refused.
 */
import { issueToken } from '../../../src/app/accounts/tokens.js';
import { PASSWORD, type Answer } from '../../support/api-world.js';
import { op, type OperationFixture, type Verdict } from './fixture.js';
import { signedIn } from './policy.js';
import { callerOf, type CallerKey } from './roles.js';
import { usernameOf, type Auth, type AuthzWorld } from './world.js';

/** Every token of every account, with its revocation: what a refused token call must leave alone. */
async function tokenCensus(w: AuthzWorld): Promise<string[]> {
  const out: string[] = [];
  for (const a of w.accountIds()) for (const t of await w.store.accounts.tokens(a)) out.push(`${t.id}:${t.revokedAt ?? 'live'}`);
  return out.sort();
}

/** Callers who manage their own credentials: anyone signed in through a session (the read-only administrator calls with a token). */
function ownCredentials(caller: CallerKey): Verdict {
  return signedIn(caller) && caller !== 'readonly:administrator' ? 'allow' : 'deny';
}

/** A session for everyone who has a person, except the read-only administrator (their token); `new-session` for a call that ends it. */
function sessionAuth(caller: CallerKey, ends = false): Auth {
  if (caller === 'readonly:administrator') return 'token';
  return ends ? 'new-session' : 'session';
}

/** No session cookie may come out of a refused single sign-on callback. */
function noSession(answer: Answer): string | undefined {
  const set = answer.raw.cookies.find((c) => c.name === 'proverka_session' && c.value !== '');
  return set === undefined ? undefined : `the callback opened a session (${answer.status})`;
}

/** The fixtures of the auth operations. */
export const AUTH_OPERATIONS: readonly OperationFixture[] = [
  op({
    operationId: 'login',
    method: 'POST',
    path: '/api/v1/auth/login',
    prepare(_w, caller) {
      const personId = callerOf(caller).personId ?? callerOf('plain').personId ?? '';
      return Promise.resolve({ url: '/api/v1/auth/login', body: { username: usernameOf(personId), password: PASSWORD }, auth: 'none' });
    },
    verdict: () => 'allow',
  }),
  op({
    operationId: 'logout',
    method: 'POST',
    path: '/api/v1/auth/logout',
    prepare: (_w, caller) => Promise.resolve({ url: '/api/v1/auth/logout', auth: sessionAuth(caller, true) }),
    // Ending one's own session (or none) is open to anyone.
    verdict: () => 'allow',
  }),
  op({
    operationId: 'currentSession',
    method: 'GET',
    path: '/api/v1/auth/session',
    prepare: () => Promise.resolve({ url: '/api/v1/auth/session' }),
    verdict: (caller) => (signedIn(caller) ? 'allow' : 'deny'),
  }),
  op({
    operationId: 'changePassword',
    method: 'POST',
    path: '/api/v1/auth/password',
    prepare(w, caller) {
      const personId = callerOf(caller).personId;
      const footprint = async (): Promise<unknown> => {
        if (personId === null) return null;
        const a = await w.store.accounts.byId(w.account(caller));
        return [a?.passwordHash, a?.credentialsChangedAt];
      };
      // The same password again: the caller can still sign in for the operations after this one.
      return Promise.resolve({ url: '/api/v1/auth/password', body: { currentPassword: PASSWORD, newPassword: PASSWORD }, auth: sessionAuth(caller, true), footprint });
    },
    verdict: ownCredentials,
  }),
  op({
    operationId: 'listTokens',
    method: 'GET',
    path: '/api/v1/auth/tokens',
    prepare: (_w, caller) => Promise.resolve({ url: '/api/v1/auth/tokens', auth: sessionAuth(caller) }),
    verdict: ownCredentials,
  }),
  op({
    operationId: 'createToken',
    method: 'POST',
    path: '/api/v1/auth/tokens',
    prepare(w, caller) {
      const n = w.next();
      return Promise.resolve({
        url: '/api/v1/auth/tokens',
        body: { name: `zqc-minted-${n}`, scopes: ['read'] },
        headers: { 'idempotency-key': `authz-token-${n}` },
        auth: sessionAuth(caller),
        footprint: () => tokenCensus(w),
      });
    },
    verdict: ownCredentials,
  }),
  op({
    operationId: 'revokeToken',
    method: 'DELETE',
    path: '/api/v1/auth/tokens/{id}',
    // The target is a token of the owner's account: only the owner, in a session, revokes it.
    async prepare(w, caller) {
      const n = w.next();
      const name = `zqt-victim-${n}`;
      const issued = await issueToken(w.store, w.account('party:owner'), name, ['read'], w.world.clock.now());
      if (!issued.ok) throw new Error(issued.error.message);
      w.markers.plant({ kind: 'token', id: issued.value.record.id, personId: w.person('party:owner') }, [name]);
      return { url: `/api/v1/auth/tokens/${issued.value.record.id}`, auth: sessionAuth(caller), footprint: () => tokenCensus(w) };
    },
    verdict: (caller) => (caller === 'party:owner' ? 'allow' : 'deny'),
  }),
  op({
    operationId: 'oidcLogin',
    method: 'GET',
    path: '/api/v1/auth/oidc/login',
    prepare: () => Promise.resolve({ url: '/api/v1/auth/oidc/login?returnTo=/' }),
    verdict: () => 'allow',
  }),
  op({
    operationId: 'oidcCallback',
    method: 'GET',
    path: '/api/v1/auth/oidc/callback',
    // Nobody went through the provider: whoever calls, no session comes out of it.
    prepare: () => Promise.resolve({ url: '/api/v1/auth/oidc/callback?code=forged-code&state=forged-state', inspect: noSession }),
    verdict: () => 'deny',
  }),
];
