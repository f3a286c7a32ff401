/**
 * Screenshots of the app for people to look at: one full-page PNG per page, language and (when
 * not the desktop) window width, e.g. `board-en.png`, `board-fr.png`, `desk-en-375.png`, written to
 * PROVERKA_SCREENSHOTS or by default .tmp/screenshots/ (ignored by git); and, when a test fails,
 * what each of its pages showed, under failed/ there.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { DESKTOP } from './viewports.js';
import { ROOT } from './server.js';

/** The folder screenshots go to. */
export function screenshotDir(): string {
  const chosen = process.env['PROVERKA_SCREENSHOTS'];
  return chosen !== undefined && chosen.trim() !== '' ? resolve(chosen) : join(ROOT, '.tmp', 'screenshots');
}

/** The file name of a page's screenshot: `NAME-LANG.png`, or `NAME-LANG-WIDTH.png` below the desktop width. */
export function screenshotName(name: string, language: string, width: number): string {
  return width === DESKTOP.width ? `${name}-${language}.png` : `${name}-${language}-${width}.png`;
}

/** Saves a full-page screenshot of the page as it is now; returns the file written. */
export async function saveScreenshot(page: Page, name: string, language: string): Promise<string> {
  const dir = screenshotDir();
  mkdirSync(dir, { recursive: true });
  const width = page.viewportSize()?.width ?? DESKTOP.width;
  const file = join(dir, screenshotName(name, language, width));
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** Saves what each page shows (full page) as `failed/TEST-N.png`, for a failed test; never fails itself. */
export async function saveFailureScreenshots(pages: readonly Page[], testName: string): Promise<void> {
  const dir = join(screenshotDir(), 'failed');
  mkdirSync(dir, { recursive: true });
  const base = testName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
  for (const [i, page] of pages.entries()) {
    const file = join(dir, `${base}-${i + 1}.png`);
    try {
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled', timeout: 5_000 });
      console.log(`screenshot of the failed test's page ${page.url()}: ${file}`);
    } catch {
      // A page that cannot be captured (closed, crashed) is left out.
    }
  }
}
