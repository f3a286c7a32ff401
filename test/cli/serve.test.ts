/**
 * `proverka serve` and `proverka start` as a user runs them, on each back end, over a small demo:
 * the process listens where it says, answers /healthz, /readyz, /metrics (request counts by route
 * pattern), the web app at /, the about page and the API reference; logs JSON lines on stdout without credentials;
 * refuses a missing database or a port in use in one line; and on SIGTERM answers the requests in
 * flight completely, then exits 0. `start` builds the demo with its demo accounts and serves on PORT.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer, connect, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { cliBackend } from './databases.js';
import { runCli, startCli, type CliRun } from './run-cli.js';

const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

const DEMO_PASSWORD = 'demo-password-123';

/** A running `proverka serve` (or `start`). */
interface Served {
  readonly child: ChildProcess;
  /** The URL it said it listens at. */
  readonly url: string;
  readonly port: number;
  /** What it wrote to stdout so far. */
  stdout(): string;
  /** Resolves once a line of stdout matches. */
  stdoutLine(pattern: RegExp): Promise<string>;
  /** Resolves when the process has ended. */
  readonly exited: Promise<CliRun>;
}

/** Starts `proverka ...args` and resolves once it says where it listens (rejects if it ends first). */
function serving(args: readonly string[], env: Record<string, string> = {}): Promise<Served> {
  const { child, done } = startCli(args, { env: { LOG_LEVEL: 'info', ...env } });
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const check = (): void => {
    for (const w of [...waiters]) {
      const line = out.split('\n').find((l) => w.pattern.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout?.on('data', (s: string) => {
    out += s;
    check();
  });
  return new Promise<Served>((resolve, reject) => {
    child.stderr?.on('data', (s: string) => {
      err += s;
      const m = /serving .* at (http:\/\/[^\s]+:(\d+)) /.exec(err);
      if (m?.[1] !== undefined && m[2] !== undefined) {
        resolve({
          child,
          url: m[1],
          port: Number(m[2]),
          stdout: () => out,
          stdoutLine: (pattern) =>
            new Promise<string>((found) => {
              waiters.push({ pattern, resolve: found });
              check();
            }),
          exited: done,
        });
      }
    });
    void done.then((run) => reject(new Error(`ended before listening (code ${run.code}): ${run.stderr}`)));
  });
}

/** A TCP port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** Signs in over HTTP; the cookie header to send afterwards. */
async function signIn(url: string, username: string, password: string): Promise<{ cookie: string; personId: string }> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status, await res.clone().text()).toBe(200);
  const session = res.headers.getSetCookie().find((c) => c.startsWith('proverka_session='));
  expect(session).toBeDefined();
  const body = (await res.json()) as { personId: string };
  return { cookie: (session ?? '').split(';')[0] ?? '', personId: body.personId };
}

/** Stops a server (if still running) and waits for it to end. */
async function stop(served: Served | undefined): Promise<CliRun | undefined> {
  if (served === undefined) return undefined;
  if (served.child.exitCode === null && served.child.signalCode === null) served.child.kill('SIGTERM');
  return served.exited;
}

/** One raw HTTP exchange whose request is sent in two parts; resolves with everything the server sent back. */
function splitRequest(port: number, head: string, body: string): { sentFirstPart: Promise<void>; finish: () => void; response: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  const half = Math.floor(body.length / 2);
  let received = '';
  socket.setEncoding('utf8').on('data', (s: string) => (received += s));
  const response = new Promise<string>((resolve, reject) => {
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
  });
  const sentFirstPart = new Promise<void>((resolve) => socket.on('connect', () => socket.write(head + body.slice(0, half), () => resolve())));
  return { sentFirstPart, finish: () => void socket.write(body.slice(half)), response };
}

/** Parses a raw HTTP/1.1 response with a Content-Length. */
function parseResponse(raw: string): { status: number; headers: Map<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = raw.slice(0, at).split('\r\n');
  const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body: raw.slice(at + 4) };
}

for (const backend of BACKENDS) {
  const cli = cliBackend(backend);

  describe(`[${backend.name}] proverka serve`, () => {
    let db: string;
    let token: string;
    let served: Served | undefined;

    beforeAll(async () => {
      db = cli.newLocation();
      const built = await runCli(['start', '--db', db, '--size', 'small', '--no-serve']);
      expect(built.code, built.stderr).toBe(0);
      const issued = await runCli(['user', 'token', 'admin', '--name', 'monitoring', '--scope', 'read', '--db', db]);
      expect(issued.code, issued.stderr).toBe(0);
      token = issued.stdout.trim();
      served = await serving(['serve', '--db', db, '--port', '0']);
    }, 600_000);
    afterAll(async () => {
      await stop(served);
    });

    it('listens on 127.0.0.1 where it says; /healthz and /readyz answer 200', async () => {
      expect(served?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const url = served?.url ?? '';
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });
    });

    it('/ is the web app; /about is an HTML page naming the API, the kind of database (no password) and the version, linking the reference and the OpenAPI document; both answer', async () => {
      const url = served?.url ?? '';
      const app = await fetch(`${url}/`);
      expect(app.status).toBe(200);
      expect(app.headers.get('content-type')).toMatch(/^text\/html/);
      expect(app.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await app.text()).toContain('<div id="root">');
      const home = await fetch(`${url}/about`);
      expect(home.status).toBe(200);
      expect(home.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await home.text();
      expect(html).toContain('Proverka API');
      expect(html).toContain(backend.name === 'sqlite' ? 'SQLite' : 'PostgreSQL');
      expect(html).toContain('Version: <code>0.1.0</code>');
      expect(html).toContain('href="/api/docs"');
      expect(html).toContain('href="/api/v1/openapi.json"');
      const docs = await fetch(`${url}/api/docs`);
      expect(docs.status).toBe(200);
      expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await docs.text()).toMatch(/<html/i);
      const openapi = await fetch(`${url}/api/v1/openapi.json`);
      expect(openapi.status).toBe(200);
      expect(((await openapi.json()) as { openapi: string }).openapi).toBe('3.1.0');
    });

    it('the demo administrator signs in over HTTP and reads; the API token issued from the command line reads', async () => {
      const url = served?.url ?? '';
      const admin = await signIn(url, 'admin', DEMO_PASSWORD);
      expect(admin.personId).toBe('per_demo-admin');
      const asAdmin = await fetch(`${url}/api/v1/assignments/asg_canned-meat-1922`, { headers: { cookie: admin.cookie } });
      expect(asAdmin.status).toBe(200);
      const withToken = await fetch(`${url}/api/v1/assignments?limit=5`, { headers: { authorization: `Bearer ${token}` } });
      expect(withToken.status).toBe(200);
      expect(((await withToken.json()) as { items: unknown[] }).items).toHaveLength(5);
    });

    it('/metrics: Prometheus text with the process metrics and http_requests_total by route pattern (never the raw URL), and the duration histogram', async () => {
      const url = served?.url ?? '';
      expect((await fetch(`${url}/api/v1/assignments/asg_canned-meat-1922`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      expect((await fetch(`${url}/no/such/page`)).status).toBe(404);
      const res = await fetch(`${url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await res.text();
      expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
      expect(text).toMatch(/^http_requests_total\{method="GET",route="\/api\/v1\/assignments\/:id",status="200"\} [1-9]\d*$/m);
      expect(text).toMatch(/^http_requests_total\{method="GET",route="\/healthz",status="200"\} [1-9]\d*$/m);
      expect(text).toMatch(/^http_requests_total\{method="GET",route="\(unmatched\)",status="404"\} [1-9]\d*$/m);
      expect(text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/assignments\/:id"\} [1-9]\d*$/m);
      expect(text).not.toContain('asg_canned-meat-1922');
      expect(text).not.toContain('/no/such/page');
    });

    it('logs JSON lines on stdout, one per line, with the requests, and never a credential', async () => {
      const url = served?.url ?? '';
      expect((await fetch(`${url}/`, { headers: { authorization: `Bearer ${token}`, cookie: 'proverka_session=secret-cookie-value' } })).status).toBe(200);
      await served?.stdoutLine(/"url":"\/"/);
      const lines = (served?.stdout() ?? '').split('\n').filter((l) => l !== '');
      expect(lines.length).toBeGreaterThan(3);
      for (const line of lines) {
        const entry = JSON.parse(line) as { level: unknown; time: unknown; msg: unknown };
        expect(typeof entry.level).toBe('number');
        expect(typeof entry.time).toBe('number');
        expect(typeof entry.msg).toBe('string');
      }
      expect(lines.some((l) => (JSON.parse(l) as { msg: string }).msg.startsWith('Server listening at '))).toBe(true);
      const all = served?.stdout() ?? '';
      expect(all).not.toContain(token);
      expect(all).not.toContain('secret-cookie-value');
      expect(all).not.toContain(DEMO_PASSWORD);
    });

    it('refuses in one line, exit 2: a missing database, a port in use, a bad LOG_LEVEL', async () => {
      const missing = await runCli(['serve', '--db', backend.name === 'sqlite' ? `${db}.missing` : `${db}_missing`, '--port', '0']);
      expect(missing.code, missing.stderr).toBe(2);
      expect(missing.errLines).toHaveLength(1);
      expect(missing.errLines[0]).toMatch(/^proverka: /);

      const taken: Server = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const port = (taken.address() as { port: number }).port;
      try {
        const inUse = await runCli(['serve', '--db', db, '--port', String(port)]);
        expect(inUse.code, inUse.stderr).toBe(2);
        expect(inUse.errLines).toEqual([`proverka: cannot listen on 127.0.0.1:${port}: the port is in use (choose another with --port or PORT)`]);
      } finally {
        await new Promise<void>((resolve) => taken.close(() => resolve()));
      }

      const level = await runCli(['serve', '--db', db, '--port', '0'], { env: { LOG_LEVEL: 'loud' } });
      expect(level.code).toBe(2);
      expect(level.errLines).toEqual([expect.stringMatching(/^proverka: LOG_LEVEL=loud is not a log level/)]);
    });

    it('SIGTERM: a request in flight (its body half sent) still gets its complete answer; then the process exits 0', async () => {
      const server = await serving(['serve', '--db', db, '--port', '0']);
      const body = JSON.stringify({ username: 'admin', password: DEMO_PASSWORD });
      const head = `POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
      const exchange = splitRequest(server.port, head, body);
      await exchange.sentFirstPart;
      // The server has the request (it logs it once routed) but not all of its body.
      await server.stdoutLine(/"msg":"incoming request".*"url":"\/api\/v1\/auth\/login"|"url":"\/api\/v1\/auth\/login".*"msg":"incoming request"/);
      server.child.kill('SIGTERM');
      await server.stdoutLine(/"event":"shutdown"/);
      exchange.finish();
      const answer = parseResponse(await exchange.response);
      expect(answer.status).toBe(200);
      expect(Buffer.byteLength(answer.body)).toBe(Number(answer.headers.get('content-length')));
      expect((JSON.parse(answer.body) as { personId: string }).personId).toBe('per_demo-admin');
      const run = await server.exited;
      expect(run.code, run.stderr).toBe(0);
      expect(run.signal).toBeNull();
      expect(run.stdout).toContain('"event":"server-closed"');
    });

    it('SIGTERM amid many requests: every request that got an answer got a complete one (200, or 503 once closing), and the process exits 0', async () => {
      const server = await serving(['serve', '--db', db, '--port', '0']);
      const requests = Array.from({ length: 40 }, async () => {
        let res: Response;
        try {
          res = await fetch(`${server.url}/api/v1/assignments?limit=100`, { headers: { authorization: `Bearer ${token}` } });
        } catch {
          return { answered: false as const };
        }
        // A body cut short would make text() throw, failing the test.
        return { answered: true as const, status: res.status, text: await res.text() };
      });
      server.child.kill('SIGTERM');
      const outcomes = await Promise.all(requests);
      for (const o of outcomes) {
        if (!o.answered) continue;
        expect([200, 503]).toContain(o.status);
        const parsed = JSON.parse(o.text) as { items?: unknown[] };
        if (o.status === 200) expect(parsed.items).toHaveLength(100);
      }
      const run = await server.exited;
      expect(run.code, run.stderr).toBe(0);
    });
  });

  describe(`[${backend.name}] proverka start: builds the demo with demo accounts, then serves it on PORT`, () => {
    it('prints the welcome and the demo credentials, listens on PORT, the demo accounts sign in; SIGTERM ends it with 0', async () => {
      const db = cli.newLocation();
      const port = await freePort();
      const served = await serving(['start', '--db', db, '--size', 'small'], { PORT: String(port) });
      try {
        expect(served.url).toBe(`http://127.0.0.1:${port}`);
        await served.stdoutLine(/^Open http:\/\/127\.0\.0\.1:\d+\/ in a browser/);
        const out = served.stdout();
        expect(out).toMatch(/^built the small demo \(seed 1\) into /);
        expect(out).toContain(`DEMO accounts; the password, for the demo only, is: ${DEMO_PASSWORD}`);
        expect(out).toMatch(/^ {2}admin {5}per_demo-admin: administrator of every root unit/m);
        expect(out).toMatch(/^ {2}executor {2}per_\S+: /m);
        expect(out).toContain(`Open http://127.0.0.1:${port}/ in a browser: the web app. The API is at http://127.0.0.1:${port}/api/v1`);
        const admin = await signIn(served.url, 'admin', DEMO_PASSWORD);
        const executor = await signIn(served.url, 'executor', DEMO_PASSWORD);
        const get = (path: string, cookie: string): Promise<Response> => fetch(`${served.url}${path}`, { headers: { cookie } });
        // The administrator of every root unit sees the 1922 cases and the city's; the executor, a city clerk, not the 1922 ones.
        expect((await get('/api/v1/assignments/asg_canned-meat-1922', admin.cookie)).status).toBe(200);
        expect((await get('/api/v1/assignments/asg_canned-meat-1922', executor.cookie)).status).toBe(404);
        const owned = await get(`/api/v1/assignments?owner=${executor.personId}&limit=200`, executor.cookie);
        expect(owned.status).toBe(200);
        const items = ((await owned.json()) as { items: { ownerId: string; status: string }[] }).items;
        expect(items.length).toBeGreaterThan(0);
        expect(items.every((a) => a.ownerId === executor.personId)).toBe(true);
        expect(items.some((a) => a.status === 'issued' || a.status === 'in_progress')).toBe(true);
      } finally {
        const run = await stop(served);
        expect(run?.code, run?.stderr).toBe(0);
      }
      const verified = await runCli(['verify', '--db', db]);
      expect(verified.code, verified.stderr).toBe(0);
    }, 600_000);
  });
}
