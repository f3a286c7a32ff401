/**
 * Reading the figures of the control board as a person reads them: the tile labelled "Open"
 * shows a number near its label. The number is found by its label's text, whatever the markup
 * (a <dl>, a list, a card), in English or French digits ("1,234", "1 234").
 */
import type { Page } from 'playwright-core';

/** The little of the DOM the reader below touches (the tests are compiled without the DOM's types). */
interface Node {
  readonly textContent: string | null;
  readonly parentElement: Node | null;
  closest(selector: string): Node | null;
  getClientRects(): { readonly length: number };
  querySelectorAll(selector: string): ArrayLike<Node>;
}

/**
 * Runs in the page: the number shown with the first visible element of <main> whose whole text is
 * `label` (not inside a table, a form control or a button), found in the text of that element's
 * nearest ancestors (up to 3 levels) once the label is taken out; null while there is none. (An
 * object, so that 0 is a truthy answer to waitForFunction; self-contained, as it is sent to the page.)
 */
function tileNumber(label: string): { readonly value: number } | null {
  const main = (globalThis as unknown as { document: { querySelector(s: string): Node | null } }).document.querySelector('main');
  if (main === null) return null;
  const all = main.querySelectorAll('*');
  for (let i = 0; i < all.length; i += 1) {
    const el = all[i];
    if (el === undefined || (el.textContent ?? '').trim() !== label) continue;
    if (el.closest('table, select, option, button, label, nav') !== null || el.getClientRects().length === 0) continue;
    let up: Node | null = el.parentElement;
    for (let depth = 0; depth < 3 && up !== null; depth += 1, up = up.parentElement) {
      const rest = (up.textContent ?? '').replace(label, ' ');
      const m = /\d(?:[\d,.\s\u00a0\u202f]*\d)?/.exec(rest);
      if (m !== null) return { value: Number(m[0].replace(/\D/g, '')) };
    }
  }
  return null;
}

/** The number the tile labelled `label` shows now (null when it shows none yet). */
export async function readTile(page: Page, label: string): Promise<number | null> {
  return (await page.evaluate(tileNumber, label))?.value ?? null;
}

/** Waits until the tile labelled `label` shows a number (the board has loaded its figures), and returns it. */
export async function waitForTile(page: Page, label: string, timeoutMs = 15_000): Promise<number> {
  try {
    await page.waitForFunction(tileNumber, label, { timeout: timeoutMs });
  } catch (error) {
    throw new Error(`the control board showed no number in a tile labelled "${label}" within ${timeoutMs} ms (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  const n = await readTile(page, label);
  if (n === null) throw new Error(`the tile labelled "${label}" lost its number`);
  return n;
}
