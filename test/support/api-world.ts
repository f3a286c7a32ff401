/**
 * The API over a populated record, for HTTP tests: the scenario of scenario.ts on a back end, an
 * account for every person of the standard organisation, and clients that call the server in
 * process (fastify.inject) as a signed-in person (session cookie + CSRF token) or with an API token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createAccount } from '../../src/app/accounts/accounts.js';
import { issueToken, type TokenScope } from '../../src/app/accounts/tokens.js';
import { buildServer } from '../../src/http/server.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import type { Backend } from './backends.js';
import { populate } from './scenario.js';
import { expectOk, ORG, type World } from './world.js';

/** Every person of the standard organisation signs in with this password. */
export const PASSWORD = 'correct horse battery staple';

/** The username of a person of the standard organisation: its id without `per_`. */
export function usernameOf(personId: string): string {
  return personId.replace(/^per_/, '');
}

/** One HTTP call's answer, with its JSON body parsed (undefined when it is not JSON). */
export interface Answer {
  readonly status: number;
  readonly headers: LightMyRequestResponse['headers'];
  readonly body: unknown;
  readonly raw: LightMyRequestResponse;
}

/** What a call may carry besides its method and URL. */
export interface CallOptions {
  readonly body?: unknown;
  /** A raw payload sent as is (for malformed requests); overrides `body`. */
  readonly payload?: string | Buffer;
  readonly headers?: Record<string, string>;
}

/** A way to call the server as somebody (or nobody). */
export interface Client {
  /** The person calling, or null for an anonymous client. */
  readonly personId: string | null;
  /** The headers every call of this client carries (cookie and CSRF token, or Authorization). */
  readonly headers: Readonly<Record<string, string>>;
  call(method: string, url: string, options?: CallOptions): Promise<Answer>;
}

/** A running API over a populated record. */
export interface ApiWorld {
  readonly server: FastifyInstance;
  readonly world: World<KyselyStore>;
  readonly store: KyselyStore;
  readonly filesDir: string;
  /** A client signed in as the person (a new session each time). */
  login(personId: string): Promise<Client>;
  /** A client with a new API token of the person's account. */
  withToken(personId: string, scopes: readonly TokenScope[]): Promise<Client>;
  /** A client without credentials. */
  readonly anonymous: Client;
  close(): Promise<void>;
}

/** Calls the server. */
export async function call(server: FastifyInstance, method: string, url: string, headers: Record<string, string>, options: CallOptions = {}): Promise<Answer> {
  const h: Record<string, string> = { ...headers, ...options.headers };
  let payload: string | Buffer | undefined = options.payload;
  if (payload === undefined && options.body !== undefined) {
    payload = JSON.stringify(options.body);
    if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json';
  }
  const raw = await server.inject({ method: method as 'GET', url, headers: h, ...(payload !== undefined ? { payload } : {}) });
  let body: unknown;
  try {
    body = raw.body === '' ? undefined : (JSON.parse(raw.body) as unknown);
  } catch {
    body = undefined;
  }
  return { status: raw.statusCode, headers: raw.headers, body, raw };
}

function client(server: FastifyInstance, personId: string | null, headers: Record<string, string>): Client {
  return { personId, headers, call: (method, url, options) => call(server, method, url, headers, options) };
}

/** Signs a person in through the API and returns a client carrying the session. */
export async function loginAs(server: FastifyInstance, username: string, password = PASSWORD): Promise<Client & { readonly sessionId: string; readonly csrfToken: string }> {
  const answer = await call(server, 'POST', '/api/v1/auth/login', {}, { body: { username, password } });
  if (answer.status !== 200) throw new Error(`login as ${username}: ${answer.status} ${answer.raw.body}`);
  const cookie = answer.raw.cookies.find((c) => c.name === 'proverka_session');
  if (cookie === undefined) throw new Error('login set no session cookie');
  const body = answer.body as { personId: string; csrfToken: string };
  return { ...client(server, body.personId, { cookie: `proverka_session=${cookie.value}`, 'x-csrf-token': body.csrfToken }), sessionId: cookie.value, csrfToken: body.csrfToken };
}

/** Builds the server over a fresh, populated store of the back end, with an account for every person of ORG. */
export async function apiWorld(backend: Backend, options: { readonly seed?: number } = {}): Promise<ApiWorld> {
  const store = await backend.fresh();
  const world = await populate(store, options.seed ?? 3);
  const filesDir = mkdtempSync(join(tmpdir(), 'proverka-files-'));
  const accounts = new Map<string, string>();
  for (const personId of Object.values(ORG.people)) {
    const account = expectOk(await createAccount(store, { personId, username: usernameOf(personId), password: PASSWORD }, world.clock.now()));
    accounts.set(personId, account.id);
  }
  const server = await buildServer({ app: world.app, clock: world.clock, filesDir, logger: false });
  await server.ready();
  return {
    server,
    world,
    store,
    filesDir,
    login: (personId) => loginAs(server, usernameOf(personId)),
    async withToken(personId, scopes) {
      let accountId = accounts.get(personId);
      if (accountId === undefined) {
        const account = expectOk(await createAccount(store, { personId, username: usernameOf(personId), password: PASSWORD }, world.clock.now()));
        accountId = account.id;
        accounts.set(personId, accountId);
      }
      const issued = expectOk(await issueToken(store, accountId, 'test', scopes, world.clock.now()));
      return client(server, personId, { authorization: `Bearer ${issued.token}` });
    },
    anonymous: client(server, null, {}),
    async close() {
      await server.close();
      await store.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
