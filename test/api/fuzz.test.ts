/**
 * Property-based fuzzing of the whole API, generated from its OpenAPI document (so every route,
 * including ones added later, is fuzzed): for every operation, requests with one deliberate fault
 * each — broken JSON, wrong types, huge strings, unknown and prototype-polluting keys, deep
 * nesting, bad ids, wrong content types, garbage in If-Match, Idempotency-Key, Authorization,
 * cookies and the CSRF token, duplicate and huge query parameters, bad cursors, wrong methods.
 * No answer may be a 5xx; every error is problem+json with a `code`; afterwards the record
 * verifies, nothing was polluted, and a legitimate read still works.
 */
import { Writable } from 'node:stream';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, resumeSession } from '../../src/app/accounts/sessions.js';
import { issueToken, resolveToken } from '../../src/app/accounts/tokens.js';
import { buildServer } from '../../src/http/server.js';
import { apiWorld, type ApiWorld } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { runCli } from '../cli/run-cli.js';
import { CASES } from '../support/scenario.js';
import { expectOk, ORG } from '../support/world.js';
import { printable } from './fuzz/json-text.js';
import { operationsOf, type Operation } from './fuzz/openapi.js';
import { pageRequests } from './fuzz/pages.js';
import { malformedRequests, type FuzzRequest } from './fuzz/requests.js';

/** The seed of every run (set PROVERKA_FUZZ_SEED to replay another). */
const SEED = Number(process.env['PROVERKA_FUZZ_SEED'] ?? 20_220_301);
/** Multiplies the number of requests (PROVERKA_FUZZ_SCALE=5 for a longer hunt). */
const SCALE = Math.max(1, Number(process.env['PROVERKA_FUZZ_SCALE'] ?? 1));
/** Requests per back end: the SQLite run alone must exceed 10,000. */
const BUDGET = { sqlite: 12_000 * SCALE, postgres: 2_000 * SCALE } as const;
/** Requests per back end to the routes outside the OpenAPI document (pages, operations, signed links). */
const PAGE_BUDGET = { sqlite: 1_500 * SCALE, postgres: 300 * SCALE } as const;

const PEOPLE = Object.values(ORG.people);
const IDS = [...Object.values(ORG.units), ...PEOPLE, ...Object.values(ORG.bodies), ORG.committee, ORG.decision, ...CASES, 'post_sec-head', 'post_trade-head', 'b'.repeat(64)];

interface Credential {
  session: { id: string; csrf: string };
  token: string;
  readToken: string;
}

interface Failure {
  readonly why: string;
  readonly request: FuzzRequest;
  readonly status?: number;
  readonly contentType?: unknown;
  readonly body?: string;
  /** What the server logged at level error while answering. */
  readonly logged?: readonly string[];
}

function hashOf(s: string): number {
  let h = 0;
  for (const ch of s) h = (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) | 0;
  return h;
}

/** What is wrong with an answer, or undefined when it is acceptable. */
function fault(res: LightMyRequestResponse): string | undefined {
  if (res.statusCode >= 500) return `status ${res.statusCode}`;
  if (res.statusCode < 400) return undefined;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return `error with content-type ${type || '(none)'}`;
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return 'error body is not JSON';
  }
  const problem = body as { code?: unknown; status?: unknown };
  if (typeof problem.code !== 'string' || problem.code === '') return 'problem without a code';
  if (problem.status !== res.statusCode) return `problem status ${String(problem.status)} differs from the HTTP status`;
  return undefined;
}

for (const backend of backends()) {
  const budget = BUDGET[backend.name];
  describe(`API fuzz on ${backend.name}`, () => {
    let api: ApiWorld;
    let server: FastifyInstance;
    let ops: Operation[];
    /** A real beneficiary link token, for spoiling. */
    let linkToken: string;
    /** Error-level log lines of the server under test (each 5xx is logged with its stack). */
    const logged: string[] = [];
    const credentials = new Map<string, Credential>();
    const accounts = new Map<string, string>();

    async function newSession(personId: string): Promise<Credential['session']> {
      const s = await openSession(api.store, accounts.get(personId) ?? '', api.world.clock.now());
      return { id: s.id, csrf: s.csrfToken };
    }
    async function newToken(personId: string, scopes: readonly ('read' | 'write')[]): Promise<string> {
      return expectOk(await issueToken(api.store, accounts.get(personId) ?? '', 'fuzz', scopes, api.world.clock.now())).token;
    }
    /** Replaces every credential a request ended (a logout, a password change) with a new one. */
    async function renewCredentials(): Promise<number> {
      let renewed = 0;
      const now = api.world.clock.now();
      for (const personId of PEOPLE) {
        const c = credentials.get(personId);
        if (c === undefined) throw new Error(`no credentials for ${personId}`);
        if ('ended' in (await resumeSession(api.store, c.session.id, now))) {
          c.session = await newSession(personId);
          renewed++;
        }
        if ((await resolveToken(api.store, c.token, now)) === undefined) {
          c.token = await newToken(personId, ['read', 'write']);
          renewed++;
        }
        if ((await resolveToken(api.store, c.readToken, now)) === undefined) {
          c.readToken = await newToken(personId, ['read']);
          renewed++;
        }
      }
      return renewed;
    }

    beforeAll(async () => {
      api = await apiWorld(backend);
      // The same application behind a server that logs errors where the test can read them.
      const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
          logged.push(chunk.toString('utf8'));
          done();
        },
      });
      server = await buildServer({ app: api.world.app, clock: api.world.clock, filesDir: api.filesDir, logger: { level: 'error', stream } });
      await server.ready();
      for (const personId of PEOPLE) {
        const account = await api.store.accounts.byPerson(personId);
        if (account === undefined) throw new Error(`no account for ${personId}`);
        accounts.set(personId, account.id);
        credentials.set(personId, { session: await newSession(personId), token: await newToken(personId, ['read', 'write']), readToken: await newToken(personId, ['read']) });
      }
      const doc = await server.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      expect(doc.statusCode).toBe(200);
      ops = operationsOf(doc.json());
      const link = await server.inject({
        method: 'POST',
        url: '/api/v1/assignments/asg_meat/beneficiary-links',
        headers: { authorization: `Bearer ${credentials.get(ORG.people.tsiurupa)?.token ?? ''}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ beneficiary: 'The warehouse' }),
      });
      expect(link.statusCode).toBe(201);
      linkToken = String(link.json<{ url: string }>().url.split('/confirm/')[1]);
    });

    it(`sends ${PAGE_BUDGET[backend.name]} malformed requests to the pages, operations endpoints and signed links outside the document: no 5xx`, async () => {
      const failures: Array<{ why: string; request: unknown; body?: string; logged: readonly string[] }> = [];
      const byStatus = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(pageRequests(linkToken), async (r) => {
          const logAt = logged.length;
          try {
            const res = await server.inject({ method: r.method as 'GET', url: r.url, headers: r.headers, ...(r.payload !== undefined ? { payload: r.payload } : {}) });
            byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
            if (res.statusCode >= 500) failures.push({ why: `status ${res.statusCode}`, request: r, body: res.body.slice(0, 2000), logged: logged.slice(logAt) });
          } catch (error) {
            failures.push({ why: `inject threw: ${String(error)}`, request: r, logged: logged.slice(logAt) });
          }
        }),
        { seed: SEED, numRuns: PAGE_BUDGET[backend.name], endOnFailure: true },
      );
      console.log(`pages fuzz on ${backend.name}: ${PAGE_BUDGET[backend.name]} requests, ${failures.length} failures; by status: ${[...byStatus.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
      if (failures.length > 0) console.log(`first failing requests:\n${failures.slice(0, 5).map((f) => JSON.stringify(printable(f, 1000), null, 2)).join('\n')}`);
      expect(failures.length).toBe(0);
    }, 120_000 * SCALE);
    afterAll(async () => {
      await server.close();
      await api.close();
    });

    it(`sends ${budget} malformed requests generated from the OpenAPI document: no 5xx, every error problem+json, the record verifies`, async () => {
      expect(ops.length).toBeGreaterThan(0);
      const perOperation = Math.ceil(budget / ops.length);
      console.log(`fuzz on ${backend.name}: seed ${SEED}, ${ops.length} operations × ${perOperation} requests (PROVERKA_FUZZ_SEED=${SEED} PROVERKA_FUZZ_SCALE=${SCALE} to replay)`);
      const failures: Failure[] = [];
      const byStatus = new Map<number, number>();
      const byFault = new Map<string, number>();
      const byOperation = new Map<string, number>();
      let sent = 0;
      let renewed = 0;

      async function send(op: Operation, r: FuzzRequest): Promise<void> {
        const personId = PEOPLE[r.person] ?? ORG.people.secretary;
        const own = credentials.get(personId);
        if (own === undefined) throw new Error(`no credentials for ${personId}`);
        // A request that may end its session (logout, password change) gets a session of its own.
        const session = r.credentials === 'session' && op.method !== 'GET' && op.path.includes('/auth/') ? await newSession(personId) : own.session;
        const base: Record<string, string> =
          r.credentials === 'session'
            ? { cookie: `proverka_session=${session.id}`, 'x-csrf-token': session.csrf }
            : r.credentials === 'token'
              ? { authorization: `Bearer ${own.token}` }
              : r.credentials === 'read-token'
                ? { authorization: `Bearer ${own.readToken}` }
                : {};
        for (const name of r.drop) delete base[name];
        const fill = (v: string): string => v.replaceAll('{session}', session.id).replaceAll('{csrf}', session.csrf).replaceAll('{token}', own.token);
        const headers: Record<string, string | string[]> = { ...base };
        for (const [k, v] of Object.entries(r.headers)) headers[k] = Array.isArray(v) ? v.map(fill) : fill(v);
        sent++;
        byOperation.set(op.id, (byOperation.get(op.id) ?? 0) + 1);
        for (const f of r.faults) byFault.set(f, (byFault.get(f) ?? 0) + 1);
        let res: LightMyRequestResponse;
        const logAt = logged.length;
        try {
          res = await server.inject({ method: r.method as 'GET', url: r.url, headers, ...(r.payload !== undefined ? { payload: r.payload } : {}) });
        } catch (error) {
          failures.push({ why: `inject threw: ${String(error)}`, request: r, logged: logged.slice(logAt) });
          return;
        }
        byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
        const why = fault(res);
        if (why !== undefined) failures.push({ why, request: { ...r, headers }, status: res.statusCode, contentType: res.headers['content-type'], body: res.body.slice(0, 2000), logged: logged.slice(logAt) });
      }

      const slowest: Array<[string, number]> = [];
      for (const op of ops) {
        const started = performance.now();
        await fc.assert(
          fc.asyncProperty(malformedRequests(op, { ids: IDS, people: PEOPLE.length }), async (r) => {
            await send(op, r);
          }),
          { seed: (SEED + hashOf(op.id)) | 0, numRuns: perOperation, endOnFailure: true },
        );
        renewed += await renewCredentials();
        slowest.push([op.id, Math.round(performance.now() - started)]);
      }
      slowest.sort((a, b) => b[1] - a[1]);

      const sorted = (m: Map<string | number, number>): string =>
        [...m.entries()]
          .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ');
      console.log(`fuzz on ${backend.name}: ${sent} requests, ${failures.length} failures, ${renewed} credentials renewed\n  slowest operations (ms): ${slowest.slice(0, 6).map(([id, ms]) => `${id} ${ms}`).join(', ')}\n  by status: ${sorted(byStatus)}\n  by fault: ${sorted(byFault)}`);
      if (failures.length > 0) {
        // One line per kind of failure (what was wrong, status, the code the body gave, the operation), then the first few in full.
        const kinds = new Map<string, { count: number; ops: Set<string>; faults: Set<string> }>();
        for (const f of failures) {
          const code = /"code":"([^"]*)"/.exec(f.body ?? '')?.[1] ?? '-';
          const kind = `${f.why} | ${f.status ?? '-'} ${code}`;
          const k = kinds.get(kind) ?? { count: 0, ops: new Set<string>(), faults: new Set<string>() };
          k.count++;
          k.ops.add(f.request.op);
          for (const x of f.request.faults) k.faults.add(x);
          kinds.set(kind, k);
        }
        console.log(
          `failures by kind (${failures.length} failures):\n${[...kinds.entries()].map(([k, v]) => `  ${v.count} × ${k}\n      operations: ${[...v.ops].join(', ')}\n      faults: ${[...v.faults].join(', ')}`).join('\n')}`,
        );
        const firsts = [...failures.filter((f) => (f.status ?? 500) >= 500), ...failures.filter((f) => (f.status ?? 500) < 500)].slice(0, 5);
        console.log(`first failing requests (5xx first):\n${firsts.map((f) => JSON.stringify(printable(f, 1000), null, 2)).join('\n')}`);
      }
      const fivexx = failures.filter((f) => (f.status ?? 500) >= 500).length;
      expect({ fivexx, failures: failures.length }).toEqual({ fivexx: 0, failures: 0 });
      expect(sent).toBeGreaterThanOrEqual(budget);
      if (backend.name === 'sqlite') expect(sent).toBeGreaterThanOrEqual(10_000);
      for (const op of ops) expect(byOperation.get(op.id) ?? 0, `requests to ${op.id}`).toBeGreaterThanOrEqual(perOperation);

      // Nothing was polluted, the record verifies, and a legitimate read still works.
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      const report = await api.store.verify();
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      // And as an operator checks it: `proverka verify` on the same database, from another process.
      const verified = await runCli(['verify', '--db', backend.location(api.store)]);
      expect(verified.code, verified.stderr).toBe(0);
      await renewCredentials();
      const tsiurupa = credentials.get(ORG.people.tsiurupa);
      const read = await server.inject({ method: 'GET', url: '/api/v1/assignments/asg_meat', headers: { authorization: `Bearer ${tsiurupa?.token ?? ''}` } });
      expect(read.statusCode).toBe(200);
      expect(read.headers.etag).toMatch(/^"\d+"$/);
      expect(read.json()).toMatchObject({ id: 'asg_meat', title: 'Buy the canned meat' });
      const list = await server.inject({ method: 'GET', url: '/api/v1/assignments?limit=5', headers: { cookie: `proverka_session=${tsiurupa?.session.id ?? ''}` } });
      expect(list.statusCode).toBe(200);
    }, 300_000 * SCALE);
  });
}
