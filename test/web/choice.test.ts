/**
 * The choice of people (F9) in a real browser over the LARGE demo, as the administrator: the
 * placement page shows the very figures GET /api/v1/placement answers, proven optimal, one row per
 * post whose person changes; the census grouped by domain counts what GET /api/v1/census counts;
 * a person's record page shows their verified count; French; axe-core on the three pages; no
 * sideways scroll at 375 px; screenshots for people to look at.
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
/** A proposal takes a few seconds on the large demo; far more on a loaded machine. */
const PROPOSAL_TIMEOUT_MS = 120_000;

const server = useDemoServer('large', BUILD_TIMEOUT_MS);
const browser = useBrowser();
const at = people(browser, server);

/** The fields of GET /api/v1/placement the test reads. */
interface Proposal {
  readonly total: number;
  readonly holdersTotal: number;
  readonly objective: number;
  readonly stays: number;
  readonly moves: number;
  readonly certificate: { readonly violations: number; readonly dualTotal: number };
  readonly posts: readonly { readonly postId: string; readonly personId: string | null; readonly holderId: string | null; readonly fitness: { readonly points: number } | null }[];
}

/** The fields of GET /api/v1/census the test reads. */
interface Census {
  readonly groups: readonly { readonly key: string; readonly people: number }[];
  readonly entries: readonly unknown[];
}

/** A number as the English interface writes it: "24,511.79", "+0.07", "−1.20". */
function englishNumber(text: string): number {
  const cleaned = text.trim().replace(/,/g, '').replace(/\u2212/g, '-').replace(/^\+/, '');
  const n = Number(cleaned);
  if (cleaned === '' || !Number.isFinite(n)) throw new Error(`"${text}" is not a number`);
  return n;
}

/** The number shown under the summary's label `label` (a <dt> and its <dd>). */
async function figure(page: Page, label: string): Promise<number> {
  const dd = page.locator('dt').filter({ hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
  return englishNumber(await dd.innerText());
}

/** Presses "Propose" and waits until the table of the posts whose person changes is shown. */
async function propose(page: Page): Promise<Locator> {
  await page.goto('/placement');
  await page.getByRole('button', { name: 'Propose', exact: true }).click();
  const table = page.getByRole('table', { name: /^Posts whose person changes/ });
  await table.waitFor({ timeout: PROPOSAL_TIMEOUT_MS });
  return table;
}

/** The API's answer, read with the page's session. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const answer = await page.request.get(`/api/v1${path}`, { timeout: PROPOSAL_TIMEOUT_MS });
  expect(answer.status(), `GET ${path}`).toBe(200);
  return (await answer.json()) as T;
}

async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations.length, describeViolations(where, violations)).toBe(0);
}

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}

describe('the choice of people on the large demo', () => {
  it(
    'placement: the summary shows the figures GET /api/v1/placement answers, proven optimal, one row per post whose person changes',
    async () => {
      const page = await at.as('admin');
      const table = await propose(page);
      // The page asked with the default settings: the move cost of 2, every post.
      const proposal = await apiGet<Proposal>(page, '/placement?moveCost=2');
      const emptied = proposal.posts.filter((p) => p.personId === null && p.holderId !== null).length;
      const changed = proposal.posts.filter((p) => p.personId !== p.holderId);

      expect({
        total: await figure(page, 'Total fitness proposed'),
        holdersTotal: await figure(page, "Holders' total now"),
        stays: await figure(page, 'Holders who stay'),
        moves: await figure(page, 'Posts given to someone new'),
        emptied: await figure(page, 'Posts left empty'),
      }).toEqual({ total: proposal.total, holdersTotal: proposal.holdersTotal, stays: proposal.stays, moves: proposal.moves, emptied });
      expect(proposal.moves, 'the large demo has posts that would change hands').toBeGreaterThan(0);

      // The proof, as the independent check found it.
      expect(proposal.certificate.violations).toBe(0);
      expect(proposal.certificate.dualTotal).toBeCloseTo(proposal.objective, 2);
      const proof = page.getByText(/Proven optimal: the dual total equals the objective/);
      expect(await proof.innerText()).toContain('(0 violations)');
      await expect.poll(() => page.getByText(/Not proven optimal/).count()).toBe(0);

      // "Changed" rows: the posts given to someone other than their holder — the moves (vacant posts
      // filled included) plus the posts whose holder is left without a successor.
      const rowButtons = table.locator('tbody th[scope="row"] button[aria-expanded]');
      expect(await rowButtons.count()).toBe(changed.length);
      expect(changed.length).toBe(proposal.moves + emptied);

      // A row opens to the fitness of the person proposed, whose terms add up to the points shown.
      const first = rowButtons.first();
      expect(await first.getAttribute('aria-expanded')).toBe('false');
      await first.click();
      expect(await first.getAttribute('aria-expanded')).toBe('true');
      const terms = page.getByRole('table', { name: /^Fitness of .+, term by term$/ });
      await terms.waitFor();
      const termPoints = await terms.locator('tbody tr td:last-child').allInnerTexts();
      expect(termPoints.length).toBeGreaterThan(0);
      const sum = termPoints.map(englishNumber).reduce((a, b) => a + b, 0);
      const shownTotal = englishNumber(await terms.locator('tfoot td').innerText());
      expect(sum).toBeCloseTo(shownTotal, 1);
      // The first row: its cells are the person proposed, then their points.
      const pointsCell = englishNumber(await table.locator('tbody tr').first().locator('td').nth(1).innerText());
      expect(shownTotal).toBe(pointsCell);

      await expectAccessible(page, 'placement with a row open');
      await saveScreenshot(page, 'placement', 'en');

      // "Show all posts": every post, once.
      await page.getByRole('checkbox', { name: /^Show all posts/ }).check();
      const all = page.getByRole('table', { name: /^All posts/ });
      await all.waitFor();
      expect(await all.locator('tbody th[scope="row"] button[aria-expanded]').count()).toBe(proposal.posts.length);

      // The mismatches section is there, with its table or its empty state.
      await page.getByRole('heading', { level: 2, name: "People who do not master their post's domain" }).waitFor();
    },
    PROPOSAL_TIMEOUT_MS * 3,
  );

  it(
    'census by domain counts what GET /api/v1/census counts; a person link opens their record with the verified count of GET /people/{id}/record; French',
    async () => {
      const page = await at.as('admin');
      await page.goto('/census');
      await page.getByRole('table', { name: /grouped by department/ }).waitFor();
      await page.getByRole('combobox', { name: /^Group by/ }).selectOption('domain');
      const groups = page.getByRole('table', { name: /grouped by domain/ });
      await groups.waitFor();
      const census = await apiGet<Census>(page, '/census?by=domain');

      const shownGroups = await groups.locator('tbody tr').evaluateAll((rows) =>
        rows.map((row) => {
          const cells = (row as unknown as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }).querySelectorAll('th, td');
          return { key: (cells[0]?.textContent ?? '').trim(), people: Number((cells[1]?.textContent ?? '').replace(/\D/g, '')) };
        }),
      );
      expect(shownGroups).toEqual(census.groups.map((g) => ({ key: g.key === '—' ? 'None' : g.key, people: g.people })));
      const heading = await page.getByRole('heading', { level: 2, name: /^People/ }).innerText();
      const total = /\(([\d,]+) people\)/.exec(heading)?.[1];
      expect(total === undefined ? Number.NaN : englishNumber(total), heading).toBe(census.entries.length);
      expect(census.entries.length, 'the large demo has responsible people').toBeGreaterThan(0);

      await expectAccessible(page, 'census by domain');
      await saveScreenshot(page, 'census', 'en');

      // A person with verified cases: their link opens their record.
      const peopleTable = page.getByRole('table', { name: /^Responsible people by name/ });
      const rows = peopleTable.locator('tbody tr');
      let link: Locator | undefined;
      let listed = 0;
      for (let i = 0; i < (await rows.count()); i += 1) {
        const verified = englishNumber(await rows.nth(i).locator('td').nth(5).innerText());
        if (verified > 0) {
          link = rows.nth(i).getByRole('link');
          listed = verified;
          break;
        }
      }
      if (link === undefined) throw new Error('nobody with verified cases on the first page of the census');
      const name = (await link.innerText()).trim();
      const href = (await link.getAttribute('href')) ?? '';
      const personId = decodeURIComponent(/^\/people\/([^/]+)\/record$/.exec(href)?.[1] ?? '');
      expect(personId).not.toBe('');
      await link.click();
      await page.getByRole('heading', { level: 1, name: `Record of ${name}` }).waitFor();
      const record = await apiGet<{ overall: { verified: number } }>(page, `/people/${encodeURIComponent(personId)}/record`);
      const overall = page.getByRole('table', { name: 'Overall record', exact: true });
      const verifiedShown = englishNumber(await overall.locator('tr', { has: page.locator('th', { hasText: /^Verified$/ }) }).locator('td').innerText());
      expect(verifiedShown).toBe(record.overall.verified);
      expect(verifiedShown, 'the census and the record agree').toBe(listed);

      await expectAccessible(page, 'record');
      await saveScreenshot(page, 'record', 'en');

      // In French, switched on the page.
      await page.getByLabel('Language', { exact: true }).selectOption('fr');
      await page.getByRole('heading', { level: 2, name: "Résultats d'ensemble" }).waitFor();
      await page.getByRole('heading', { level: 1, name: `Résultats de ${name}` }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      await expectAccessible(page, 'record in French');
      await saveScreenshot(page, 'record', 'fr');
    },
    300_000,
  );

  it(
    'at 375 px wide, the three pages do not scroll sideways',
    async () => {
      const page = await at.as('admin', { viewport: PHONE });
      const table = await propose(page);
      await table.locator('tbody th[scope="row"] button[aria-expanded]').first().click();
      await page.getByRole('table', { name: /term by term$/ }).waitFor();
      expect(await pageWidth(page), 'placement').toBeLessThanOrEqual(PHONE.width + 1);
      await saveScreenshot(page, 'placement', 'en');

      await page.goto('/census?by=domain');
      await page.getByRole('table', { name: /^Responsible people by name/ }).waitFor();
      expect(await pageWidth(page), 'census').toBeLessThanOrEqual(PHONE.width + 1);

      await page.getByRole('table', { name: /^Responsible people by name/ }).getByRole('link').first().click();
      await page.getByRole('table', { name: 'Overall record', exact: true }).waitFor();
      expect(await pageWidth(page), 'record').toBeLessThanOrEqual(PHONE.width + 1);
    },
    PROPOSAL_TIMEOUT_MS * 2,
  );
});
