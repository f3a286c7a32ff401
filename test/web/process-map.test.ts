/**
 * The process map in a real browser over the LARGE demo, as the administrator: the page's figures
 * (cases, events, activities) and its table of pairs (every pair, its count, mean and median) are
 * what GET /api/v1/process-map answers, read with the page's own session; the graph draws the pairs
 * the "paths shown" control keeps; choosing a domain, then a unit, gives the graph and the table
 * the API gives under the same filter; selecting an arrow (by click or keyboard) shows its figures
 * in the side panel; the drawing's geometry read in the page — no two boxes overlap, every box has
 * an arrow, and the activities left without one are named in a note under the graph instead of
 * drawn; French; axe-core; no sideways scroll at 375 px; screenshots to look at.
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
/** The map of the whole large demo takes a few seconds; more on a loaded machine. */
const MAP_TIMEOUT_MS = 120_000;

const server = useDemoServer('large', BUILD_TIMEOUT_MS);
const browser = useBrowser();
const at = people(browser, server);

/** The fields of GET /api/v1/process-map the test reads. */
interface ProcessMap {
  readonly cases: number;
  readonly events: number;
  readonly activities: readonly { readonly name: string; readonly count: number }[];
  readonly starts: readonly { readonly name: string; readonly count: number }[];
  readonly ends: readonly { readonly name: string; readonly count: number }[];
  readonly edges: readonly { readonly from: string; readonly to: string; readonly count: number; readonly meanMs: number | null; readonly medianMs: number | null }[];
  readonly domains: readonly string[];
}

/** A number as the English interface writes it ("24,511"). */
function englishNumber(text: string): number {
  const cleaned = text.trim().replace(/,/g, '');
  const n = Number(cleaned);
  if (cleaned === '' || !Number.isFinite(n)) throw new Error(`"${text}" is not a number`);
  return n;
}

/** A span as the English page writes it ("3 d 4 h", "5 h 12 min", "25 min", "12 s"), as the page computes it from ms. */
function englishSpan(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${m % 60} min`;
  const hours = Math.round(m / 60);
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** The API's answer, read with the page's session. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const answer = await page.request.get(`/api/v1${path}`, { timeout: MAP_TIMEOUT_MS });
  expect(answer.status(), `GET ${path}`).toBe(200);
  return (await answer.json()) as T;
}

/** The figure shown as `name` (cases, events, activities). */
async function figure(page: Page, name: string): Promise<number> {
  return englishNumber(await page.locator(`dd[data-figure="${name}"]`).innerText());
}

/** The rows of the table of pairs: from, to (activity names), count, mean, median as written. */
async function shownPairs(table: Locator): Promise<string[]> {
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const r = row as unknown as { getAttribute(n: string): string | null; querySelector(s: string): { textContent: string | null } | null };
      const cell = (k: string) => (r.querySelector(`[data-cell="${k}"]`)?.textContent ?? '').trim();
      return `${r.getAttribute('data-from') ?? ''} → ${r.getAttribute('data-to') ?? ''} | ${cell('count').replace(/,/g, '')} | ${cell('mean')} | ${cell('median')}`;
    }),
  );
}

/** The same rows from an answer of the API. */
function apiPairs(map: ProcessMap): string[] {
  return map.edges.map((e) => `${e.from} → ${e.to} | ${e.count} | ${englishSpan(e.meanMs)} | ${englishSpan(e.medianMs)}`);
}

/** The figures the page shows, and those of an answer. */
async function shownFigures(page: Page): Promise<{ cases: number; events: number; activities: number }> {
  return { cases: await figure(page, 'cases'), events: await figure(page, 'events'), activities: await figure(page, 'activities') };
}
function apiFigures(map: ProcessMap): { cases: number; events: number; activities: number } {
  return { cases: map.cases, events: map.events, activities: map.activities.length };
}

/** The pairs the graph draws (their activity names). */
async function drawnPairs(page: Page): Promise<string[]> {
  return page.locator('svg g.pm-edge[data-from]').evaluateAll((gs) => gs.map((g) => `${(g as unknown as { getAttribute(n: string): string | null }).getAttribute('data-from') ?? ''} → ${(g as unknown as { getAttribute(n: string): string | null }).getAttribute('data-to') ?? ''}`).sort());
}

/** The drawing as the page lays it out, in the SVG's units: each box (an activity, or the start or end marker) and the two ends of every arrow. */
interface Geometry {
  readonly boxes: readonly { readonly id: string; readonly x: number; readonly y: number; readonly w: number; readonly h: number }[];
  readonly ends: readonly { readonly x: number; readonly y: number }[];
  /** Each arrow's count label: its pair and how far (SVG units) its anchor is from the nearest point of the arrow's curve. */
  readonly labels: readonly { readonly pair: string; readonly distance: number }[];
}

async function geometry(page: Page): Promise<Geometry> {
  return page.evaluate<Geometry>(`(() => {
    const svg = document.querySelector('.pm-canvas svg');
    const box = (el, id) => { const b = el.getBBox(); return { id, x: b.x, y: b.y, w: b.width, h: b.height }; };
    const boxes = [
      ...[...svg.querySelectorAll('g.pm-node')].map((g) => box(g.querySelector('rect'), g.getAttribute('data-activity'))),
      ...[...svg.querySelectorAll('g.pm-start circle')].map((c) => box(c, 'start')),
      ...[...svg.querySelectorAll('g.pm-end rect')].map((r) => box(r, 'end')),
    ];
    const ends = [...svg.querySelectorAll('g.pm-edge path')].flatMap((p) => {
      const length = p.getTotalLength();
      return [p.getPointAtLength(0), p.getPointAtLength(length)].map((q) => ({ x: q.x, y: q.y }));
    });
    const labels = [...svg.querySelectorAll('g.pm-edge')].flatMap((g) => {
      const path = g.querySelector('path:last-of-type');
      const text = g.querySelector('text.pm-edge-count');
      if (path === null || text === null) return [];
      const x = Number(text.getAttribute('x'));
      const y = Number(text.getAttribute('y')) - 4;
      const length = path.getTotalLength();
      let distance = Infinity;
      for (let k = 0; k <= 200; k++) {
        const q = path.getPointAtLength((length * k) / 200);
        distance = Math.min(distance, Math.hypot(q.x - x, q.y - y));
      }
      return [{ pair: (g.getAttribute('data-from') ?? 'start') + ' → ' + (g.getAttribute('data-to') ?? 'end'), distance }];
    });
    return { boxes, ends, labels };
  })()`);
}

/** The pairs the map keeps at `percent`% of paths: that share of the most frequent (rounded up), and any as frequent as the last kept. */
function keptPairs(map: ProcessMap, percent: number): ProcessMap['edges'] {
  const n = Math.max(1, Math.ceil((map.edges.length * percent) / 100));
  const floor = map.edges[n - 1]?.count ?? 0;
  return map.edges.filter((e, i) => i < n || e.count >= floor);
}

/** The activities the map at `percent`% of paths leaves without any arrow: not in a pair kept, nor starting or ending cases as often as the rarest pair kept (the most frequent start and end always drawn). */
function expectedHidden(map: ProcessMap, percent: number): string[] {
  const kept = keptPairs(map, percent);
  const rarest = Math.min(...kept.map((e) => e.count));
  const linked = new Set(kept.flatMap((e) => [e.from, e.to]));
  for (const list of [map.starts, map.ends]) for (const [i, x] of list.entries()) if (i === 0 || x.count >= rarest) linked.add(x.name);
  return map.activities.map((a) => a.name).filter((a) => !linked.has(a)).sort();
}

/**
 * The drawing's geometry: no two boxes overlap; every arrow's count sits on its curve; every activity drawn has an arrow ending at its box
 * (the start and end markers are always drawn); the activities drawn and those named in the note
 * under the graph are the map's activities, the note's those `expectedHidden` gives.
 */
async function expectTidyDrawing(page: Page, map: ProcessMap, percent: number): Promise<number> {
  const { boxes, ends, labels } = await geometry(page);
  expect(labels.length).toBeGreaterThan(0);
  expect(labels.filter((l) => l.distance > 6).map((l) => `${l.pair}: ${l.distance.toFixed(0)}`), `arrow counts away from their arrows at ${percent}%`).toEqual([]);
  const overlaps: string[] = [];
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (w > 0.5 && h > 0.5) overlaps.push(`${a.id} × ${b.id}`);
    }
  }
  expect(overlaps, `boxes overlapping at ${percent}%`).toEqual([]);
  const near = (box: Geometry['boxes'][number]) => ends.some((p) => p.x >= box.x - 3 && p.x <= box.x + box.w + 3 && p.y >= box.y - 3 && p.y <= box.y + box.h + 3);
  expect(boxes.filter((b) => b.id !== 'start' && b.id !== 'end' && !near(b)).map((b) => b.id), `boxes without an arrow at ${percent}%`).toEqual([]);
  expect(boxes.filter((b) => b.id === 'start' || b.id === 'end').map((b) => b.id).sort()).toEqual(['end', 'start']);
  const drawn = boxes.filter((b) => b.id !== 'start' && b.id !== 'end').map((b) => b.id);
  const note = page.getByTestId('pm-hidden-note');
  const hidden = (await note.count()) === 0 ? [] : await note.locator('button[data-activity]').evaluateAll((bs) => bs.map((b) => (b as unknown as { getAttribute(n: string): string | null }).getAttribute('data-activity') ?? ''));
  expect([...hidden].sort(), `activities named as hidden at ${percent}%`).toEqual(expectedHidden(map, percent));
  expect([...drawn, ...hidden].sort()).toEqual(map.activities.map((a) => a.name).sort());
  if (hidden.length > 0) expect(await note.innerText()).toMatch(new RegExp(`^${hidden.length} activit(y has|ies have) no path among those shown`));
  return hidden.length;
}

async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations.length, describeViolations(where, violations)).toBe(0);
}

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}

/** Opens the map and waits until its graph is drawn. */
async function openMap(page: Page, search = ''): Promise<Locator> {
  await page.goto(`/process-map${search}`);
  await page.locator('svg g.pm-node').first().waitFor({ timeout: MAP_TIMEOUT_MS });
  return page.getByRole('table', { name: /^Every pair of activities/ });
}

describe('the process map on the large demo', () => {
  it(
    'shows the figures and every pair GET /api/v1/process-map answers; the graph draws the paths kept; an arrow selected shows its figures',
    async () => {
      const page = await at.as('admin');
      const table = await openMap(page);
      const map = await apiGet<ProcessMap>(page, '/process-map');
      expect(map.cases).toBeGreaterThan(1000);
      expect(await shownFigures(page)).toEqual(apiFigures(map));
      expect(await shownPairs(table)).toEqual(apiPairs(map));
      // The default keeps the most frequent half of the pairs (ties with the last kept included).
      const n = Math.ceil(map.edges.length / 2);
      const floor = map.edges[n - 1]?.count ?? 0;
      const kept = map.edges.filter((e, i) => i < n || e.count >= floor).map((e) => `${e.from} → ${e.to}`);
      expect(await drawnPairs(page)).toEqual([...kept].sort());
      await expectTidyDrawing(page, map, 50);
      // All paths: every activity drawn, none overlapping.
      await page.getByRole('slider', { name: 'Paths shown' }).fill('100');
      await expect.poll(() => drawnPairs(page)).toEqual(map.edges.map((e) => `${e.from} → ${e.to}`).sort());
      expect(await expectTidyDrawing(page, map, 100)).toBe(0);
      // Few paths: the activities left without one are named under the graph, not drawn over it.
      await page.getByRole('slider', { name: 'Paths shown' }).fill('5');
      await expect.poll(() => drawnPairs(page)).toEqual(keptPairs(map, 5).map((e) => `${e.from} → ${e.to}`).sort());
      expect(await expectTidyDrawing(page, map, 5)).toBeGreaterThan(0);
      await saveScreenshot(page, 'process-map-few-paths', 'en');
      await page.getByRole('slider', { name: 'Paths shown' }).fill('30');
      await expect.poll(() => new URL(page.url()).searchParams.get('paths')).toBe('30');
      await expect.poll(() => drawnPairs(page)).toEqual(keptPairs(map, 30).map((e) => `${e.from} → ${e.to}`).sort());
      await expectTidyDrawing(page, map, 30);

      // The most frequent pair, selected by a click on its arrow: the panel shows its count, mean and median.
      const top = map.edges[0];
      if (top === undefined) throw new Error('the large demo has pairs');
      const panel = page.getByTestId('pm-selection');
      await page.locator(`svg g.pm-edge[data-from="${top.from}"][data-to="${top.to}"] text.pm-edge-count`).click();
      await expect.poll(() => panel.locator('dd[data-figure="mean"]').textContent()).toBe(englishSpan(top.meanMs));
      expect(englishNumber((await panel.locator('dd[data-figure="count"]').innerText()).split('(')[0] ?? '')).toBe(top.count);
      expect(await panel.locator('dd[data-figure="median"]').innerText()).toBe(englishSpan(top.medianMs));
      // A less frequent pair, chosen from the keyboard (focused on the graph, Enter).
      const other = map.edges[2];
      if (other === undefined) throw new Error('the large demo has several pairs');
      await page.locator(`svg g.pm-edge[data-from="${other.from}"][data-to="${other.to}"]`).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => panel.locator('dd[data-figure="median"]').textContent()).toBe(englishSpan(other.medianMs));
      expect(await page.locator('svg g.pm-edge.is-selected').getAttribute('aria-pressed')).toBe('true');
      // An activity selected from the keyboard.
      const activity = map.activities[0];
      await page.locator(`svg g.pm-node[data-activity="${activity?.name ?? ''}"]`).focus();
      await page.keyboard.press(' ');
      await expect.poll(() => panel.getByText('Occurrences').count()).toBe(1);
      expect(await panel.innerText()).toContain((activity?.count ?? 0).toLocaleString('en-GB'));
      await expectAccessible(page, 'process map');
      await saveScreenshot(page, 'process-map', 'en');

      // In French, switched on the page.
      await page.getByLabel('Language', { exact: true }).selectOption('fr');
      await page.getByRole('heading', { level: 1, name: 'Carte des processus' }).waitFor();
      await page.getByRole('table', { name: /^Chaque paire d’activités/ }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      await expectAccessible(page, 'process map in French');
      await saveScreenshot(page, 'process-map', 'fr');
    },
    MAP_TIMEOUT_MS * 3,
  );

  it(
    'a domain, then a unit, narrow the graph and the table to what the API gives under the same filter',
    async () => {
      const page = await at.as('admin');
      let table = await openMap(page, '?paths=100');
      const everything = await apiGet<ProcessMap>(page, '/process-map');
      const domain = everything.domains[0];
      if (domain === undefined) throw new Error('the large demo has domains');
      await page.getByRole('combobox', { name: 'Domain', exact: true }).selectOption(domain);
      await expect.poll(() => new URL(page.url()).searchParams.get('domain')).toBe(domain);
      const byDomain = await apiGet<ProcessMap>(page, `/process-map?domain=${encodeURIComponent(domain)}`);
      expect(byDomain.cases).toBeLessThan(everything.cases);
      await expect.poll(() => shownFigures(page), { timeout: MAP_TIMEOUT_MS }).toEqual(apiFigures(byDomain));
      expect(await shownPairs(table)).toEqual(apiPairs(byDomain));
      expect(await drawnPairs(page)).toEqual(byDomain.edges.map((e) => `${e.from} → ${e.to}`).sort());
      await expectTidyDrawing(page, byDomain, 100);

      // A unit instead: the first unit below the top one in the picker (a department).
      table = await openMap(page, '?paths=100');
      const picker = page.getByRole('combobox', { name: 'Unit', exact: true });
      await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(2);
      const unit = await picker.locator('option').nth(2).getAttribute('value');
      if (unit === null) throw new Error('the picker lists units');
      await picker.selectOption(unit);
      await expect.poll(() => new URL(page.url()).searchParams.get('unit')).toBe(unit);
      const byUnit = await apiGet<ProcessMap>(page, `/process-map?unit=${encodeURIComponent(unit)}`);
      expect(byUnit.cases).toBeGreaterThan(0);
      expect(byUnit.cases).toBeLessThan(everything.cases);
      await expect.poll(() => shownFigures(page), { timeout: MAP_TIMEOUT_MS }).toEqual(apiFigures(byUnit));
      expect(await shownPairs(table)).toEqual(apiPairs(byUnit));
      expect(await drawnPairs(page)).toEqual(byUnit.edges.map((e) => `${e.from} → ${e.to}`).sort());
      await expectTidyDrawing(page, byUnit, 100);
      await expectAccessible(page, 'process map of one unit');
      await saveScreenshot(page, 'process-map-unit', 'en');
    },
    MAP_TIMEOUT_MS * 3,
  );

  it(
    'at 375 px wide, the page does not scroll sideways',
    async () => {
      const page = await at.as('admin', { viewport: PHONE });
      await openMap(page);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width + 1);
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await page.getByRole('button', { name: 'Zoom in' }).click();
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width + 1);
      await expectAccessible(page, 'process map at 375 px');
      await saveScreenshot(page, 'process-map', 'en');
    },
    MAP_TIMEOUT_MS * 2,
  );
});
