/**
 * Calendar definitions: each broken rule refused with CALENDAR_INVALID and its stable issue; the
 * recorded form; and how the organisation's calendar and the calendars of the units above a
 * person lay over one another (calendarFor).
 */
import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay } from './business-calendar.js';
import {
  calendarFor,
  checkCalendarDefinition,
  DEFAULT_CALENDAR_DEFINITION,
  examineCalendarDefinition,
  minuteOfTime,
  NO_CALENDARS,
  type CalendarDefinition,
  type CalendarDefinitionInput,
  type CalendarSet,
} from './calendar-definition.js';

function issues(input: CalendarDefinitionInput): string[] {
  return examineCalendarDefinition(input).problems.map((p) => p.issue);
}

function layer(over: Partial<CalendarDefinition>): CalendarDefinition {
  return { workingWeekdays: null, workingHours: null, utcOffsetMinutes: null, holidays: [], workingDates: [], ...over };
}

describe('validation', () => {
  it('accepts an empty definition (everything inherited) and records it normalised', () => {
    const r = checkCalendarDefinition({});
    expect(r).toEqual({ ok: true, value: { workingWeekdays: null, workingHours: null, utcOffsetMinutes: null, holidays: [], workingDates: [] } });
    const full = checkCalendarDefinition({ workingWeekdays: [5, 1, 2, 1], holidays: ['2022-03-08', '2022-02-23', '2022-03-08'], utcOffsetMinutes: 180 });
    expect(full.ok && full.value).toEqual({ workingWeekdays: [1, 2, 5], workingHours: null, utcOffsetMinutes: 180, holidays: ['2022-02-23', '2022-03-08'], workingDates: [] });
  });

  it('names each broken rule with a stable issue, all at once', () => {
    expect(issues({ workingWeekdays: [0, 8, 2.5] })).toEqual(['WEEKDAY_INVALID', 'WEEKDAY_INVALID', 'WEEKDAY_INVALID']);
    expect(issues({ workingWeekdays: [] })).toEqual(['NO_WORKING_WEEKDAY']);
    expect(issues({ workingHours: { start: '9:00', end: '18:00' } })).toEqual(['HOURS_INVALID']);
    expect(issues({ workingHours: { start: '24:00', end: '24:00' } })).toEqual(['HOURS_INVALID']);
    expect(issues({ workingHours: { start: '09:00', end: '24:01' } })).toEqual(['HOURS_INVALID']);
    expect(issues({ workingHours: { start: '18:00', end: '09:00' } })).toEqual(['HOURS_EMPTY']);
    expect(issues({ workingHours: { start: '09:00', end: '09:00' } })).toEqual(['HOURS_EMPTY']);
    expect(issues({ utcOffsetMinutes: 900 })).toEqual(['OFFSET_INVALID']);
    expect(issues({ utcOffsetMinutes: 90.5 })).toEqual(['OFFSET_INVALID']);
    expect(issues({ holidays: ['2022-02-30', 'tomorrow'] })).toEqual(['DATE_INVALID', 'DATE_INVALID']);
    expect(issues({ holidays: ['2022-03-05'], workingDates: ['2022-03-05'] })).toEqual(['DATE_BOTH_HOLIDAY_AND_WORKING']);
    expect(issues({ workingWeekdays: [9], utcOffsetMinutes: -721 })).toEqual(['WEEKDAY_INVALID', 'OFFSET_INVALID']);
  });

  it('refuses with CALENDAR_INVALID and the problems in the details', () => {
    const r = checkCalendarDefinition({ workingHours: { start: '18:00', end: '09:00' }, holidays: ['2022-13-01'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('CALENDAR_INVALID');
    expect(r.error.details?.problems).toEqual([
      expect.objectContaining({ path: 'workingHours', issue: 'HOURS_EMPTY' }),
      expect.objectContaining({ path: 'holidays[0]', issue: 'DATE_INVALID' }),
    ]);
  });

  it('reads times of day, 24:00 included', () => {
    expect(minuteOfTime('00:00')).toBe(0);
    expect(minuteOfTime('09:30')).toBe(570);
    expect(minuteOfTime('24:00')).toBe(1440);
    expect(minuteOfTime('24:30')).toBeUndefined();
  });
});

describe('calendarFor: the organisation, then each unit from the top down', () => {
  const ORG = layer({ utcOffsetMinutes: 180, holidays: ['2022-02-23', '2022-03-08'] });
  const SET: CalendarSet = {
    organisation: ORG,
    units: {
      // The regional directorate: an extra local holiday, and it works on 8 March.
      unit_region: layer({ holidays: ['2022-03-10'], workingDates: ['2022-03-08'] }),
      // A depot below it: six-day week, early hours, and it closes on 8 March after all.
      unit_depot: layer({ workingWeekdays: [1, 2, 3, 4, 5, 6], workingHours: { start: '07:00', end: '16:00' }, holidays: ['2022-03-08'] }),
      unit_elsewhere: layer({ holidays: ['2022-02-14'] }),
    },
  };

  it('with no calendar at all, is the default: Monday to Friday, 09:00–18:00 UTC', () => {
    const cal = calendarFor(['unit_x'], NO_CALENDARS);
    expect([...cal.workingWeekdays]).toEqual(DEFAULT_CALENDAR_DEFINITION.workingWeekdays);
    expect([cal.dayStartMinute, cal.dayEndMinute, cal.utcOffsetMinutes]).toEqual([540, 1080, 0]);
    expect(cal.holidays.size).toBe(0);
  });

  it("a unit with no calendar of its own gets the organisation's", () => {
    const cal = calendarFor(['unit_office', 'unit_root'], SET);
    expect(isWorkingDay(cal, '2022-02-23')).toBe(false);
    expect(isWorkingDay(cal, '2022-03-08')).toBe(false);
    expect(isWorkingDay(cal, '2022-03-10')).toBe(true);
    expect(cal.utcOffsetMinutes).toBe(180);
  });

  it('a unit adds holidays and may work on an organisation holiday; units beside it are untouched', () => {
    const cal = calendarFor(['unit_region', 'unit_root'], SET);
    expect(isWorkingDay(cal, '2022-02-23')).toBe(false); // inherited
    expect(isWorkingDay(cal, '2022-03-10')).toBe(false); // its own
    expect(isWorkingDay(cal, '2022-03-08')).toBe(true); // it works on the organisation's holiday
    expect(isWorkingDay(cal, '2022-02-14')).toBe(true); // unit_elsewhere's holiday is not its own
  });

  it('the nearest unit wins: hours, weekdays, and a date the unit above works', () => {
    const cal = calendarFor(['unit_depot', 'unit_region', 'unit_root'], SET);
    expect([cal.dayStartMinute, cal.dayEndMinute, cal.utcOffsetMinutes]).toEqual([420, 960, 180]);
    expect(isWorkingDay(cal, '2022-03-12')).toBe(true); // a Saturday, worked at the depot
    expect(isWorkingDay(cal, '2022-03-08')).toBe(false); // the depot closes again
    expect(isWorkingDay(cal, '2022-03-10')).toBe(false); // the region's holiday still applies
    // Fri 11 Mar 2022 15:00 local (12:00Z) + 1 working day = Sat 12 Mar, clamped to the depot's 16:00 end = 13:00Z.
    expect(addWorkingDays(cal, '2022-03-11T12:00:00.000Z', 1)).toBe('2022-03-12T12:00:00.000Z');
    expect(addWorkingDays(cal, '2022-03-11T14:00:00.000Z', 1)).toBe('2022-03-12T13:00:00.000Z');
  });
});
