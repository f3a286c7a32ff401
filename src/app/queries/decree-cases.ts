/**
 * What is behind one figure of a body's month in decree inflation (issue #7, F10): the decisions it
 * dated, or its cases issued, verified or verified on time in that month — the ids the analytics
 * keep behind each month's figure (`BodyMonth.ids`), read from the same report as
 * GET /decree-inflation, so that the count here is the figure there.
 *
 * Scope: as decree inflation's. A body is seen by every caller with a role and by no caller without
 * one (NOT_FOUND, as for a body that does not exist or has no decision in the period). Decisions are
 * public acts to such callers: all are listed. Cases are counted whole — they are the body's — but
 * listed only when the caller may open the case itself, as for the scorecards' figures; the rest are
 * counted as hidden.
 */
import type { Principal } from '../../domain/access/access-policy.js';
import type { BodyMonthKey } from '../../analytics/decree-inflation.js';
import type { Store } from '../../store/port.js';
import { appFail, type AppResult } from '../errors.js';
import { decreeInflationReport, openableCases, scoreData, type FigureCase } from './scorecards.js';

/** What the items behind one figure of a body's month are asked. */
export interface DecreeCasesQuery {
  readonly from?: string;
  readonly to?: string;
  readonly bodyId: string;
  /** 'YYYY-MM' (UTC), a month of the period. */
  readonly month: string;
  readonly figure: BodyMonthKey;
  /** How many to list (default 200). */
  readonly limit?: number;
  readonly now: number;
}

/** A decision behind a month's `decisions` figure: its number, title and date, and how far its cases are verified. */
export interface DecreeDecisionItem {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly cases: number;
  readonly verified: number;
  readonly executed: boolean;
}

/**
 * What is behind one figure of a body's month: how many it counts (`total`, equal to the figure),
 * how many of those the caller may not open (`hidden`: cases only), and up to `limit` of the rest —
 * the decisions by date then id for `decisions`, the cases by id for the other figures (the other
 * list empty).
 */
export interface DecreeCases {
  readonly bodyId: string;
  readonly month: string;
  readonly figure: BodyMonthKey;
  readonly from: number;
  readonly to: number;
  readonly total: number;
  readonly hidden: number;
  readonly decisions: readonly DecreeDecisionItem[];
  readonly cases: readonly FigureCase[];
}

const DEFAULT_LIMIT = 200;

/**
 * The decisions or cases behind one figure of a body's month. NOT_FOUND for a body the caller does
 * not see (no role), that does not exist or that has no decision in the period; VALIDATION_FAILED
 * for an unreadable period or a month outside it.
 */
export async function decreeCases(store: Store, principal: Principal, query: DecreeCasesQuery): Promise<AppResult<DecreeCases>> {
  const report = await decreeInflationReport(store, principal, query);
  if (!report.ok) return report;
  const body = report.value.bodies.find((b) => b.bodyId === query.bodyId);
  if (body === undefined) return appFail('NOT_FOUND', `no body ${query.bodyId} with a decision in the period`, { id: query.bodyId });
  const month = body.months.find((m) => m.month === query.month);
  if (month === undefined) return appFail('VALIDATION_FAILED', `the month ${query.month} is not in the period`, { field: 'month' });
  const ids = month.ids[query.figure];
  const limit = query.limit ?? DEFAULT_LIMIT;
  const base = { bodyId: body.bodyId, month: month.month, figure: query.figure, from: report.value.from, to: report.value.to, total: ids.length };
  if (query.figure === 'decisions') {
    const wanted = new Set(ids);
    const items = body.items.filter((i) => wanted.has(i.decisionId)).slice(0, limit);
    const labels = await store.reads.decisionLabels(items.map((i) => i.decisionId));
    const decisions = items.map((i): DecreeDecisionItem => {
      const label = labels.get(i.decisionId);
      return { id: i.decisionId, number: label?.number ?? i.decisionId, title: label?.title ?? '', date: i.date, cases: i.cases, verified: i.verified, executed: i.executed };
    });
    return { ok: true, value: { ...base, hidden: 0, decisions, cases: [] } };
  }
  const seen = openableCases(await scoreData(store), principal, ids);
  return { ok: true, value: { ...base, hidden: ids.length - seen.length, decisions: [], cases: seen.slice(0, limit) } };
}
