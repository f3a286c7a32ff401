/** What the "where work stalls" page computes besides drawing: its filters read from and written to the URL, and names of ids. */
import type { z } from 'zod';
import type { inquirySchema } from '../../../../src/http/routes/inquiry.schemas.js';

/** The inquiry as GET /inquiry gives it. */
export type Inquiry = z.infer<typeof inquirySchema>;
/** One wait of a case. */
export type Wait = Inquiry['longestWaits'][number];

/** The page's filters: each null when not set; dates as YYYY-MM-DD. */
export interface StallFilters {
  readonly from: string | null;
  readonly to: string | null;
  readonly domain: string | null;
  readonly search: string | null;
  readonly unit: string | null;
}

/** The filters' names, in the order the URL writes them. */
export const FILTER_KEYS = ['from', 'to', 'domain', 'search', 'unit'] as const;

/** The rows of each list the page asks for. */
export const TOP = 20;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters in the URL (a malformed date is left out, blank text too). */
export function readFilters(params: URLSearchParams): StallFilters {
  const text = (k: string): string | null => {
    const v = params.get(k)?.trim();
    return v === undefined || v === '' ? null : v;
  };
  const day = (k: string): string | null => {
    const v = text(k);
    return v !== null && DAY.test(v) ? v : null;
  };
  return { from: day('from'), to: day('to'), domain: text('domain'), search: text('search'), unit: text('unit') };
}

/** The URL search of the filters (unset ones left out). */
export function filterSearch(f: StallFilters): URLSearchParams {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k] !== null) q.set(k, f[k]);
  return q;
}

/** True when any filter is set. */
export function anyFilter(f: StallFilters): boolean {
  return FILTER_KEYS.some((k) => f[k] !== null);
}

/** The name of an id in the answer; null for '' (no unit recorded). */
export function nameOf(data: Inquiry, id: string): string | null {
  return id === '' ? null : (data.names[id] ?? id);
}
