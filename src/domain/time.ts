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

/** The character code of the digit 0. */
const ZERO = 48;
/** The character codes of the tens and of the units of a number from 0 to 99. */
const tens = (n: number): number => ZERO + ((n / 10) | 0);
const units = (n: number): number => ZERO + (n % 10);
const MS_PER_DAY = 86_400_000;
/** Epoch milliseconds of 0000-01-01 and of 10000-01-01: the years whose ISO form has four digits. */
const FIRST_FOUR_DIGIT_MS = -62_167_219_200_000;
const PAST_FOUR_DIGIT_MS = 253_402_300_800_000;

/**
 * Formats epoch milliseconds as a canonical instant: exactly `new Date(ms).toISOString()` (which
 * throws a RangeError for a value no Date holds), computed arithmetically for the years 0–9999 —
 * several times faster, for imports that convert one instant per event. The text is made in one
 * piece by String.fromCharCode, not joined from parts, so that reading it later (a check, a JSON
 * text) does not first copy it into one piece.
 */
export function toInstant(ms: number): Instant {
  if (!Number.isInteger(ms) || ms < FIRST_FOUR_DIGIT_MS || ms >= PAST_FOUR_DIGIT_MS) return new Date(ms).toISOString();
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  // Civil date from days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const milli = rest - second * 1000;
  return String.fromCharCode(
    ZERO + ((year / 1000) | 0), ZERO + ((year / 100) | 0) % 10, tens(year % 100), units(year), 45,
    tens(month), units(month), 45, tens(day), units(day), 84,
    tens(hour), units(hour), 58, tens(minute), units(minute), 58, tens(second), units(second), 46,
    ZERO + ((milli / 100) | 0), tens(milli % 100), units(milli), 90,
  );
}

/**
 * Epoch milliseconds of a date and time in the proleptic Gregorian calendar, for fields already
 * checked to be in range (month 1–12, day 1–31, hour 0–23 …); unlike Date.UTC, the years 0–99
 * are themselves, not 1900–1999, and a day past the month's end rolls over as Date.UTC's does.
 */
export function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number, milli: number): number {
  // Days from civil (H. Hinnant's algorithm).
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146_097 + doe - 719_468;
  return days * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + milli;
}

/** Epoch milliseconds of an instant: exactly `Date.parse`, read digit by digit in one pass when the text is canonical (analytics convert one per event). */
export function toMs(instant: Instant): number {
  const ms = canonicalMs(instant);
  return ms === undefined ? Date.parse(instant) : ms;
}

/** Epoch milliseconds of a canonical instant (see `isCanonicalInstant`), its checks made as its fields are read; undefined when it is not one. */
function canonicalMs(text: string): number | undefined {
  if (text.length !== 24) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 46 || text.charCodeAt(23) !== 90) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number))) return undefined;
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const milli = digitsAt(text, 20, 3);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || milli < 0) return undefined;
  return utcMs(year, month, day, hour, minute, second, milli);
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
  return canonicalMs(text) !== undefined;
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
