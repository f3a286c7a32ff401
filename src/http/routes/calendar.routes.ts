/**
 * The signed-in person's iCalendar feed of deadlines. `POST /api/v1/auth/calendar-feed` makes a new
 * feed and answers its secret URL once (the feed before it stops working: rotation); an
 * Idempotency-Key makes a retry answer the same URL without rotating again (calendar-feed-replay.ts).
 * `DELETE` ends the feed. Both from a browser session only, like API tokens: an API token cannot
 * make itself a feed. The feed itself is `GET /calendar/<token>.ics`, outside /api/v1: no cookie, no
 * session, the URL is the credential (calendar clients can send nothing else); an unknown, revoked
 * or malformed token is 404, and the token is never echoed, logged or usable anywhere else.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Caller } from '../../app/access/principal.js';
import { keepSealedCalendarFeed, sealNewCalendarFeed, type SealedCalendarFeed } from '../../app/accounts/calendar-feed-replay.js';
import { issueCalendarFeed, resolveCalendarFeed, revokeCalendarFeed } from '../../app/accounts/calendar-feeds.js';
import { secretHash } from '../../app/accounts/secrets.js';
import type { AppResult } from '../../app/errors.js';
import { deadlinesOf } from '../../app/queries/deadlines.js';
import { toInstant } from '../../domain/time.js';
import { deadlinesCalendar } from '../../interop/ical/deadlines-feed.js';
import type { CalendarFeedRecord } from '../../store/accounts.js';
import type { Api } from '../api.js';
import { problems } from '../api.js';
import { denied } from '../auth.js';
import { idempotencyKeyOf, oncePerKey } from '../idempotency.js';
import { onceRemembered } from '../idempotent-outcome.js';
import type { ServerOptions } from '../options.js';
import { sendAppError, sendProblem } from '../problem.js';

/** Where the feeds are served. */
export const CALENDAR_PATH = '/calendar/';

const createdSchema = z.object({
  url: z.string().describe('The feed: subscribe to it in a calendar application. Shown in this answer only (and in replays with the same Idempotency-Key); it is a secret, like a password.'),
  createdAt: z.string(),
});

/** The headers of the feed: private to whoever holds the URL, never cached by a shared cache, never leaked by a referrer. */
const FEED_HEADERS = {
  'content-type': 'text/calendar; charset=utf-8',
  'content-disposition': 'inline; filename="proverka-deadlines.ics"',
  'cache-control': 'private, no-cache',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
} as const;

/** The session caller, or undefined after a 401 (nobody) or 403 (an API token) was sent. */
function sessionCaller(request: FastifyRequest, reply: FastifyReply): Caller | undefined {
  const caller = request.caller;
  if (caller === null) {
    sendProblem(reply, 'UNAUTHENTICATED', 'sign in first');
    return undefined;
  }
  if (caller.via !== 'session') {
    denied(request, caller.personId, 'an API token may not manage calendar feeds');
    sendProblem(reply, 'FORBIDDEN', 'calendar feeds are managed from a signed-in browser session, not with a token');
    return undefined;
  }
  return caller;
}

/** The token of a feed file name (`<token>.ics`), or undefined. */
function tokenOf(file: string): string | undefined {
  return file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : undefined;
}

/** Registers /api/v1/auth/calendar-feed and the feeds at /calendar/<token>.ics. */
export function calendarRoutes(api: Api, options: ServerOptions): void {
  const store = options.app.store;
  const publicBase = options.publicUrl?.replace(/\/+$/, '');
  const baseOf = (request: FastifyRequest): string => publicBase ?? `${request.protocol}://${request.host}`;

  api.post(
    '/api/v1/auth/calendar-feed',
    {
      schema: {
        tags: ['auth'],
        operationId: 'createCalendarFeed',
        summary:
          'Make the signed-in person a new iCalendar feed of their deadlines; its secret URL is in this answer only, and the feed made before stops working. Send an Idempotency-Key to make retries safe: a replay returns the same URL.',
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).loose(),
        response: { 201: createdSchema, ...problems },
      },
    },
    async (request, reply) => {
      const caller = sessionCaller(request, reply);
      if (caller === undefined) return reply;
      const now = options.clock.now();
      const key = idempotencyKeyOf(request, reply, `calendar-feed:${caller.accountId}`);
      if (key === null) return reply;
      let issued: AppResult<{ readonly token: string; readonly record: CalendarFeedRecord }>;
      if (key === undefined) {
        issued = { ok: true, value: await issueCalendarFeed(store, caller.accountId, now) };
      } else {
        const replay = { key: key.key, fingerprint: key.fingerprint };
        // Only the key's hash is kept: the key itself is what unseals the feed's token.
        const kept = { ...key, key: secretHash(key.key) };
        const remembered = await oncePerKey(key, reply, () => onceRemembered<SealedCalendarFeed>(store, kept, toInstant(now), () => sealNewCalendarFeed(store, caller.accountId, now, replay)));
        if (remembered === undefined) return reply;
        if (!remembered.ok) return sendAppError(reply, remembered.error);
        if (remembered.value.replayed) reply.header('idempotent-replayed', 'true');
        issued = await keepSealedCalendarFeed(store, remembered.value.value, replay);
      }
      if (!issued.ok) return sendAppError(reply, issued.error);
      const { token, record } = issued.value;
      request.log.info({ event: 'calendar-feed-created', who: caller.personId, feed: record.id }, 'calendar feed made');
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ url: `${baseOf(request)}${CALENDAR_PATH}${token}.ics`, createdAt: record.createdAt });
    },
  );

  api.delete(
    '/api/v1/auth/calendar-feed',
    {
      schema: {
        tags: ['auth'],
        operationId: 'revokeCalendarFeed',
        summary: "End the signed-in person's calendar feed: its URL stops working at once (ending it again, or when there is none, changes nothing)",
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      const caller = sessionCaller(request, reply);
      if (caller === undefined) return reply;
      const ended = await revokeCalendarFeed(store, caller.accountId, options.clock.now());
      if (ended) request.log.info({ event: 'calendar-feed-revoked', who: caller.personId }, 'calendar feed ended');
      return reply.code(204).send(null);
    },
  );

  // The feed: no session (the /api/v1 hook does not run here); the URL's token is the only credential.
  api.get('/calendar/:file', { schema: { hide: true, params: z.object({ file: z.string() }) } }, async (request, reply) => {
    const token = tokenOf(request.params.file);
    const found = token === undefined ? undefined : await resolveCalendarFeed(store, token);
    if (found === undefined) {
      request.log.info({ event: 'access-denied', what: `${request.method} ${CALENDAR_PATH}…`, why: 'unknown, revoked or malformed calendar feed token' }, 'access denied');
      // The token stays out of the answer: it is a capability.
      return sendProblem(reply, 'NOT_FOUND', 'no such calendar feed (it may have been replaced or ended)', { instance: `${CALENDAR_PATH}…` });
    }
    const mine = await deadlinesOf(store.reads, found.account.personId);
    const text = deadlinesCalendar({
      personName: mine.personName,
      deadlines: mine.deadlines,
      ...(publicBase !== undefined ? { caseUrl: (id: string) => `${publicBase}/api/v1/assignments/${encodeURIComponent(id)}` } : {}),
    });
    const etag = `"${createHash('sha256').update(text).digest('base64url')}"`;
    request.log.debug({ event: 'calendar-feed-read', who: found.account.personId, feed: found.feed.id, events: mine.deadlines.length }, 'calendar feed read');
    reply.headers({ ...FEED_HEADERS, etag });
    const match = request.headers['if-none-match'];
    if (typeof match === 'string' && match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();
    return reply.code(200).send(text);
  });
}
