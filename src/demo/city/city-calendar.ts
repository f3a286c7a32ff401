/** The fixed calendar of the generated city: the same seed gives the same history, whatever today is. */

/** One minute, hour and day in milliseconds. */
export const MINUTE = 60_000;
/** One hour in milliseconds. */
export const HOUR = 60 * MINUTE;
/** One day in milliseconds. */
export const DAY = 24 * HOUR;

/** When the city's organisation is registered (before its activity starts). */
export const SETUP_START = Date.parse('2026-04-27T07:00:00Z');
/** The first instant of generated activity. */
export const PERIOD_START = Date.parse('2026-05-01T00:00:00Z');
/** The end of generated activity: nothing happens at or after it, and the record's last checkpoint is dated then. */
export const PERIOD_END = Date.parse('2026-11-01T00:00:00Z');

/** An instant as the canonical ISO-8601 string. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The calendar date (YYYY-MM-DD) of an instant. */
export function dateOf(ms: number): string {
  return iso(ms).slice(0, 10);
}

/** The instant rounded down to the minute. */
export function toMinute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}

/**
 * Moves an instant into working time (Monday–Friday, 06:00–17:00 UTC): an instant outside it goes
 * to the next working morning plus `jitterMinutes`. Never moves backwards.
 */
export function workingTime(ms: number, jitterMinutes: number): number {
  let t = toMinute(ms);
  for (let guard = 0; guard < 8; guard++) {
    const d = new Date(t);
    const day = d.getUTCDay();
    const hour = d.getUTCHours();
    if (day !== 0 && day !== 6 && hour >= 6 && hour < 17) return t;
    const morning = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 6) + jitterMinutes * MINUTE;
    t = hour < 6 && day !== 0 && day !== 6 ? morning : morning + DAY;
  }
  return t;
}

/** An instant on the same day at the given UTC hour (used for deadlines: "by 15:00 on that day"). */
export function atHour(ms: number, hour: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour);
}
