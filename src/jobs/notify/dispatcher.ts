/**
 * The dispatcher: claims due outbox messages under a lease, sends each (e-mail over SMTP, webhook
 * POST), and records every attempt in the delivery log; a failure is tried again after a growing
 * wait (backoff.ts) until MAX_ATTEMPTS, then the message ends `failed`. Only committed messages
 * exist in the outbox, so nothing is ever sent for a transaction that rolled back. Delivery is at
 * least once: a dispatcher that dies mid-send loses its lease and another sends again, with the
 * same outbox id (webhook `X-Proverka-Delivery`, e-mail Message-ID) for the receiver to dedupe.
 * Any number of dispatchers may run against PostgreSQL; against SQLite, one process.
 */
import type { Clock } from '../../domain/clock.js';
import { toInstant } from '../../domain/time.js';
import type { AttemptReport, ClaimedMessage, OutboxItem, OutboxStore } from '../../store/outbox.js';
import { MAX_ATTEMPTS, nextAttemptAt } from './backoff.js';
import { dayStart, runDigests } from './digest.js';
import { startLoop } from '../loop.js';
import type { Mailer } from './mailer.js';
import { DEFAULT_WEBHOOK_TIMEOUT_MS, postWebhook, webhookBody, type Fetch } from './webhooks.js';

/** How long a claim holds a message: far longer than one send may take. */
export const DEFAULT_LEASE_MS = 5 * 60_000;
/** How many messages one claim takes. */
export const DEFAULT_BATCH = 20;
/** How long the loop sleeps when it found less than a full batch. */
export const DEFAULT_INTERVAL_MS = 2_000;

/** What a dispatcher is built from. */
export interface DispatcherOptions {
  readonly outbox: OutboxStore;
  readonly clock: Clock;
  /** This dispatcher's name, unique among the running ones (it owns the leases it takes). */
  readonly worker: string;
  /** The SMTP mailer; without one, e-mails stay in the outbox for a dispatcher that has one. */
  readonly mailer?: Mailer;
  /** Whether to send webhooks (default true). */
  readonly webhooks?: boolean;
  /** Whether each pass first writes the daily digests of days that ended (default true). */
  readonly digests?: boolean;
  readonly webhookTimeoutMs?: number;
  readonly leaseMs?: number;
  readonly batch?: number;
  readonly maxAttempts?: number;
  readonly intervalMs?: number;
  readonly fetch?: Fetch;
  readonly onEvent?: (event: DispatchEvent) => void;
}

/** What the dispatcher reports as it goes (for logs): never the content or a secret. */
export type DispatchEvent =
  | { readonly type: 'sent'; readonly id: string; readonly channel: OutboxItem['channel']; readonly attempt: number }
  | { readonly type: 'retry'; readonly id: string; readonly channel: OutboxItem['channel']; readonly attempt: number; readonly error: string; readonly retryAt: string }
  | { readonly type: 'failed'; readonly id: string; readonly channel: OutboxItem['channel']; readonly attempt: number; readonly error: string }
  | { readonly type: 'cancelled'; readonly id: string; readonly reason: string }
  | { readonly type: 'lease-lost'; readonly id: string }
  | { readonly type: 'digests'; readonly written: number }
  | { readonly type: 'error'; readonly error: unknown };

/** What one pass did. */
export interface DispatchReport {
  readonly claimed: number;
  readonly sent: number;
  readonly retried: number;
  readonly failed: number;
  readonly cancelled: number;
}

/** The outcome of sending one message, before it is recorded. */
interface Attempt {
  readonly ok: boolean;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly retryable: boolean;
  readonly durationMs: number;
}

/** One dispatcher's passes over the outbox, without a loop: what `startDispatcher` repeats (and tests call directly). */
export class DispatcherPass {
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly maxAttempts: number;
  /** The UTC day whose digests this dispatcher already wrote. */
  private digestedDay: number | undefined;

  constructor(private readonly options: DispatcherOptions) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.batch = options.batch ?? DEFAULT_BATCH;
    this.maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  }

  /** Writes the digests of days that ended, if this dispatcher does digests, once per UTC day of its clock; returns how many. */
  async digests(): Promise<number> {
    if (this.options.digests === false) return 0;
    const now = this.options.clock.now();
    if (this.digestedDay === dayStart(now)) return 0;
    const written = await runDigests(this.options.outbox, now);
    this.digestedDay = dayStart(now);
    if (written.length > 0) this.options.onEvent?.({ type: 'digests', written: written.length });
    return written.length;
  }

  /** Claims one batch of due messages and sends them (concurrently); returns what happened. */
  async tick(): Promise<DispatchReport> {
    const { outbox, clock, worker, mailer } = this.options;
    const channels: OutboxItem['channel'][] = [];
    if (mailer !== undefined) channels.push('email');
    if (this.options.webhooks !== false) channels.push('webhook');
    const now = clock.now();
    const claimed = await outbox.claim(worker, toInstant(now), toInstant(now + this.leaseMs), this.batch, channels);
    const outcomes = await Promise.all(claimed.map((m) => this.deliver(m)));
    const count = (o: (typeof outcomes)[number]): number => outcomes.filter((x) => x === o).length;
    return { claimed: claimed.length, sent: count('sent'), retried: count('retry'), failed: count('failed'), cancelled: count('cancelled') };
  }

  /** Writes due digests, then runs passes until one claims less than a full batch; returns the messages sent. */
  async drain(): Promise<number> {
    await this.digests();
    let sent = 0;
    for (;;) {
      const r = await this.tick();
      sent += r.sent;
      if (r.claimed < this.batch) return sent;
    }
  }

  private async deliver(m: ClaimedMessage): Promise<'sent' | 'retry' | 'failed' | 'cancelled' | 'lost'> {
    const { outbox, clock, worker, onEvent } = this.options;
    if (m.channel === 'webhook' && (m.subscription === null || !m.subscription.active)) {
      const reason = 'the webhook subscription was removed';
      if (!(await outbox.cancel(worker, m.id, toInstant(clock.now()), reason))) return this.lost(m.id);
      onEvent?.({ type: 'cancelled', id: m.id, reason });
      return 'cancelled';
    }
    const a = await this.send(m);
    const at = clock.now();
    const attempt = m.attempts + 1;
    const retryAt = a.ok || !a.retryable ? null : nextAttemptAt(at, attempt, this.maxAttempts);
    const report: AttemptReport = { at: toInstant(at), ok: a.ok, statusCode: a.statusCode, error: a.error, durationMs: a.durationMs, retryAt: retryAt === null ? null : toInstant(retryAt) };
    if (!(await outbox.record(worker, m.id, report))) return this.lost(m.id);
    if (a.ok) {
      onEvent?.({ type: 'sent', id: m.id, channel: m.channel, attempt });
      return 'sent';
    }
    const error = a.error ?? 'failed';
    if (report.retryAt !== null) {
      onEvent?.({ type: 'retry', id: m.id, channel: m.channel, attempt, error, retryAt: report.retryAt });
      return 'retry';
    }
    onEvent?.({ type: 'failed', id: m.id, channel: m.channel, attempt, error });
    return 'failed';
  }

  private lost(id: string): 'lost' {
    // Our lease ran out and another dispatcher took the message over: it records its own attempt.
    this.options.onEvent?.({ type: 'lease-lost', id });
    return 'lost';
  }

  private async send(m: ClaimedMessage): Promise<Attempt> {
    const started = performance.now();
    const took = (): number => performance.now() - started;
    if (m.channel === 'email') {
      const mailer = this.options.mailer;
      if (mailer === undefined) return { ok: false, statusCode: null, error: 'no SMTP server is configured', retryable: true, durationMs: 0 };
      const r = await mailer.send({ id: m.id, to: m.recipient, content: m.content });
      return { ok: r.ok, statusCode: r.code, error: r.error, retryable: r.retryable, durationMs: took() };
    }
    const sub = m.subscription;
    if (sub === null) return { ok: false, statusCode: null, error: 'no subscription', retryable: false, durationMs: 0 };
    const r = await postWebhook(
      { id: m.id, url: sub.url, secret: sub.secret, body: webhookBody(m.id, m.content), timestamp: Math.floor(this.options.clock.now() / 1000) },
      this.options.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
      this.options.fetch,
    );
    return { ...r, retryable: true, durationMs: took() };
  }
}

/** A running dispatcher. */
export interface Dispatcher {
  /** Stops after the pass in hand; resolves once the loop ended. Messages it had claimed come back when their lease runs out. */
  stop(): Promise<void>;
}

/**
 * Starts the loop: digests due, then a pass, at once another if the pass took a full batch, else a
 * pause of `intervalMs`. A pass that throws (the database away) is reported and the loop goes on.
 */
export function startDispatcher(options: DispatcherOptions): Dispatcher {
  const pass = new DispatcherPass(options);
  const batch = options.batch ?? DEFAULT_BATCH;
  return startLoop(
    async () => {
      await pass.digests();
      return (await pass.tick()).claimed >= batch;
    },
    { intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS, onError: (error) => options.onEvent?.({ type: 'error', error }) },
  );
}
