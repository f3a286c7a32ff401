/**
 * The web app in a real browser (Chromium), served by `proverka serve` over a small demo, used the
 * way people use it: signing in and out; a decision registered with two assignments, one of them
 * accepted, handed over, submitted with a file and verified by four different people, and the
 * control board and the hour ledger saying so; French on request; no serious accessibility
 * violation on any main page in either language; screenshots of every main page for people to
 * look at; nothing wider than a phone's screen.
 */
import { existsSync, statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations } from './support/axe.js';
import { DESKTOP, PHONE, useBrowser } from './support/browser.js';
import { choose, confirmStep, fillDate } from './support/forms.js';
import { CANNED_MEAT_CASE, LANGUAGES, MAIN_PAGES, openReady, type DemoIds, type MainPage } from './support/pages.js';
import { apiClient, people, signIn } from './support/people.js';
import { useDemoServer } from './support/server.js';
import { saveScreenshot } from './support/shots.js';
import { readTile, waitForTile } from './support/tiles.js';

const server = useDemoServer('small');
const browser = useBrowser();
const at = people(browser, server);

/** The people the main flow adds to the demo, with accounts: the verifier and the one the case is handed over to. */
const VERIFIER = { username: 'vera', id: 'per_web-verifier', name: 'Vera Lindqvist' } as const;
const RECIPIENT = { username: 'hugo', id: 'per_web-recipient', name: 'Hugo Marchetti' } as const;

/** What the tests read from the demo once it is served. */
interface Demo extends DemoIds {
  /** The person behind the `executor` account, and their name. */
  readonly executor: { readonly id: string; readonly name: string };
  /** A body whose decisions the administrator registers. */
  readonly bodyName: string;
}

let demo: Demo;

beforeAll(async () => {
  const admin = await apiClient(server, 'admin');
  const executorId = await server.personOf('executor');
  const executor = await admin.call<{ name: string; unitId: string; version: number }>('GET', `/people/${executorId}`);
  for (const p of [VERIFIER, RECIPIENT]) {
    await admin.call('POST', '/people', { id: p.id, name: p.name, unitId: executor.unitId });
    await server.addAccount(p.username, p.id);
  }
  const cannedMeat = await admin.call<{ decisionId: string }>('GET', `/assignments/${CANNED_MEAT_CASE}`);
  const decisions = await admin.call<{ items: { bodyId: string }[] }>('GET', '/decisions?limit=1');
  const bodyId = decisions.items[0]?.bodyId;
  if (bodyId === undefined) throw new Error('the demo holds no decision');
  const body = await admin.call<{ name: string }>('GET', `/bodies/${bodyId}`);
  demo = { decisionId: cannedMeat.decisionId, executor: { id: executorId, name: executor.name }, bodyName: body.name };
}, 60_000);

/** A page of the app as the page's person sees it, in a language, at a window size, ready to be judged. */
async function visit(page: MainPage, language: (typeof LANGUAGES)[number], viewport: { readonly width: number; readonly height: number } = DESKTOP): Promise<Page> {
  const options = { viewport, locale: language.locale };
  const tab = page.as === null ? await at.anonymous(options) : await at.as(page.as, options);
  await openReady(tab, page.path(demo));
  expect(await tab.locator('html').getAttribute('lang'), `${page.name}: <html lang>`).toBe(language.code);
  return tab;
}

describe('signing in and out', () => {
  it('a wrong password is refused with a message, and the sign-in page stays', async () => {
    const page = await at.anonymous();
    await page.goto('/');
    await page.getByLabel('Username', { exact: true }).fill('executor');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('The username or password is wrong.');
    expect(await page.getByRole('heading', { level: 1, name: 'Sign in to Proverka' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });

  it('the executor signs in and sees their desk', async () => {
    const page = await at.anonymous();
    await signIn(page, 'executor');
    await page.getByRole('heading', { level: 1, name: 'My desk' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My desk' }).isVisible()).toBe(true);
  });

  it('signing out returns to the sign-in page, and the session is gone', async () => {
    const page = await at.anonymous();
    await signIn(page, 'executor');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Proverka' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Proverka' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });
});

/** The hour ledger as GET /assignments/{id}/ledger answers (the parts shown). */
interface Ledger {
  readonly elapsedMs: number;
  readonly byPerson: readonly { readonly id: string; readonly ms: number }[];
  readonly names: Readonly<Record<string, string>>;
}

const HOUR = 3_600_000;

/** A duration as the English interface shows it: "20 d 2 h", or "5 h" under a day. */
function span(ms: number): string {
  const whole = Math.round(ms / HOUR);
  return whole < 24 ? `${whole} h` : `${Math.floor(whole / 24)} d ${whole % 24} h`;
}

/** Hours as the English interface counts them: "482", "1,204", or "2.5" under ten hours. */
function hours(ms: number): string {
  const h = ms / HOUR;
  const digits = h < 10 && !Number.isInteger(h) ? 1 : 0;
  return new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(h);
}

/** The board's Open and Submitted figures, as the administrator reads them on /board. */
async function boardFigures(page: Page): Promise<{ open: number; submitted: number }> {
  await page.goto('/board');
  const open = await waitForTile(page, 'Open');
  const submitted = await readTile(page, 'Submitted');
  if (submitted === null) throw new Error('the control board shows no "Submitted" figure');
  return { open, submitted };
}

/** Opens a case by its link, as somebody who was sent the link. */
async function openCase(page: Page, href: string): Promise<void> {
  await page.goto(href);
  await page.getByRole('heading', { level: 1 }).waitFor();
}

describe('from a decision to verified work', () => {
  it('a decision with two assignments; one accepted, handed over, submitted with a file and verified; the board and the ledger agree; French on request', async () => {
    const deadline = new Date(Date.now() + 30 * 24 * HOUR);
    const assignments = [
      { title: 'Repaint the crossings on Mill Street', done: 'Every crossing on Mill Street repainted and photographed' },
      { title: 'Publish the repair schedule for Mill Street', done: 'The schedule is on the city website' },
    ] as const;

    // The administrator registers the decision with its two assignments.
    const admin = await at.as('admin');
    await admin.goto('/');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decisions', exact: true }).click();
    await admin.getByRole('button', { name: 'New decision' }).or(admin.getByRole('link', { name: 'New decision' })).click();
    await choose(admin, admin.getByRole('combobox', { name: 'Body', exact: true }), demo.bodyName);
    await admin.getByLabel('Number', { exact: true }).fill('EC-2026/WEB-1');
    await fillDate(admin.getByLabel('Date', { exact: true }), new Date());
    await admin.getByLabel('Title', { exact: true }).fill('On the road crossings of Mill Street');
    await admin.getByLabel('Text', { exact: true }).fill('The Executive Committee decides to repaint the crossings and to publish the schedule.');
    for (const [i, a] of assignments.entries()) {
      await admin.getByRole('button', { name: 'Add assignment' }).click();
      await admin.getByLabel('Assignment title', { exact: true }).nth(i).fill(a.title);
      await admin.getByLabel('Definition of done', { exact: true }).nth(i).fill(a.done);
      await choose(admin, admin.getByRole('combobox', { name: 'Owner', exact: true }).nth(i), demo.executor.name);
      await choose(admin, admin.getByRole('combobox', { name: 'Verifier', exact: true }).nth(i), VERIFIER.name);
      await fillDate(admin.getByLabel('Deadline', { exact: true }).nth(i), deadline);
    }
    await admin.getByRole('button', { name: 'Create decision' }).click();
    await admin.waitForURL(/\/decisions\/[^/]+$/);
    for (const a of assignments) await admin.getByRole('link', { name: a.title }).waitFor();
    const caseHref = await admin.getByRole('link', { name: assignments[0].title }).getAttribute('href');
    if (caseHref === null) throw new Error('the first assignment is listed without a link to its case');

    const before = await boardFigures(admin);

    // The executor accepts the first assignment and hands it over, with a reason.
    const executor = await at.as('executor');
    await openCase(executor, caseHref);
    await executor.getByRole('button', { name: 'Accept', exact: true }).click();
    await executor.getByRole('button', { name: 'Hand over', exact: true }).click();
    await choose(executor, executor.getByRole('combobox', { name: /hand over to|recipient/i }), RECIPIENT.name);
    const reason = executor.getByLabel('Reason', { exact: true });
    await reason.fill('Mill Street is in the roads section: Hugo runs the painting crews');
    await confirmStep(executor, executor.getByRole('button', { name: 'Hand over', exact: true }), reason, 'handing over');

    // The recipient takes the case and submits the work with a file.
    const recipient = await at.as(RECIPIENT.username);
    await openCase(recipient, caseHref);
    await recipient.getByRole('button', { name: 'Accept handover', exact: true }).click();
    await recipient.getByRole('button', { name: 'Submit', exact: true }).click();
    const file = recipient.getByLabel('Evidence file', { exact: true });
    await file.setInputFiles({ name: 'mill-street-crossings.txt', mimeType: 'text/plain', buffer: Buffer.from('Crossings 1-6 on Mill Street repainted on 20 November.\n') });
    await recipient.getByText('mill-street-crossings.txt').first().waitFor();
    await confirmStep(recipient, recipient.getByRole('button', { name: 'Submit', exact: true }), file, 'submitting');

    // The verifier verifies it.
    const verifier = await at.as(VERIFIER.username);
    await openCase(verifier, caseHref);
    await verifier.getByRole('button', { name: 'Verify', exact: true }).click();
    const confirm = verifier.getByRole('button', { name: 'Verify', exact: true });
    await confirmStep(verifier, confirm, confirm, 'verifying');
    await verifier.getByText('Verified', { exact: true }).first().waitFor();

    // The board: one open case fewer (verified), and no more waiting for verification than before.
    const after = await boardFigures(admin);
    expect(after, `board before the flow: ${JSON.stringify(before)}`).toEqual({ open: before.open - 1, submitted: before.submitted });

    // The canned-meat case's hour ledger, as the API gives it to the same session.
    await openReady(admin, `/cases/${CANNED_MEAT_CASE}`);
    const answer = await admin.request.get(`/api/v1/assignments/${CANNED_MEAT_CASE}/ledger`);
    expect(answer.status()).toBe(200);
    const ledger = (await answer.json()) as Ledger;
    expect(ledger.byPerson.length).toBeGreaterThan(1);
    for (const holder of ledger.byPerson) {
      const name = ledger.names[holder.id] ?? holder.id;
      const row = admin.getByRole('row').filter({ has: admin.getByRole('rowheader', { name, exact: true }) });
      const found = row.filter({ has: admin.getByRole('cell', { name: span(holder.ms), exact: true }) }).filter({ has: admin.getByRole('cell', { name: hours(holder.ms), exact: true }) });
      expect(await found.count(), `a ledger row for ${name} showing ${span(holder.ms)} and ${hours(holder.ms)} hours`).toBeGreaterThan(0);
    }
    const total = admin.getByRole('row').filter({ has: admin.getByRole('cell', { name: span(ledger.elapsedMs), exact: true }) }).filter({ has: admin.getByRole('cell', { name: hours(ledger.elapsedMs), exact: true }) });
    expect(await total.count(), `the ledger's total ${span(ledger.elapsedMs)} (${hours(ledger.elapsedMs)} hours)`).toBeGreaterThan(0);

    // In French.
    await admin.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await admin.getByRole('navigation').getByRole('link', { name: 'Mon bureau' }).waitFor();
    expect(await admin.locator('html').getAttribute('lang')).toBe('fr');
  }, 180_000);
});

describe('every main page in each language: no serious or critical accessibility violation (axe, WCAG 2.1 AA), and a screenshot for people to look at', () => {
  for (const language of LANGUAGES) {
    for (const page of MAIN_PAGES) {
      it(`${page.name} in ${language.code}`, async () => {
        const tab = await visit(page, language);
        const violations = await seriousViolations(tab);
        expect(violations.length, describeViolations(`${page.name} (${language.code}) ${page.path(demo)}`, violations)).toBe(0);
        const file = await saveScreenshot(tab, page.name, language.code);
        expect(existsSync(file) && statSync(file).size > 0, `${file} written`).toBe(true);
      });
    }
  }
});

/** The pages also kept as screenshots at a phone's width. */
const PHONE_SHOTS = new Set(['desk', 'case']);

describe('at 375 px wide, no page scrolls sideways (the desk and a case kept as screenshots at that width)', () => {
  for (const language of LANGUAGES) {
    for (const page of MAIN_PAGES) {
      it(`${page.name} in ${language.code}`, async () => {
        const tab = await visit(page, language, PHONE);
        const width = await tab.evaluate<number>('document.documentElement.scrollWidth');
        expect(width, `${page.name} (${language.code}) is ${String(width)} px wide in a ${PHONE.width} px window`).toBeLessThanOrEqual(PHONE.width + 1);
        if (!PHONE_SHOTS.has(page.name)) return;
        const file = await saveScreenshot(tab, page.name, language.code);
        expect(existsSync(file) && statSync(file).size > 0, `${file} written`).toBe(true);
      });
    }
  }
});
