/**
 * Webhook deliveries: a JSON POST signed with the subscription's secret. Headers:
 * `X-Proverka-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, `X-Proverka-Timestamp`
 * (Unix seconds, from the injected clock: receivers refuse stale ones against replay) and
 * `X-Proverka-Delivery` (the outbox id: the same on every retry, for receivers to dedupe).
 * Redirects are not followed; anything but a 2xx answer within the timeout is a failure.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { WebhookContent } from '../../store/outbox.js';

/** The signature header's value for a body sent at `timestamp` (Unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** True when `signature` is the one `secret` gives for this timestamp and body (compared in constant time): what a receiver checks. */
export function verifyWebhook(secret: string, timestamp: string | number, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A fresh secret for a new subscription: 32 random bytes, hex, prefixed `whsec_`. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}

/** The JSON body of a delivery: the outbox id, the event type, its instant and its data. */
export function webhookBody(id: string, content: WebhookContent): string {
  return JSON.stringify({ id, event: content.event, at: content.at, data: content.data });
}

/** One delivery to make. */
export interface WebhookDelivery {
  readonly id: string;
  readonly url: string;
  readonly secret: string;
  readonly body: string;
  /** Unix seconds. */
  readonly timestamp: number;
}

/** What one POST came to. */
export interface WebhookResult {
  readonly ok: boolean;
  readonly statusCode: number | null;
  readonly error: string | null;
}

/** The `fetch` a delivery uses (injectable; the global one by default). */
export type Fetch = typeof fetch;

/** Default time a receiver has to answer. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/** POSTs one delivery; never throws (a network error or timeout is a failed result). */
export async function postWebhook(d: WebhookDelivery, timeoutMs = DEFAULT_WEBHOOK_TIMEOUT_MS, fetchImpl: Fetch = fetch): Promise<WebhookResult> {
  try {
    const res = await fetchImpl(d.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Proverka-Webhooks/1',
        'x-proverka-delivery': d.id,
        'x-proverka-timestamp': String(d.timestamp),
        'x-proverka-signature': signWebhook(d.secret, d.timestamp, d.body),
      },
      body: d.body,
    });
    // The answer's body is not wanted: drop it so the connection is freed.
    await res.body?.cancel().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, statusCode: res.status, error: ok ? null : `HTTP ${res.status}` };
  } catch (error) {
    const e = error as { name?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
    if (e.name === 'TimeoutError') return { ok: false, statusCode: null, error: `no answer within ${timeoutMs} ms` };
    const cause = typeof e.cause?.code === 'string' ? e.cause.code : typeof e.cause?.message === 'string' ? e.cause.message : undefined;
    return { ok: false, statusCode: null, error: `${typeof e.message === 'string' ? e.message : String(error)}${cause !== undefined ? ` (${cause})` : ''}` };
  }
}
