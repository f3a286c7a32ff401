/**
 * Instants written in a CSV file: ISO-8601 date-times, with `T` or a space between date and time,
 * seconds and fractions optional (fractions kept to the millisecond), an offset `Z`, `±hh:mm`,
 * `±hhmm` or `±hh` — and without an offset, read as UTC. A date alone (`YYYY-MM-DD`) is the start
 * or the end of that day in UTC, as the caller says. Anything else (other orders of day and month,
 * month names, impossible dates) is not read: the caller refuses it rather than guess.
 */
import { parseInstant, type Instant } from '../../domain/time.js';

const STAMP = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2}))?(?:[.,](\d+))?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** The canonical UTC instant the text names, or undefined when it is not an ISO-8601 date-time or date. */
export function readCsvInstant(text: string, dateAlone: 'start-of-day' | 'end-of-day'): Instant | undefined {
  const m = STAMP.exec(text.trim());
  if (m === null) return undefined;
  const [, date, hm, ss, fraction, zone] = m;
  if (hm === undefined) return parseInstant(dateAlone === 'start-of-day' ? `${date}T00:00:00.000Z` : `${date}T23:59:59.999Z`);
  const ms = (fraction ?? '').padEnd(3, '0').slice(0, 3);
  const offset = zone === undefined || zone === 'Z' || zone === 'z' ? 'Z' : zone.length === 3 ? `${zone}:00` : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  return parseInstant(`${date}T${hm}:${ss ?? '00'}.${ms}${offset}`);
}
