/**
 * Business-calendar arithmetic (F5, issue #5): which days are worked, and how many working days
 * or working milliseconds lie between two instants. Pure and deterministic: local time is UTC plus
 * a fixed offset in minutes, all year round (no daylight saving; see decision 0014).
 *
 * Definitions used throughout:
 * - the *local date* of an instant is its date at UTC + offset;
 * - a *working day* is a local date whose ISO weekday is a working weekday, or which is listed as
 *   a working date, and which is not a holiday;
 * - *working time* is the half-open window [start, end) of working hours on each working day.
 */
import { toInstant, toMs, type CalendarDate, type Instant } from '../time.js';

/** An ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A calendar ready for arithmetic: every layer (organisation, units) already applied. */
export interface BusinessCalendar {
  /** Weekdays that are working days unless they are holidays. */
  readonly workingWeekdays: ReadonlySet<IsoWeekday>;
  /** Dates that are not worked, whatever their weekday. */
  readonly holidays: ReadonlySet<CalendarDate>;
  /** Dates that are worked although their weekday is not (a transferred working Saturday). */
  readonly workingDates: ReadonlySet<CalendarDate>;
  /** Start of working hours, minutes after local midnight (0 ≤ start < end). */
  readonly dayStartMinute: number;
  /** End of working hours, minutes after local midnight (end ≤ 1440). */
  readonly dayEndMinute: number;
  /** Local time is UTC plus this many minutes, all year round. */
  readonly utcOffsetMinutes: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A calendar with no working day in ten years is a broken calendar, not a long wait. */
const MAX_SCAN_DAYS = 3_660;

/** The local day number (days since 1970-01-01 in local time) of epoch milliseconds. */
function dayOf(cal: BusinessCalendar, ms: number): number {
  return Math.floor((ms + cal.utcOffsetMinutes * MINUTE) / DAY);
}

/** Epoch milliseconds of local midnight that starts a local day. */
function midnightOf(cal: BusinessCalendar, day: number): number {
  return day * DAY - cal.utcOffsetMinutes * MINUTE;
}

function dateOfDay(day: number): CalendarDate {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function weekdayOfDay(day: number): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((day + 3) % 7) + 7) % 7) + 1 as IsoWeekday;
}

function isWorkingDayNumber(cal: BusinessCalendar, day: number): boolean {
  const date = dateOfDay(day);
  if (cal.holidays.has(date)) return false;
  return cal.workingWeekdays.has(weekdayOfDay(day)) || cal.workingDates.has(date);
}

/** The working window [start, end) of a local day, in epoch milliseconds. */
function windowOf(cal: BusinessCalendar, day: number): readonly [number, number] {
  const midnight = midnightOf(cal, day);
  return [midnight + cal.dayStartMinute * MINUTE, midnight + cal.dayEndMinute * MINUTE];
}

/** The n-th working day strictly after (step 1) or before (step -1) a day; n ≥ 1. */
function nthWorkingDay(cal: BusinessCalendar, from: number, n: number, step: 1 | -1): number {
  let day = from;
  let found = 0;
  let idle = 0;
  while (found < n) {
    day += step;
    if (isWorkingDayNumber(cal, day)) {
      found += 1;
      idle = 0;
    } else if (++idle > MAX_SCAN_DAYS) {
      throw new RangeError('the calendar has no working day within ten years');
    }
  }
  return day;
}

function requireCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number ≥ 0, not ${n}`);
}

function requireDuration(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`a working duration must be a finite number of milliseconds ≥ 0, not ${ms}`);
}

/** The local date (`YYYY-MM-DD`) of an instant in the calendar's time. */
export function localDateOf(cal: BusinessCalendar, instant: Instant): CalendarDate {
  return dateOfDay(dayOf(cal, toMs(instant)));
}

/** The ISO weekday of a calendar date. */
export function weekdayOf(date: CalendarDate): IsoWeekday {
  return weekdayOfDay(Math.floor(Date.parse(`${date}T00:00:00.000Z`) / DAY));
}

/** True when the date is a working day: a working weekday or a working date, and not a holiday. */
export function isWorkingDay(cal: BusinessCalendar, date: CalendarDate): boolean {
  return isWorkingDayNumber(cal, Math.floor(Date.parse(`${date}T00:00:00.000Z`) / DAY));
}

/** True when the instant falls inside working hours [start, end) of a working day. */
export function isWorkingTime(cal: BusinessCalendar, instant: Instant): boolean {
  const ms = toMs(instant);
  const day = dayOf(cal, ms);
  if (!isWorkingDayNumber(cal, day)) return false;
  const [start, end] = windowOf(cal, day);
  return ms >= start && ms < end;
}

/** The instant working hours end on a date (whether or not the date is a working day). */
export function endOfWorkingDay(cal: BusinessCalendar, date: CalendarDate): Instant {
  return toInstant(windowOf(cal, Math.floor(Date.parse(`${date}T00:00:00.000Z`) / DAY))[1]);
}

/**
 * The instant n working days after another: on the n-th working day strictly after the instant's
 * local date, at the same local time of day clamped into working hours (before the start → the
 * start; after the end → the end). n = 0 returns the instant itself; a negative or fractional n
 * throws RangeError.
 */
export function addWorkingDays(cal: BusinessCalendar, instant: Instant, n: number): Instant {
  return shiftWorkingDays(cal, instant, n, 1);
}

/** The mirror of addWorkingDays: the n-th working day strictly before the instant's local date, same clamped time of day. */
export function subtractWorkingDays(cal: BusinessCalendar, instant: Instant, n: number): Instant {
  return shiftWorkingDays(cal, instant, n, -1);
}

function shiftWorkingDays(cal: BusinessCalendar, instant: Instant, n: number, step: 1 | -1): Instant {
  requireCount(n, 'a number of working days');
  if (n === 0) return instant;
  const ms = toMs(instant);
  const from = dayOf(cal, ms);
  const timeOfDay = ms - midnightOf(cal, from);
  const clamped = Math.min(Math.max(timeOfDay, cal.dayStartMinute * MINUTE), cal.dayEndMinute * MINUTE);
  return toInstant(midnightOf(cal, nthWorkingDay(cal, from, n, step)) + clamped);
}

/**
 * The number of working days d with local date(from) < d ≤ local date(to); negative (the same
 * count, signed) when `to` is before `from`. For n ≥ 0, workingDaysBetween(x, addWorkingDays(x, n)) = n,
 * and workingDaysBetween(subtractWorkingDays(x, n), x) = n when x falls on a working day.
 */
export function workingDaysBetween(cal: BusinessCalendar, from: Instant, to: Instant): number {
  const a = dayOf(cal, toMs(from));
  const b = dayOf(cal, toMs(to));
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let day = lo + 1; day <= hi; day++) if (isWorkingDayNumber(cal, day)) count++;
  return sign === 1 ? count : 0 - count; // never -0
}

/** Working milliseconds in [from, to): the overlap with working hours of working days; negative when `to` is before `from`. */
export function workingMsBetween(cal: BusinessCalendar, from: Instant, to: Instant): number {
  const a = toMs(from);
  const b = toMs(to);
  if (b < a) return 0 - workingMsBetween(cal, to, from); // never -0
  let total = 0;
  for (let day = dayOf(cal, a); day <= dayOf(cal, b); day++) {
    if (!isWorkingDayNumber(cal, day)) continue;
    const [start, end] = windowOf(cal, day);
    total += Math.max(0, Math.min(end, b) - Math.max(start, a));
  }
  return total;
}

/**
 * The earliest instant at which `ms` of working time has passed since `instant` (so a result at
 * the end of working hours stays there rather than jumping to the next morning). 0 returns the
 * instant itself; a negative duration throws RangeError.
 */
export function addWorkingMs(cal: BusinessCalendar, instant: Instant, ms: number): Instant {
  requireDuration(ms);
  if (ms === 0) return instant;
  let t = toMs(instant);
  let left = ms;
  let idle = 0;
  for (let day = dayOf(cal, t); ; day++) {
    if (isWorkingDayNumber(cal, day)) {
      idle = 0;
      const [start, end] = windowOf(cal, day);
      const from = Math.max(t, start);
      if (from < end) {
        if (left <= end - from) return toInstant(from + left);
        left -= end - from;
      }
    } else if (++idle > MAX_SCAN_DAYS) {
      throw new RangeError('the calendar has no working day within ten years');
    }
    t = midnightOf(cal, day + 1);
  }
}

/**
 * The latest instant from which `ms` of working time leads up to `instant` (so a result at the
 * start of working hours stays there rather than jumping to the evening before). 0 returns the
 * instant itself; a negative duration throws RangeError.
 */
export function subtractWorkingMs(cal: BusinessCalendar, instant: Instant, ms: number): Instant {
  requireDuration(ms);
  if (ms === 0) return instant;
  let t = toMs(instant);
  let left = ms;
  let idle = 0;
  for (let day = dayOf(cal, t); ; day--) {
    if (isWorkingDayNumber(cal, day)) {
      idle = 0;
      const [start, end] = windowOf(cal, day);
      const to = Math.min(t, end);
      if (to > start) {
        if (left <= to - start) return toInstant(to - left);
        left -= to - start;
      }
    } else if (++idle > MAX_SCAN_DAYS) {
      throw new RangeError('the calendar has no working day within ten years');
    }
    t = midnightOf(cal, day);
  }
}
