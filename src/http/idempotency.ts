/**
 * Idempotency keys on creating POSTs. The key (header `Idempotency-Key`) is scoped to the caller;
 * the request's fingerprint is a hash of its method, path and body. The command and the key's
 * record are written in one transaction (Proverka.execute), so a key never has two side effects:
 * a replay gets the first outcome back; the same key with another payload, 422. A duplicate that
 * arrives while the first is still running in this process waits for it (a few seconds at most)
 * and then replays it; if it is still running after that, 409.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canonicalJson } from '../store/hash-chain.js';
import { sendProblem } from './problem.js';

const KEY = /^[A-Za-z0-9._:-]{8,200}$/;
const WAIT_MS = 5_000;
const inFlight = new Map<string, Promise<unknown>>();

/** An idempotency key as the application takes it. */
export interface IdempotencyKey {
  readonly scope: string;
  readonly key: string;
  readonly fingerprint: string;
}

/** The request's key (undefined when it sent none), or null after a 400 was sent for a malformed one. */
export function idempotencyKeyOf(request: FastifyRequest, reply: FastifyReply, scope: string): IdempotencyKey | undefined | null {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !KEY.test(raw)) {
    sendProblem(reply, 'BAD_REQUEST', 'Idempotency-Key must be 8 to 200 characters: letters, digits, . _ : -');
    return null;
  }
  const fingerprint = createHash('sha256')
    .update(`${request.method} ${request.routeOptions.url ?? request.url}\n${JSON.stringify(request.params ?? {})}\n${canonicalJson(request.body ?? null)}`)
    .digest('hex');
  return { scope, key: raw, fingerprint };
}

/**
 * Runs `fn` for a key: a duplicate arriving while the first runs in this process waits for it
 * (then runs, and replays what the first stored); still running after the wait: 409 sent, undefined.
 */
export async function oncePerKey<T>(key: IdempotencyKey | undefined, reply: FastifyReply, fn: () => Promise<T>): Promise<T | undefined> {
  if (key === undefined) return fn();
  const id = `${key.scope}\u0000${key.key}`;
  const running = inFlight.get(id);
  if (running !== undefined) {
    const finished = await Promise.race([running.then(() => true, () => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), WAIT_MS).unref())]);
    if (!finished) {
      sendProblem(reply, 'IDEMPOTENCY_KEY_IN_FLIGHT', 'a request with this Idempotency-Key is still being processed; try again');
      return undefined;
    }
  }
  const run = fn();
  inFlight.set(id, run);
  try {
    return await run;
  } finally {
    if (inFlight.get(id) === run) inFlight.delete(id);
  }
}
