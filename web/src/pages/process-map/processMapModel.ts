/**
 * What the process-map page computes besides drawing: its filters read from and written to the URL,
 * the pairs kept by the "top N% of paths" control, thickness by frequency, and spans of time in words.
 */
import type { z } from 'zod';
import type { processMapSchema } from '../../../../src/http/routes/process-map.schemas.js';

/** The process map as GET /process-map gives it. */
export type ProcessMap = z.infer<typeof processMapSchema>;
/** One directly-follows pair. */
export type MapEdge = ProcessMap['edges'][number];

/** The page's filters: each null when not set; dates as YYYY-MM-DD. */
export interface MapFilters {
  readonly unit: string | null;
  readonly domain: string | null;
  readonly from: string | null;
  readonly to: string | null;
}

/** The share of paths shown by default, in percent. */
export const DEFAULT_PATHS = 50;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters in the URL (a malformed date is left out). */
export function readFilters(params: URLSearchParams): MapFilters {
  const text = (k: string): string | null => {
    const v = params.get(k);
    return v === null || v.trim() === '' ? null : v;
  };
  const day = (k: string): string | null => {
    const v = text(k);
    return v !== null && DAY.test(v) ? v : null;
  };
  return { unit: text('unit'), domain: text('domain'), from: day('from'), to: day('to') };
}

/** The share of paths in the URL, 1–100 (default DEFAULT_PATHS). */
export function readPaths(params: URLSearchParams): number {
  const n = Number(params.get('paths'));
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : DEFAULT_PATHS;
}

/** The URL search of filters and share of paths (defaults left out). */
export function mapSearch(f: MapFilters, paths: number): URLSearchParams {
  const q = new URLSearchParams();
  for (const k of ['unit', 'domain', 'from', 'to'] as const) if (f[k] !== null) q.set(k, f[k]);
  if (paths !== DEFAULT_PATHS) q.set('paths', String(paths));
  return q;
}

/** The key of a pair. */
export function edgeKey(e: { readonly from: string; readonly to: string }): string {
  return `${e.from}\u0000${e.to}`;
}

/**
 * The pairs the graph shows: the `percent`% most frequent (at least one, rounded up), and any pair
 * as frequent as the last one kept. The API lists pairs most frequent first.
 */
export function topEdges(edges: readonly MapEdge[], percent: number): MapEdge[] {
  if (edges.length === 0) return [];
  const n = Math.max(1, Math.ceil((edges.length * percent) / 100));
  const floor = (edges[n - 1] as MapEdge).count;
  return edges.filter((e, i) => i < n || e.count >= floor);
}

/** A stroke width for a frequency: 1.2 px for the rarest, up to 9 px for the most frequent (by square root). */
export function thickness(count: number, max: number): number {
  return max <= 0 ? 1.2 : 1.2 + 7.8 * Math.sqrt(count / max);
}

/** A span of time cut into its two largest units, for the words of the page's language. */
export function spanParts(ms: number): { readonly key: 'days' | 'hours' | 'minutes' | 'seconds'; readonly a: number; readonly b: number } {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return { key: 'seconds', a: s, b: 0 };
  const m = Math.round(s / 60);
  if (m < 60) return { key: 'minutes', a: m, b: 0 };
  const h = Math.floor(m / 60);
  if (h < 24) return { key: 'hours', a: h, b: m % 60 };
  const hoursTotal = Math.round(m / 60);
  return { key: 'days', a: Math.floor(hoursTotal / 24), b: hoursTotal % 24 };
}
