/**
 * The choice of people (F9) in a real browser over the LARGE demo, as the administrator: the
 * placement page shows the very figures GET /api/v1/placement answers, proven optimal, one row per
 * post whose person changes; its constraints (keep the holder, exclude the person proposed) are
 * chips applied by the next "Propose", giving what the API gives under the same pins and
 * exclusions, and a refusal (a holder who may not stay, one person kept in two posts) is said while
 * the chips stay to be removed; the census grouped by domain, over everything and over one unit,
 * counts what GET /api/v1/census counts; a person's record page shows their verified count; French;
 * axe-core on the pages; no sideways scroll at 375 px; screenshots for people to look at.
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
  readonly posts: readonly {
    readonly postId: string;
    readonly personId: string | null;
    readonly holderId: string | null;
    readonly pinned: boolean;
    readonly fitness: { readonly points: number } | null;
  }[];
  readonly names: Readonly<Record<string, string>>;
}

/** A post of a proposal. */
type ProposedPost = Proposal['posts'][number];

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

/** The API's answer, refused or not: its status, and for a refusal its code and conflict reasons. */
async function apiAnswer(page: Page, path: string): Promise<{ status: number; code: string | undefined; reasons: string[] }> {
  const answer = await page.request.get(`/api/v1${path}`, { timeout: PROPOSAL_TIMEOUT_MS });
  const body = (await answer.json()) as { code?: string; details?: { conflicts?: { reason: string }[] } };
  return { status: answer.status(), code: body.code, reasons: (body.details?.conflicts ?? []).map((c) => c.reason) };
}

/** The summary figures the page shows. */
async function shownSummary(page: Page): Promise<Record<string, number>> {
  return {
    total: await figure(page, 'Total fitness proposed'),
    holdersTotal: await figure(page, "Holders' total now"),
    stays: await figure(page, 'Holders who stay'),
    moves: await figure(page, 'Posts given to someone new'),
    emptied: await figure(page, 'Posts left empty'),
  };
}

/** The same figures of an answer of GET /api/v1/placement. */
function summaryOf(p: Proposal): Record<string, number> {
  return { total: p.total, holdersTotal: p.holdersTotal, stays: p.stays, moves: p.moves, emptied: p.posts.filter((x) => x.personId === null && x.holderId !== null).length };
}

/** The query of a proposal with the default settings under pins and exclusions (`post:person` pairs). */
function constrainedQuery(pins: readonly string[], exclude: readonly string[] = []): string {
  return `/placement?moveCost=2${pins.length > 0 ? `&pins=${pins.join(',')}` : ''}${exclude.length > 0 ? `&exclude=${exclude.join(',')}` : ''}`;
}

/** The accessible names of the buttons matching `name` in `where`, in the page's order. */
async function buttonNames(where: Locator, name: RegExp): Promise<string[]> {
  return where.getByRole('button', { name }).evaluateAll((buttons) => buttons.map((b) => (b as unknown as { getAttribute(n: string): string | null }).getAttribute('aria-label') ?? ''));
}

/** The groups a census table shows: their key as written and their people. */
async function shownGroups(groups: Locator): Promise<{ key: string; people: number }[]> {
  return groups.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const cells = (row as unknown as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }).querySelectorAll('th, td');
      return { key: (cells[0]?.textContent ?? '').trim(), people: Number((cells[1]?.textContent ?? '').replace(/\D/g, '')) };
    }),
  );
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
    'placement constraints: a holder kept, a person excluded — what the API gives under the same pins; a refusal is said and the chips stay',
    async () => {
      const page = await at.as('admin');
      const table = await propose(page);
      const first = await apiGet<Proposal>(page, '/placement?moveCost=2');
      const name = (id: string | null): string => (id === null ? '' : (first.names[id] ?? id));
      const propose_ = page.getByRole('button', { name: 'Propose', exact: true });
      const chips = page.getByRole('region', { name: /^Constraints/ }).getByRole('listitem');
      const alert = page.getByRole('alert');

      // "Keep the holder" on every post whose holder is moved, in the page's order.
      const moved = first.posts.filter((p) => p.holderId !== null && p.personId !== p.holderId);
      const keepHolder = (p: ProposedPost): string => `Keep the holder ${name(p.holderId)} in ${name(p.postId)}`;
      const order = (await buttonNames(table, /^Keep the holder /)).map((label) => moved.find((p) => keepHolder(p) === label));
      expect(order.length).toBe(moved.length);
      expect(order.every((p) => p !== undefined)).toBe(true);
      // Which holders the API lets stay (a holder who does not meet their own post's demands may not).
      let refused: { post: ProposedPost; code: string | undefined; reasons: string[] } | undefined;
      let kept: ProposedPost | undefined;
      for (const p of order) {
        if (p === undefined || (refused !== undefined && kept !== undefined)) break;
        const answer = await apiAnswer(page, constrainedQuery([`${p.postId}:${p.holderId ?? ''}`]));
        if (answer.status === 422 && refused === undefined) refused = { post: p, code: answer.code, reasons: answer.reasons };
        else if (answer.status === 200) kept ??= p;
      }
      if (refused === undefined || kept === undefined) throw new Error('the large demo should have a moved holder who may stay and one who may not');
      expect(refused.code).toBe('PLACEMENT_PINS_INFEASIBLE');
      expect(refused.reasons).toContain('pair-not-allowed');

      // A holder who may not stay (on this demo, the holder of the first changed row): the refusal
      // in words, the chip kept.
      await table.getByRole('button', { name: keepHolder(refused.post), exact: true }).click();
      expect(await table.getByRole('button', { name: keepHolder(refused.post), exact: true }).getAttribute('aria-pressed')).toBe('true');
      const refusedChip = `Keep ${name(refused.post.holderId)} in ${name(refused.post.postId)}`;
      expect(await chips.allInnerTexts()).toEqual([expect.stringContaining(refusedChip)]);
      await page.getByText('1 constraint chosen: press Propose to apply it.').waitFor();
      await propose_.click();
      await alert.waitFor({ timeout: PROPOSAL_TIMEOUT_MS });
      const refusal = await alert.innerText();
      expect(refusal).toContain('The people who must stay cannot all stay where asked.');
      expect(refusal).toContain('A person is kept in a post they may not take');
      expect(await chips.count()).toBe(1);
      expect(new URL(page.url()).searchParams.get('pins')).toBe(`${refused.post.postId}:${refused.post.holderId ?? ''}`);
      await page.getByRole('button', { name: `Remove the constraint: ${refusedChip}`, exact: true }).click();
      expect(await chips.count()).toBe(0);
      await page.getByText('Constraints removed: press Propose to compute without them.').waitFor();
      await propose_.click();
      await table.waitFor({ timeout: PROPOSAL_TIMEOUT_MS });

      // A holder who may stay: kept, proposed again — the post shows its holder, pinned, and the
      // summary is the API's under the same pin.
      const pin = `${kept.postId}:${kept.holderId ?? ''}`;
      await table.getByRole('button', { name: keepHolder(kept), exact: true }).click();
      await propose_.click();
      const keepButton = table.getByRole('button', { name: `Keep ${name(kept.holderId)} in ${name(kept.postId)}`, exact: true });
      await keepButton.waitFor({ timeout: PROPOSAL_TIMEOUT_MS });
      expect(new URL(page.url()).searchParams.get('pins')).toBe(pin);
      const withPin = await apiGet<Proposal>(page, constrainedQuery([pin]));
      const keptNow = withPin.posts.find((p) => p.postId === kept.postId);
      expect(keptNow).toMatchObject({ personId: kept.holderId, holderId: kept.holderId, pinned: true });
      const keptRow = table.locator('tbody tr').filter({ has: page.getByRole('button', { name: `Keep ${name(kept.holderId)} in ${name(kept.postId)}`, exact: true }) });
      const keptCells = keptRow.locator('td');
      expect((await keptCells.nth(0).getByRole('link').innerText()).trim(), 'proposed: the holder').toBe(name(kept.holderId));
      expect((await keptCells.nth(0).locator('.badge').innerText()).trim()).toBe('must stay');
      expect((await keptCells.nth(2).innerText()).trim(), 'the holder now').toBe(name(kept.holderId));
      expect(await keepButton.getAttribute('aria-pressed')).toBe('true');
      expect(await shownSummary(page)).toEqual(summaryOf(withPin));

      // The person proposed for another post excluded from it: proposed again, someone else takes it.
      const excludeLabels = await buttonNames(table, /^Exclude /);
      const excludeOf = (p: ProposedPost): string => `Exclude ${name(p.personId)} from ${name(p.postId)}`;
      const excluded = excludeLabels
        .map((label) => withPin.posts.find((p) => p.personId !== null && excludeOf(p) === label))
        .find((p) => p !== undefined && p.postId !== kept.postId && p.personId !== p.holderId);
      if (excluded === undefined) throw new Error('no other changed row to exclude a person from');
      const exclusion = `${excluded.postId}:${excluded.personId ?? ''}`;
      const withBoth = await apiGet<Proposal>(page, constrainedQuery([pin], [exclusion]));
      const instead = withBoth.posts.find((p) => p.postId === excluded.postId)?.personId ?? null;
      expect(instead, 'the API proposes someone else').not.toBe(excluded.personId);
      expect(instead, 'the large demo has a runner-up for that post').not.toBeNull();
      await table.getByRole('button', { name: excludeOf(excluded), exact: true }).click();
      expect((await chips.allInnerTexts()).map((c) => c.replace(/\s*×$/, ''))).toEqual([
        `Keep ${name(kept.holderId)} in ${name(kept.postId)}`,
        `Exclude ${name(excluded.personId)} from ${name(excluded.postId)}`,
      ]);
      await propose_.click();
      await table.getByRole('button', { name: `Keep ${name(instead)} in ${name(excluded.postId)}`, exact: true }).waitFor({ timeout: PROPOSAL_TIMEOUT_MS });
      expect(await table.getByRole('button', { name: `Keep ${name(excluded.personId)} in ${name(excluded.postId)}`, exact: true }).count(), 'the person excluded is not proposed there').toBe(0);
      expect(new URL(page.url()).searchParams.get('exclude')).toBe(exclusion);
      expect(await keepButton.getAttribute('aria-pressed')).toBe('true');
      expect(await shownSummary(page)).toEqual(summaryOf(withBoth));
      await expectAccessible(page, 'placement with constraints');
      await saveScreenshot(page, 'placement-constraints', 'en');

      // One person kept in two posts — their own, which they leave, and the one proposed to them:
      // refused, the reason said, every chip kept; removing one and proposing again gives a proposal.
      const swap = withBoth.posts.find((a) => {
        if (a.holderId === null || a.personId === a.holderId || a.postId === kept.postId || a.postId === excluded.postId) return false;
        const b = withBoth.posts.find((x) => x.personId === a.holderId);
        return b !== undefined && b.postId !== kept.postId && b.postId !== excluded.postId;
      });
      if (swap === undefined) throw new Error('the large demo should move a holder to another post');
      const other = withBoth.posts.find((x) => x.personId === swap.holderId) as ProposedPost;
      const contradiction = await apiAnswer(page, constrainedQuery([pin, `${swap.postId}:${swap.holderId ?? ''}`, `${other.postId}:${swap.holderId ?? ''}`], [exclusion]));
      expect(contradiction.status).toBe(422);
      expect(contradiction.code).toBe('PLACEMENT_PINS_INFEASIBLE');
      expect(contradiction.reasons).toContain('candidate-pinned-twice');
      await table.getByRole('button', { name: keepHolder(swap), exact: true }).click();
      await table.getByRole('button', { name: `Keep ${name(swap.holderId)} in ${name(other.postId)}`, exact: true }).click();
      expect(await chips.count()).toBe(4);
      await propose_.click();
      await alert.waitFor({ timeout: PROPOSAL_TIMEOUT_MS });
      expect(await alert.innerText()).toContain('The people who must stay cannot all stay where asked.');
      expect(await alert.innerText()).toContain('One person is kept in two posts.');
      expect(await chips.count()).toBe(4);
      await expectAccessible(page, 'placement refused, with its constraints');
      await saveScreenshot(page, 'placement-refused', 'en');

      const staysChip = `Keep ${name(swap.holderId)} in ${name(swap.postId)}`;
      await page.getByRole('button', { name: `Remove the constraint: ${staysChip}`, exact: true }).click();
      expect(await chips.count()).toBe(3);
      // The focus goes to the next chip's button, not to the page.
      expect(await page.evaluate('document.activeElement?.getAttribute("aria-label") ?? ""')).toMatch(/^Remove the constraint: /);
      await propose_.click();
      await table.waitFor({ timeout: PROPOSAL_TIMEOUT_MS });
      const resolved = await apiGet<Proposal>(page, constrainedQuery([pin, `${other.postId}:${swap.holderId ?? ''}`], [exclusion]));
      expect(await shownSummary(page)).toEqual(summaryOf(resolved));
      expect(resolved.posts.find((p) => p.postId === other.postId)).toMatchObject({ personId: swap.holderId, pinned: true });
    },
    PROPOSAL_TIMEOUT_MS * 8,
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

      expect(await shownGroups(groups)).toEqual(census.groups.map((g) => ({ key: g.key === '—' ? 'None' : g.key, people: g.people })));
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
    'census over one unit: the unit picker narrows the groups to what GET /api/v1/census?unit=…&by=… counts',
    async () => {
      const page = await at.as('admin');
      // The department with the most people: a subtree, smaller than everything the admin sees.
      const everything = await apiGet<Census>(page, '/census?by=unit');
      const department = [...everything.groups].filter((g) => g.key !== '—').sort((a, b) => b.people - a.people)[0];
      if (department === undefined) throw new Error('the large demo has departments');
      await page.goto('/census?by=territory');
      await page.getByRole('table', { name: /grouped by territory/ }).waitFor();
      await page.getByRole('combobox', { name: 'Unit', exact: true }).selectOption(department.key);
      await expect.poll(() => new URL(page.url()).searchParams.get('unit')).toBe(department.key);
      expect(new URL(page.url()).searchParams.get('by')).toBe('territory');
      const census = await apiGet<Census>(page, `/census?unit=${encodeURIComponent(department.key)}&by=territory`);
      expect(census.entries.length).toBe(department.people);
      expect(census.entries.length).toBeLessThan(everything.entries.length);
      expect(census.groups.length, 'the department serves several territories').toBeGreaterThan(1);
      const expected = census.groups.map((g) => ({ key: g.key === '—' ? 'None' : g.key, people: g.people }));
      const groups = page.getByRole('table', { name: /grouped by territory/ });
      await expect.poll(() => shownGroups(groups), { timeout: 30_000 }).toEqual(expected);
      const heading = await page.getByRole('heading', { level: 2, name: /^People/ }).innerText();
      const count = /\(([\d,]+) (?:people|person)\)/.exec(heading)?.[1];
      expect(count === undefined ? Number.NaN : englishNumber(count), heading).toBe(census.entries.length);
      await expectAccessible(page, 'census of one unit');
      await saveScreenshot(page, 'census-unit', 'en');
    },
    120_000,
  );

  it(
    'at 375 px wide, the three pages do not scroll sideways',
    async () => {
      const page = await at.as('admin', { viewport: PHONE });
      const table = await propose(page);
      await table.locator('tbody th[scope="row"] button[aria-expanded]').first().click();
      await page.getByRole('table', { name: /term by term$/ }).waitFor();
      // With constraints chosen: the chips wrap, the buttons stay in the table's scroller.
      await table.getByRole('button', { name: /^Keep the holder / }).first().click();
      await table.getByRole('button', { name: /^Exclude / }).nth(1).click();
      expect(await page.getByRole('region', { name: /^Constraints/ }).getByRole('listitem').count()).toBe(2);
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
