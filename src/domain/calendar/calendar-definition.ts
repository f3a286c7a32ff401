/**
 * What an administrator writes down as a calendar, its validation, and how the calendars of the
 * organisation and of the units above a person combine into the one BusinessCalendar that applies.
 *
 * A definition is a *layer*: working weekdays, working hours and the UTC offset replace what the
 * layer below says (null keeps it); holidays and working dates are added to it, and for one date
 * the more specific layer wins (a unit may work on an organisation holiday, or close on a day the
 * organisation works). The organisation's calendar lies over DEFAULT_CALENDAR_DEFINITION.
 */
import { isCalendarDate, type CalendarDate } from '../time.js';
import { type BusinessCalendar, type IsoWeekday } from './business-calendar.js';
import { type Result, fail, ok } from '../result.js';
import type { DomainError } from '../errors.js';

/** Working hours as local `HH:MM` times; the end may be `24:00`. */
export interface WorkingHours {
  readonly start: string;
  readonly end: string;
}

/** A calendar layer as recorded: null fields are inherited, dates are sorted and unique. */
export interface CalendarDefinition {
  readonly workingWeekdays: readonly IsoWeekday[] | null;
  readonly workingHours: WorkingHours | null;
  readonly utcOffsetMinutes: number | null;
  readonly holidays: readonly CalendarDate[];
  readonly workingDates: readonly CalendarDate[];
}

/** A calendar layer as submitted: anything left out is inherited (or empty, for the lists of dates). */
export interface CalendarDefinitionInput {
  readonly workingWeekdays?: readonly number[] | null | undefined;
  readonly workingHours?: WorkingHours | null | undefined;
  readonly utcOffsetMinutes?: number | null | undefined;
  readonly holidays?: readonly string[] | null | undefined;
  readonly workingDates?: readonly string[] | null | undefined;
}

/** The calendar when nobody defined one: Monday to Friday, 09:00–18:00 UTC, no holidays. */
export const DEFAULT_CALENDAR_DEFINITION: CalendarDefinition = {
  workingWeekdays: [1, 2, 3, 4, 5],
  workingHours: { start: '09:00', end: '18:00' },
  utcOffsetMinutes: 0,
  holidays: [],
  workingDates: [],
};

/** Stable names of what can be wrong in a calendar definition (in `details.problems[].issue`). */
export type CalendarProblemIssue =
  | 'WEEKDAY_INVALID'
  | 'NO_WORKING_WEEKDAY'
  | 'HOURS_INVALID'
  | 'HOURS_EMPTY'
  | 'OFFSET_INVALID'
  | 'DATE_INVALID'
  | 'DATE_BOTH_HOLIDAY_AND_WORKING'
  /** The scope of a calendar is not a unit (calendar-stream.ts). */
  | 'SCOPE_NOT_A_UNIT'
  /** A revision identical to the version in force (calendar-stream.ts). */
  | 'UNCHANGED';

/** One broken rule of a definition: where, which rule, and a message for people. */
export interface CalendarProblem {
  readonly path: string;
  readonly issue: CalendarProblemIssue;
  readonly message: string;
}

const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
/** Offsets in use on Earth run from UTC−12:00 to UTC+14:00. */
const OFFSET_MIN = -720;
const OFFSET_MAX = 840;

/** Minutes after midnight of an `HH:MM` time (`24:00` is 1440), or undefined when malformed. */
export function minuteOfTime(text: string): number | undefined {
  if (!TIME.test(text)) return undefined;
  return text === '24:00' ? 1440 : Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

function sortedDates(dates: readonly string[] | null | undefined, path: string, problems: CalendarProblem[]): CalendarDate[] {
  const list = dates ?? [];
  list.forEach((d, i) => {
    if (!isCalendarDate(d)) problems.push({ path: `${path}[${i}]`, issue: 'DATE_INVALID', message: `not a date (YYYY-MM-DD): ${String(d)}` });
  });
  return [...new Set(list.filter(isCalendarDate))].sort();
}

/** Every problem of a submitted definition (empty when it is valid), and its recorded form. */
export function examineCalendarDefinition(input: CalendarDefinitionInput): { readonly problems: readonly CalendarProblem[]; readonly definition: CalendarDefinition } {
  const problems: CalendarProblem[] = [];
  let weekdays: IsoWeekday[] | null = null;
  if (input.workingWeekdays !== undefined && input.workingWeekdays !== null) {
    input.workingWeekdays.forEach((d, i) => {
      if (!Number.isInteger(d) || d < 1 || d > 7) problems.push({ path: `workingWeekdays[${i}]`, issue: 'WEEKDAY_INVALID', message: `a weekday is 1 (Monday) to 7 (Sunday), not ${String(d)}` });
    });
    weekdays = [...new Set(input.workingWeekdays.filter((d): d is IsoWeekday => Number.isInteger(d) && d >= 1 && d <= 7))].sort((a, b) => a - b);
    if (input.workingWeekdays.length === 0) problems.push({ path: 'workingWeekdays', issue: 'NO_WORKING_WEEKDAY', message: 'a calendar needs at least one working weekday' });
  }
  const hours = input.workingHours ?? null;
  if (hours !== null) {
    const read = minuteOfTime(hours.start);
    const start = read === 1440 ? undefined : read;
    const end = minuteOfTime(hours.end);
    if (start === undefined) problems.push({ path: 'workingHours.start', issue: 'HOURS_INVALID', message: `not a time of day (HH:MM, 00:00–23:59): ${String(hours.start)}` });
    if (end === undefined) problems.push({ path: 'workingHours.end', issue: 'HOURS_INVALID', message: `not a time of day (HH:MM, 00:00–24:00): ${String(hours.end)}` });
    if (start !== undefined && end !== undefined && start >= end)
      problems.push({ path: 'workingHours', issue: 'HOURS_EMPTY', message: `working hours must start before they end (${hours.start}–${hours.end}); a night shift is not supported` });
  }
  const offset = input.utcOffsetMinutes ?? null;
  if (offset !== null && (!Number.isInteger(offset) || offset < OFFSET_MIN || offset > OFFSET_MAX))
    problems.push({ path: 'utcOffsetMinutes', issue: 'OFFSET_INVALID', message: `a UTC offset is a whole number of minutes from ${OFFSET_MIN} to ${OFFSET_MAX}, not ${String(offset)}` });
  const holidays = sortedDates(input.holidays, 'holidays', problems);
  const workingDates = sortedDates(input.workingDates, 'workingDates', problems);
  const both = holidays.filter((d) => workingDates.includes(d));
  for (const d of both) problems.push({ path: 'workingDates', issue: 'DATE_BOTH_HOLIDAY_AND_WORKING', message: `${d} cannot be both a holiday and a working date` });
  return {
    problems,
    definition: { workingWeekdays: weekdays, workingHours: hours === null ? null : { start: hours.start, end: hours.end }, utcOffsetMinutes: offset, holidays, workingDates },
  };
}

/** A valid definition in its recorded form, or CALENDAR_INVALID listing every problem in `details.problems`. */
export function checkCalendarDefinition(input: CalendarDefinitionInput): Result<CalendarDefinition, DomainError> {
  const { problems, definition } = examineCalendarDefinition(input);
  if (problems.length === 0) return ok(definition);
  return fail('CALENDAR_INVALID', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { problems });
}

/** The calendars in force: the organisation's (if any) and each unit's that has one. */
export interface CalendarSet {
  readonly organisation: CalendarDefinition | null;
  readonly units: Readonly<Record<string, CalendarDefinition>>;
}

/** A set with no calendar at all: everyone works by DEFAULT_CALENDAR_DEFINITION. */
export const NO_CALENDARS: CalendarSet = { organisation: null, units: {} };

interface Building {
  workingWeekdays: ReadonlySet<IsoWeekday>;
  holidays: Set<CalendarDate>;
  workingDates: Set<CalendarDate>;
  dayStartMinute: number;
  dayEndMinute: number;
  utcOffsetMinutes: number;
}

function lay(cal: Building, layer: CalendarDefinition): void {
  if (layer.workingWeekdays !== null) cal.workingWeekdays = new Set(layer.workingWeekdays);
  if (layer.workingHours !== null) {
    cal.dayStartMinute = minuteOfTime(layer.workingHours.start) ?? cal.dayStartMinute;
    cal.dayEndMinute = minuteOfTime(layer.workingHours.end) ?? cal.dayEndMinute;
  }
  if (layer.utcOffsetMinutes !== null) cal.utcOffsetMinutes = layer.utcOffsetMinutes;
  for (const d of layer.holidays) {
    cal.holidays.add(d);
    cal.workingDates.delete(d);
  }
  for (const d of layer.workingDates) {
    cal.workingDates.add(d);
    cal.holidays.delete(d);
  }
}

/** Lays definitions over one another in order (least specific first), starting from the default calendar. */
export function layCalendars(layers: readonly CalendarDefinition[]): BusinessCalendar {
  const cal: Building = { workingWeekdays: new Set(), holidays: new Set(), workingDates: new Set(), dayStartMinute: 0, dayEndMinute: 1440, utcOffsetMinutes: 0 };
  for (const layer of [DEFAULT_CALENDAR_DEFINITION, ...layers]) lay(cal, layer);
  return cal;
}

/**
 * The calendar of a unit: the default, then the organisation's calendar, then the calendar of each
 * unit of the chain from the top down to the unit itself. `unitChain` is the unit and the units
 * above it, nearest first (as the read model's unitChain gives it).
 */
export function calendarFor(unitChain: readonly string[], calendars: CalendarSet): BusinessCalendar {
  const layers: CalendarDefinition[] = calendars.organisation === null ? [] : [calendars.organisation];
  for (const unitId of [...unitChain].reverse()) {
    const layer = Object.hasOwn(calendars.units, unitId) ? calendars.units[unitId] : undefined;
    if (layer !== undefined) layers.push(layer);
  }
  return layCalendars(layers);
}
