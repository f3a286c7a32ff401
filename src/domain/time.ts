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

/** The number written by `n` decimal digits of `text` from `at`, or -1 when one is not a digit. */
function digitsAt(text: string, at: number, n: number): number {
  let value = 0;
  for (let i = at; i < at + n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True when the text is a canonical instant, exactly as `toInstant` writes it (the same answer as
 * `parseInstant(text) === text`): `YYYY-MM-DDTHH:MM:SS.mmmZ` with a real day of the proleptic
 * Gregorian calendar (JavaScript's) and a real time of day. Checked character by character, with
 * no parse and no allocation: an import checks one per event.
 */
export function isCanonicalInstant(text: string): boolean {
  if (text.length !== 24) return false;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':' || text[19] !== '.' || text[23] !== 'Z') return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number))) return false;
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && digitsAt(text, 20, 3) >= 0;
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
