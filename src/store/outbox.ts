/**
 * The outbox port: messages to send once the transaction that caused them has committed, the log
 * of every attempt to deliver them, the webhook subscriptions they fan out to, and who chose a
 * daily digest. A message is written by `WriteSession.notify` in the command's own transaction, so
 * it exists if and only if that transaction committed. Sending happens later, outside any
 * transaction, by a dispatcher that claims due messages under a lease (at least once; a webhook
 * receiver dedupes by the message id). Not part of the record: rows change in place.
 */

/** How soon an e-mail goes out: at once, or (for a person who chose it) in their daily digest. */
export type EmailKind = 'immediate' | 'digest-eligible';

/** An e-mail to one address. The body is plain text, paragraphs separated by blank lines. */
export interface EmailMessage {
  readonly channel: 'email';
  readonly kind: EmailKind;
  /** What caused it (an event type such as `assignment.escalated`). */
  readonly topic: string;
  /** The person it is for (their digest choice applies), or null for an address of no person. */
  readonly personId: string | null;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  /** When it was caused (the command's instant). */
  readonly at: string;
}

/** An event for every active webhook subscription whose filter takes its type. */
export interface WebhookMessage {
  readonly channel: 'webhook';
  /** The event type subscribers filter on, such as `assignment.escalated`. */
  readonly event: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly at: string;
}

/** What `WriteSession.notify` takes. */
export type OutgoingMessage = EmailMessage | WebhookMessage;

/**
 * Where a message stands: `pending` (to send when due), `held` (waiting for its person's daily
 * digest), `sent`, `failed` (every attempt failed), `digested` (sent as part of a digest, whose id it
 * keeps), `cancelled` (its webhook subscription was removed before it could be sent).
 */
export type OutboxStatus = 'pending' | 'held' | 'sent' | 'failed' | 'digested' | 'cancelled';

/** What an e-mail row carries. */
export interface EmailContent {
  readonly subject: string;
  readonly body: string;
}

/** What a webhook row carries: the JSON body's event, instant and data. */
export interface WebhookContent {
  readonly event: string;
  readonly at: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** One row of the outbox: one message to one recipient (an address, or one subscription). */
export type OutboxItem = OutboxItemBase &
  (
    | { readonly channel: 'email'; readonly kind: EmailKind | 'digest'; readonly content: EmailContent }
    | { readonly channel: 'webhook'; readonly kind: 'event'; readonly content: WebhookContent }
  );

interface OutboxItemBase {
  /** Unique; sent to webhook receivers as `X-Proverka-Delivery` so that they can drop a repeat. */
  readonly id: string;
  readonly topic: string;
  /** The e-mail address, or the subscription's URL as it was when the row was written. */
  readonly recipient: string;
  readonly personId: string | null;
  readonly subscriptionId: string | null;
  readonly status: OutboxStatus;
  /** Attempts made so far. */
  readonly attempts: number;
  readonly createdAt: string;
  /** When the next attempt is due (while pending). */
  readonly dueAt: string;
  readonly finishedAt: string | null;
  readonly lastError: string | null;
  /** The digest e-mail that carried this message (status `digested`). */
  readonly digestId: string | null;
}

/** A claimed message with what sending it needs: for a webhook, its subscription as it is now (null if removed). */
export type ClaimedMessage = OutboxItem & { readonly subscription: WebhookSubscription | null };

/** The outcome of one attempt, as the dispatcher reports it. */
export interface AttemptReport {
  readonly at: string;
  readonly ok: boolean;
  /** The HTTP status (webhooks) or SMTP reply code, when there was one. */
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  /** When failed: the instant of the next attempt, or null for none (the message ends `failed`). */
  readonly retryAt: string | null;
}

/** One attempt in the delivery log. */
export interface DeliveryAttempt {
  readonly outboxId: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly at: string;
  /** `delivered`, `retry` (another attempt is due), `failed` (the last one failed) or `cancelled`. */
  readonly outcome: 'delivered' | 'retry' | 'failed' | 'cancelled';
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

/** A webhook subscription: where to POST, the secret the body is signed with, which event types. */
export interface WebhookSubscription {
  readonly id: string;
  readonly url: string;
  /** Kept in clear: it is needed to sign every delivery. */
  readonly secret: string;
  /** Event types (`assignment.escalated`), prefixes (`assignment.*`) or `*` for all. */
  readonly eventTypes: readonly string[];
  readonly active: boolean;
  readonly createdAt: string;
}

/** The held messages of one person and one (UTC) day, which a digest sends as one e-mail. */
export interface HeldGroup {
  readonly personId: string;
  /** The address of the latest message of the group. */
  readonly to: string;
  /** `YYYY-MM-DD`. */
  readonly day: string;
  readonly items: readonly (OutboxItem & { readonly channel: 'email' })[];
}

/** A filter of outbox rows. */
export interface OutboxFilter {
  readonly status?: OutboxStatus;
  readonly channel?: 'email' | 'webhook';
  readonly limit?: number;
}

/** True when a subscription's filter takes an event type: `*`, the type itself, or a `prefix.*` of it. */
export function takesEvent(eventTypes: readonly string[], event: string): boolean {
  return eventTypes.some((t) => t === '*' || t === event || (t.endsWith('.*') && event.startsWith(t.slice(0, -1))));
}

/** Storage of the outbox, its delivery log, webhook subscriptions and digest choices. */
export interface OutboxStore {
  /**
   * Leases up to `limit` pending messages due at `now` (whose lease, if any, ran out) to `owner`
   * until `leaseUntil`: each message is claimed by one dispatcher at a time, also across processes
   * (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite serialises writers). Only of the given channels
   * when `channels` is given (a dispatcher without an SMTP server leaves e-mails alone).
   */
  claim(owner: string, now: string, leaseUntil: string, limit: number, channels?: readonly OutboxItem['channel'][]): Promise<ClaimedMessage[]>;
  /**
   * Logs an attempt and moves the message on (sent; pending again at `retryAt`; failed). False, and
   * nothing written, when `owner` no longer holds the message's lease.
   */
  record(owner: string, id: string, report: AttemptReport): Promise<boolean>;
  /** Ends a claimed message as cancelled (its subscription is gone), logging why. False when the lease was lost. */
  cancel(owner: string, id: string, at: string, reason: string): Promise<boolean>;
  /** Outbox rows, oldest first. */
  messages(filter?: OutboxFilter): Promise<OutboxItem[]>;
  /** One outbox row, or undefined. */
  message(id: string): Promise<OutboxItem | undefined>;
  /** The delivery log (of one message, or of every message), in order of attempts. */
  deliveries(outboxId?: string): Promise<DeliveryAttempt[]>;

  /** Adds a subscription. */
  addSubscription(subscription: WebhookSubscription): Promise<void>;
  /** Subscriptions by creation, only active ones unless `all`. */
  subscriptions(all?: boolean): Promise<WebhookSubscription[]>;
  /** Deactivates a subscription (kept for its delivery log); false if no active one has that id. Its pending messages are cancelled when claimed. */
  removeSubscription(id: string): Promise<boolean>;

  /** Sets whether a person's digest-eligible e-mails wait for their daily digest. */
  setDigest(personId: string, digest: boolean, at: string): Promise<void>;
  /** True when the person chose the daily digest. */
  digestChosen(personId: string): Promise<boolean>;
  /**
   * In one transaction: takes every held message created before `before`, groups them by person and
   * UTC day, writes one pending e-mail per group (content from `compose`, due at `at`) and marks the
   * held messages `digested` with its id. Each held message goes into exactly one digest, also with
   * several processes. Returns the digests written.
   */
  digest(before: string, at: string, compose: (group: HeldGroup) => EmailContent): Promise<OutboxItem[]>;
}
