/** Small formatters shared by every text output: durations, instants, counts. */
import type { Instant } from '../../domain/time.js';

const HOUR = 3_600_000;

/** A duration as whole days and hours, `N d H h` (days with thousands separators; minutes are dropped, never rounded up). */
export function formatDuration(ms: number): string {
  const whole = Math.max(0, Math.floor(ms / HOUR));
  return `${formatCount(Math.floor(whole / 24))} d ${whole % 24} h`;
}

/** A span of time at the precision it deserves: `42 s`, `17 min`, `5 h 12 min`, `3 d 4 h`, days with thousands separators (negative with a minus sign; truncated, never rounded up). */
export function formatSpan(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const s = Math.floor(Math.abs(ms) / 1000);
  if (s < 60) return `${sign}${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${sign}${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${sign}${h} h ${min % 60} min`;
  return `${sign}${formatCount(Math.floor(h / 24))} d ${h % 24} h`;
}

/** An instant as `YYYY-MM-DD HH:MM` in UTC. */
export function formatInstant(instant: Instant): string {
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? instant : `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)}`;
}

/** An integer with thousands separators (`12,345`). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `1 handover`, `2 handovers`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A list in plain English: `a`, `a and b`, `a, b and c`. */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
