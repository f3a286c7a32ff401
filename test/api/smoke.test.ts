/** The API answers over both back ends: sign in, read one assignment with its ETag, take a step with If-Match. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiWorld, type ApiWorld } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { ORG } from '../support/world.js';

for (const backend of backends()) {
  describe(`API smoke on ${backend.name}`, () => {
    let api: ApiWorld;
    beforeAll(async () => {
      api = await apiWorld(backend);
    });
    afterAll(() => api.close());

    it('reads an assignment with its ETag and refuses a change without If-Match', async () => {
      const krasin = await api.login(ORG.people.krasin);
      const read = await krasin.call('GET', '/api/v1/assignments/asg_purge');
      expect(read.status).toBe(200);
      expect(read.headers.etag).toMatch(/^"\d+"$/);
      const noMatch = await krasin.call('POST', '/api/v1/assignments/asg_purge/accept', { body: {} });
      expect(noMatch.status).toBe(428);
      expect((noMatch.body as { code: string }).code).toBe('PRECONDITION_REQUIRED');
      const anonymous = await api.anonymous.call('GET', '/api/v1/assignments/asg_purge');
      expect(anonymous.status).toBe(401);
    });

    it('a NUL character in a body, a key, a query or a path is refused with 400, and nothing is written (PostgreSQL text cannot hold it)', async () => {
      const secretary = await api.login(ORG.people.secretary);
      const before = (await api.store.reads.streamEvents('asg_audit')).length;
      const read = await secretary.call('GET', '/api/v1/assignments/asg_audit');
      const etag = String(read.headers.etag);
      const answers = [
        await secretary.call('POST', '/api/v1/assignments/asg_audit/cancel', { body: { reason: 'no\u0000more' }, headers: { 'if-match': etag } }),
        await secretary.call('POST', '/api/v1/assignments/asg_audit/cancel', { payload: '{"reason":"ok","x\\u0000":1}', headers: { 'if-match': etag, 'content-type': 'application/json' } }),
        await secretary.call('GET', '/api/v1/assignments?search=a%00b'),
        await secretary.call('GET', '/api/v1/assignments/asg%00audit'),
      ];
      for (const a of answers) {
        expect(a.status, a.raw.body).toBe(400);
        expect(a.headers['content-type']).toContain('application/problem+json');
      }
      expect((await api.store.reads.streamEvents('asg_audit')).length).toBe(before);
    });

    it('a replayed creation answers exactly as the first did, even after the assignment moved on', async () => {
      const secretary = await api.login(ORG.people.secretary);
      const krasin = await api.login(ORG.people.krasin);
      const body = { title: 'Replay me', definitionOfDone: 'Answered twice alike', deadline: '2022-04-01T09:00:00.000Z', ownerId: ORG.people.krasin, verifierId: ORG.people.tsiurupa };
      const headers = { 'idempotency-key': 'smoke-replay-after-a-step' };
      const first = await secretary.call('POST', `/api/v1/decisions/${ORG.decision}/assignments`, { body, headers });
      expect(first.status, first.raw.body).toBe(201);
      const id = (first.body as { id: string }).id;
      const accepted = await krasin.call('POST', `/api/v1/assignments/${id}/accept`, { body: {}, headers: { 'if-match': String(first.headers.etag) } });
      expect(accepted.status, accepted.raw.body).toBe(200);
      const again = await secretary.call('POST', `/api/v1/decisions/${ORG.decision}/assignments`, { body, headers });
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect((first.body as { status: string }).status).toBe('issued');
    });
  });
}
