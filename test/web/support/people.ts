/**
 * People at the app: signing in through the sign-in page as a person does, and signed-in sessions
 * kept per username for the test file (the session cookie, taken once), so that tests open pages as
 * someone without signing in again each time — the server allows 10 sign-in attempts per username
 * in 5 minutes. Also a plain HTTP client as someone, for setting up data.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { PageOptions, TestBrowser } from './browser.js';
import { PASSWORD, type DemoServer } from './server.js';

/** Cookies and local storage of a signed-in context. */
export type SignedIn = Awaited<ReturnType<BrowserContext['storageState']>>;

/** Signs in on the sign-in page (the page opened at `/`) and waits for the signed-in frame. */
export async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
}

/** Pages opened as somebody. */
export interface People {
  /** A new page (its own context) signed in as `username`, at nothing yet. */
  as(username: string, options?: Omit<PageOptions, 'baseURL' | 'storageState'>): Promise<Page>;
  /** A new page (its own context), signed out. */
  anonymous(options?: Omit<PageOptions, 'baseURL' | 'storageState'>): Promise<Page>;
}

/**
 * Sessions of the test file's people on `server`, each opened once by POST /api/v1/auth/login from
 * a browser context (the sign-in page itself is tested on its own), whose session cookie then
 * starts every page opened as that person.
 */
export function people(browser: TestBrowser, server: DemoServer): People {
  const sessions = new Map<string, Promise<SignedIn>>();
  const sessionOf = (username: string): Promise<SignedIn> => {
    let s = sessions.get(username);
    if (s === undefined) {
      s = (async () => {
        const page = await browser.open({ baseURL: server.url });
        const answer = await page.request.post('/api/v1/auth/login', { data: { username, password: PASSWORD } });
        if (answer.status() !== 200) throw new Error(`signing in as ${username}: ${answer.status()} ${await answer.text()}`);
        // Only the session cookie is kept: the language is each page's browser's.
        const state = await page.context().storageState();
        return { cookies: state.cookies, origins: [] };
      })();
      s.catch(() => sessions.delete(username));
      sessions.set(username, s);
    }
    return s;
  };
  return {
    async as(username, options = {}) {
      return browser.open({ ...options, baseURL: server.url, storageState: await sessionOf(username) });
    },
    anonymous(options = {}) {
      return browser.open({ ...options, baseURL: server.url });
    },
  };
}

/** An HTTP client signed in as somebody (session cookie and CSRF token), for preparing data. */
export interface ApiClient {
  readonly personId: string;
  /** Calls /api/v1 + path (a change of a resource with its `version` as If-Match); fails with the problem the server sent unless the answer is 2xx. */
  call<T>(method: string, path: string, body?: unknown, version?: number): Promise<T>;
}

/** Signs in over HTTP. */
export async function apiClient(server: DemoServer, username: string): Promise<ApiClient> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`signing in as ${username} over HTTP: ${res.status} ${await res.text()}`);
  const session = (await res.json()) as { personId: string; csrfToken: string };
  const cookie = (res.headers.getSetCookie().find((c) => c.startsWith('proverka_session=')) ?? '').split(';')[0] ?? '';
  let key = 0;
  return {
    personId: session.personId,
    async call<T>(method: string, path: string, body?: unknown, version?: number): Promise<T> {
      key += 1;
      const answer = await fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: {
          cookie,
          accept: 'application/json',
          ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrfToken, 'idempotency-key': `web-test-${process.pid}-${Date.now()}-${key}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await answer.text();
      if (answer.status < 200 || answer.status > 299) throw new Error(`${method} ${path} as ${username}: ${answer.status} ${text}`);
      return (text === '' ? undefined : JSON.parse(text)) as T;
    },
  };
}
