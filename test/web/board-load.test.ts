/**
 * The control board over the LARGE demo, in a real browser, as the administrator: how long it
 * takes from navigation to its figures being on screen (printed, never asserted: timings depend on
 * the machine), and that the figures shown are the ones GET /api/v1/board counts.
 */
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser.js';
import { people } from './support/people.js';
import { useDemoServer } from './support/server.js';
import { readTile, waitForTile } from './support/tiles.js';

/** Building the large demo takes about a minute; more on a busy machine. */
const BUILD_TIMEOUT_MS = 600_000;

/** Loads measured, after one that warms the server and the browser's cache up. */
const LOADS = 5;

/** The target the README states for the board on the large demo. */
const TARGET_MS = 1500;

const server = useDemoServer('large', BUILD_TIMEOUT_MS);
const browser = useBrowser();
const at = people(browser, server);

/** The tiles of the board and the totals of GET /api/v1/board they show. */
const TILES = [
  { label: 'Open', key: 'open' },
  { label: 'Overdue', key: 'overdue' },
  { label: 'Due soon', key: 'dueSoon' },
  { label: 'Submitted', key: 'submitted' },
  { label: 'Escalated', key: 'escalated' },
] as const;

type Totals = Record<(typeof TILES)[number]['key'], number>;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

describe('the control board on the large demo', () => {
  it(
    'shows the totals GET /api/v1/board counts, and its load time is printed',
    async () => {
      const page = await at.as('admin');
      const load = async (): Promise<number> => {
        const started = performance.now();
        await page.goto('/board');
        await waitForTile(page, 'Overdue', 30_000);
        return performance.now() - started;
      };
      await load();
      const times: number[] = [];
      for (let i = 0; i < LOADS; i += 1) times.push(await load());
      console.log(
        `control board load time on the large demo: median ${Math.round(median(times))} ms over ${LOADS} loads (target < ${TARGET_MS} ms); each: ${times.map((t) => Math.round(t)).join(', ')} ms`,
      );

      // The figures depend on the clock (overdue, due soon): read the page and the API together, and
      // once more after a reload should a deadline have passed between the two.
      let shown: Partial<Totals> = {};
      let totals: Totals | undefined;
      for (let attempt = 0; attempt < 2; attempt += 1) {
        if (attempt > 0) await load();
        shown = {};
        for (const tile of TILES) shown[tile.key] = (await readTile(page, tile.label)) ?? Number.NaN;
        const answer = await page.request.get('/api/v1/board');
        expect(answer.status()).toBe(200);
        totals = ((await answer.json()) as { totals: Totals }).totals;
        if (TILES.every((tile) => shown[tile.key] === totals?.[tile.key])) break;
      }
      expect(shown).toEqual(totals);
      if (totals === undefined) throw new Error('no totals read');
      expect(totals.open, 'the large demo has open cases').toBeGreaterThan(0);
    },
    600_000,
  );
});
