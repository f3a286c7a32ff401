/**
 * Single sign-on with OpenID Connect, registered only when the server has `oidc` options.
 * GET /auth/oidc/login sends the browser to the provider; the sign-in in progress (state, nonce,
 * PKCE verifier) waits in a sealed, HttpOnly, SameSite=Lax cookie for 10 minutes. GET
 * /auth/oidc/callback checks the provider's answer, finds the account linked to `issuer#subject`
 * (never by name or e-mail: an unlinked identity is refused), opens a new session (ending the one
 * the browser came with) and sends the browser on. The callback is rate limited per address.
 */
import { z } from 'zod';
import { OidcError, OidcRelyingParty, openTransaction, OIDC_TRANSACTION_TTL_MS, sealTransaction } from '../../app/accounts/oidc.js';
import { randomSecret } from '../../app/accounts/secrets.js';
import { closeSession, openSession } from '../../app/accounts/sessions.js';
import type { Api } from '../api.js';
import { problems, problemSchema } from '../api.js';
import { denied } from '../auth.js';
import { sendProblem } from '../problem.js';
import type { ServerOptions } from '../options.js';
import { attemptLimiter, DEFAULT_LOGIN_RATE_LIMIT } from '../rate-limit.js';
import { setSessionCookie } from './auth.routes.js';

/** The cookie holding a sign-in in progress. */
export const OIDC_COOKIE = 'proverka_oidc';
const COOKIE_PATH = '/api/v1/auth/oidc';

const returnTo = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[\x21-\x7e]*$/, 'a path of this server, starting with one /')
  .describe('Where to go after signing in: a path of this server (default /)');

const callbackQuery = z
  .object({
    code: z.string().max(4000).optional(),
    state: z.string().max(1000).optional(),
    iss: z.string().max(1000).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(2000).optional(),
  })
  .loose();

/** Registers /api/v1/auth/oidc/* when single sign-on is configured. */
export function oidcRoutes(api: Api, options: ServerOptions): void {
  const settings = options.oidc;
  if (settings === undefined) return;
  const store = options.app.store;
  const secure = options.secure === true;
  const party = new OidcRelyingParty(settings);
  const limit = options.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT;
  // Everybody behind one address signs in through here: a looser limit than the password's, per address.
  const callbacks = attemptLimiter(api, limit === false ? false : { max: limit.max * 10, timeWindowMs: limit.timeWindowMs });
  const cookieKey = (): Promise<string> => store.accounts.secret('oidc-transaction-key', () => randomSecret());
  const cookieOptions = { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax' as const, secure };

  api.get(
    '/api/v1/auth/oidc/login',
    {
      schema: {
        tags: ['auth'],
        operationId: 'oidcLogin',
        summary: 'Sign in through the OpenID provider: redirects there (authorization code flow with PKCE)',
        security: [],
        querystring: z.object({ returnTo: returnTo.optional() }).strict(),
        response: { 302: z.null().describe('To the provider'), ...problems, 502: problemSchema },
      },
    },
    async (request, reply) => {
      let started: Awaited<ReturnType<OidcRelyingParty['begin']>>;
      try {
        started = await party.begin(request.query.returnTo ?? '/');
      } catch (error) {
        if (!(error instanceof OidcError)) throw error;
        request.log.error({ event: 'oidc-unavailable', err: error }, 'single sign-on unavailable');
        return sendProblem(reply, 'OIDC_UNAVAILABLE', error.message);
      }
      reply.setCookie(OIDC_COOKIE, sealTransaction(started.transaction, await cookieKey(), options.clock.now()), { ...cookieOptions, maxAge: OIDC_TRANSACTION_TTL_MS / 1000 });
      return reply.redirect(started.url, 302);
    },
  );

  api.get(
    '/api/v1/auth/oidc/callback',
    {
      schema: {
        tags: ['auth'],
        operationId: 'oidcCallback',
        summary: "Where the OpenID provider sends the browser back: checks its answer, opens a session for the linked account and redirects to the page asked for. The browser's earlier session ends.",
        security: [],
        querystring: callbackQuery,
        response: { 302: z.null().describe('Signed in: to the page asked for'), ...problems, 429: problemSchema, 502: problemSchema },
      },
    },
    async (request, reply) => {
      if (!(await callbacks.allow(request, reply, `oidc\u0000${request.ip}`))) return reply;
      const now = options.clock.now();
      const transaction = openTransaction(request.cookies[OIDC_COOKIE], await cookieKey(), now);
      // Single use, whatever happens next.
      reply.clearCookie(OIDC_COOKIE, cookieOptions);
      if (transaction === undefined) {
        request.log.warn({ event: 'access-denied', what: 'oidc callback', why: 'no sign-in in progress in this browser' }, 'access denied');
        return sendProblem(reply, 'OIDC_FAILED', 'no sign-in is in progress in this browser, or it took longer than 10 minutes: start again at /api/v1/auth/oidc/login');
      }
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      let identity: Awaited<ReturnType<OidcRelyingParty['finish']>>;
      try {
        identity = await party.finish(query, transaction);
      } catch (error) {
        if (!(error instanceof OidcError)) throw error;
        if (error.kind === 'unavailable') {
          request.log.error({ event: 'oidc-unavailable', err: error }, 'single sign-on unavailable');
          return sendProblem(reply, 'OIDC_UNAVAILABLE', error.message);
        }
        request.log.warn({ event: 'access-denied', what: 'oidc callback', why: error.message }, 'access denied');
        return sendProblem(reply, 'OIDC_FAILED', `single sign-on failed: ${error.message}`);
      }
      const account = await store.accounts.bySubject(identity.subject);
      if (account === undefined) {
        denied(request, identity.subject, `no account is linked to this identity${identity.hint === null ? '' : ` (the provider calls it ${identity.hint})`}`);
        return sendProblem(reply, 'OIDC_NOT_LINKED', `the identity ${identity.subject} is not linked to any account here: an administrator links it (proverka user add --oidc-subject '${identity.subject}')`, { subject: identity.subject });
      }
      if (account.disabledAt !== null) {
        denied(request, account.personId, 'account disabled');
        return sendProblem(reply, 'FORBIDDEN', 'this account is disabled');
      }
      // A new session id at every login; the one the browser came with (if any) ends.
      if (request.sessionId !== null) await closeSession(store, request.sessionId, now);
      const session = await openSession(store, account.id, now);
      setSessionCookie(reply, session, secure);
      request.log.info({ event: 'login', who: account.personId, via: 'oidc', subject: identity.subject }, 'signed in');
      return reply.redirect(transaction.returnTo, 302);
    },
  );
}
