/**
 * The app's main pages, as the accessibility, screenshot and layout tests visit them: where each
 * is, who looks at it, and when it is ready to be judged (its heading shown, its data loaded).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The case of the founding document every demo holds. */
export const CANNED_MEAT_CASE = 'asg_canned-meat-1922';

/** Ids a page's path needs, read from the demo once. */
export interface DemoIds {
  /** The decision the canned-meat case belongs to. */
  readonly decisionId: string;
}

/** One main page. */
export interface MainPage {
  /** Its name in screenshot files and messages: `board`, `case`, … */
  readonly name: string;
  readonly path: (ids: DemoIds) => string;
  /** Who looks at it (null: signed out). */
  readonly as: 'admin' | 'executor' | null;
}

/** Every main page: sign-in, desk, board, a case, the decisions register, a decision, the inquiry page. */
export const MAIN_PAGES: readonly MainPage[] = [
  { name: 'sign-in', path: () => '/', as: null },
  { name: 'desk', path: () => '/', as: 'executor' },
  { name: 'board', path: () => '/board', as: 'admin' },
  { name: 'case', path: () => `/cases/${CANNED_MEAT_CASE}`, as: 'admin' },
  { name: 'decisions', path: () => '/decisions', as: 'admin' },
  { name: 'decision', path: (ids) => `/decisions/${encodeURIComponent(ids.decisionId)}`, as: 'admin' },
  { name: 'inquiry', path: () => `/cases/${CANNED_MEAT_CASE}/inquiry`, as: 'admin' },
];

/** The languages of the interface, with the browser language that selects each. */
export const LANGUAGES = [
  { code: 'en', locale: 'en-GB' },
  { code: 'fr', locale: 'fr-FR' },
] as const;

/** What the loading placeholder says, in either language. */
const LOADING = /Loading…|Chargement…/;

/** Goes to `path` and waits until the page is ready: its one h1 shown, the network quiet, nothing still loading. */
export async function openReady(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await expect
    .poll(() => page.getByRole('status').filter({ hasText: LOADING }).count(), { timeout: 15_000, message: `${path} still shows a loading placeholder` })
    .toBe(0);
}
