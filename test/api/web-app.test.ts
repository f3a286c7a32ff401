/**
 * The web app as the server serves it, on both back ends through the real server: index.html (no
 * cache, a Content-Security-Policy of this origin only) at `/` and for any client-side route a
 * browser asks for; the hashed files under /assets/ with an immutable year-long cache; everything
 * else that matches no route keeps its problem+json 404 (the API above all). The about page at
 * /about; `/` is the about page when the app is not built. And GET /api/v1/auth/methods, which
 * the sign-in page reads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.js';
import { registerWebApp, WEB_APP_CSP, webAppDir } from '../../src/http/web-app.js';
import { apiWorld, call, type Answer, type ApiWorld } from '../support/api-world.js';
import { backends } from '../support/backends.js';

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

function expectProblem404(answer: Answer, what: string): void {
  expect(answer.status, what).toBe(404);
  expect(String(answer.headers['content-type']), what).toContain('application/problem+json');
  expect(typeof (answer.body as { code?: unknown }).code, what).toBe('string');
}

for (const backend of backends()) {
  describe(`the web app on ${backend.name}`, () => {
    let api: ApiWorld;
    let dir: string;
    let index: string;

    beforeAll(async () => {
      const found = webAppDir();
      if (found === undefined) throw new Error('dist/web/index.html is missing: run `npm run build` first');
      dir = found;
      index = readFileSync(join(dir, 'index.html'), 'utf8');
      api = await apiWorld(backend);
    });
    afterAll(() => api.close());

    const get = (url: string, headers: Record<string, string> = HTML): Promise<Answer> => call(api.server, 'GET', url, headers);

    it('serves index.html at / and at every client-side route a browser asks for: no cache, a Content-Security-Policy of this origin only', async () => {
      for (const url of ['/', '/cases/asg_x', '/board', '/decisions/dec_y', '/cases/asg_x?tab=ledger', '/apiary', '/confirmations']) {
        const answer = await get(url);
        expect(answer.status, url).toBe(200);
        expect(answer.headers['content-type'], url).toMatch(/^text\/html/);
        expect(answer.raw.body, url).toBe(index);
        expect(answer.headers['cache-control'], url).toBe('no-cache');
        expect(answer.headers['content-security-policy'], url).toBe(WEB_APP_CSP);
      }
      const csp = WEB_APP_CSP.split('; ');
      for (const d of ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'"]) expect(csp).toContain(d);
      expect(index).toContain('<div id="root">');
      const head = await api.server.inject({ method: 'HEAD', url: '/cases/asg_x', headers: HTML });
      expect(head.statusCode).toBe(200);
    });

    it('a request that does not ask for HTML, or is not a GET, gets no page: problem+json 404', async () => {
      expectProblem404(await get('/cases/asg_x', { accept: 'application/json' }), 'json');
      expectProblem404(await get('/cases/asg_x', { accept: '*/*' }), 'any');
      expectProblem404(await get('/cases/asg_x', {}), 'no accept');
      expectProblem404(await call(api.server, 'POST', '/cases/asg_x', HTML, { body: {} }), 'POST');
    });

    it('the API, signed links, calendar feeds, operations endpoints and the app files are never answered with the app', async () => {
      for (const url of ['/api/v1/nope', '/api/v1/assignments/asg_x/nope', '/api', '/api/', '/api/v2/x', '/assets/nope.js', '/assets/', '/healthz/x', '/metrics/x', '/calendar', '/confirm']) {
        const answer = await get(url);
        expect(answer.raw.body, url).not.toBe(index);
        expectProblem404(answer, url);
      }
      const api404 = await get('/api/v1/nope');
      expect((api404.body as { code: string }).code).toBe('ROUTE_NOT_FOUND');
      for (const url of ['/confirm/not-a-token', '/calendar/not-a-feed.ics']) {
        const answer = await get(url);
        expect(answer.raw.body, url).not.toBe(index);
        expect(answer.status, url).toBeGreaterThanOrEqual(400);
      }
      expect((await get('/healthz')).body).toEqual({ status: 'ok' });
    });

    it('serves the hashed files under /assets/ with an immutable year-long cache', async () => {
      const files = readdirSync(join(dir, 'assets'));
      // The entry script is the one index.html loads (the app splits lazily loaded pages into other chunks).
      const script = /<script[^>]+src="\/assets\/([^"]+\.js)"/.exec(index)?.[1];
      const style = files.find((f) => f.endsWith('.css'));
      expect(script).toBeDefined();
      expect(files).toContain(script);
      for (const [file, type] of [
        [script, /javascript/],
        [style, /text\/css/],
      ] as const) {
        if (file === undefined) continue;
        const answer = await get(`/assets/${file}`, {});
        expect(answer.status, file).toBe(200);
        expect(answer.headers['content-type'], file).toMatch(type);
        expect(answer.headers['cache-control'], file).toContain('immutable');
        expect(answer.headers['cache-control'], file).toContain('max-age=31536000');
        expect(answer.raw.rawPayload.equals(readFileSync(join(dir, 'assets', file)))).toBe(true);
      }
      expectProblem404(await get('/assets/..%2Findex.html', {}), 'out of the folder');
      expectProblem404(await get('/assets/.hidden', {}), 'a dotfile');
    });

    it('the about page is at /about, whatever is built', async () => {
      const about = await get('/about');
      expect(about.status).toBe(200);
      expect(about.headers['content-type']).toMatch(/^text\/html/);
      expect(about.raw.body).toContain('Proverka API');
      expect(about.raw.body).toContain(backend.name === 'sqlite' ? 'SQLite' : 'PostgreSQL');
      expect(about.raw.body).toContain('href="/api/docs"');
    });

    it('GET /api/v1/auth/methods says how to sign in, to anyone: single sign-on only when configured', async () => {
      const answer = await api.anonymous.call('GET', '/api/v1/auth/methods');
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ password: true, oidc: false });
      const withSso = await buildServer({
        app: api.world.app,
        clock: api.world.clock,
        filesDir: api.filesDir,
        logger: false,
        oidc: { issuer: 'http://127.0.0.1:9/', clientId: 'proverka', clientSecret: 'secret', redirectUri: 'http://localhost:8080/api/v1/auth/oidc/callback' },
      });
      try {
        expect((await call(withSso, 'GET', '/api/v1/auth/methods', {})).body).toEqual({ password: true, oidc: true });
      } finally {
        await withSso.close();
      }
    });
  });
}

describe('without a built web app', () => {
  let server: FastifyInstance;
  const page = '<!doctype html><title>about</title>';

  beforeAll(async () => {
    server = Fastify();
    server.setNotFoundHandler((_request, reply) => reply.code(404).type('application/problem+json').send({ code: 'ROUTE_NOT_FOUND' }));
    await registerWebApp(server, page, null);
    await server.ready();
  });
  afterAll(() => server.close());

  it('/ is the about page, and a client-side route is a 404', async () => {
    const home = await server.inject({ method: 'GET', url: '/', headers: HTML });
    expect(home.statusCode).toBe(200);
    expect(home.body).toBe(page);
    expect(home.headers['content-type']).toMatch(/^text\/html/);
    const route = await server.inject({ method: 'GET', url: '/cases/asg_x', headers: HTML });
    expect(route.statusCode).toBe(404);
    expect((await server.inject({ method: 'GET', url: '/assets/index.js' })).statusCode).toBe(404);
  });
});
