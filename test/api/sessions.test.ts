/**
 * Browser sessions over HTTP, on both back ends: a new session id at every login, logout and a
 * password change end sessions, idle and absolute timeouts (on the test's manual clock), CSRF on
 * unsafe requests, the cookie's attributes, and the limit on login attempts.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../src/app/accounts/sessions.js';
import { buildServer, type ServerOptions } from '../../src/http/server.js';
import { apiWorld, call, loginAs, PASSWORD, usernameOf, type ApiWorld } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { ORG } from '../support/world.js';

function code(body: unknown): string | undefined {
  return (body as { code?: string } | undefined)?.code;
}

for (const backend of backends()) {
  describe(`sessions on ${backend.name}`, () => {
    let api: ApiWorld;
    const extra: FastifyInstance[] = [];
    /** Another server over the same record, with other options. */
    async function serverWith(options: Partial<ServerOptions>): Promise<FastifyInstance> {
      const server = await buildServer({ app: api.world.app, clock: api.world.clock, filesDir: api.filesDir, logger: false, ...options });
      await server.ready();
      extra.push(server);
      return server;
    }
    beforeAll(async () => {
      api = await apiWorld(backend);
    });
    afterAll(async () => {
      for (const s of extra) await s.close();
      await api.close();
    });

    it('gives a new session id at login and ends the one the browser came with', async () => {
      const first = await loginAs(api.server, usernameOf(ORG.people.krasin));
      const again = await call(api.server, 'POST', '/api/v1/auth/login', first.headers, { body: { username: 'krasin', password: PASSWORD } });
      expect(again.status).toBe(200);
      const second = again.raw.cookies.find((c) => c.name === 'proverka_session')?.value;
      expect(second).toBeDefined();
      expect(second).not.toBe(first.sessionId);
      expect((again.body as { csrfToken: string }).csrfToken).not.toBe(first.csrfToken);
      expect((await first.call('GET', '/api/v1/auth/session')).status).toBe(401);
      const now = await call(api.server, 'GET', '/api/v1/auth/session', { cookie: `proverka_session=${second}` });
      expect(now.status).toBe(200);
      expect(now.body).toMatchObject({ personId: ORG.people.krasin, via: 'session' });
    });

    it('refuses a username with control characters as malformed, not as a server error', async () => {
      const answer = await api.anonymous.call('POST', '/api/v1/auth/login', { body: { username: 'kra\u0000sin', password: PASSWORD } });
      expect(answer.status).toBe(400);
      expect(code(answer.body)).toBe('VALIDATION_FAILED');
    });

    it('ends the session at logout: the old cookie gets 401 and is cleared', async () => {
      const client = await api.login(ORG.people.khinchuk);
      expect((await client.call('GET', '/api/v1/auth/session')).status).toBe(200);
      const out = await client.call('POST', '/api/v1/auth/logout');
      expect(out.status).toBe(204);
      const cleared = out.raw.cookies.find((c) => c.name === 'proverka_session');
      expect(cleared?.value).toBe('');
      expect(cleared?.expires?.getTime()).toBe(0);
      const after = await client.call('GET', '/api/v1/auth/session');
      expect(after.status).toBe(401);
      expect(code(after.body)).toBe('UNAUTHENTICATED');
      expect((await client.call('GET', '/api/v1/assignments/asg_purge')).status).toBe(401);
    });

    it('ends every session of the account at a password change; the new password works and the old does not', async () => {
      const who = ORG.people.auditor;
      const username = usernameOf(who);
      const other = await api.login(who);
      const client = await api.login(who);
      const newPassword = 'a brand new passphrase';

      const wrong = await client.call('POST', '/api/v1/auth/password', { body: { currentPassword: 'not the password', newPassword } });
      expect(wrong.status).toBe(403);
      expect(code(wrong.body)).toBe('CURRENT_PASSWORD_WRONG');
      const short = await client.call('POST', '/api/v1/auth/password', { body: { currentPassword: PASSWORD, newPassword: 'short' } });
      expect(short.status).toBe(400);
      expect((await client.call('GET', '/api/v1/auth/session')).status).toBe(200);

      const changed = await client.call('POST', '/api/v1/auth/password', { body: { currentPassword: PASSWORD, newPassword } });
      expect(changed.status).toBe(204);
      expect(changed.raw.cookies.find((c) => c.name === 'proverka_session')?.value).toBe('');
      expect((await client.call('GET', '/api/v1/auth/session')).status).toBe(401);
      expect((await other.call('GET', '/api/v1/auth/session')).status).toBe(401);

      const old = await api.anonymous.call('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD } });
      expect(old.status).toBe(401);
      const fresh = await loginAs(api.server, username, newPassword);
      expect((await fresh.call('GET', '/api/v1/auth/session')).status).toBe(200);
      // Back to the standard password, for the other tests.
      expect((await fresh.call('POST', '/api/v1/auth/password', { body: { currentPassword: newPassword, newPassword: PASSWORD } })).status).toBe(204);
    });

    it('lets only a browser session change the password, not an API token', async () => {
      const token = await api.withToken(ORG.people.clerk, ['read', 'write']);
      const refused = await token.call('POST', '/api/v1/auth/password', { body: { currentPassword: PASSWORD, newPassword: 'whatever it may be' } });
      expect(refused.status).toBe(403);
      expect(code(refused.body)).toBe('FORBIDDEN');
      expect((await api.anonymous.call('POST', '/api/v1/auth/password', { body: { currentPassword: PASSWORD, newPassword: 'whatever it may be' } })).status).toBe(401);
    });

    it('ends a session left unused for the idle timeout', async () => {
      const client = await api.login(ORG.people.tsiurupa);
      api.world.clock.advance(IDLE_TIMEOUT_MS - 60_000);
      expect((await client.call('GET', '/api/v1/auth/session')).status).toBe(200);
      // Activity moved the idle deadline on.
      api.world.clock.advance(IDLE_TIMEOUT_MS - 60_000);
      expect((await client.call('GET', '/api/v1/auth/session')).status).toBe(200);
      api.world.clock.advance(IDLE_TIMEOUT_MS);
      expect((await client.call('GET', '/api/v1/auth/session')).status).toBe(401);
    });

    it('ends a session at the absolute timeout however active it is', async () => {
      const start = api.world.clock.now();
      const client = await api.login(ORG.people.secretary);
      const step = IDLE_TIMEOUT_MS - 60_000;
      let at = start;
      while (at + step < start + ABSOLUTE_TIMEOUT_MS) {
        at += step;
        api.world.clock.set(at);
        expect((await client.call('GET', '/api/v1/auth/session')).status).toBe(200);
      }
      api.world.clock.set(start + ABSOLUTE_TIMEOUT_MS);
      expect((await client.call('GET', '/api/v1/auth/session')).status).toBe(401);
    });

    it('refuses unsafe requests of a session without its CSRF token, or with a wrong one', async () => {
      const client = await loginAs(api.server, usernameOf(ORG.people.clerk));
      const cookie = { cookie: `proverka_session=${client.sessionId}` };
      for (const [method, url] of [
        ['POST', '/api/v1/auth/logout'],
        ['POST', '/api/v1/assignments/asg_purge/accept'],
        ['POST', '/api/v1/auth/tokens'],
      ] as const) {
        const missing = await call(api.server, method, url, cookie, { body: {} });
        expect(missing.status, `${method} ${url}`).toBe(403);
        expect(code(missing.body)).toBe('CSRF_TOKEN_INVALID');
        const wrong = await call(api.server, method, url, { ...cookie, 'x-csrf-token': `${client.csrfToken.slice(0, -1)}x` }, { body: {} });
        expect(wrong.status).toBe(403);
        expect(code(wrong.body)).toBe('CSRF_TOKEN_INVALID');
      }
      // Another session's token is wrong too.
      const other = await loginAs(api.server, usernameOf(ORG.people.krasin));
      const crossed = await call(api.server, 'POST', '/api/v1/auth/logout', { ...cookie, 'x-csrf-token': other.csrfToken });
      expect(code(crossed.body)).toBe('CSRF_TOKEN_INVALID');
      // Reads need no token; the session is still alive; with its token the logout goes through.
      expect((await call(api.server, 'GET', '/api/v1/auth/session', cookie)).status).toBe(200);
      expect((await client.call('POST', '/api/v1/auth/logout')).status).toBe(204);
    });

    it('sets the cookie HttpOnly and SameSite=Lax, and Secure only when the server is reached over TLS', async () => {
      const plain = await call(api.server, 'POST', '/api/v1/auth/login', {}, { body: { username: 'krasin', password: PASSWORD } });
      const cookie = plain.raw.cookies.find((c) => c.name === 'proverka_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie?.secure).not.toBe(true);
      const header = String(plain.headers['set-cookie']);
      expect(header).toMatch(/HttpOnly/);
      expect(header).toMatch(/SameSite=Lax/);
      expect(header).not.toMatch(/Secure/);

      const tls = await serverWith({ secure: true });
      const secured = await call(tls, 'POST', '/api/v1/auth/login', {}, { body: { username: 'krasin', password: PASSWORD } });
      expect(secured.raw.cookies.find((c) => c.name === 'proverka_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true });
      expect(String(secured.headers['set-cookie'])).toMatch(/; Secure/);
    });

    it('answers 429 with Retry-After once an address tried a username too often, whatever the password', async () => {
      const limited = await serverWith({ loginRateLimit: { max: 3, timeWindowMs: 60_000 } });
      for (let i = 0; i < 3; i++) {
        const wrong = await call(limited, 'POST', '/api/v1/auth/login', {}, { body: { username: 'khinchuk', password: `wrong ${i}` } });
        expect(wrong.status).toBe(401);
      }
      const blocked = await call(limited, 'POST', '/api/v1/auth/login', {}, { body: { username: 'Khinchuk', password: PASSWORD } });
      expect(blocked.status).toBe(429);
      expect(blocked.headers['content-type']).toContain('application/problem+json');
      expect(code(blocked.body)).toBe('RATE_LIMITED');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.raw.cookies.some((c) => c.name === 'proverka_session')).toBe(false);
      // Another username from the same address is not blocked; with limiting off nothing is.
      expect((await call(limited, 'POST', '/api/v1/auth/login', {}, { body: { username: 'krasin', password: PASSWORD } })).status).toBe(200);
      const unlimited = await serverWith({ loginRateLimit: false });
      for (let i = 0; i < 5; i++) {
        expect((await call(unlimited, 'POST', '/api/v1/auth/login', {}, { body: { username: 'khinchuk', password: `wrong ${i}` } })).status).toBe(401);
      }
    });

    it('limits password change attempts per account', async () => {
      const limited = await serverWith({ loginRateLimit: { max: 2, timeWindowMs: 60_000 } });
      const client = await loginAs(limited, usernameOf(ORG.people.khinchuk));
      for (let i = 0; i < 2; i++) {
        expect((await client.call('POST', '/api/v1/auth/password', { body: { currentPassword: `wrong ${i}`, newPassword: 'another long password' } })).status).toBe(403);
      }
      const blocked = await client.call('POST', '/api/v1/auth/password', { body: { currentPassword: PASSWORD, newPassword: 'another long password' } });
      expect(blocked.status).toBe(429);
      expect(code(blocked.body)).toBe('RATE_LIMITED');
      // Nothing changed: the standard password still signs in.
      expect((await api.anonymous.call('POST', '/api/v1/auth/login', { body: { username: 'khinchuk', password: PASSWORD } })).status).toBe(200);
    });
  });
}
