/**
 * A real browser for the web tests: Debian's Chromium (/usr/bin/chromium) driven by
 * playwright-core, launched once per test file (when its first page opens), with a fresh context
 * (cookies, storage, viewport, language) for each page a test opens, closed when the test ends —
 * after a screenshot of each of its pages when the test failed. A machine without Chromium fails the tests with a message saying
 * what to install: they are never skipped silently.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach } from 'vitest';
import { saveFailureScreenshots } from './shots.js';
import { DESKTOP } from './viewports.js';

export { DESKTOP, PHONE } from './viewports.js';

/** Where Debian installs Chromium (`apt-get install chromium`; .ci/run installs it in CI). */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, no sandbox (CI runs as root), and nothing that calls home or updates itself. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** How long an action or a wait on a page may take before the test fails with what it waited for. */
const ACTION_TIMEOUT_MS = 15_000;

/** How a page is opened. */
export interface PageOptions {
  /** The server's URL: `page.goto('/board')` goes there. */
  readonly baseURL: string;
  /** Default DESKTOP. */
  readonly viewport?: { readonly width: number; readonly height: number };
  /** The browser's language (navigator.language), e.g. 'fr-FR'; default 'en-GB'. */
  readonly locale?: string;
  /** Cookies and local storage to start from (a signed-in session, see people.ts). */
  readonly storageState?: Awaited<ReturnType<BrowserContext['storageState']>>;
}

/** The browser of a test file. */
export interface TestBrowser {
  /** A new page in a new context of its own, closed when the current test ends. */
  open(options: PageOptions): Promise<Page>;
}

/** Launches Chromium, failing with a clear message when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `the browser tests need Chromium at ${CHROMIUM}, which is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does it in CI)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/**
 * The browser of the current test file: launched when its first page opens (so that a missing
 * Chromium fails every test, each saying why), every context a test opened closed after that
 * test, the browser closed after the file.
 */
export function useBrowser(): TestBrowser {
  let browser: Promise<Browser> | undefined;
  const contexts: BrowserContext[] = [];
  afterEach(async (context) => {
    const open = contexts.splice(0);
    if (context.task.result?.state === 'fail') await saveFailureScreenshots(open.flatMap((c) => c.pages()), context.task.name);
    await Promise.all(open.map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.then(
      (b) => b.close(),
      () => undefined,
    );
  });
  return {
    async open(options) {
      browser ??= launchChromium();
      const context = await (await browser).newContext({
        baseURL: options.baseURL,
        viewport: { ...(options.viewport ?? DESKTOP) },
        locale: options.locale ?? 'en-GB',
        timezoneId: 'UTC',
        ...(options.storageState !== undefined ? { storageState: options.storageState } : {}),
      });
      context.setDefaultTimeout(ACTION_TIMEOUT_MS);
      contexts.push(context);
      return context.newPage();
    },
  };
}
