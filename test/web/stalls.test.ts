/**
 * Where work stalls (the inquiry across many cases, issue #7 F4) in a real browser over the LARGE
 * demo, as the administrator: the page is reached from the main navigation; the figures of how the
 * cases stand and the rows of its tables are those GET /api/v1/inquiry answers for the same filters
 * (read with the page's session, as of the moment the page's answer was computed); a domain chosen
 * changes the counts as the API's do and goes into the URL, which opens the same view; a longest
 * wait opens its case page; French; axe-core; a screenshot.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations } from './support/axe.js';
import { useBrowser } from './support/browser.js';
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

/** The fields of GET /api/v1/inquiry the test reads. */
interface Inquiry {
  readonly at: string;
  readonly domains: readonly string[];
  readonly cases: number;
  readonly verified: number;
  readonly cancelled: number;
  readonly open: number;
  readonly overdueNow: number;
  readonly late: number;
  readonly byUnitRole: readonly { readonly unitId: string; readonly ms: number; readonly cases: number }[];
  readonly byPerson: readonly { readonly key: string; readonly ms: number; readonly cases: number }[];
  readonly longestWaits: readonly { readonly caseId: string; readonly personId: string; readonly unitId: string; readonly ms: number }[];
  readonly handovers: { readonly unit: { readonly edges: readonly { readonly count: number }[]; readonly returning: readonly { readonly caseId: string }[] } };
  readonly names: Readonly<Record<string, string>>;
}

/** A whole number as the English interface writes it ("24,511"). */
function englishNumber(text: string): number {
  const cleaned = text.trim().replace(/,/g, '');
  const n = Number(cleaned);
  if (cleaned === '' || !Number.isInteger(n)) throw new Error(`"${text}" is not a whole number`);
  return n;
}

/** Hours as the case page writes them: whole, one decimal under ten when not whole. */
function englishHours(ms: number): string {
  const h = ms / HOUR;
  return h.toLocaleString('en-GB', { maximumFractionDigits: h < 10 && !Number.isInteger(h) ? 1 : 0, minimumFractionDigits: h < 10 && !Number.isInteger(h) ? 1 : 0 });
}

/** Opens `path` and waits for the page's answer; returns the API's answer for the same filters and moment, read with the page's session. */
async function open(page: Page, path: string): Promise<Inquiry> {
  const answered = page.waitForResponse((r) => r.url().includes('/api/v1/inquiry') && r.request().method() === 'GET', { timeout: LOAD_TIMEOUT_MS });
  await page.goto(path);
  return afterAnswer(page, answered);
}

/** The API's answer for the page's filters at the moment of the page's answer. */
async function afterAnswer(page: Page, answered: Promise<{ json(): Promise<unknown> }>): Promise<Inquiry> {
  const shown = (await (await answered).json()) as Inquiry;
  await page.locator('[data-figure="cases"]').waitFor({ timeout: LOAD_TIMEOUT_MS });
  const params = new URL(page.url()).searchParams;
  params.set('top', '20');
  params.set('at', shown.at);
  const answer = await page.request.get(`/api/v1/inquiry?${params.toString()}`, { timeout: LOAD_TIMEOUT_MS });
  expect(answer.status()).toBe(200);
  const m = (await answer.json()) as Inquiry;
  expect(m.cases).toBe(shown.cases);
  return m;
}

/** The figures of how the cases stand, as the page shows them. */
async function standing(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const key of ['cases', 'verified', 'cancelled', 'open', 'overdueNow', 'late']) out[key] = englishNumber(await page.locator(`[data-figure="${key}"]`).innerText());
  return out;
}

/** The cells of a table's body rows (the row header first). */
async function cells(table: Locator): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr): string[] => Array.from((tr as unknown as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }).querySelectorAll(':scope > th, :scope > td'), (c) => (c.textContent ?? '').trim())),
  );
}

async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations.length, describeViolations(where, violations)).toBe(0);
}

describe('where work stalls on the large demo', () => {
  it(
    "shows GET /api/v1/inquiry's figures; a domain narrows the counts and goes into the URL; a longest wait opens its case",
    async () => {
      const page = await at.as('admin');
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Where work stalls', exact: true }).click();
      await page.waitForURL('**/stalls');
      const m = await afterAnswer(page, page.waitForResponse((r) => r.url().includes('/api/v1/inquiry') && r.request().method() === 'GET', { timeout: LOAD_TIMEOUT_MS }));
      await page.getByRole('heading', { level: 1, name: 'Where work stalls' }).waitFor();
      expect(m.cases, 'the large demo has cases').toBeGreaterThan(1000);
      expect(await standing(page)).toEqual({ cases: m.cases, verified: m.verified, cancelled: m.cancelled, open: m.open, overdueNow: m.overdueNow, late: m.late });
      const name = (id: string): string => (id === '' ? 'No unit recorded' : (m.names[id] ?? id));

      // The tables, row by row: by person, by unit and role, the longest waits.
      const people_ = await cells(page.getByRole('table', { name: /^Time held by person/ }));
      expect(people_.map((r) => [r[0], englishNumber(r[1] ?? ''), r[2]])).toEqual(m.byPerson.map((p) => [name(p.key), p.cases, englishHours(p.ms)]));
      const units = await cells(page.getByRole('table', { name: /^Time held by holder unit and role/ }));
      expect(units.map((r) => [r[0], englishNumber(r[2] ?? ''), r[3]])).toEqual(m.byUnitRole.map((u) => [name(u.unitId), u.cases, englishHours(u.ms)]));
      const waits = page.getByRole('table', { name: /^The longest single waits/ });
      const waitRows = await cells(waits);
      expect(waitRows.map((r) => r[0])).toEqual(m.longestWaits.map((w) => name(w.caseId)));
      expect(waitRows.map((r) => r[1])).toEqual(m.longestWaits.map((x) => `${name(x.personId)}${name(x.unitId)}`));
      expect(await page.getByRole('table', { name: /^Passes from one unit to the next/ }).locator('tbody tr').count()).toBe(m.handovers.unit.edges.length);
      const returning = page.getByRole('table', { name: /^Cases that came back to a unit/ });
      expect(await returning.getByRole('link').evaluateAll((as) => as.map((a) => (a as unknown as { getAttribute(n: string): string | null }).getAttribute('href')))).toEqual(
        m.handovers.unit.returning.map((c) => `/cases/${encodeURIComponent(c.caseId)}`),
      );

      await expectAccessible(page, 'where work stalls');
      await page.screenshot({ path: '/tmp/stalls.png', fullPage: true, animations: 'disabled' });
      await saveScreenshot(page, 'stalls', 'en');

      // A domain: the counts change as the API's do, and the URL carries it — opened afresh, it shows the same.
      const domain = m.domains[0];
      if (domain === undefined) throw new Error('no domain');
      const answered = page.waitForResponse((r) => r.url().includes('/api/v1/inquiry') && r.url().includes(`domain=${encodeURIComponent(domain)}`), { timeout: LOAD_TIMEOUT_MS });
      await page.getByRole('combobox', { name: 'Domain', exact: true }).selectOption(domain);
      const narrowed = await afterAnswer(page, answered);
      expect(new URL(page.url()).searchParams.get('domain')).toBe(domain);
      expect(narrowed.cases).toBeLessThan(m.cases);
      expect(narrowed.cases).toBeGreaterThan(0);
      await expect.poll(async () => standing(page), { timeout: 30_000 }).toEqual({
        cases: narrowed.cases,
        verified: narrowed.verified,
        cancelled: narrowed.cancelled,
        open: narrowed.open,
        overdueNow: narrowed.overdueNow,
        late: narrowed.late,
      });
      const shared = await open(page, `/stalls?domain=${encodeURIComponent(domain)}`);
      expect(await page.getByRole('combobox', { name: 'Domain', exact: true }).inputValue()).toBe(domain);
      expect(await standing(page)).toEqual({ cases: shared.cases, verified: shared.verified, cancelled: shared.cancelled, open: shared.open, overdueNow: shared.overdueNow, late: shared.late });
      expect(shared.cases).toBe(narrowed.cases);

      // The longest wait opens its case page.
      const first = shared.longestWaits[0];
      if (first === undefined) throw new Error('no wait');
      const link = page.getByRole('table', { name: /^The longest single waits/ }).locator('tbody tr').first().getByRole('link');
      expect(await link.getAttribute('href')).toBe(`/cases/${encodeURIComponent(first.caseId)}`);
      await link.click();
      await page.waitForURL(`**/cases/${encodeURIComponent(first.caseId)}`);
      await page.getByRole('heading', { level: 1, name: shared.names[first.caseId] ?? first.caseId }).waitFor({ timeout: LOAD_TIMEOUT_MS });
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    'a title search and a period go into the URL and narrow the cases as the API does; French; an empty selection says so',
    async () => {
      const page = await at.as('admin');
      const whole = await open(page, '/stalls');
      const answered = page.waitForResponse((r) => r.url().includes('/api/v1/inquiry') && r.url().includes('search='), { timeout: LOAD_TIMEOUT_MS });
      await page.getByLabel('Title contains', { exact: true }).fill('the');
      await page.getByLabel('Title contains', { exact: true }).press('Enter');
      const searched = await afterAnswer(page, answered);
      expect(new URL(page.url()).searchParams.get('search')).toBe('the');
      expect(searched.cases).toBeLessThanOrEqual(whole.cases);
      await expect.poll(async () => (await standing(page))['cases'], { timeout: 30_000 }).toBe(searched.cases);

      // The last sixty days before the answer's moment: some of the demo's six months, not all.
      const from = new Date(Date.parse(whole.at) - 60 * 24 * HOUR).toISOString().slice(0, 10);
      const periodic = await open(page, `/stalls?from=${from}`);
      expect(periodic.cases).toBeLessThan(whole.cases);
      expect(periodic.cases).toBeGreaterThan(0);
      expect(await standing(page)).toMatchObject({ cases: periodic.cases, verified: periodic.verified, open: periodic.open });
      expect(await page.getByLabel('Issued from', { exact: true }).inputValue()).toBe(from);

      await page.getByLabel('Language', { exact: true }).selectOption('fr');
      await page.getByRole('heading', { level: 1, name: "Où le travail s'arrête" }).waitFor();
      await page.getByRole('table', { name: /^Temps détenu par personne/ }).waitFor();
      await expectAccessible(page, 'where work stalls in French');
      await saveScreenshot(page, 'stalls', 'fr');
      await page.getByLabel('Langue', { exact: true }).selectOption('en');

      await open(page, '/stalls?search=zzzz-nothing-matches');
      await page.getByText('No case matches these filters.').waitFor();
      expect(englishNumber(await page.locator('[data-figure="cases"]').innerText())).toBe(0);
      await expectAccessible(page, 'where work stalls, nothing selected');
    },
    BUILD_TIMEOUT_MS,
  );
});

