/**
 * The verification status of the record over HTTP, on both back ends: who reads it, the last
 * checkpoint, a verification run by an administrator of the whole organisation (and refused to
 * anyone else), kept as the last verification, and a broken record reported as such.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiWorld, type ApiWorld } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { ORG, run } from '../support/world.js';

const code = (body: unknown): string | undefined => (body as { code?: string } | undefined)?.code;
const p = ORG.people;

interface Status {
  events: number;
  streams: number;
  lastCheckpoint: { seq: number; at: string; root: string } | null;
  lastVerification: { ok: boolean; by: string; at: string; events: number; problems: number; firstProblem: { kind: string; streamId: string } | null } | null;
}

for (const backend of backends()) {
  describe(`record status on ${backend.name}`, () => {
    let api: ApiWorld;

    beforeAll(async () => {
      api = await apiWorld(backend);
      // Tsiurupa administers the whole organisation: every unit without a parent.
      for (const unit of [ORG.units.sec, ORG.units.trade, ORG.units.coop]) {
        await run(api.world, 'system', { type: 'person.grant-role', personId: p.tsiurupa, role: 'administrator', scopeId: unit });
      }
      // Krasin administers one root only.
      await run(api.world, 'system', { type: 'person.grant-role', personId: p.krasin, role: 'administrator', scopeId: ORG.units.trade });
    });
    afterAll(() => api.close());

    it('shows the size of the record and its last checkpoint to anyone with a role', async () => {
      const secretary = await api.login(p.secretary);
      const before = await secretary.call('GET', '/api/v1/record/status');
      expect(before.status).toBe(200);
      const counts = await api.store.reads.counts();
      expect(before.body).toMatchObject({ events: counts.events, streams: counts.streams, lastVerification: null });
      const checkpoint = await api.world.app.checkpoint(true);
      expect(checkpoint).not.toBeNull();
      const after = (await secretary.call('GET', '/api/v1/record/status')).body as Status;
      expect(after.lastCheckpoint).toEqual({ seq: checkpoint?.seq, at: checkpoint?.at, root: checkpoint?.root });
      expect(after.lastCheckpoint?.root).toMatch(/^[0-9a-f]{64}$/);
      expect(after.events).toBe(before.body === undefined ? -1 : (before.body as Status).events + 1);
    });

    it('hides it from people without a role and from nobody signed in', async () => {
      const khinchuk = await api.login(p.khinchuk);
      const refused = await khinchuk.call('GET', '/api/v1/record/status');
      expect(refused.status).toBe(403);
      expect(code(refused.body)).toBe('FORBIDDEN');
      expect((await api.anonymous.call('GET', '/api/v1/record/status')).status).toBe(401);
    });

    it('lets only an administrator of the whole organisation run a verification', async () => {
      const secretary = await api.login(p.secretary);
      expect((await secretary.call('POST', '/api/v1/record/verify')).status).toBe(403);
      const krasin = await api.login(p.krasin);
      const partial = await krasin.call('POST', '/api/v1/record/verify');
      expect(partial.status).toBe(403);
      expect(code(partial.body)).toBe('FORBIDDEN');
      expect((await api.anonymous.call('POST', '/api/v1/record/verify')).status).toBe(401);
      const reader = await api.withToken(p.tsiurupa, ['read']);
      expect((await reader.call('POST', '/api/v1/record/verify')).status).toBe(403);
      const noCsrf = await api.server.inject({ method: 'POST', url: '/api/v1/record/verify', headers: { cookie: (await api.login(p.tsiurupa)).headers['cookie'] ?? '' } });
      expect(noCsrf.statusCode).toBe(403);
      expect((await secretary.call('GET', '/api/v1/record/status')).body).toMatchObject({ lastVerification: null });
    });

    it('verifies the record and keeps the outcome as the last verification', async () => {
      const tsiurupa = await api.login(p.tsiurupa);
      const verified = await tsiurupa.call('POST', '/api/v1/record/verify');
      expect(verified.status).toBe(200);
      const counts = await api.store.reads.counts();
      expect(verified.body).toMatchObject({ ok: true, by: p.tsiurupa, events: counts.events, problems: 0, firstProblem: null });
      expect((verified.body as { checkpoints: number }).checkpoints).toBeGreaterThanOrEqual(1);
      const status = (await (await api.login(p.clerk)).call('GET', '/api/v1/record/status')).body as Status | undefined;
      // The clerk has no role left (his viewer role was revoked): he is refused; the controller reads it.
      expect(status).toMatchObject({ code: 'FORBIDDEN' });
      const auditor = await api.login(p.auditor);
      const seen = (await auditor.call('GET', '/api/v1/record/status')).body as Status;
      expect(seen.lastVerification).toEqual(verified.body);
    });

    it('reports a broken record with its first problem', async () => {
      await api.store.db.updateTable('events').set({ actor: p.secretary }).where('stream_id', '=', 'asg_meat').where('seq', '=', 2).execute();
      const tsiurupa = await api.login(p.tsiurupa);
      const broken = await tsiurupa.call('POST', '/api/v1/record/verify');
      expect(broken.status).toBe(200);
      const body = broken.body as { ok: boolean; problems: number; firstProblem: { kind: string; streamId: string; seq: number } };
      expect(body.ok).toBe(false);
      expect(body.problems).toBeGreaterThanOrEqual(1);
      expect(body.firstProblem).toMatchObject({ kind: 'hash-mismatch', streamId: 'asg_meat', seq: 2 });
      const status = (await tsiurupa.call('GET', '/api/v1/record/status')).body as Status;
      expect(status.lastVerification).toMatchObject({ ok: false, firstProblem: { streamId: 'asg_meat' } });
    });
  });
}
