/**
 * Signing in and out with a password, the current session (with its CSRF token), and changing the
 * password. Login and password change are rate limited (rate-limit.ts). A login always opens a new
 * session and ends the one the browser came with; a password change ends every session of the
 * account, this one included.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { authenticate, changePassword } from '../../app/accounts/accounts.js';
import { MIN_PASSWORD_LENGTH, verifyPassword } from '../../app/accounts/passwords.js';
import { secretHash } from '../../app/accounts/secrets.js';
import { closeSession, openSession, type NewSession } from '../../app/accounts/sessions.js';
import type { Api } from '../api.js';
import { problems, problemSchema } from '../api.js';
import { denied, SESSION_COOKIE } from '../auth.js';
import { sendAppError, sendProblem } from '../problem.js';
import type { ServerOptions } from '../options.js';
import { attemptLimiter, DEFAULT_LOGIN_RATE_LIMIT } from '../rate-limit.js';

/** Text without control characters (PostgreSQL refuses NUL in text; none belongs in a name): the same with or without the `u` flag, for generators reading the OpenAPI pattern. */
export const NO_CONTROL_CHARACTERS = /^[^\x00-\x1f\x7f-\x9f]+$/;

const sessionSchema = z.object({ personId: z.string(), accountId: z.string(), via: z.enum(['session', 'token']), csrfToken: z.string().nullable() });

/** Gives the browser a session: its id in an HttpOnly, SameSite=Lax cookie, Secure when the server is reached over TLS, ending with the session. */
export function setSessionCookie(reply: FastifyReply, session: NewSession, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, session.id, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: new Date(session.expiresAt) });
}

/** Tells the browser to forget its session cookie. */
export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/** How one may sign in here: always with a password; with single sign-on when the server has OpenID Connect options. */
export const authMethodsSchema = z.object({ password: z.literal(true), oidc: z.boolean().describe('True when GET /api/v1/auth/oidc/login exists') });

/** Registers /api/v1/auth/* (methods, login, logout, session, password). */
export function authRoutes(api: Api, options: ServerOptions): void {
  const store = options.app.store;
  const secure = options.secure === true;
  const limit = options.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT;
  const logins = attemptLimiter(api, limit);
  const passwordChanges = attemptLimiter(api, limit);

  api.get(
    '/api/v1/auth/methods',
    { schema: { tags: ['auth'], operationId: 'authMethods', summary: 'How one may sign in here: password, and single sign-on when configured (public)', security: [], response: { 200: authMethodsSchema, ...problems } } },
    () => ({ password: true as const, oidc: options.oidc !== undefined }),
  );

  api.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        operationId: 'login',
        summary: 'Sign in with a username and password: a new session (its id in an HttpOnly cookie) and its CSRF token. Limited to a few attempts per address and username.',
        security: [],
        body: z.object({ username: z.string().min(1).max(100).regex(NO_CONTROL_CHARACTERS, 'no control characters'), password: z.string().min(1).max(1000) }).strict(),
        response: { 200: sessionSchema, ...problems, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const username = request.body.username.trim().toLowerCase();
      if (!(await logins.allow(request, reply, `login\u0000${request.ip}\u0000${username}`))) return reply;
      const now = options.clock.now();
      const account = await authenticate(store, username, request.body.password);
      if (!account.ok) {
        request.log.warn({ event: 'access-denied', who: username, what: 'login', why: 'wrong username or password' }, 'access denied');
        return sendAppError(reply, account.error);
      }
      // A new session id at every login; the one the browser came with (if any) ends.
      if (request.sessionId !== null) await closeSession(store, request.sessionId, now);
      const session = await openSession(store, account.value.id, now);
      setSessionCookie(reply, session, secure);
      return { personId: account.value.personId, accountId: account.value.id, via: 'session' as const, csrfToken: session.csrfToken };
    },
  );

  api.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], operationId: 'logout', summary: 'End the current session', response: { 204: z.null(), ...problems } } },
    async (request, reply) => {
      if (request.sessionId !== null) await closeSession(store, request.sessionId, options.clock.now());
      clearSessionCookie(reply, secure);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/v1/auth/session',
    { schema: { tags: ['auth'], operationId: 'currentSession', summary: 'Who is signed in, and the CSRF token unsafe requests must send', response: { 200: sessionSchema, ...problems } } },
    async (request, reply) => {
      const caller = request.caller;
      if (caller === null) return sendProblem(reply, 'UNAUTHENTICATED', 'nobody is signed in');
      const csrf = request.sessionId === null ? null : ((await store.accounts.session(secretHash(request.sessionId)))?.csrfToken ?? null);
      return { personId: caller.personId, accountId: caller.accountId, via: caller.via, csrfToken: csrf };
    },
  );

  api.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags: ['auth'],
        operationId: 'changePassword',
        summary: 'Change the password of the signed-in account (a browser session, not an API token). Every session of the account ends, this one included: sign in again.',
        body: z.object({ currentPassword: z.string().min(1).max(1000), newPassword: z.string().min(MIN_PASSWORD_LENGTH).max(1000) }).strict(),
        response: { 204: z.null(), ...problems, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const caller = request.caller;
      if (caller === null) return sendProblem(reply, 'UNAUTHENTICATED', 'sign in first');
      if (caller.via !== 'session' || request.sessionId === null) {
        denied(request, caller.personId, 'an API token may not change the password');
        return sendProblem(reply, 'FORBIDDEN', 'only a signed-in browser session may change the password, not an API token');
      }
      if (!(await passwordChanges.allow(request, reply, `password\u0000${caller.accountId}`))) return reply;
      const account = await store.accounts.byId(caller.accountId);
      if (account?.passwordHash === null || account === undefined) {
        denied(request, caller.personId, 'the account has no password');
        return sendProblem(reply, 'CURRENT_PASSWORD_WRONG', 'this account has no password: it signs in through single sign-on');
      }
      if (!(await verifyPassword(account.passwordHash, request.body.currentPassword))) {
        denied(request, caller.personId, 'wrong current password');
        return sendProblem(reply, 'CURRENT_PASSWORD_WRONG', 'the current password is wrong');
      }
      const changed = await changePassword(store, caller.accountId, request.body.newPassword, options.clock.now());
      if (!changed.ok) return sendAppError(reply, changed.error);
      request.log.info({ event: 'password-changed', who: caller.personId }, 'password changed; every session of the account ended');
      clearSessionCookie(reply, secure);
      return reply.code(204).send(null);
    },
  );
}
