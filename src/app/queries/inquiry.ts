/**
 * The inquiry across many cases (issue #7, F4) — "where did the food purchases of this quarter
 * stall?" — over the record as it stood at a moment: the cases selected by domain, title text, the
 * owner's unit at issue (a unit's subtree) and issue time, and the analysis of analytics/inquiry.ts
 * on their ledgers as of that moment (`ledgeredCasesAt`). The operator's view: every case.
 */
import { inquiry, selects, type InquiryReport, type InquirySelection } from '../../analytics/inquiry.js';
import type { Store } from '../../store/port.js';
import type { AppResult } from '../errors.js';
import { checkedPeriod, ledgeredCasesAt, unitSubtreeOf } from './hours-report.js';

/** What the inquiry is asked: each filter optional; issue times in UTC ms. */
export interface InquiryQuery {
  readonly domain?: string;
  /** Text the case's title contains (case-insensitive). */
  readonly search?: string;
  /** Only cases whose owner's unit at issue is this unit or one below it. */
  readonly unitId?: string;
  /** Only cases issued at or after this moment. */
  readonly from?: number;
  /** Only cases issued before this moment. */
  readonly to?: number;
  /** The moment (UTC ms) the ledgers are computed for. */
  readonly at: number;
  /** How many of the longest waits to give. */
  readonly top: number;
}

/** The inquiry with what it was asked (absent filters as null). */
export interface InquiryView extends InquiryReport {
  readonly at: number;
  readonly selection: { readonly domain: string | null; readonly search: string | null; readonly unitId: string | null; readonly from: number | null; readonly to: number | null };
}

/** The inquiry over the cases selected. NOT_FOUND for an unknown unit; VALIDATION_FAILED when `to` does not come after `from`. */
export async function inquiryOf(store: Store, q: InquiryQuery): Promise<AppResult<InquiryView>> {
  const period = checkedPeriod(q.from, q.to);
  if (!period.ok) return period;
  const selection: { -readonly [K in keyof InquirySelection]: InquirySelection[K] } = {};
  if (q.unitId !== undefined) {
    const found = await unitSubtreeOf(store, q.unitId);
    if (!found.ok) return found;
    selection.units = found.value;
  }
  if (q.domain !== undefined) selection.domain = q.domain;
  if (q.search !== undefined) selection.search = q.search;
  if (q.from !== undefined) selection.from = q.from;
  if (q.to !== undefined) selection.to = q.to;
  const cases = (await ledgeredCasesAt(store, q.at)).filter((c) => selects(selection, c));
  return {
    ok: true,
    value: {
      at: q.at,
      selection: { domain: q.domain ?? null, search: q.search ?? null, unitId: q.unitId ?? null, from: q.from ?? null, to: q.to ?? null },
      ...inquiry(cases, q.top),
    },
  };
}
