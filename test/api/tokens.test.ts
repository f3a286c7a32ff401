/**
 * API tokens over HTTP, on both back ends: made, listed and revoked from a browser session; scopes
 * limit what a token may do; a revoked token is refused; a token cannot manage tokens; only hashes
 * are stored; an Idempotency-Key replays the same token without a second one being made.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiWorld, type ApiWorld, type Client } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { ORG } from '../support/world.js';

interface Created {
  readonly id: string;
  readonly name: string;
  readonly token: string;
  readonly scopes: string[];
  readonly createdAt: string;
}

interface Listed {
  readonly id: string;
  readonly name: string;
  readonly scopes: string[];
  readonly revokedAt: string | null;
}

function code(body: unknown): string | undefined {
  return (body as { code?: string } | undefined)?.code;
}

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

for (const backend of backends()) {
  describe(`API tokens on ${backend.name}`, () => {
    let api: ApiWorld;
    let krasin: Client;
    beforeAll(async () => {
      api = await apiWorld(backend);
      krasin = await api.login(ORG.people.krasin);
    });
    afterAll(() => api.close());

    async function create(client: Client, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; replayed: boolean }> {
      const answer = await client.call('POST', '/api/v1/auth/tokens', { body, headers });
      return { status: answer.status, body: answer.body, replayed: answer.headers['idempotent-replayed'] === 'true' };
    }

    async function list(client: Client): Promise<Listed[]> {
      const answer = await client.call('GET', '/api/v1/auth/tokens');
      expect(answer.status).toBe(200);
      return (answer.body as { items: Listed[] }).items;
    }

    it('makes a token whose secret is shown once, lists it without the secret, and revokes it', async () => {
      const made = await create(krasin, { name: 'reporting', scopes: ['read'] });
      expect(made.status).toBe(201);
      const token = made.body as Created;
      expect(token).toMatchObject({ name: 'reporting', scopes: ['read'] });
      expect(token.id).toMatch(/^tok_/);
      expect(token.token).toMatch(/^pvk_[A-Za-z0-9_-]{43}$/);

      const listing = await krasin.call('GET', '/api/v1/auth/tokens');
      expect(listing.raw.body).not.toContain(token.token);
      expect(listing.raw.body).not.toContain(token.token.slice(4));
      const mine = (listing.body as { items: Array<Record<string, unknown>> }).items.find((t) => t.id === token.id);
      expect(mine).toMatchObject({ name: 'reporting', scopes: ['read'], revokedAt: null });
      expect(mine).not.toHaveProperty('token');

      const withIt = await api.server.inject({ method: 'GET', url: '/api/v1/auth/session', headers: bearer(token.token) });
      expect(withIt.statusCode).toBe(200);
      expect(withIt.json()).toMatchObject({ personId: ORG.people.krasin, via: 'token', csrfToken: null });
      expect((await api.server.inject({ method: 'GET', url: '/api/v1/assignments/asg_purge', headers: bearer(token.token) })).statusCode).toBe(200);

      const revoked = await krasin.call('DELETE', `/api/v1/auth/tokens/${token.id}`);
      expect(revoked.status).toBe(204);
      const refused = await api.server.inject({ method: 'GET', url: '/api/v1/assignments/asg_purge', headers: bearer(token.token) });
      expect(refused.statusCode).toBe(401);
      expect((await list(krasin)).find((t) => t.id === token.id)?.revokedAt).not.toBeNull();
      // Revoking again changes nothing; an unknown token, or another person's, is not found.
      expect((await krasin.call('DELETE', `/api/v1/auth/tokens/${token.id}`)).status).toBe(204);
      expect((await krasin.call('DELETE', '/api/v1/auth/tokens/tok_nope')).status).toBe(404);
      const theirs = (await create(await api.login(ORG.people.khinchuk), { name: 'theirs', scopes: ['read'] })).body as Created;
      expect((await krasin.call('DELETE', `/api/v1/auth/tokens/${theirs.id}`)).status).toBe(404);
      expect((await list(krasin)).some((t) => t.id === theirs.id)).toBe(false);
      expect((await api.server.inject({ method: 'GET', url: '/api/v1/auth/session', headers: bearer(theirs.token) })).statusCode).toBe(200);
    });

    it('refuses writes with a read-scope token, and lets a write-scope token past the scope check', async () => {
      const read = ((await create(krasin, { name: 'read only', scopes: ['read'] })).body as Created).token;
      const write = ((await create(krasin, { name: 'read and write', scopes: ['read', 'write'] })).body as Created).token;
      const accept = (token: string) => api.server.inject({ method: 'POST', url: '/api/v1/assignments/asg_purge/accept', headers: { ...bearer(token), 'if-match': '"0"', 'content-type': 'application/json' }, payload: '{}' });
      const refused = await accept(read);
      expect(refused.statusCode).toBe(403);
      expect(refused.json<{ code: string }>().code).toBe('FORBIDDEN');
      // The write token gets as far as the version check (a stale If-Match), so nothing changes.
      expect((await accept(write)).statusCode).toBe(412);
      expect((await api.server.inject({ method: 'GET', url: '/api/v1/assignments/asg_purge', headers: bearer(read) })).statusCode).toBe(200);
    });

    it('does not let a token see, make or revoke tokens: only a browser session does', async () => {
      const made = (await create(krasin, { name: 'automation', scopes: ['read', 'write'] })).body as Created;
      const asToken = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
        api.server.inject({ method, url, headers: { ...bearer(made.token), ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
      for (const answer of [await asToken('GET', '/api/v1/auth/tokens'), await asToken('POST', '/api/v1/auth/tokens', { name: 'child', scopes: ['write'] }), await asToken('DELETE', `/api/v1/auth/tokens/${made.id}`)]) {
        expect(answer.statusCode).toBe(403);
        expect(answer.json<{ code: string }>().code).toBe('FORBIDDEN');
      }
      expect((await list(krasin)).some((t) => t.name === 'child')).toBe(false);
      expect((await list(krasin)).find((t) => t.id === made.id)?.revokedAt).toBeNull();
      expect((await api.anonymous.call('GET', '/api/v1/auth/tokens')).status).toBe(401);
      expect((await api.anonymous.call('POST', '/api/v1/auth/tokens', { body: { name: 'x', scopes: ['read'] } })).status).toBe(401);
    });

    it('validates the name and scopes', async () => {
      for (const body of [{ name: 'x', scopes: [] }, { name: 'x', scopes: ['admin'] }, { name: '   ', scopes: ['read'] }, { name: 'x' }, { name: 'x', scopes: ['read'], extra: 1 }, { name: 'nul\u0000byte', scopes: ['read'] }]) {
        const answer = await create(krasin, body);
        expect(answer.status, JSON.stringify(body)).toBe(400);
        expect(code(answer.body)).toBe('VALIDATION_FAILED');
      }
    });

    it('stores only hashes: no row of the database holds a secret in clear', async () => {
      const key = 'token-at-rest-0001';
      const made = (await create(krasin, { name: 'at rest', scopes: ['read'] }, { 'idempotency-key': key })).body as Created;
      const plain = (await create(krasin, { name: 'at rest, no key', scopes: ['read'] })).body as Created;
      const rows = await api.store.db.selectFrom('api_tokens').selectAll().where('id', 'in', [made.id, plain.id]).execute();
      expect(rows).toHaveLength(2);
      for (const [token, row] of [made, plain].map((t) => [t, rows.find((r) => r.id === t.id)] as const)) {
        expect(row?.token_hash).toBe(createHash('sha256').update(token.token).digest('hex'));
        expect(JSON.stringify(row)).not.toContain(token.token.slice(4));
      }
      // Nor do the idempotency record, the server's secrets, or any other table, whether as is or in base64.
      for (const table of ['api_tokens', 'idempotency', 'secrets', 'sessions', 'accounts']) {
        const all = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(api.store.db);
        const dump = JSON.stringify(all.rows);
        for (const token of [made, plain]) {
          expect(dump, table).not.toContain(token.token.slice(4));
          expect(dump, table).not.toContain(Buffer.from(token.token).toString('base64url').slice(0, 40));
        }
        // The idempotency key that unseals a replay is not stored either, only its hash.
        expect(dump, table).not.toContain(key);
      }
    });

    it('replays the same token for the same Idempotency-Key, makes one token only, and refuses the key with another request', async () => {
      const headers = { 'idempotency-key': 'make-ci-token-42' };
      const first = await create(krasin, { name: 'ci', scopes: ['read', 'write'] }, headers);
      expect(first.status).toBe(201);
      expect(first.replayed).toBe(false);
      const again = await create(krasin, { name: 'ci', scopes: ['read', 'write'] }, headers);
      expect(again.status).toBe(201);
      expect(again.replayed).toBe(true);
      expect(again.body).toEqual(first.body);
      expect((await list(krasin)).filter((t) => t.name === 'ci')).toHaveLength(1);
      const token = (first.body as Created).token;
      expect((await api.server.inject({ method: 'GET', url: '/api/v1/auth/session', headers: bearer(token) })).statusCode).toBe(200);

      const other = await create(krasin, { name: 'ci', scopes: ['read'] }, headers);
      expect(other.status).toBe(422);
      expect(code(other.body)).toBe('IDEMPOTENCY_KEY_REUSED');
      // Keys are the account's own: another person's same key makes another token.
      const khinchuk = await api.login(ORG.people.khinchuk);
      const theirs = await create(khinchuk, { name: 'ci', scopes: ['read', 'write'] }, headers);
      expect(theirs.status).toBe(201);
      expect((theirs.body as Created).token).not.toBe(token);
    });

    it('gives 20 concurrent requests with one Idempotency-Key the same answer and one token', async () => {
      const headers = { 'idempotency-key': 'concurrent-token-7' };
      const answers = await Promise.all(Array.from({ length: 20 }, () => create(krasin, { name: 'burst', scopes: ['read'] }, headers)));
      expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 20 }, () => 201));
      const bodies = new Set(answers.map((a) => JSON.stringify(a.body)));
      expect(bodies.size).toBe(1);
      expect((await list(krasin)).filter((t) => t.name === 'burst')).toHaveLength(1);
      expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    });
  });
}
