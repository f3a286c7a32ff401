/**
 * Decree inflation (issue #7, F10): per body, the decisions it took in a period against those
 * carried out — every assignment they gave verified done. A body that decides much and sees little
 * verified inflates its decrees. Pure: decisions, their cases and `now` are passed in.
 *
 * Rules (docs/decisions/0026-unit-scorecards.md):
 * - A decision is in the period when its date (the act's calendar day, UTC) is in [from, to).
 * - Its cases: the assignments issued under it at or before `now` (sub-assignments included), less
 *   those cancelled by then. A case is *verified* when a verification at or before `now` stands
 *   (no reopening after it).
 * - A decision is *executed* when it has at least one such case and every one is verified; it is
 *   *without cases* ("paper") when it has none.
 * - Per body: decisions, executed, without cases, cases and cases verified; `executedRate` =
 *   executed / decisions, `inflation` = decisions / executed (null when nothing was executed),
 *   `verifiedRate` = cases verified / cases (null without cases).
 * - Bodies are listed by inflation, highest first (bodies with decisions and nothing executed first,
 *   most decisions first among them), then by decisions, then by id. Decisions are listed per body
 *   by date, then id.
 * - Month by month (UTC calendar months of [from, end), end = min(to, now), clipped to it — the
 *   scorecards' months), each listed body's flow: *decisions* dated in the month; *issued*: its cases
 *   (under any of its decisions, whatever their date; cancelled ones left out, as above) issued in
 *   the month; *verified*: its cases whose standing verification falls in the month (each once, so
 *   a reopening takes the credit back), and *verifiedOnTime* of those, verified by the deadline in
 *   force then. A body whose cases are issued faster than verified month after month piles up work.
 *   Each month keeps the ids behind each figure.
 */
import { standingVerification, type ScoreCase } from './scorecard-case.js';
import { monthSpans } from './scorecards.js';

/** A decision as decree inflation needs it. */
export interface DecreeDecision {
  readonly decisionId: string;
  readonly bodyId: string;
  /** YYYY-MM-DD. */
  readonly date: string;
}

/** One decision's execution. */
export interface DecisionExecution {
  readonly decisionId: string;
  readonly date: string;
  readonly cases: number;
  readonly verified: number;
  readonly executed: boolean;
}

/** The figures of a body's month that open to a list, each list sorted. */
export const BODY_MONTH_KEYS = ['decisions', 'issued', 'verified', 'verifiedOnTime'] as const;

/** A figure of a body's month. */
export type BodyMonthKey = (typeof BODY_MONTH_KEYS)[number];

/** One month of a body's flow: `month` is 'YYYY-MM' (UTC); `ids` holds the decisions and the cases behind each figure, sorted. */
export interface BodyMonth {
  readonly month: string;
  readonly decisions: number;
  readonly issued: number;
  readonly verified: number;
  readonly verifiedOnTime: number;
  readonly ids: Readonly<Record<BodyMonthKey, readonly string[]>>;
}

/** One body's decree inflation. */
export interface BodyInflation {
  readonly bodyId: string;
  readonly decisions: number;
  readonly executed: number;
  readonly withoutCases: number;
  readonly cases: number;
  readonly verified: number;
  readonly executedRate: number | null;
  readonly inflation: number | null;
  readonly verifiedRate: number | null;
  readonly items: readonly DecisionExecution[];
  /** Month by month over [from, min(to, now)): decisions dated, cases issued, verified and verified on time. */
  readonly months: readonly BodyMonth[];
}

/** A case as decree inflation needs it. */
export type DecreeCase = Pick<ScoreCase, 'caseId' | 'decisionId' | 'issuedAt' | 'cancelledAt' | 'verifications' | 'reopenings'>;

/** What decree inflation is asked: the period [from, to) and `now` in UTC ms. */
export interface DecreeInput {
  readonly decisions: Iterable<DecreeDecision>;
  readonly cases: Iterable<DecreeCase>;
  readonly from: number;
  readonly to: number;
  readonly now: number;
}

function dayMs(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`);
}

function byInflation(a: BodyInflation, b: BodyInflation): number {
  const ia = a.inflation ?? (a.decisions > 0 ? Number.POSITIVE_INFINITY : -1);
  const ib = b.inflation ?? (b.decisions > 0 ? Number.POSITIVE_INFINITY : -1);
  if (ia !== ib) return ib - ia;
  return b.decisions - a.decisions || (a.bodyId < b.bodyId ? -1 : a.bodyId > b.bodyId ? 1 : 0);
}

/** A body's months over `spans`, from its decisions in the period and its live cases (under any of its decisions). */
function monthsOf(spans: ReadonlyArray<{ month: string; from: number; to: number }>, decisions: readonly DecisionExecution[], cases: readonly DecreeCase[], now: number): BodyMonth[] {
  const lists = spans.map(() => ({ decisions: [] as string[], issued: [] as string[], verified: [] as string[], verifiedOnTime: [] as string[] }));
  const at = (ms: number) => {
    for (let i = spans.length - 1; i >= 0; i--) {
      const s = spans[i] as { from: number; to: number };
      if (ms >= s.from) return ms < s.to ? lists[i] : undefined;
    }
    return undefined;
  };
  for (const d of decisions) at(dayMs(d.date))?.decisions.push(d.decisionId);
  for (const c of cases) {
    at(c.issuedAt)?.issued.push(c.caseId);
    const v = standingVerification(c, now);
    if (v === undefined) continue;
    const m = at(v.at);
    m?.verified.push(c.caseId);
    if (v.at <= v.deadline) m?.verifiedOnTime.push(c.caseId);
  }
  return spans.map((s, i) => {
    const l = lists[i] as Record<BodyMonthKey, string[]>;
    const ids = Object.fromEntries(BODY_MONTH_KEYS.map((k) => [k, l[k].sort()])) as Record<BodyMonthKey, string[]>;
    return { month: s.month, decisions: ids.decisions.length, issued: ids.issued.length, verified: ids.verified.length, verifiedOnTime: ids.verifiedOnTime.length, ids };
  });
}

/** Decree inflation of every body with a decision in [from, to), as of `now`, each with its months. */
export function decreeInflation(input: DecreeInput): BodyInflation[] {
  const { from, to, now } = input;
  const decisions = [...input.decisions];
  const bodyOf = new Map(decisions.map((d) => [d.decisionId, d.bodyId]));
  const tally = new Map<string, { cases: number; verified: number }>();
  const casesOfBody = new Map<string, DecreeCase[]>();
  for (const c of input.cases) {
    if (c.issuedAt > now || (c.cancelledAt !== null && c.cancelledAt <= now)) continue;
    const t = tally.get(c.decisionId) ?? { cases: 0, verified: 0 };
    t.cases++;
    if (standingVerification(c, now) !== undefined) t.verified++;
    tally.set(c.decisionId, t);
    const bodyId = bodyOf.get(c.decisionId);
    if (bodyId === undefined) continue;
    const list = casesOfBody.get(bodyId) ?? [];
    list.push(c);
    casesOfBody.set(bodyId, list);
  }
  const bodies = new Map<string, DecisionExecution[]>();
  for (const d of decisions) {
    const at = dayMs(d.date);
    if (!(at >= from && at < to)) continue;
    const t = tally.get(d.decisionId) ?? { cases: 0, verified: 0 };
    const list = bodies.get(d.bodyId) ?? [];
    list.push({ decisionId: d.decisionId, date: d.date, cases: t.cases, verified: t.verified, executed: t.cases > 0 && t.verified === t.cases });
    bodies.set(d.bodyId, list);
  }
  const spans = to > from ? monthSpans(from, Math.max(from, Math.min(to, now))) : [];
  const out = [...bodies].map(([bodyId, items]): BodyInflation => {
    items.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.decisionId < b.decisionId ? -1 : a.decisionId > b.decisionId ? 1 : 0));
    const executed = items.filter((i) => i.executed).length;
    const cases = items.reduce((n, i) => n + i.cases, 0);
    const verified = items.reduce((n, i) => n + i.verified, 0);
    return {
      bodyId,
      decisions: items.length,
      executed,
      withoutCases: items.filter((i) => i.cases === 0).length,
      cases,
      verified,
      executedRate: items.length === 0 ? null : executed / items.length,
      inflation: executed === 0 ? null : items.length / executed,
      verifiedRate: cases === 0 ? null : verified / cases,
      items,
      months: monthsOf(spans, items, casesOfBody.get(bodyId) ?? [], now),
    };
  });
  return out.sort(byInflation);
}
