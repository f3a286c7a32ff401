/**
 * Concurrent requests over HTTP, on both back ends: 50 simultaneous steps naming the same ETag
 * give exactly one 2xx and 49 × 412; 20 simultaneous replays of one Idempotency-Key have one side
 * effect and identical answers, and the key with another payload is refused (422). The store alone
 * (without the in-process wait for a duplicate) also keeps one side effect per key. A duplicate
 * still running after the wait gets 409.
 */
import type { FastifyReply } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { oncePerKey, type IdempotencyKey } from '../../src/http/idempotency.js';
import { apiWorld, type Answer, type ApiWorld } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { at, ORG } from '../support/world.js';

/** How many answers had each status and problem code, e.g. `{ "200": 1, "412 PRECONDITION_FAILED": 49 }`. */
function tally(answers: readonly Answer[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of answers) {
    const code = (a.body as { code?: unknown } | undefined)?.code;
    const key = a.status >= 400 ? `${a.status} ${String(code)}` : String(a.status);
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

for (const backend of backends()) {
  describe(`API concurrency on ${backend.name}`, () => {
    let api: ApiWorld;
    beforeAll(async () => {
      api = await apiWorld(backend);
    });
    afterAll(() => api.close());

    it('50 concurrent steps with the same If-Match: exactly one 2xx and 49 × 412', async () => {
      // Khinchuk owns asg_audit, still issued: each request would accept it.
      const khinchuk = await api.login(ORG.people.khinchuk);
      const read = await khinchuk.call('GET', '/api/v1/assignments/asg_audit');
      expect(read.status).toBe(200);
      expect((read.body as { status: string }).status).toBe('issued');
      const etag = String(read.headers.etag);
      const version = (read.body as { version: number }).version;
      const eventsBefore = (await api.store.fresh.streamEvents('asg_audit')).length;

      const answers = await Promise.all(Array.from({ length: 50 }, () => khinchuk.call('POST', '/api/v1/assignments/asg_audit/accept', { body: {}, headers: { 'if-match': etag } })));

      expect(tally(answers)).toEqual({ '200': 1, '412 PRECONDITION_FAILED': 49 });
      for (const a of answers.filter((x) => x.status === 412)) expect(String(a.headers['content-type'])).toMatch(/^application\/problem\+json/);
      const winner = answers.find((a) => a.status === 200);
      const after = await khinchuk.call('GET', '/api/v1/assignments/asg_audit');
      expect((after.body as { status: string }).status).toBe('in_progress');
      expect(after.headers.etag).toBe(winner?.headers.etag);
      const newVersion = (after.body as { version: number }).version;
      expect(newVersion).toBeGreaterThan(version);
      // One acceptance was recorded, not more.
      const events = await api.store.fresh.streamEvents('asg_audit');
      expect(events.length - eventsBefore).toBe(newVersion - version);
      expect(events.filter((e) => e.type === 'assignment.accepted')).toHaveLength(1);
    });

    it('20 concurrent replays of one Idempotency-Key: one assignment, identical answers; the key with another payload: 422', async () => {
      const secretary = await api.login(ORG.people.secretary);
      const body = { title: 'Count the wagons once', definitionOfDone: 'A table of wagons', deadline: at(300), ownerId: ORG.people.krasin, verifierId: ORG.people.tsiurupa };
      const key = 'concurrent-replay-0001';
      const before = await api.store.fresh.assignments({ decisionId: ORG.decision, limit: 1000 });
      const countsBefore = await api.store.fresh.counts();

      const answers = await Promise.all(Array.from({ length: 20 }, () => secretary.call('POST', `/api/v1/decisions/${ORG.decision}/assignments`, { body, headers: { 'idempotency-key': key } })));

      expect(tally(answers)).toEqual({ '201': 20 });
      const first = answers[0];
      if (first === undefined) throw new Error('no answers');
      for (const a of answers) {
        expect(a.body).toEqual(first.body);
        expect(a.headers.etag).toBe(first.headers.etag);
        expect(a.headers.location).toBe(first.headers.location);
      }
      // The first ran the command; the others were replays of its outcome.
      expect(answers.filter((a) => a.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);

      const id = (first.body as { id: string }).id;
      expect(first.headers.location).toBe(`/api/v1/assignments/${id}`);
      const afterList = await api.store.fresh.assignments({ decisionId: ORG.decision, limit: 1000 });
      expect(afterList.map((a) => a.id).sort()).toEqual([...before.map((a) => a.id), id].sort());
      const countsAfter = await api.store.fresh.counts();
      expect(countsAfter.assignments).toBe(countsBefore.assignments + 1);
      expect(countsAfter.events - countsBefore.events).toBe((await api.store.fresh.streamEvents(id)).length);

      const reused = await secretary.call('POST', `/api/v1/decisions/${ORG.decision}/assignments`, { body: { ...body, title: 'Something else' }, headers: { 'idempotency-key': key } });
      expect(reused.status).toBe(422);
      expect((reused.body as { code: string }).code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(String(reused.headers['content-type'])).toMatch(/^application\/problem\+json/);
      const replayed = await secretary.call('POST', `/api/v1/decisions/${ORG.decision}/assignments`, { body, headers: { 'idempotency-key': key } });
      expect(replayed.status).toBe(201);
      expect(replayed.body).toEqual(first.body);
      expect((await api.store.fresh.counts()).assignments).toBe(countsBefore.assignments + 1);
    });

    it('20 concurrent commands with one idempotency key straight to the application: one side effect, the same outcome', async () => {
      const idempotency = { scope: ORG.people.secretary, key: 'store-level-key-0001', fingerprint: 'the same request' };
      const countsBefore = await api.store.fresh.counts();
      const command = { type: 'assignment.issue' as const, decisionId: ORG.decision, title: 'Issued once by the store', definitionOfDone: 'Once', deadline: at(320), ownerId: ORG.people.clerk, verifierId: ORG.people.tsiurupa };

      const results = await Promise.all(Array.from({ length: 20 }, () => api.world.app.execute(ORG.people.secretary, command, { idempotency })));

      const refused = results.flatMap((r) => (r.ok ? [] : [r.error.code]));
      expect(refused).toEqual([]);
      const ids = new Set(results.map((r) => (r.ok ? r.value.id : '')));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => r.ok && r.value.replayed !== true)).toHaveLength(1);
      expect((await api.store.fresh.counts()).assignments).toBe(countsBefore.assignments + 1);
    });
  });
}

describe('a duplicate of an Idempotency-Key still in flight', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A reply that records the problem sent through it. */
  function fakeReply(): { reply: FastifyReply; sent: Array<{ status: number; code: string }> } {
    const sent: Array<{ status: number; code: string }> = [];
    let status = 200;
    const reply = {
      request: { url: '/api/v1/decisions/dec_meat/assignments' },
      code(s: number) {
        status = s;
        return reply;
      },
      type() {
        return reply;
      },
      send(p: { code: string }) {
        sent.push({ status, code: p.code });
        return reply;
      },
    };
    return { reply: reply as unknown as FastifyReply, sent };
  }

  it('gets 409 IDEMPOTENCY_KEY_IN_FLIGHT when the first is still running after the wait, and never runs', async () => {
    vi.useFakeTimers();
    const key: IdempotencyKey = { scope: 'per_test', key: 'never-ending-key', fingerprint: 'f' };
    const first = fakeReply();
    const second = fakeReply();
    let ran = false;
    void oncePerKey(key, first.reply, () => new Promise<never>(() => undefined));
    const duplicate = oncePerKey(key, second.reply, () => {
      ran = true;
      return Promise.resolve('ran');
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(second.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await duplicate).toBeUndefined();
    expect(second.sent).toEqual([{ status: 409, code: 'IDEMPOTENCY_KEY_IN_FLIGHT' }]);
    expect(ran).toBe(false);
    expect(first.sent).toEqual([]);
  });

  it('waits for the first to finish, then runs (and the application replays what the first stored)', async () => {
    vi.useFakeTimers();
    const key: IdempotencyKey = { scope: 'per_test', key: 'finishing-key', fingerprint: 'f' };
    const order: string[] = [];
    const first = oncePerKey(key, fakeReply().reply, () => new Promise<string>((resolve) => setTimeout(() => (order.push('first done'), resolve('first')), 1_000)));
    const second = fakeReply();
    const duplicate = oncePerKey(key, second.reply, () => (order.push('second runs'), Promise.resolve('second')));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await first).toBe('first');
    expect(await duplicate).toBe('second');
    expect(order).toEqual(['first done', 'second runs']);
    expect(second.sent).toEqual([]);
  });
});
