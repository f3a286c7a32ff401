/**
 * The scale of the ledger's timeline: where an instant falls on the bar (in %), and date ticks at
 * round steps (hours, days, weeks, months, years; UTC, as every date on the page) — at most `max`.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FIXED_STEPS = [HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY];
const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60, 120];

/** A tick on the axis: its instant, its position in % and the unit its label needs. */
export interface Tick {
  readonly at: number;
  readonly pct: number;
  readonly unit: 'hour' | 'day' | 'month' | 'year';
}

/** Position of `t` between `start` and `end`, in % (0 when the span is empty). */
export function percentOf(t: number, start: number, end: number): number {
  return end > start ? ((t - start) / (end - start)) * 100 : 0;
}

/** Round ticks strictly inside (start, end), at most `max` of them. */
export function ticksOf(start: number, end: number, max: number): Tick[] {
  const span = end - start;
  if (span <= 0 || max < 1) return [];
  const out: Tick[] = [];
  const fixed = FIXED_STEPS.find((s) => span / s <= max);
  if (fixed !== undefined) {
    const unit = fixed < DAY ? 'hour' : 'day';
    for (let t = Math.ceil(start / fixed) * fixed; t < end; t += fixed) if (t > start) out.push({ at: t, pct: percentOf(t, start, end), unit });
    return out;
  }
  const months = MONTH_STEPS.find((m) => span / (m * 30.44 * DAY) <= max) ?? Math.ceil(span / (30.44 * DAY) / max);
  const unit = months >= 12 ? 'year' : 'month';
  const d = new Date(start);
  const align = months >= 12 ? 12 * Math.max(1, Math.round(months / 12)) : months;
  for (let k = d.getUTCFullYear() * 12 + d.getUTCMonth() + 1; ; k++) {
    const t = Date.UTC(Math.floor(k / 12), k % 12, 1);
    if (t >= end) break;
    if (k % align === 0) out.push({ at: t, pct: percentOf(t, start, end), unit });
  }
  return out;
}
