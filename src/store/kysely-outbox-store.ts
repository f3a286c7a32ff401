/**
 * The outbox over Kysely. Enqueueing (`OutboxWriter`) runs on the connection of the command's own
 * write transaction, so a message exists if and only if its transaction committed; claiming,
 * recording and the digest run in write transactions of their own through the write driver (on
 * SQLite the one connection allowed to write). Reads go through Kysely on the primary.
 */
import { randomUUID } from 'node:crypto';
import type { Compilable, Kysely } from 'kysely';
import type { DialectCapabilities } from './dialect.js';
import type { SqlConnection, WriteDriver } from './driver.js';
import {
  takesEvent,
  type AttemptReport,
  type ClaimedMessage,
  type DeliveryAttempt,
  type EmailContent,
  type HeldGroup,
  type OutboxFilter,
  type OutboxItem,
  type OutboxStatus,
  type OutboxStore,
  type OutgoingMessage,
  type WebhookSubscription,
} from './outbox.js';
import type { Database } from './schema.js';

/** The outbox table as Kysely sees it. */
export interface OutboxTable {
  id: string;
  channel: string;
  kind: string;
  topic: string;
  recipient: string;
  person_id: string | null;
  subscription_id: string | null;
  /** JSON: EmailContent or WebhookContent. */
  content: string;
  status: string;
  attempts: number;
  created_at: string;
  due_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  finished_at: string | null;
  last_error: string | null;
  digest_id: string | null;
}

/** One attempt to deliver an outbox row. */
export interface OutboxDeliveriesTable {
  outbox_id: string;
  attempt: number;
  at: string;
  outcome: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

/** Webhook subscriptions; `event_types` space-separated. */
export interface WebhookSubscriptionsTable {
  id: string;
  url: string;
  secret: string;
  event_types: string;
  active: number;
  created_at: string;
}

/** Who chose the daily digest. */
export interface NotificationPreferencesTable {
  person_id: string;
  digest: number;
  updated_at: string;
}

/** The notification tables (migration 004). */
export type OutboxTables = {
  outbox: OutboxTable;
  outbox_deliveries: OutboxDeliveriesTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  notification_preferences: NotificationPreferencesTable;
};

type OutboxDb = Kysely<Database & OutboxTables>;

/** A fresh outbox id. */
function newOutboxId(): string {
  return `out_${randomUUID().replaceAll('-', '')}`;
}

function item(r: OutboxTable): OutboxItem {
  const base = {
    id: r.id,
    topic: r.topic,
    recipient: r.recipient,
    personId: r.person_id,
    subscriptionId: r.subscription_id,
    status: r.status as OutboxStatus,
    attempts: Number(r.attempts),
    createdAt: r.created_at,
    dueAt: r.due_at,
    finishedAt: r.finished_at,
    lastError: r.last_error,
    digestId: r.digest_id,
  };
  return r.channel === 'webhook'
    ? { ...base, channel: 'webhook', kind: 'event', content: JSON.parse(r.content) as never }
    : { ...base, channel: 'email', kind: r.kind as 'immediate', content: JSON.parse(r.content) as EmailContent };
}

function subscription(r: WebhookSubscriptionsTable): WebhookSubscription {
  return { id: r.id, url: r.url, secret: r.secret, eventTypes: r.event_types.split(' ').filter((t) => t !== ''), active: Number(r.active) === 1, createdAt: r.created_at };
}

function delivery(r: OutboxDeliveriesTable): DeliveryAttempt {
  return { outboxId: r.outbox_id, attempt: Number(r.attempt), at: r.at, outcome: r.outcome as DeliveryAttempt['outcome'], statusCode: r.status_code === null ? null : Number(r.status_code), error: r.error, durationMs: Number(r.duration_ms) };
}

async function all<R>(c: SqlConnection, q: Compilable): Promise<R[]> {
  const { sql, parameters } = q.compile();
  return c.all<R>(sql, parameters);
}

async function run(c: SqlConnection, q: Compilable): Promise<void> {
  const { sql, parameters } = q.compile();
  await c.run(sql, parameters);
}

/** What one write transaction has already read for its messages. */
export interface EnqueueMemo {
  subscriptions?: readonly WebhookSubscription[];
}

/**
 * Writes outbox rows on the connection of an open write transaction: what `WriteSession.notify`
 * runs. A webhook message becomes one row per active subscription that takes its event type; an
 * e-mail one row, held for the digest when it is digest-eligible and its person chose the digest.
 */
export class OutboxWriter {
  private readonly db: OutboxDb;
  /** The active subscriptions' query, compiled once. */
  private readonly activeSubscriptions: { readonly sql: string; readonly parameters: readonly unknown[] };

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<OutboxTables>();
    this.activeSubscriptions = this.db.selectFrom('webhook_subscriptions').selectAll().where('active', '=', 1).orderBy('id').compile();
  }

  /**
   * Enqueues a message in the transaction of `c`; returns the rows written. `memo` is the
   * transaction's own (one per write session): the active subscriptions are read once into it,
   * which is exact because they are only changed by transactions of their own.
   */
  async enqueue(c: SqlConnection, m: OutgoingMessage, memo: EnqueueMemo = {}): Promise<number> {
    if (m.channel === 'webhook') {
      memo.subscriptions ??= (await c.all<WebhookSubscriptionsTable>(this.activeSubscriptions.sql, this.activeSubscriptions.parameters)).map(subscription);
      const subs = memo.subscriptions;
      const takers = subs.filter((s) => takesEvent(s.eventTypes, m.event));
      if (takers.length === 0) return 0;
      const content = JSON.stringify({ event: m.event, at: m.at, data: m.data });
      await run(
        c,
        this.db.insertInto('outbox').values(
          takers.map((s) => ({ id: newOutboxId(), channel: 'webhook', kind: 'event', topic: m.event, recipient: s.url, person_id: null, subscription_id: s.id, content, status: 'pending', attempts: 0, created_at: m.at, due_at: m.at })),
        ),
      );
      return takers.length;
    }
    let status: OutboxStatus = 'pending';
    if (m.kind === 'digest-eligible' && m.personId !== null) {
      const [pref] = await all<{ digest: number }>(c, this.db.selectFrom('notification_preferences').select('digest').where('person_id', '=', m.personId));
      if (pref !== undefined && Number(pref.digest) === 1) status = 'held';
    }
    await run(
      c,
      this.db.insertInto('outbox').values({
        id: newOutboxId(),
        channel: 'email',
        kind: m.kind,
        topic: m.topic,
        recipient: m.to,
        person_id: m.personId,
        subscription_id: null,
        content: JSON.stringify({ subject: m.subject, body: m.body } satisfies EmailContent),
        status,
        attempts: 0,
        created_at: m.at,
        due_at: m.at,
      }),
    );
    return 1;
  }
}

/** The outbox store on a Kysely database. */
export class KyselyOutboxStore implements OutboxStore {
  private readonly db: OutboxDb;

  constructor(
    db: Kysely<Database>,
    private readonly writer: WriteDriver,
    private readonly caps: DialectCapabilities,
  ) {
    this.db = db.withTables<OutboxTables>();
  }

  async claim(owner: string, now: string, leaseUntil: string, limit: number, channels?: readonly OutboxItem['channel'][]): Promise<ClaimedMessage[]> {
    if (channels !== undefined && channels.length === 0) return [];
    return this.writer.transaction(async (c) => {
      let q = this.db
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('due_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
        .orderBy('due_at')
        .orderBy('id')
        .limit(limit);
      if (channels !== undefined) q = q.where('channel', 'in', [...channels]);
      if (this.caps.skipLocked) q = q.forUpdate().skipLocked();
      const ids = (await all<{ id: string }>(c, q)).map((r) => r.id);
      if (ids.length === 0) return [];
      await run(c, this.db.updateTable('outbox').set({ lease_owner: owner, lease_until: leaseUntil }).where('id', 'in', ids));
      const rows = await all<OutboxTable>(c, this.db.selectFrom('outbox').selectAll().where('id', 'in', ids).orderBy('due_at').orderBy('id'));
      const subIds = [...new Set(rows.map((r) => r.subscription_id).filter((s) => s !== null))];
      const subs = new Map<string, WebhookSubscription>();
      if (subIds.length > 0) {
        for (const s of await all<WebhookSubscriptionsTable>(c, this.db.selectFrom('webhook_subscriptions').selectAll().where('id', 'in', subIds))) subs.set(s.id, subscription(s));
      }
      return rows.map((r) => ({ ...item(r), subscription: r.subscription_id === null ? null : (subs.get(r.subscription_id) ?? null) }));
    });
  }

  /** Locks a row held by `owner` and still pending; its attempts so far, or undefined when the lease was lost. */
  private async leased(c: SqlConnection, owner: string, id: string): Promise<number | undefined> {
    let q = this.db.selectFrom('outbox').select('attempts').where('id', '=', id).where('lease_owner', '=', owner).where('status', '=', 'pending');
    if (this.caps.rowLocks) q = q.forUpdate();
    const [row] = await all<{ attempts: number }>(c, q);
    return row === undefined ? undefined : Number(row.attempts);
  }

  async record(owner: string, id: string, report: AttemptReport): Promise<boolean> {
    return this.writer.transaction(async (c) => {
      const before = await this.leased(c, owner, id);
      if (before === undefined) return false;
      const attempt = before + 1;
      const outcome = report.ok ? 'delivered' : report.retryAt === null ? 'failed' : 'retry';
      await run(
        c,
        this.db.insertInto('outbox_deliveries').values({ outbox_id: id, attempt, at: report.at, outcome, status_code: report.statusCode, error: report.error, duration_ms: Math.max(0, Math.round(report.durationMs)) }),
      );
      const done = outcome !== 'retry';
      await run(
        c,
        this.db
          .updateTable('outbox')
          .set({
            attempts: attempt,
            status: outcome === 'delivered' ? 'sent' : outcome === 'failed' ? 'failed' : 'pending',
            due_at: report.retryAt ?? report.at,
            lease_owner: null,
            lease_until: null,
            finished_at: done ? report.at : null,
            last_error: report.ok ? null : report.error,
          })
          .where('id', '=', id),
      );
      return true;
    });
  }

  async cancel(owner: string, id: string, at: string, reason: string): Promise<boolean> {
    return this.writer.transaction(async (c) => {
      const before = await this.leased(c, owner, id);
      if (before === undefined) return false;
      await run(c, this.db.insertInto('outbox_deliveries').values({ outbox_id: id, attempt: before + 1, at, outcome: 'cancelled', status_code: null, error: reason, duration_ms: 0 }));
      await run(c, this.db.updateTable('outbox').set({ attempts: before + 1, status: 'cancelled', lease_owner: null, lease_until: null, finished_at: at, last_error: reason }).where('id', '=', id));
      return true;
    });
  }

  async messages(filter: OutboxFilter = {}): Promise<OutboxItem[]> {
    let q = this.db.selectFrom('outbox').selectAll().orderBy('created_at').orderBy('id');
    if (filter.status !== undefined) q = q.where('status', '=', filter.status);
    if (filter.channel !== undefined) q = q.where('channel', '=', filter.channel);
    if (filter.limit !== undefined) q = q.limit(filter.limit);
    return (await q.execute()).map(item);
  }

  async message(id: string): Promise<OutboxItem | undefined> {
    const r = await this.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
    return r === undefined ? undefined : item(r);
  }

  async deliveries(outboxId?: string): Promise<DeliveryAttempt[]> {
    let q = this.db.selectFrom('outbox_deliveries').selectAll().orderBy('at').orderBy('outbox_id').orderBy('attempt');
    if (outboxId !== undefined) q = q.where('outbox_id', '=', outboxId);
    return (await q.execute()).map(delivery);
  }

  async addSubscription(s: WebhookSubscription): Promise<void> {
    await this.writer.transaction((c) =>
      run(c, this.db.insertInto('webhook_subscriptions').values({ id: s.id, url: s.url, secret: s.secret, event_types: s.eventTypes.join(' '), active: s.active ? 1 : 0, created_at: s.createdAt })),
    );
  }

  async subscriptions(includeInactive = false): Promise<WebhookSubscription[]> {
    let q = this.db.selectFrom('webhook_subscriptions').selectAll().orderBy('created_at').orderBy('id');
    if (!includeInactive) q = q.where('active', '=', 1);
    return (await q.execute()).map(subscription);
  }

  async removeSubscription(id: string): Promise<boolean> {
    return this.writer.transaction(async (c) => {
      const found = await all<{ id: string }>(c, this.db.selectFrom('webhook_subscriptions').select('id').where('id', '=', id).where('active', '=', 1));
      if (found.length === 0) return false;
      await run(c, this.db.updateTable('webhook_subscriptions').set({ active: 0 }).where('id', '=', id));
      return true;
    });
  }

  async setDigest(personId: string, digest: boolean, at: string): Promise<void> {
    await this.writer.transaction((c) =>
      run(
        c,
        this.db
          .insertInto('notification_preferences')
          .values({ person_id: personId, digest: digest ? 1 : 0, updated_at: at })
          .onConflict((oc) => oc.column('person_id').doUpdateSet({ digest: digest ? 1 : 0, updated_at: at })),
      ),
    );
  }

  async digestChosen(personId: string): Promise<boolean> {
    const r = await this.db.selectFrom('notification_preferences').select('digest').where('person_id', '=', personId).executeTakeFirst();
    return r !== undefined && Number(r.digest) === 1;
  }

  async digest(before: string, at: string, compose: (group: HeldGroup) => EmailContent): Promise<OutboxItem[]> {
    return this.writer.transaction(async (c) => {
      let q = this.db.selectFrom('outbox').selectAll().where('status', '=', 'held').where('created_at', '<', before).orderBy('person_id').orderBy('created_at').orderBy('id');
      if (this.caps.skipLocked) q = q.forUpdate().skipLocked();
      const held = (await all<OutboxTable>(c, q)).map(item).filter((i): i is OutboxItem & { channel: 'email' } => i.channel === 'email' && i.personId !== null);
      const groups = new Map<string, { personId: string; day: string; items: (OutboxItem & { channel: 'email' })[] }>();
      for (const i of held) {
        const personId = i.personId as string;
        const day = i.createdAt.slice(0, 10);
        const key = `${personId}\u0000${day}`;
        const g = groups.get(key) ?? { personId, day, items: [] };
        g.items.push(i);
        groups.set(key, g);
      }
      const written: OutboxItem[] = [];
      for (const g of groups.values()) {
        const last = g.items[g.items.length - 1];
        if (last === undefined) continue;
        const group: HeldGroup = { personId: g.personId, to: last.recipient, day: g.day, items: g.items };
        const content = compose(group);
        const row: OutboxTable = {
          id: newOutboxId(),
          channel: 'email',
          kind: 'digest',
          topic: 'digest',
          recipient: group.to,
          person_id: g.personId,
          subscription_id: null,
          content: JSON.stringify({ subject: content.subject, body: content.body } satisfies EmailContent),
          status: 'pending',
          attempts: 0,
          created_at: at,
          due_at: at,
          lease_owner: null,
          lease_until: null,
          finished_at: null,
          last_error: null,
          digest_id: null,
        };
        await run(c, this.db.insertInto('outbox').values(row));
        for (let k = 0; k < g.items.length; k += 500) {
          const ids = g.items.slice(k, k + 500).map((i) => i.id);
          await run(c, this.db.updateTable('outbox').set({ status: 'digested', digest_id: row.id, finished_at: at }).where('id', 'in', ids));
        }
        written.push(item(row));
      }
      return written;
    });
  }
}
