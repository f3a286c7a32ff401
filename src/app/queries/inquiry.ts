/**
 * The inquiry across many cases (issue #7, F4) — "where did the food purchases of this quarter
 * stall?" — over the record as it stood at a moment: the cases selected by domain, title text, the
 * owner's unit at issue (a unit's subtree) and issue time, and the analysis of analytics/inquiry.ts
 * on their ledgers as of that moment (`ledgeredCasesAt`).
 *
 * Scope: the operator (the CLI, `principal` null) sees every case; a caller only the cases GET
 * /assignments lists for them now (a party, a role over the case's unit, the secretary of the
 * deciding body) — the selection, the figures, the waits and the handovers are all of those cases
 * only — and a unit they may not see is NOT_FOUND, as an unknown one is.
 */
import { inquiry, selects, type InquiryReport, type InquirySelection } from '../../analytics/inquiry.js';
import type { Principal } from '../../domain/access/access-policy.js';
import type { Store } from '../../store/port.js';
import type { AppResult } from '../errors.js';
import { casesInScopeAt, checkedPeriod, unitSubtreeOf } from './hours-report.js';

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

/** The inquiry with what it was asked (absent filters as null), and the domains of every case in scope issued by `at`, whatever the filters (sorted: the choices of a domain filter). */
export interface InquiryView extends InquiryReport {
  readonly at: number;
  readonly domains: readonly string[];
  readonly selection: { readonly domain: string | null; readonly search: string | null; readonly unitId: string | null; readonly from: number | null; readonly to: number | null };
}

/**
 * The inquiry over the cases selected among those in scope: every case for `principal` null (the
 * operator), else those the principal may see. NOT_FOUND for an unknown unit or one the principal
 * may not see; VALIDATION_FAILED when `to` does not come after `from`.
 */
export async function inquiryOf(store: Store, principal: Principal | null, q: InquiryQuery): Promise<AppResult<InquiryView>> {
  const period = checkedPeriod(q.from, q.to);
  if (!period.ok) return period;
  const selection: { -readonly [K in keyof InquirySelection]: InquirySelection[K] } = {};
  if (q.unitId !== undefined) {
    const found = await unitSubtreeOf(store, principal, q.unitId);
    if (!found.ok) return found;
    selection.units = found.value;
  }
  if (q.domain !== undefined) selection.domain = q.domain;
  if (q.search !== undefined) selection.search = q.search;
  if (q.from !== undefined) selection.from = q.from;
  if (q.to !== undefined) selection.to = q.to;
  const inScope = await casesInScopeAt(store, principal, q.at);
  const cases = inScope.filter((c) => selects(selection, c));
  return {
    ok: true,
    value: {
      at: q.at,
      domains: [...new Set(inScope.map((c) => c.domain))].sort(),
      selection: { domain: q.domain ?? null, search: q.search ?? null, unitId: q.unitId ?? null, from: q.from ?? null, to: q.to ?? null },
      ...inquiry(cases, q.top),
    },
  };
}
