/**
 * Single sign-on against a real OpenID provider (oidc-provider) started by the test on a free port.
 * A browser is played with two cookie jars (the provider's, over real HTTP; ours, through inject),
 * following every redirect by hand: our /oidc/login -> the provider's /auth -> its login and
 * consent interactions (answered by a tiny handler that signs in the subject the test chose) ->
 * our callback. Both back ends.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcOptionsFromEnv, subjectOf } from '../../src/app/accounts/oidc.js';
import { buildServer } from '../../src/http/server.js';
import { apiWorld, call, type Answer, type ApiWorld } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { ORG } from '../support/world.js';

const CLIENT_ID = 'proverka';
const CLIENT_SECRET = 'a-client-secret-long-enough-for-the-provider';
const REDIRECT_URI = 'http://localhost:8080/api/v1/auth/oidc/callback';

/** The provider, and the subject its login interaction signs in next. */
interface TestProvider {
  readonly issuer: string;
  subject: string;
  close(): Promise<void>;
}

async function startProvider(): Promise<TestProvider> {
  const http: Server = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const state: TestProvider = { issuer, subject: 'nobody', close: () => new Promise((resolve) => http.close(() => resolve())) };
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT_URI], grant_types: ['authorization_code'], response_types: ['code'] }],
    findAccount: (_ctx: unknown, sub: string) => Promise.resolve({ accountId: sub, claims: () => Promise.resolve({ sub, preferred_username: `user-${sub}` }) }),
    features: { devInteractions: { enabled: false } },
    // Our client must prove PKCE: the provider refuses an authorization request without it.
    pkce: { required: () => true },
    cookies: { keys: ['oidc-test-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  const handle = provider.callback();
  http.on('request', (req, res) => {
    if (!(req.url ?? '').startsWith('/interaction/')) return handle(req, res);
    // The login and consent pages, answered at once: the user is state.subject and consents to what is asked.
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        await provider.interactionFinished(req, res, { login: { accountId: state.subject } }, { mergeWithLastSubmission: false });
        return;
      }
      const grant = details.grantId === undefined ? new provider.Grant({ accountId: details.session?.accountId ?? state.subject, clientId: details.params.client_id }) : await provider.Grant.find(details.grantId);
      if (grant === undefined) throw new Error('no grant');
      const missing = details.prompt.details.missingOIDCScope;
      if (missing !== undefined) grant.addOIDCScope(missing.join(' '));
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  return state;
}

/** A browser: its cookies for our server and for the provider. */
class Browser {
  readonly ours = new Map<string, string>();
  readonly theirs = new Map<string, string>();

  private static header(jar: Map<string, string>): string {
    return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** A GET to our server (through inject), keeping the cookies it sets. */
  async ourGet(server: FastifyInstance, url: string): Promise<Answer> {
    const answer = await call(server, 'GET', url, this.ours.size === 0 ? {} : { cookie: Browser.header(this.ours) });
    for (const c of answer.raw.cookies) {
      // Cleared cookies (the test's clock is in the past: only an emptied value or the epoch means gone).
      const gone = c.value === '' || c.maxAge === 0 || c.expires?.getTime() === 0;
      if (gone) this.ours.delete(c.name);
      else this.ours.set(c.name, c.value);
    }
    return answer;
  }

  /** Follows the provider's redirects from `url` until it sends the browser to our callback: that URL's path and query. */
  async throughProvider(url: string): Promise<string> {
    let next = url;
    for (let hop = 0; hop < 10; hop++) {
      const res = await fetch(next, { redirect: 'manual', headers: { cookie: Browser.header(this.theirs) } });
      for (const c of res.headers.getSetCookie()) {
        const [pair = ''] = c.split(';');
        const eq = pair.indexOf('=');
        this.theirs.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
      }
      const location = res.headers.get('location');
      if (location === null) throw new Error(`the provider stopped at ${next}: ${res.status} ${await res.text()}`);
      const absolute = new URL(location, next);
      if (absolute.href.startsWith(REDIRECT_URI)) return `${absolute.pathname}${absolute.search}`;
      next = absolute.href;
    }
    throw new Error('too many redirects at the provider');
  }

  /** The whole sign-in: our login, the provider, our callback's answer. */
  async signIn(server: FastifyInstance): Promise<Answer> {
    const start = await this.ourGet(server, '/api/v1/auth/oidc/login');
    expect(start.status).toBe(302);
    const location = String(start.headers.location);
    return this.ourGet(server, await this.throughProvider(location));
  }
}

describe('single sign-on settings from the environment', () => {
  it('is off when none is set, on when all are, and names what is missing otherwise', () => {
    expect(oidcOptionsFromEnv({})).toBeUndefined();
    const all = { PROVERKA_OIDC_ISSUER: 'https://id.example', PROVERKA_OIDC_CLIENT_ID: 'proverka', PROVERKA_OIDC_CLIENT_SECRET: 's3cret', PROVERKA_OIDC_REDIRECT_URI: 'https://proverka.example/api/v1/auth/oidc/callback' };
    expect(oidcOptionsFromEnv(all)).toEqual({ issuer: 'https://id.example', clientId: 'proverka', clientSecret: 's3cret', redirectUri: 'https://proverka.example/api/v1/auth/oidc/callback' });
    expect(() => oidcOptionsFromEnv({ ...all, PROVERKA_OIDC_CLIENT_SECRET: ' ' })).toThrow(/PROVERKA_OIDC_CLIENT_SECRET/);
    expect(() => oidcOptionsFromEnv({ ...all, PROVERKA_OIDC_ISSUER: 'not a url' })).toThrow(/PROVERKA_OIDC_ISSUER/);
  });
});

const provider = await startProvider();
afterAll(() => provider.close());

for (const backend of backends()) {
  describe(`single sign-on with OpenID Connect on ${backend.name}`, () => {
    let api: ApiWorld;
    let server: FastifyInstance;
    beforeAll(async () => {
      api = await apiWorld(backend);
      server = await buildServer({
        app: api.world.app,
        clock: api.world.clock,
        filesDir: api.filesDir,
        logger: false,
        oidc: { issuer: provider.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: REDIRECT_URI },
      });
      await server.ready();
      // Krasin's account is linked to the provider's subject "krasin-sub"; nobody is linked to "stranger".
      const krasin = await api.store.accounts.byPerson(ORG.people.krasin);
      if (krasin === undefined) throw new Error('no account for Krasin');
      await api.store.accounts.setSubject(krasin.id, subjectOf(provider.issuer, 'krasin-sub'));
    });
    afterAll(async () => {
      await server.close();
      await api.close();
    });

    it('signs a linked person in through the provider, with a new session id, and ends the session the browser came with', async () => {
      const browser = new Browser();
      // The browser was signed in with a password before.
      const password = await call(server, 'POST', '/api/v1/auth/login', {}, { body: { username: 'krasin', password: 'correct horse battery staple' } });
      expect(password.status).toBe(200);
      const before = password.raw.cookies.find((c) => c.name === 'proverka_session')?.value;
      expect(before).toBeDefined();
      browser.ours.set('proverka_session', String(before));

      provider.subject = 'krasin-sub';
      const start = await browser.ourGet(server, '/api/v1/auth/oidc/login');
      expect(start.status).toBe(302);
      const authorize = new URL(String(start.headers.location));
      expect(authorize.origin).toBe(provider.issuer);
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(authorize.searchParams.get('state')).toBeTruthy();
      expect(authorize.searchParams.get('nonce')).toBeTruthy();
      expect(authorize.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
      // The sign-in in progress waits in a short-lived, HttpOnly, SameSite=Lax cookie scoped to the SSO paths.
      const transaction = start.raw.cookies.find((c) => c.name === 'proverka_oidc');
      expect(transaction).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth/oidc', maxAge: 600 });

      const back = await browser.ourGet(server, await browser.throughProvider(authorize.href));
      expect(back.status, back.raw.body).toBe(302);
      expect(back.headers.location).toBe('/');
      const session = back.raw.cookies.find((c) => c.name === 'proverka_session');
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(session?.secure).not.toBe(true);
      const after = browser.ours.get('proverka_session');
      expect(after).toBeDefined();
      expect(after).not.toBe(before);
      expect(browser.ours.has('proverka_oidc')).toBe(false);

      const who = await call(server, 'GET', '/api/v1/auth/session', { cookie: `proverka_session=${after}` });
      expect(who.status).toBe(200);
      expect(who.body).toMatchObject({ personId: ORG.people.krasin, via: 'session' });
      expect((who.body as { csrfToken: string }).csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const old = await call(server, 'GET', '/api/v1/auth/session', { cookie: `proverka_session=${before}` });
      expect(old.status).toBe(401);
    });

    it('refuses an identity that is linked to no account, with a clear problem and no session', async () => {
      const browser = new Browser();
      provider.subject = 'stranger';
      const back = await browser.signIn(server);
      expect(back.status).toBe(403);
      expect(back.headers['content-type']).toContain('application/problem+json');
      expect(back.body).toMatchObject({ code: 'OIDC_NOT_LINKED', subject: subjectOf(provider.issuer, 'stranger') });
      expect((back.body as { detail: string }).detail).toContain('--oidc-subject');
      expect(browser.ours.has('proverka_session')).toBe(false);
    });

    it('returns to the page asked for, and refuses a page of another site', async () => {
      const browser = new Browser();
      provider.subject = 'krasin-sub';
      const start = await browser.ourGet(server, '/api/v1/auth/oidc/login?returnTo=%2Fassignments%3Foverdue%3Dtrue');
      expect(start.status).toBe(302);
      const back = await browser.ourGet(server, await browser.throughProvider(String(start.headers.location)));
      expect(back.status).toBe(302);
      expect(back.headers.location).toBe('/assignments?overdue=true');
      for (const elsewhere of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
        const refused = await call(server, 'GET', `/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(elsewhere)}`, {});
        expect(refused.status).toBe(400);
      }
    });

    it('refuses a callback without the sign-in cookie, with a forged one, or with another state', async () => {
      const bare = await call(server, 'GET', '/api/v1/auth/oidc/callback?code=abc&state=xyz', {});
      expect(bare.status).toBe(401);
      expect(bare.body).toMatchObject({ code: 'OIDC_FAILED' });

      // A login started in this browser, then a callback whose state is not the one sent.
      provider.subject = 'krasin-sub';
      const browser = new Browser();
      const start = await browser.ourGet(server, '/api/v1/auth/oidc/login');
      const callback = new URL(await browser.throughProvider(String(start.headers.location)), 'http://localhost');
      const tx = browser.ours.get('proverka_oidc');
      if (tx === undefined) throw new Error('no transaction cookie');

      const otherState = new URL(callback);
      otherState.searchParams.set('state', 'not-the-state-we-sent');
      const refused = await call(server, 'GET', `${otherState.pathname}${otherState.search}`, { cookie: `proverka_oidc=${tx}` });
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ code: 'OIDC_FAILED' });

      const [body = '', mac = ''] = tx.split('.');
      const forged = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), returnTo: '/x' })).toString('base64url')}.${mac}`;
      const forgedAnswer = await call(server, 'GET', `${callback.pathname}${callback.search}`, { cookie: `proverka_oidc=${forged}` });
      expect(forgedAnswer.status).toBe(401);
      expect(forgedAnswer.body).toMatchObject({ code: 'OIDC_FAILED' });
      expect(forgedAnswer.raw.cookies.some((c) => c.name === 'proverka_session')).toBe(false);
    });

    it('refuses a sign-in that took longer than 10 minutes', async () => {
      provider.subject = 'krasin-sub';
      const browser = new Browser();
      const start = await browser.ourGet(server, '/api/v1/auth/oidc/login');
      const callback = await browser.throughProvider(String(start.headers.location));
      api.world.clock.advance(10 * 60_000);
      const late = await browser.ourGet(server, callback);
      expect(late.status).toBe(401);
      expect(late.body).toMatchObject({ code: 'OIDC_FAILED' });
    });

    it('has no single sign-on routes when it is not configured', async () => {
      const none = await api.anonymous.call('GET', '/api/v1/auth/oidc/login');
      expect(none.status).toBe(404);
    });
  });
}
