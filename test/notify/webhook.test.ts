/**
 * Signed webhooks on both back ends, to a real local HTTP receiver: the signature checked with the
 * subscription's secret, a failed delivery retried after its backoff (the injected clock moved past
 * it) with both attempts in the delivery log, a receiver that never succeeds ending `failed` after
 * the last attempt, event-type filters, removed subscriptions, and two dispatchers that never send
 * one message twice.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoffMs, MAX_ATTEMPTS } from '../../src/jobs/notify/backoff.js';
import { verifyWebhook } from '../../src/jobs/notify/webhooks.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import type { WebhookSubscription } from '../../src/store/outbox.js';
import { backends } from '../support/backends.js';
import { run, type World } from '../support/world.js';
import { dispatcher, issueToOwner, MAIL, notifyWorld } from './notify-world.js';
import { startReceiver, type Receiver } from './receiver.js';

const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

const SECRET = 'whsec_0123456789abcdef';

function subscription(url: string, eventTypes: readonly string[], id = 'whk_test'): WebhookSubscription {
  return { id, url, secret: SECRET, eventTypes, active: true, createdAt: '2022-03-01T08:00:00.000Z' };
}

function header(r: { readonly headers: Readonly<Record<string, string | string[] | undefined>> }, name: string): string {
  const v = r.headers[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

for (const backend of BACKENDS) {
  describe(`[${backend.name}] webhooks`, () => {
    let w: World<KyselyStore>;
    let receiver: Receiver | undefined;
    beforeEach(async () => {
      w = await notifyWorld(await backend.fresh());
    });
    afterEach(async () => {
      await receiver?.close();
      receiver = undefined;
      await w.store.close().catch(() => undefined);
    });

    async function escalate(): Promise<string> {
      const id = await issueToOwner(w);
      await run(w, MAIL.owner.id, { type: 'assignment.escalate', assignmentId: id, toId: MAIL.target.id, reason: 'no answer' });
      return id;
    }

    it('a signed POST; a 500 is retried after its backoff and then delivered; both attempts are in the delivery log', async () => {
      receiver = await startReceiver((n) => (n === 1 ? 500 : 204));
      await w.store.outbox.addSubscription(subscription(receiver.url, ['assignment.escalated']));
      const assignmentId = await escalate();

      const [row] = await w.store.outbox.messages({ channel: 'webhook' });
      expect(await w.store.outbox.messages({ channel: 'webhook' })).toHaveLength(1);
      expect(row).toMatchObject({ topic: 'assignment.escalated', subscriptionId: 'whk_test', status: 'pending', attempts: 0 });

      const pass = dispatcher(w);
      expect(await pass.tick()).toMatchObject({ claimed: 1, sent: 0, retried: 1 });
      expect(receiver.requests).toHaveLength(1);
      const first = receiver.requests[0];
      if (first === undefined) throw new Error('no request');
      expect(first.method).toBe('POST');
      expect(header(first, 'content-type')).toBe('application/json');
      expect(header(first, 'x-proverka-delivery')).toBe(row?.id);
      const timestamp = header(first, 'x-proverka-timestamp');
      expect(Number(timestamp)).toBe(Math.floor(w.clock.now() / 1000));
      // The receiver's own check: HMAC-SHA256 of "<timestamp>.<body>" under the subscription's secret.
      const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${first.body}`).digest('hex')}`;
      expect(header(first, 'x-proverka-signature')).toBe(expected);
      expect(verifyWebhook(SECRET, timestamp, first.body, header(first, 'x-proverka-signature'))).toBe(true);
      expect(verifyWebhook('whsec_other', timestamp, first.body, header(first, 'x-proverka-signature'))).toBe(false);
      const body = JSON.parse(first.body) as { id: string; event: string; data: { assignmentId: string; actor: string; payload: { to: string; level: number }; assignment: { escalationLevel: number } } };
      expect(body).toMatchObject({ id: row?.id, event: 'assignment.escalated', data: { assignmentId, actor: MAIL.owner.id, payload: { to: MAIL.target.id, level: 1 }, assignment: { escalationLevel: 1 } } });

      // Not due before its backoff ran out.
      w.clock.advance(backoffMs(1) - 1);
      expect((await pass.tick()).claimed).toBe(0);
      w.clock.advance(1);
      expect(await pass.tick()).toMatchObject({ claimed: 1, sent: 1 });
      expect(receiver.requests).toHaveLength(2);
      const second = receiver.requests[1];
      expect(second?.body).toBe(first.body);
      expect(header(second ?? first, 'x-proverka-delivery')).toBe(row?.id);
      expect(verifyWebhook(SECRET, header(second ?? first, 'x-proverka-timestamp'), second?.body ?? '', header(second ?? first, 'x-proverka-signature'))).toBe(true);

      const log = await w.store.outbox.deliveries(row?.id);
      expect(log.map((d) => [d.attempt, d.outcome, d.statusCode, d.error])).toEqual([
        [1, 'retry', 500, 'HTTP 500'],
        [2, 'delivered', 204, null],
      ]);
      expect(await w.store.outbox.message(row?.id ?? '')).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    });

    it(`a receiver that never succeeds: ${MAX_ATTEMPTS} attempts with growing waits, then failed`, async () => {
      receiver = await startReceiver(() => 503);
      await w.store.outbox.addSubscription(subscription(receiver.url, ['assignment.*']));
      await escalate();
      const rows = await w.store.outbox.messages({ channel: 'webhook' });
      // assignment.issued and assignment.escalated both match assignment.*.
      expect(rows.map((r) => r.topic).sort()).toEqual(['assignment.escalated', 'assignment.issued']);
      const pass = dispatcher(w);
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        expect(await pass.tick()).toMatchObject({ claimed: 2 });
        w.clock.advance(backoffMs(attempt));
      }
      expect(receiver.requests).toHaveLength(2 * MAX_ATTEMPTS);
      for (const r of rows) {
        const m = await w.store.outbox.message(r.id);
        expect(m).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastError: 'HTTP 503' });
        const log = await w.store.outbox.deliveries(r.id);
        expect(log.map((d) => d.outcome)).toEqual([...Array<string>(MAX_ATTEMPTS - 1).fill('retry'), 'failed']);
        expect(log.every((d) => d.statusCode === 503)).toBe(true);
        // The waits between attempts grew: 30 s, 2 min, 10 min …
        const gaps = log.slice(1).map((d, i) => Date.parse(d.at) - Date.parse(log[i]?.at ?? ''));
        expect(gaps).toEqual(Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => backoffMs(i + 1)));
      }
      w.clock.advance(30 * 86_400_000);
      expect((await pass.tick()).claimed).toBe(0);
    });

    it('a receiver that does not listen: the connection error is logged and retried', async () => {
      receiver = await startReceiver();
      const url = receiver.url;
      await receiver.close();
      receiver = undefined;
      await w.store.outbox.addSubscription(subscription(url, ['assignment.issued']));
      await issueToOwner(w);
      expect(await dispatcher(w).tick()).toMatchObject({ claimed: 1, retried: 1 });
      const [d] = await w.store.outbox.deliveries();
      expect(d).toMatchObject({ attempt: 1, outcome: 'retry', statusCode: null });
      expect(d?.error).toMatch(/ECONNREFUSED|fetch failed/);
    });

    it('filters take only their event types; messages of a removed subscription are cancelled, not sent', async () => {
      receiver = await startReceiver();
      await w.store.outbox.addSubscription(subscription(receiver.url, ['assignment.escalated'], 'whk_escalations'));
      await w.store.outbox.addSubscription(subscription(receiver.url, ['assignment.verified'], 'whk_verified'));
      await w.store.outbox.addSubscription(subscription(receiver.url, ['*'], 'whk_all'));
      await escalate();
      const rows = await w.store.outbox.messages({ channel: 'webhook' });
      expect(rows.map((r) => `${r.subscriptionId} ${r.topic}`).sort()).toEqual(['whk_all assignment.escalated', 'whk_all assignment.issued', 'whk_escalations assignment.escalated']);

      expect(await w.store.outbox.removeSubscription('whk_all')).toBe(true);
      expect(await w.store.outbox.removeSubscription('whk_all')).toBe(false);
      expect((await w.store.outbox.subscriptions()).map((s) => s.id).sort()).toEqual(['whk_escalations', 'whk_verified']);
      expect(await dispatcher(w).tick()).toMatchObject({ claimed: 3, sent: 1, cancelled: 2 });
      expect(receiver.requests.map((r) => JSON.parse(r.body) as { event: string }).map((b) => b.event)).toEqual(['assignment.escalated']);
      const cancelled = await w.store.outbox.messages({ status: 'cancelled' });
      expect(cancelled.map((c) => c.subscriptionId)).toEqual(['whk_all', 'whk_all']);
      // A removed subscription gets nothing new.
      await issueToOwner(w, 'Another case');
      expect((await w.store.outbox.messages({ channel: 'webhook', status: 'pending' })).length).toBe(0);
    });

    it('two dispatchers claiming at once deliver each message exactly once', async () => {
      receiver = await startReceiver();
      await w.store.outbox.addSubscription(subscription(receiver.url, ['assignment.issued']));
      for (let i = 0; i < 24; i++) await issueToOwner(w, `Case ${i}`);
      const a = dispatcher(w, { worker: 'dispatcher-a', batch: 5 });
      const b = dispatcher(w, { worker: 'dispatcher-b', batch: 5 });
      const [sentA, sentB] = await Promise.all([a.drain(), b.drain()]);
      expect(sentA + sentB).toBe(24);
      const ids = receiver.requests.map((r) => header(r, 'x-proverka-delivery'));
      expect(ids).toHaveLength(24);
      expect(new Set(ids).size).toBe(24);
      expect((await w.store.outbox.messages({ status: 'sent' })).length).toBe(24);
      expect((await w.store.outbox.deliveries()).length).toBe(24);
    });
  });
}
