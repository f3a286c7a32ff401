/**
 * Limits on attempts to prove who one is (password login, the single sign-on callback, password
 * change), through @fastify/rate-limit: every attempt counts, successful or not, so that a burst of
 * parallel guesses is bounded too. Past the limit: 429 problem+json, code RATE_LIMITED, with
 * Retry-After. Counters live in the memory of each server process (several processes each allow
 * the limit), and reset when it restarts.
 */
import type {} from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Api } from './api.js';
import { sendProblem } from './problem.js';

/** How many attempts a key may make per window. */
export interface RateLimit {
  readonly max: number;
  readonly timeWindowMs: number;
}

/** The limit unless the server is told otherwise: 10 attempts per 5 minutes. */
export const DEFAULT_LOGIN_RATE_LIMIT: RateLimit = { max: 10, timeWindowMs: 5 * 60_000 };

/** Counts attempts per key. */
export interface AttemptLimiter {
  /** Counts an attempt of the key: true when it may go on; otherwise false, and a 429 with Retry-After was sent. */
  allow(request: FastifyRequest, reply: FastifyReply, key: string): Promise<boolean>;
}

/** A limiter with counters of its own (limiting off: every attempt may go on). */
export function attemptLimiter(api: Api, limit: RateLimit | false): AttemptLimiter {
  if (limit === false) return { allow: () => Promise.resolve(true) };
  const keys = new WeakMap<FastifyRequest, string>();
  const check = api.createRateLimit({ max: limit.max, timeWindow: limit.timeWindowMs, keyGenerator: (request) => keys.get(request) ?? request.ip });
  return {
    async allow(request, reply, key) {
      keys.set(request, key);
      const outcome = await check(request);
      if (outcome.isAllowed || !outcome.isExceeded) return true;
      request.log.warn({ event: 'access-denied', what: `${request.method} ${request.url}`, why: 'too many attempts', key }, 'access denied');
      reply.header('retry-after', String(Math.max(1, outcome.ttlInSeconds)));
      sendProblem(reply, 'RATE_LIMITED', `too many attempts; try again in ${Math.max(1, outcome.ttlInSeconds)} seconds`);
      return false;
    },
  };
}
