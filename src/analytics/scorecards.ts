/**
 * Unit scorecards (issue #7, F10): for each unit, over a period [from, to) and month by month (UTC
 * calendar months), what its cases became — issued, verified, verified on time, the on-time rate,
 * the median time from issue to verification — how many hours its people held cases, and how often
 * its cases were escalated, rejected, reopened and given more time. Each unit has its own figures
 * and the figures of its subtree (itself and every unit below); the league table orders units by
 * their subtree's figures. Every figure keeps the ids of the cases behind it. Pure: the cases
 * (`readScoreCase`), the units, the period and `now` are passed in.
 *
 * Rules (docs/decisions/0026-unit-scorecards.md):
 * - A case belongs to its owner's unit at issue, for good: handovers and transfers do not move it.
 * - The period ends at `end` = min(to, now); nothing at or after `end` counts.
 * - *issued*: cases issued in the period.
 * - *verified*: cases verified at `now` — their last verification at or before `now` has no
 *   reopening after it — whose standing verification falls in the period; each case counts once, in
 *   the month of that verification, so the months add up to the period.
 * - *verifiedOnTime*: of those, verified at or before the deadline in force when verified (extensions
 *   granted before count); *verifiedLate* the rest. *onTimeRate* = verifiedOnTime / verified (null
 *   without verified cases). *medianToVerifiedMs*: the median of verification − issue over them.
 * - *escalations*, *rejections*, *reopenings*, *extensions* (granted): the events of that kind in the
 *   period on the unit's cases; the figure counts events, its cases are the distinct cases.
 * - *heldMs*: the time the unit's people held any case in the period — the case's stretches held by
 *   them (as the hour ledger attributes them; not the time after verification or cancellation),
 *   clipped to the period, an open case's last stretch running to `end`. Its cases: those held.
 * - League order: on-time rate, highest first (units without verified cases last), then verified
 *   cases (most first), then cases issued (most first), then unit id.
 */
import { standingVerification, type ScoreCase } from './scorecard-case.js';

/** The figures that open to a list of cases. */
export const FIGURE_KEYS = ['issued', 'verified', 'verifiedOnTime', 'verifiedLate', 'held', 'escalations', 'rejections', 'reopenings', 'extensions'] as const;

/** A figure that opens to its cases. */
export type FigureKey = (typeof FIGURE_KEYS)[number];

/** The figures of one unit (or subtree) over one span, with the case ids behind each (sorted). */
export interface Figures {
  readonly issued: number;
  readonly verified: number;
  readonly verifiedOnTime: number;
  readonly verifiedLate: number;
  readonly onTimeRate: number | null;
  readonly medianToVerifiedMs: number | null;
  readonly heldMs: number;
  readonly escalations: number;
  readonly rejections: number;
  readonly reopenings: number;
  readonly extensions: number;
  readonly cases: Readonly<Record<FigureKey, readonly string[]>>;
}

/** A unit of the organisation as the scorecards need it. */
export interface ScoreUnit {
  readonly unitId: string;
  readonly parentId: string | null;
}

/** One month of a unit's subtree: `month` is 'YYYY-MM' (UTC). */
export interface MonthFigures {
  readonly month: string;
  readonly figures: Figures;
}

/** One unit's scorecard: its own figures, its subtree's, and its subtree's month by month. */
export interface UnitScorecard {
  readonly unitId: string;
  readonly parentId: string | null;
  readonly own: Figures;
  readonly subtree: Figures;
  readonly months: readonly MonthFigures[];
}

/** The scorecards of a period, units in league order. */
export interface ScorecardReport {
  readonly from: number;
  readonly to: number;
  /** min(to, now): where counting stops. */
  readonly end: number;
  readonly months: readonly string[];
  readonly units: readonly UnitScorecard[];
  /** Cases owned, at issue, by a unit not among the units given (not counted anywhere). */
  readonly unplaced: number;
}

/** What the scorecards are asked. */
export interface ScorecardInput {
  readonly cases: Iterable<ScoreCase>;
  readonly units: readonly ScoreUnit[];
  readonly from: number;
  readonly to: number;
  readonly now: number;
}

/** The most months a report covers. */
export const MAX_MONTHS = 240;

/** The UTC month ('YYYY-MM') of an instant. */
export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** The start (UTC ms) of the month after the one holding `ms`. */
function nextMonthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** The months (each with its span clipped to [from, end)) that [from, end) touches. */
export function monthSpans(from: number, end: number): Array<{ month: string; from: number; to: number }> {
  const out: Array<{ month: string; from: number; to: number }> = [];
  for (let at = from; at < end && out.length < MAX_MONTHS; at = nextMonthStart(at)) out.push({ month: monthOf(at), from: at, to: Math.min(end, nextMonthStart(at)) });
  return out;
}

/** The median of numbers (null for none). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Counts as they are gathered: event counts, held time, case sets, verification times. */
class Tally {
  readonly sets: Record<FigureKey, Set<string>> = {
    issued: new Set(),
    verified: new Set(),
    verifiedOnTime: new Set(),
    verifiedLate: new Set(),
    held: new Set(),
    escalations: new Set(),
    rejections: new Set(),
    reopenings: new Set(),
    extensions: new Set(),
  };
  readonly events = { escalations: 0, rejections: 0, reopenings: 0, extensions: 0 };
  readonly toVerified: number[] = [];
  heldMs = 0;

  /** Adds another tally of cases disjoint from this one's (another unit's own cases). */
  merge(o: Tally): void {
    for (const key of FIGURE_KEYS) for (const id of o.sets[key]) this.sets[key].add(id);
    this.events.escalations += o.events.escalations;
    this.events.rejections += o.events.rejections;
    this.events.reopenings += o.events.reopenings;
    this.events.extensions += o.events.extensions;
    for (const ms of o.toVerified) this.toVerified.push(ms);
    this.heldMs += o.heldMs;
  }

  figures(): Figures {
    const s = this.sets;
    const verified = s.verified.size;
    const cases = Object.fromEntries(FIGURE_KEYS.map((k) => [k, [...s[k]].sort()])) as Record<FigureKey, string[]>;
    return {
      issued: s.issued.size,
      verified,
      verifiedOnTime: s.verifiedOnTime.size,
      verifiedLate: s.verifiedLate.size,
      onTimeRate: verified === 0 ? null : s.verifiedOnTime.size / verified,
      medianToVerifiedMs: median(this.toVerified),
      heldMs: this.heldMs,
      ...this.events,
      cases,
    };
  }
}

/** A unit's tallies: over the period, and per month (by index into the month spans). */
interface UnitTallies {
  readonly period: Tally;
  readonly months: Tally[];
}

function within(at: number, from: number, end: number): boolean {
  return at >= from && at < end;
}

/** Orders scorecards for the league table (see the rules above). */
export function leagueOrder(a: { readonly unitId: string; readonly subtree: Figures }, b: { readonly unitId: string; readonly subtree: Figures }): number {
  const ra = a.subtree.onTimeRate;
  const rb = b.subtree.onTimeRate;
  if (ra !== rb) {
    if (ra === null) return 1;
    if (rb === null) return -1;
    return rb - ra;
  }
  return b.subtree.verified - a.subtree.verified || b.subtree.issued - a.subtree.issued || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0);
}

/** Computes every unit's scorecard over [from, to) as of `now`. Throws when `to` is not after `from`. */
export function scorecards(input: ScorecardInput): ScorecardReport {
  const { from, to, now } = input;
  if (!(to > from)) throw new Error(`a period needs to after from (${from} → ${to})`);
  const end = Math.max(from, Math.min(to, now));
  const spans = monthSpans(from, end);
  const monthIndex = (at: number): number => {
    // Spans are few; a linear search from the end is quick enough and exact at month edges.
    for (let i = spans.length - 1; i >= 0; i--) if (at >= (spans[i]?.from ?? 0)) return i;
    return 0;
  };
  const own = new Map<string, UnitTallies>();
  for (const u of input.units) own.set(u.unitId, { period: new Tally(), months: spans.map(() => new Tally()) });
  const both = (t: UnitTallies, at: number): Tally[] => [t.period, t.months[monthIndex(at)] as Tally];
  let unplaced = 0;

  for (const c of input.cases) {
    if (c.issuedAt >= end) continue;
    // Time held, by whichever unit's people held it.
    for (const h of c.held) {
      const a = Math.max(h.from, from);
      const b = Math.min(h.to ?? end, end);
      if (b <= a) continue;
      const t = own.get(h.unitId);
      if (t === undefined) continue;
      t.period.heldMs += b - a;
      t.period.sets.held.add(c.caseId);
      for (let i = monthIndex(a); i < spans.length && (spans[i]?.from ?? end) < b; i++) {
        const span = spans[i] as { from: number; to: number };
        const ms = Math.min(b, span.to) - Math.max(a, span.from);
        if (ms <= 0) continue;
        const m = t.months[i] as Tally;
        m.heldMs += ms;
        m.sets.held.add(c.caseId);
      }
    }
    const t = own.get(c.unitId);
    if (t === undefined) {
      unplaced++;
      continue;
    }
    if (within(c.issuedAt, from, end)) for (const x of both(t, c.issuedAt)) x.sets.issued.add(c.caseId);
    const v = standingVerification(c, now);
    if (v !== undefined && within(v.at, from, end)) {
      const onTime = v.at <= v.deadline;
      for (const x of both(t, v.at)) {
        x.sets.verified.add(c.caseId);
        (onTime ? x.sets.verifiedOnTime : x.sets.verifiedLate).add(c.caseId);
        x.toVerified.push(v.at - c.issuedAt);
      }
    }
    const kinds = [
      ['escalations', c.escalations],
      ['rejections', c.rejections],
      ['reopenings', c.reopenings],
      ['extensions', c.extensions],
    ] as const;
    for (const [key, times] of kinds) {
      for (const at of times) {
        if (!within(at, from, end)) continue;
        for (const x of both(t, at)) {
          x.events[key]++;
          x.sets[key].add(c.caseId);
        }
      }
    }
  }

  // Subtrees: each unit's own tallies added to every unit above it.
  const parentOf = new Map(input.units.map((u) => [u.unitId, u.parentId]));
  const subtree = new Map<string, UnitTallies>();
  for (const u of input.units) subtree.set(u.unitId, { period: new Tally(), months: spans.map(() => new Tally()) });
  for (const u of input.units) {
    const mine = own.get(u.unitId) as UnitTallies;
    const seen = new Set<string>();
    for (let at: string | null | undefined = u.unitId; at !== null && at !== undefined && !seen.has(at); at = parentOf.get(at)) {
      seen.add(at);
      const s = subtree.get(at);
      if (s === undefined) break;
      s.period.merge(mine.period);
      mine.months.forEach((m, i) => (s.months[i] as Tally).merge(m));
    }
  }

  const units = input.units.map((u): UnitScorecard => {
    const mine = own.get(u.unitId) as UnitTallies;
    const all = subtree.get(u.unitId) as UnitTallies;
    return {
      unitId: u.unitId,
      parentId: u.parentId,
      own: mine.period.figures(),
      subtree: all.period.figures(),
      months: spans.map((s, i) => ({ month: s.month, figures: (all.months[i] as Tally).figures() })),
    };
  });
  units.sort(leagueOrder);
  return { from, to, end, months: spans.map((s) => s.month), units, unplaced };
}
