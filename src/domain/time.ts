/**
 * Instants travel as canonical ISO-8601 UTC strings with milliseconds (`2022-02-11T10:00:00.000Z`):
 * they sort lexicographically in time order on every back end. Calendar dates are `YYYY-MM-DD`.
 */

/** An instant as canonical ISO-8601 UTC with milliseconds. */
export type Instant = string;
/** A calendar date `YYYY-MM-DD`. */
export type CalendarDate = string;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Formats epoch milliseconds as a canonical instant. */
export function toInstant(ms: number): Instant {
  return new Date(ms).toISOString();
}

/** Epoch milliseconds of a canonical instant. */
export function toMs(instant: Instant): number {
  return Date.parse(instant);
}

/** Parses an ISO-8601 date-time (with zone) into a canonical instant, or undefined if it is not one. */
export function parseInstant(text: string): Instant | undefined {
  // Date.parse rolls 30 February over into March: check the calendar date as written first.
  if (!INSTANT.test(text) || !isCalendarDate(text.slice(0, 10))) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  const instant = toInstant(ms);
  // An offset can push 9999-12-31 past year 9999, whose ISO form no longer sorts as text.
  return /^\d{4}-/.test(instant) ? instant : undefined;
}

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * True when the text is a canonical instant, exactly as `toInstant` writes it (the same answer as
 * `parseInstant(text) === text`, for a fraction of the cost: one parse, one format). For checking
 * many instants that are expected to be canonical already, as an import's are.
 */
export function isCanonicalInstant(text: string): boolean {
  if (!CANONICAL.test(text)) return false;
  const ms = Date.parse(text);
  // Date.parse rolls 30 February over into March: the round trip then differs from the text.
  return !Number.isNaN(ms) && new Date(ms).toISOString() === text;
}

/** True when the text is a real calendar date `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  // setUTCFullYear, not Date.UTC, which reads the years 0–99 as 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.toISOString().slice(0, 10) === text;
}
