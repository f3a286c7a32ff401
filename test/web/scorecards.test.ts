/**
 * The unit scorecards (F10) in a real browser over the LARGE demo, as the administrator: the league
 * table shows, row by row, the units and figures GET /api/v1/scorecards answers (read with the
 * page's session, for the same period); a figure opens to the cases GET /api/v1/scorecards/cases
 * lists, each a link to its case; the months of a unit and decree inflation per body are the API's
 * too, each body's months (its row's small chart and, opened, the table of its months) too; its
 * decisions still link to them; each figure of a body's month opens, below its table, to the
 * decisions or cases GET /api/v1/decree-inflation/cases lists (as many rows as the figure, or a note
 * of how many the limit leaves out), each a link to its decision or case; French; axe-core; no
 * sideways scroll at 375 px; screenshots.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations } from './support/axe.js';
import { PHONE, useBrowser } from './support/browser.js';
import { people } from './support/people.js';
import { useDemoServer } from './support/server.js';
import { saveScreenshot } from './support/shots.js';

const BUILD_TIMEOUT_MS = 600_000;
const server = useDemoServer('large', BUILD_TIMEOUT_MS);
const browser = useBrowser();
const at = people(browser, server);

/** A period covering the demo's generated months. */
const PERIOD = 'from=2026-01-01&to=2027-01-01';

interface Figures {
  readonly issued: number;
  readonly verified: number;
  readonly verifiedOnTime: number;
  readonly escalations: number;
  readonly rejections: number;
  readonly reopenings: number;
  readonly extensions: number;
}
interface Scorecards {
  readonly units: readonly { readonly unitId: string; readonly rank: number; readonly subtree: Figures; readonly months: readonly { readonly month: string; readonly figures: Figures }[] }[];
  readonly names: Readonly<Record<string, string>>;
}
interface FigureCases {
  readonly total: number;
  readonly hidden: number;
  readonly items: readonly { readonly id: string; readonly title: string }[];
}
interface BodyMonth {
  readonly month: string;
  readonly decisions: number;
  readonly issued: number;
  readonly verified: number;
  readonly verifiedOnTime: number;
}
interface DecreeCases {
  readonly total: number;
  readonly hidden: number;
  readonly decisions: readonly { readonly id: string; readonly number: string; readonly title: string }[];
  readonly items: readonly { readonly id: string; readonly title: string }[];
}
interface Decree {
  readonly from: string;
  readonly to: string;
  readonly months: readonly string[];
  readonly bodies: readonly { readonly bodyId: string; readonly decisions: number; readonly executed: number; readonly verified: number; readonly items: readonly { readonly decisionId: string }[]; readonly months: readonly BodyMonth[] }[];
  readonly names: Readonly<Record<string, string>>;
}

const COLUMNS = ['issued', 'verified', 'verifiedOnTime', 'escalations', 'rejections', 'reopenings', 'extensions'] as const;

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const answer = await page.request.get(`/api/v1${path}`, { timeout: 120_000 });
  expect(answer.status(), `GET ${path}`).toBe(200);
  return (await answer.json()) as T;
}

function englishNumber(text: string): number {
  const n = Number(text.trim().replace(/,/g, ''));
  if (!Number.isFinite(n)) throw new Error(`"${text}" is not a number`);
  return n;
}

/** The rows of a table: its data-unit or data-month and the numbers of the columns. */
async function shownRows(page: Page, caption: RegExp, key: 'unit' | 'month'): Promise<{ key: string; figures: Record<string, number> }[]> {
  const table = page.getByRole('table', { name: caption });
  await table.waitFor();
  const rows = table.locator('tbody tr');
  const out: { key: string; figures: Record<string, number> }[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const figures: Record<string, number> = {};
    for (const c of COLUMNS) figures[c] = englishNumber(await row.locator(`td[data-figure="${c}"]`).innerText());
    out.push({ key: (await row.getAttribute(`data-${key}`)) ?? '', figures });
  }
  return out;
}

function pick(f: Figures): Record<string, number> {
  return Object.fromEntries(COLUMNS.map((c) => [c, f[c]]));
}

/** The href of each link a locator finds, in order. */
function hrefs(links: Locator): Promise<(string | null)[]> {
  return links.evaluateAll((as) => as.map((a) => (a as unknown as { getAttribute(name: string): string | null }).getAttribute('href')));
}

async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations.length, describeViolations(where, violations)).toBe(0);
}

describe('the unit scorecards on the large demo', () => {
  it(
    'the league table, a unit\'s months and decree inflation show what the API answers; a figure opens to its cases; French',
    async () => {
      const page = await at.as('admin');
      await page.goto(`/scorecards?${PERIOD}`);
      const api = await apiGet<Scorecards>(page, `/scorecards?${PERIOD}`);
      expect(api.units.length, 'the large demo has units').toBeGreaterThan(10);
      const league = await shownRows(page, /^League table of units/, 'unit');
      expect(league).toEqual(api.units.map((u) => ({ key: u.unitId, figures: pick(u.subtree) })));
      const first = api.units[0];
      if (first === undefined) throw new Error('no unit');
      expect(await page.getByRole('table', { name: /^League table of units/ }).locator('tbody tr').first().locator('th').innerText()).toBe(api.names[first.unitId]);

      // The months of the unit at the top of the table.
      const months = await shownRows(page, new RegExp(`month by month$`), 'month');
      expect(months).toEqual(first.months.map((m) => ({ key: m.month, figures: pick(m.figures) })));

      // A figure opens to its cases: the first unit's late verifications are too few to test; take its verified on time.
      const unitName = api.names[first.unitId] ?? first.unitId;
      const button = page.getByRole('button', { name: `On time, ${unitName}: ${first.subtree.verifiedOnTime.toLocaleString('en-US')} — show the cases`, exact: true });
      await button.click();
      await page.getByRole('heading', { level: 2, name: `On time: ${unitName}` }).waitFor();
      const cases = await apiGet<FigureCases>(page, `/scorecards/cases?${PERIOD}&unit=${encodeURIComponent(first.unitId)}&figure=verifiedOnTime`);
      expect(cases.total).toBe(first.subtree.verifiedOnTime);
      const links = page.locator('.score-cases tbody a');
      await expect.poll(() => links.count()).toBe(Math.min(200, cases.items.length));
      expect(await links.first().getAttribute('href')).toBe(`/cases/${encodeURIComponent(cases.items[0]?.id ?? '')}`);
      expect(await page.getByTestId('score-cases-count').innerText()).toContain(`${cases.total.toLocaleString('en-US')} cases.`);
      await expectAccessible(page, 'scorecards with a figure open');
      await saveScreenshot(page, 'scorecards', 'en');

      // A month of it opens too.
      const month = first.months.find((m) => m.figures.issued > 0);
      if (month === undefined) throw new Error('no month with cases issued');
      await page.getByRole('button', { name: `Issued, ${unitName}, ${month.month}: ${month.figures.issued.toLocaleString('en-US')} — show the cases`, exact: true }).click();
      await page.getByRole('heading', { level: 2, name: `Issued: ${unitName}, ${month.month}` }).waitFor();
      await expect.poll(async () => page.getByTestId('score-cases-count').innerText()).toContain(`${month.figures.issued.toLocaleString('en-US')} case`);

      // The link opens the case.
      const firstCase = page.locator('.score-cases tbody a').first();
      const title = (await firstCase.innerText()).trim();
      await firstCase.click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.goBack();

      // Decree inflation per body.
      const decree = await apiGet<Decree>(page, `/decree-inflation?${PERIOD}`);
      expect(decree.bodies.length).toBeGreaterThan(0);
      const decreeRows = page.getByRole('table', { name: 'Decree inflation per body' }).locator('tbody tr[data-body]');
      await expect.poll(() => decreeRows.count()).toBe(decree.bodies.length);
      for (const [i, b] of decree.bodies.entries()) {
        const row = decreeRows.nth(i);
        expect(await row.getAttribute('data-body')).toBe(b.bodyId);
        expect(englishNumber(await row.locator('td[data-figure="decisions"]').innerText())).toBe(b.decisions);
        expect(englishNumber(await row.locator('td[data-figure="executed"]').innerText())).toBe(b.executed);
        expect(englishNumber(await row.locator('td[data-figure="verified"]').innerText())).toBe(b.verified);
      }

      // Each body's months: its row's chart has a place for each month of the period and a bar where cases were issued; opened, the table of its months is the API's, and its decisions link to them.
      expect(decree.months.length).toBeGreaterThan(1);
      expect(decree.bodies.some((b) => b.months.some((m) => m.issued > 0) && b.months.some((m) => m.verified > 0)), 'the demo has bodies whose cases are issued and verified').toBe(true);
      const monthFigures = ['decisions', 'issued', 'verified', 'verifiedOnTime'] as const;
      for (const [i, b] of decree.bodies.entries()) {
        const row = decreeRows.nth(i);
        expect(b.months.map((m) => m.month)).toEqual(decree.months);
        expect(await row.locator('svg.score-spark > g').count()).toBe(b.months.length);
        expect(await row.locator('rect.score-spark-issued').count()).toBe(b.months.filter((m) => m.issued > 0).length);
        expect(await row.locator('rect.score-spark-verified').count()).toBe(b.months.filter((m) => m.verified > 0).length);
        const disclosure = row.locator('th button.score-disclosure');
        expect((await disclosure.innerText()).trim()).toBe(decree.names[b.bodyId] ?? b.bodyId);
        await disclosure.click();
        expect(await disclosure.getAttribute('aria-expanded')).toBe('true');
        const table = page.getByRole('table', { name: `Decree inflation of ${decree.names[b.bodyId] ?? b.bodyId}, by month`, exact: true });
        await table.waitFor();
        const shown = await table.locator('tbody tr').evaluateAll((trs, keys) =>
          trs.map((tr) => {
            const r = tr as unknown as { getAttribute(n: string): string | null; querySelector(s: string): { textContent: string | null } | null };
            return [r.getAttribute('data-month'), ...[...keys, 'net'].map((k) => (r.querySelector(`td[data-figure="${k}"]`)?.textContent ?? '').trim())];
          }),
        [...monthFigures]);
        const signed = (n: number): string => (n > 0 ? `+${n.toLocaleString('en-US')}` : n < 0 ? `−${(-n).toLocaleString('en-US')}` : '0');
        expect(shown, b.bodyId).toEqual(b.months.map((m) => [m.month, ...monthFigures.map((k) => m[k].toLocaleString('en-US')), signed(m.issued - m.verified)]));
        const links = page.locator('.score-decree-items li a');
        expect(await links.count()).toBe(b.items.length);
        expect(await links.first().getAttribute('href')).toBe(`/decisions/${encodeURIComponent(b.items[0]?.decisionId ?? '')}`);
      }
      await expectAccessible(page, 'scorecards with a body opened');
      await saveScreenshot(page, 'scorecards-decree', 'en');

      // In French.
      await page.getByLabel('Language', { exact: true }).selectOption('fr');
      await page.getByRole('heading', { level: 1, name: 'Bulletins des unités' }).waitFor();
      await page.getByRole('table', { name: /^Classement des unités/ }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      await expectAccessible(page, 'scorecards in French');
      await saveScreenshot(page, 'scorecards', 'fr');
    },
    300_000,
  );

  it(
    "a figure of a body's month opens below its table to the cases or decisions behind it, each a link",
    async () => {
      const page = await at.as('admin');
      await page.goto(`/scorecards?${PERIOD}`);
      const decree = await apiGet<Decree>(page, `/decree-inflation?${PERIOD}`);
      // The busiest month of any body: the most cases issued.
      const busiest = decree.bodies.flatMap((b) => b.months.map((m) => ({ b, m }))).sort((x, y) => y.m.issued - x.m.issued)[0];
      if (busiest === undefined || busiest.m.issued === 0) throw new Error('no body issued a case in the period');
      const { b, m } = busiest;
      const bodyName = decree.names[b.bodyId] ?? b.bodyId;
      const n = (x: number): string => x.toLocaleString('en-US');
      await page.locator(`tr[data-body="${b.bodyId}"] th button.score-disclosure`).click();
      const months = page.getByRole('table', { name: `Decree inflation of ${bodyName}, by month`, exact: true });
      await months.waitFor();
      const row = months.locator(`tbody tr[data-month="${m.month}"]`);
      const behind = (figure: string): Promise<DecreeCases> =>
        apiGet<DecreeCases>(page, `/decree-inflation/cases?from=${decree.from}&to=${decree.to}&body=${encodeURIComponent(b.bodyId)}&month=${m.month}&figure=${figure}`);
      const panel = page.locator('.score-decree-items .score-cases');

      // Its cases issued: as many rows as the figure counts, up to the limit, each a link to its case.
      const issuedButton = row.locator('td[data-figure="issued"] button');
      expect(await issuedButton.getAttribute('aria-label')).toBe(`Cases issued, ${bodyName}, ${m.month}: ${n(m.issued)} — show the cases`);
      expect(await issuedButton.getAttribute('aria-pressed')).toBe('false');
      await issuedButton.click();
      expect(await issuedButton.getAttribute('aria-pressed')).toBe('true');
      await page.getByRole('heading', { level: 3, name: `Cases issued: ${bodyName}, ${m.month}`, exact: true }).waitFor();
      const issued = await behind('issued');
      expect(issued.total).toBe(m.issued);
      const links = panel.locator('tbody th a');
      await expect.poll(() => links.count()).toBe(issued.items.length);
      expect(issued.items.length).toBe(Math.min(200, issued.total - issued.hidden));
      expect(await hrefs(links)).toEqual(issued.items.map((c) => `/cases/${encodeURIComponent(c.id)}`));
      const said = await page.getByTestId('decree-cases-count').innerText();
      expect(said).toContain(`${n(issued.total)} case${issued.total === 1 ? '' : 's'}.`);
      if (issued.items.length < issued.total - issued.hidden) expect(said).toContain(`The first ${n(issued.items.length)} are listed.`);
      await expectAccessible(page, 'scorecards with a month of a body opened');
      await saveScreenshot(page, 'scorecards-decree-cases', 'en');

      // Its cases verified: the other button is pressed now, and the list is theirs.
      if (m.verified > 0) {
        const verifiedButton = row.locator('td[data-figure="verified"] button');
        await verifiedButton.click();
        await page.getByRole('heading', { level: 3, name: `Verified: ${bodyName}, ${m.month}`, exact: true }).waitFor();
        expect(await issuedButton.getAttribute('aria-pressed')).toBe('false');
        expect(await verifiedButton.getAttribute('aria-pressed')).toBe('true');
        const verified = await behind('verified');
        expect(verified.total).toBe(m.verified);
        await expect.poll(() => hrefs(links)).toEqual(verified.items.map((c) => `/cases/${encodeURIComponent(c.id)}`));
      }

      // A month's decisions, each a link to its decision; pressed again, the list closes.
      const withDecisions = b.months.find((x) => x.decisions > 0);
      if (withDecisions !== undefined) {
        const button = months.locator(`tbody tr[data-month="${withDecisions.month}"] td[data-figure="decisions"] button`);
        expect(await button.getAttribute('aria-label')).toBe(`Decisions, ${bodyName}, ${withDecisions.month}: ${n(withDecisions.decisions)} — show the decisions`);
        await button.click();
        await page.getByRole('heading', { level: 3, name: `Decisions: ${bodyName}, ${withDecisions.month}`, exact: true }).waitFor();
        const decisions = await apiGet<DecreeCases>(page, `/decree-inflation/cases?from=${decree.from}&to=${decree.to}&body=${encodeURIComponent(b.bodyId)}&month=${withDecisions.month}&figure=decisions`);
        expect(decisions.total).toBe(withDecisions.decisions);
        await expect.poll(() => hrefs(links)).toEqual(decisions.decisions.map((d) => `/decisions/${encodeURIComponent(d.id)}`));
        expect((await links.first().innerText()).trim()).toBe(`${decisions.decisions[0]?.number ?? ''} — ${decisions.decisions[0]?.title ?? ''}`);
        await button.click();
        await expect.poll(() => panel.count()).toBe(0);
        expect(await button.getAttribute('aria-pressed')).toBe('false');
      }

      // A zero is a plain number, not a button.
      const zero = b.months.find((x) => x.verifiedOnTime === 0);
      if (zero !== undefined) expect(await months.locator(`tbody tr[data-month="${zero.month}"] td[data-figure="verifiedOnTime"] button`).count()).toBe(0);

      // A case of the list opens its page.
      await issuedButton.click();
      const first = panel.locator('tbody th a').first();
      await first.waitFor();
      const title = (await first.innerText()).trim();
      await first.click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/cases/${encodeURIComponent(issued.items[0]?.id ?? '')}`);
    },
    300_000,
  );

  it(
    'at 375 px wide, the page does not scroll sideways',
    async () => {
      const page = await at.as('admin', { viewport: PHONE });
      await page.goto(`/scorecards?${PERIOD}`);
      await page.getByRole('table', { name: /^League table of units/ }).waitFor();
      await page.getByRole('table', { name: 'Decree inflation per body' }).waitFor();
      const wide = await page.evaluate<string>("[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 380 && !e.closest('.table-wrap')).slice(0, 8).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')");
      expect(await page.evaluate<number>('document.documentElement.scrollWidth'), wide).toBeLessThanOrEqual(PHONE.width + 1);
      await saveScreenshot(page, 'scorecards', 'en');
    },
    120_000,
  );
});
