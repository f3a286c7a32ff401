/**
 * The main link (F15) in a real browser over the LARGE demo, as the administrator: the statement at
 * the top and the three rankings show the very figures GET /api/v1/main-link answers (read with the
 * page's session, as of the moment the page's answer was computed); opening a row lists its
 * evidence cases, each linking to its case page, which opens; French; axe-core; no sideways scroll
 * at 375 px; screenshots for people to look at.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations } from './support/axe.js';
import { PHONE, useBrowser } from './support/browser.js';
import { people } from './support/people.js';
import { useDemoServer } from './support/server.js';
import { saveScreenshot } from './support/shots.js';

/** Building the large demo takes about a minute; more on a busy machine. */
const BUILD_TIMEOUT_MS = 600_000;
const LOAD_TIMEOUT_MS = 60_000;
const HOUR = 3_600_000;

const server = useDemoServer('large', BUILD_TIMEOUT_MS);
const browser = useBrowser();
const at = people(browser, server);

interface Row {
  readonly key: string;
  readonly overdueMs: number;
  readonly cases: number;
  readonly blocked: number;
  readonly caseIds: readonly string[];
}

/** The fields of GET /api/v1/main-link the test reads. */
interface MainLink {
  readonly asOf: string;
  readonly totals: { readonly cases: number; readonly overdueMs: number; readonly blocked: number };
  readonly persons: { readonly count: number; readonly rows: readonly Row[] };
  readonly units: { readonly count: number; readonly rows: readonly Row[] };
  readonly steps: { readonly count: number; readonly rows: readonly Row[] };
  readonly cases: readonly { readonly caseId: string; readonly title: string; readonly heldOverdueMs: number }[];
  readonly names: Readonly<Record<string, string>>;
}

/** A whole number as the English interface writes it ("24,511"). */
function englishNumber(text: string): number {
  const cleaned = text.trim().replace(/,/g, '');
  const n = Number(cleaned);
  if (cleaned === '' || !Number.isInteger(n)) throw new Error(`"${text}" is not a whole number`);
  return n;
}

const hours = (ms: number): number => Math.floor(ms / HOUR);
const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Opens the page and waits for its rankings; returns the API's answer for the same moment, read with the page's session. */
async function open(page: Page, path = '/main-link'): Promise<MainLink> {
  const answered = page.waitForResponse((r) => r.url().includes('/api/v1/main-link') && r.request().method() === 'GET', { timeout: LOAD_TIMEOUT_MS });
  await page.goto(path);
  const shown = (await (await answered).json()) as MainLink;
  await page.getByRole('table', { name: /^People by overdue hours held/ }).waitFor({ timeout: LOAD_TIMEOUT_MS });
  const unit = new URL(page.url()).searchParams.get('unit');
  const answer = await page.request.get(`/api/v1/main-link?top=10&evidence=50&at=${encodeURIComponent(shown.asOf)}${unit === null ? '' : `&unit=${encodeURIComponent(unit)}`}`, { timeout: LOAD_TIMEOUT_MS });
  expect(answer.status()).toBe(200);
  return (await answer.json()) as MainLink;
}

/** The rows a ranking table shows: label, hours, cases, blocked. */
async function shownRows(table: Locator): Promise<{ label: string; hours: number; cases: number; blocked: number }[]> {
  const rows = await table.locator(':scope > tbody > tr:not(.main-link-detail)').evaluateAll((trs) =>
    trs.map((tr) => {
      const el = tr as unknown as { querySelector(s: string): { textContent: string | null } | null; querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> };
      const cells = el.querySelectorAll(':scope > td');
      return [el.querySelector('button')?.textContent ?? '', cells[0]?.textContent ?? '', cells[1]?.textContent ?? '', cells[2]?.textContent ?? ''];
    }),
  );
  return rows.map(([label, h, c, b]) => ({ label: (label ?? '').trim(), hours: englishNumber(h ?? ''), cases: englishNumber(c ?? ''), blocked: englishNumber(b ?? '') }));
}

async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations.length, describeViolations(where, violations)).toBe(0);
}

const STEP_WORDS: Record<string, string> = {
  accepting: 'the owner to accept',
  executing: 'the executor to do the work',
  handover: 'a handover to be accepted',
  transfer: 'a transfer to be accepted',
  extension: 'an extension to be decided',
  verifying: 'the verifier to verify',
};

describe('the main link on the large demo', () => {
  it(
    'states the main link and ranks people, units and steps with the figures of GET /api/v1/main-link; a row opens to its evidence, whose cases open',
    async () => {
      const page = await at.as('admin');
      const m = await open(page);
      expect(m.totals.cases, 'the large demo has overdue cases').toBeGreaterThan(0);
      const name = (id: string): string => (id === '' ? 'No unit recorded' : (m.names[id] ?? id));
      const person = m.persons.rows[0];
      if (person === undefined) throw new Error('no main link');

      // The statement at the top, in words.
      const statement = (await page.locator('.main-link-statement-persons').innerText()).trim();
      expect(statement).toBe(
        `${name(person.key)} holds ${plural(hours(person.overdueMs), 'overdue hour', 'overdue hours')} in ${plural(person.cases, 'case', 'cases')} and blocks ${plural(person.blocked, 'dependent case', 'dependent cases')}.`,
      );
      const figure = async (label: string): Promise<number> => englishNumber(await page.locator('dt').filter({ hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]').innerText());
      expect({ cases: await figure('Overdue cases'), hours: await figure('Overdue hours in current holdings'), blocked: await figure('Dependent cases blocked') }).toEqual({
        cases: m.totals.cases,
        hours: hours(m.totals.overdueMs),
        blocked: m.totals.blocked,
      });

      // The three rankings, row by row.
      for (const [caption, ranking, label] of [
        [/^People by overdue hours held/, m.persons, name],
        [/^Units by overdue hours held/, m.units, name],
        [/^Steps by overdue hours held/, m.steps, (k: string) => STEP_WORDS[k] ?? k],
      ] as const) {
        const table = page.getByRole('table', { name: caption });
        expect(await shownRows(table)).toEqual(ranking.rows.map((r) => ({ label: label(r.key), hours: hours(r.overdueMs), cases: r.cases, blocked: r.blocked })));
        expect(await table.locator('caption').innerText()).toContain(`(${ranking.rows.length} of ${ranking.count})`);
      }
      // Each ranking adds up to the totals (the API's own promise, over every row).
      const all = await (await page.request.get(`/api/v1/main-link?top=1000&evidence=1&at=${encodeURIComponent(m.asOf)}`)).json() as MainLink;
      for (const ranking of [all.persons, all.units, all.steps]) {
        expect(ranking.rows.reduce((n, r) => n + r.overdueMs, 0)).toBe(all.totals.overdueMs);
        expect(ranking.rows.reduce((n, r) => n + r.cases, 0)).toBe(all.totals.cases);
      }

      // The main person's row opens to their evidence: the API's cases, in its order, each a link to the case.
      const people_ = page.getByRole('table', { name: /^People by overdue hours held/ });
      const button = people_.getByRole('button', { name: name(person.key), exact: true });
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      await button.click();
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      const evidence = page.getByRole('table', { name: `Overdue cases held: ${name(person.key)}` });
      await evidence.waitFor();
      const listed = await evidence.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { getAttribute(n: string): string | null }).getAttribute('data-case') ?? ''));
      expect(listed).toEqual(person.caseIds);
      const byId = new Map(m.cases.map((c) => [c.caseId, c]));
      const first = byId.get(person.caseIds[0] ?? '');
      if (first === undefined) throw new Error('the evidence names a case the answer does not describe');
      const firstRow = evidence.locator('tbody tr').first();
      expect(englishNumber(await firstRow.locator('td').nth(4).innerText())).toBe(hours(first.heldOverdueMs));
      const link = firstRow.getByRole('link', { name: first.title, exact: true });
      expect(await link.getAttribute('href')).toBe(`/cases/${encodeURIComponent(first.caseId)}`);

      await expectAccessible(page, 'main link with a row open');
      await saveScreenshot(page, 'main-link', 'en');

      await link.click();
      await page.waitForURL(`**/cases/${encodeURIComponent(first.caseId)}`);
      await page.getByRole('heading', { level: 1, name: first.title }).waitFor({ timeout: LOAD_TIMEOUT_MS });
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    'a unit chosen narrows to what GET /api/v1/main-link?unit=… gives; French; at 375 px no sideways scroll',
    async () => {
      const page = await at.as('admin');
      const whole = await open(page);
      const unit = whole.units.rows.find((u) => u.key !== '')?.key;
      if (unit === undefined) throw new Error('no unit holds overdue cases');
      const m = await open(page, `/main-link?unit=${encodeURIComponent(unit)}`);
      expect(m.totals.cases).toBeLessThan(whole.totals.cases);
      const table = page.getByRole('table', { name: /^People by overdue hours held/ });
      await expect.poll(async () => (await shownRows(table)).map((r) => r.hours), { timeout: 30_000 }).toEqual(m.persons.rows.map((r) => hours(r.overdueMs)));

      await page.getByLabel('Language', { exact: true }).selectOption('fr');
      await page.getByRole('heading', { level: 1, name: 'Le maillon principal' }).waitFor();
      await page.getByRole('table', { name: /^Personnes par heures de retard détenues/ }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      expect(await page.locator('.main-link-statement-persons').innerText()).toContain(' détient ');
      await expectAccessible(page, 'main link in French');
      await saveScreenshot(page, 'main-link', 'fr');

      const phone = await at.as('admin', { viewport: PHONE });
      await open(phone);
      await phone.getByRole('table', { name: /^People by overdue hours held/ }).getByRole('button').first().click();
      await phone.getByRole('table', { name: /^Overdue cases held: / }).waitFor();
      const wide = await phone.evaluate<string>(`[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > ${PHONE.width + 1} && !e.closest('.table-wrap')).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 12).join('; ')`);
      expect(await phone.evaluate<number>('document.documentElement.scrollWidth'), wide).toBeLessThanOrEqual(PHONE.width + 1);
      await expectAccessible(phone, 'main link at 375 px');
      await saveScreenshot(phone, 'main-link', 'en');
    },
    BUILD_TIMEOUT_MS,
  );
});
