/**
 * Who is calling: a browser session (cookie `proverka_session`, HttpOnly, SameSite=Lax, Secure
 * over TLS) or an API token (`Authorization: Bearer pvk_…`). Unsafe requests made with a session
 * must echo the session's CSRF token in `X-CSRF-Token`; a token's scopes limit it to reads or
 * allow writes. The result is on `request.caller` (null when nobody is signed in).
 */
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../domain/access/access-policy.js';
import { resumeSession } from '../app/accounts/sessions.js';
import { sameSecret } from '../app/accounts/secrets.js';
import { resolveToken } from '../app/accounts/tokens.js';
import { principalOf, type Caller } from '../app/access/principal.js';
import type { Store } from '../store/port.js';
import { sendProblem } from './problem.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'proverka_session';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling, or null when nobody is signed in. */
    caller: Caller | null;
    /** The session id the request came with, when it came with a live one. */
    sessionId: string | null;
  }
}

/** Resolves the caller of a request; replies 403 itself (and returns false) when a session's CSRF token is missing or wrong. */
export async function identify(store: Store, request: FastifyRequest, reply: FastifyReply, now: number): Promise<boolean> {
  request.caller = null;
  request.sessionId = null;
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer !== undefined) {
    const found = await resolveToken(store, bearer, now);
    if (found !== undefined) request.caller = { personId: found.account.personId, accountId: found.account.id, via: 'token', scopes: found.token.scopes as Caller['scopes'] };
    else request.log.info({ event: 'access-denied', why: 'unknown or revoked API token', what: `${request.method} ${request.url}` }, 'access denied');
    return true;
  }
  const sid = request.cookies[SESSION_COOKIE];
  if (sid === undefined || sid === '') return true;
  const resumed = await resumeSession(store, sid, now);
  if ('ended' in resumed) {
    request.log.info({ event: 'access-denied', why: resumed.ended, what: `${request.method} ${request.url}` }, 'access denied');
    return true;
  }
  if (UNSAFE.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameSecret(sent, resumed.session.csrfToken)) {
      request.log.warn({ event: 'access-denied', who: resumed.account.personId, what: `${request.method} ${request.url}`, why: 'missing or wrong CSRF token' }, 'access denied');
      sendProblem(reply, 'CSRF_TOKEN_INVALID', 'this request needs the X-CSRF-Token header of your session (GET /api/v1/auth/session gives it)');
      return false;
    }
  }
  request.sessionId = sid;
  request.caller = { personId: resumed.account.personId, accountId: resumed.account.id, via: 'session', scopes: ['read', 'write'] };
  return true;
}

/** The caller and their principal, or a 401/403 already sent (undefined) when there is none or the credential may not do this. */
export async function requireCaller(store: Store, request: FastifyRequest, reply: FastifyReply): Promise<{ caller: Caller; principal: Principal } | undefined> {
  const caller = request.caller;
  if (caller === null) {
    sendProblem(reply, 'UNAUTHENTICATED', 'sign in first, or send an API token');
    return undefined;
  }
  const needs = UNSAFE.has(request.method) ? 'write' : 'read';
  if (!caller.scopes.includes(needs) && !(needs === 'read' && caller.scopes.includes('write'))) {
    denied(request, caller.personId, `the API token has no '${needs}' scope`);
    sendProblem(reply, 'FORBIDDEN', `this API token may not ${needs === 'write' ? 'change anything' : 'read'}`);
    return undefined;
  }
  return { caller, principal: await principalOf(store, caller.personId) };
}

/** Logs a refused access: who, what, why. */
export function denied(request: FastifyRequest, who: string, why: string): void {
  request.log.warn({ event: 'access-denied', who, what: `${request.method} ${request.url}`, why }, 'access denied');
}
