/**
 * XES dates (xs:dateTime, as `time:timestamp` carries them) read to UTC milliseconds. The usual shapes (`2011-10-01T00:38:44.546+02:00`, `…Z`, no
 * offset, any fraction) are read digit by digit; anything else goes through the general reading,
 * so both give the same answer (a test compares them).
 */
import { utcMs } from '../../domain/time.js';

const DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:[.,](\d+))?(Z|[+-]\d{2}:?\d{2})?$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The general reading: a regular expression and Date.parse (which rolls 30 February over, as XES readers have always done here). */
export function parseXesDateSlowly(text: string): number | null {
  const m = DATE_TIME.exec(text.trim());
  if (m === null) return null;
  const fraction = (m[2] ?? '').padEnd(3, '0').slice(0, 3);
  const offset = m[3] === undefined || m[3] === 'Z' ? 'Z' : m[3].length === 5 ? `${m[3].slice(0, 3)}:${m[3].slice(3)}` : m[3];
  const ms = Date.parse(`${m[1]}.${fraction}${offset}`);
  return Number.isNaN(ms) ? null : ms;
}

/** The number written by the two digits of `text` at `at`, or -1. */
function two(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Parses an XES date (xs:dateTime) to UTC milliseconds: fractions of a second of any length (kept
 * to the millisecond), offsets `Z`, `±hh:mm` or `±hhmm`; no offset is read as UTC. NaN-free: null
 * when the text is not a date.
 */
export function parseXesDate(text: string): number | null {
  const n = text.length;
  // YYYY-MM-DDTHH:MM:SS, then an optional fraction and zone; anything else takes the general path.
  if (n < 19 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return parseXesDateSlowly(text);
  const hi = two(text, 0);
  const lo = two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  const second = two(text, 17);
  if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] as number) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return parseXesDateSlowly(text);
  let i = 19;
  let milli = 0;
  const sep = text.charCodeAt(i);
  if (sep === 46 || sep === 44) {
    i++;
    let digits = 0;
    for (; i < n; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      if (digits < 3) milli = milli * 10 + d;
      digits++;
    }
    if (digits === 0) return parseXesDateSlowly(text);
    for (let k = digits; k < 3; k++) milli *= 10;
  }
  let offset = 0;
  if (i < n) {
    const z = text.charCodeAt(i);
    if (z === 90 && i + 1 === n) offset = 0;
    else if ((z === 43 || z === 45) && (i + 6 === n || i + 5 === n)) {
      const oh = two(text, i + 1);
      const om = two(text, i + 6 === n ? i + 4 : i + 3);
      if (oh < 0 || om < 0 || (i + 6 === n && text.charCodeAt(i + 3) !== 58) || oh > 23 || om > 59) return parseXesDateSlowly(text);
      offset = (z === 43 ? 1 : -1) * (oh * 60 + om) * 60_000;
    } else return parseXesDateSlowly(text);
  }
  const year = hi * 100 + lo;
  // 29 February of a year that has none: the general path rolls it over.
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return parseXesDateSlowly(text);
  return utcMs(year, month, day, hour, minute, second, milli) - offset;
}
