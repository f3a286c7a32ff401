/**
 * Business-calendar arithmetic with fixed instants: weekends, holidays, a transferred working
 * Saturday, working-hour boundaries, a local date that differs from the UTC date, year ends,
 * n = 0, and negative counts refused. The calendar is Moscow-like: UTC+3, 09:00–18:00 local
 * (06:00–15:00 UTC), Monday to Friday.
 */
import { describe, expect, it } from 'vitest';
import { toInstant, toMs } from '../time.js';
import {
  addWorkingDays,
  addWorkingMs,
  endOfWorkingDay,
  isWorkingDay,
  isWorkingTime,
  localDateOf,
  subtractWorkingDays,
  subtractWorkingMs,
  weekdayOf,
  workingDaysBetween,
  workingMsBetween,
} from './business-calendar.js';
import { layCalendars } from './calendar-definition.js';

const HOUR = 3_600_000;
const MIN = 60_000;

/** UTC+3, 09:00–18:00, Mon–Fri; holidays 23 Feb and 8 Mar 2022, 2–6 Jan 2023; Saturday 5 Mar 2022 worked. */
const CAL = layCalendars([
  {
    workingWeekdays: [1, 2, 3, 4, 5],
    workingHours: { start: '09:00', end: '18:00' },
    utcOffsetMinutes: 180,
    holidays: ['2022-02-23', '2022-03-08', '2023-01-02', '2023-01-03', '2023-01-04', '2023-01-05', '2023-01-06'],
    workingDates: ['2022-03-05'],
  },
]);

describe('working days', () => {
  it('knows weekdays, weekends, holidays and a worked Saturday', () => {
    expect(weekdayOf('2022-02-11')).toBe(5);
    expect(weekdayOf('2022-02-13')).toBe(7);
    expect(isWorkingDay(CAL, '2022-02-11')).toBe(true); // Friday
    expect(isWorkingDay(CAL, '2022-02-12')).toBe(false); // Saturday
    expect(isWorkingDay(CAL, '2022-02-13')).toBe(false); // Sunday
    expect(isWorkingDay(CAL, '2022-02-23')).toBe(false); // a Wednesday holiday
    expect(isWorkingDay(CAL, '2022-03-05')).toBe(true); // a Saturday made a working day
    expect(isWorkingDay(CAL, '2022-03-12')).toBe(false); // the Saturday after is not
  });

  it('reads the local date at the calendar offset, not the UTC date', () => {
    expect(localDateOf(CAL, '2022-02-11T20:59:59.999Z')).toBe('2022-02-11');
    expect(localDateOf(CAL, '2022-02-11T21:00:00.000Z')).toBe('2022-02-12');
    const newYork = layCalendars([{ workingWeekdays: null, workingHours: null, utcOffsetMinutes: -300, holidays: [], workingDates: [] }]);
    expect(localDateOf(newYork, '2022-02-12T04:00:00.000Z')).toBe('2022-02-11');
  });

  it('knows working time: [start, end) of working days only', () => {
    expect(isWorkingTime(CAL, '2022-02-11T06:00:00.000Z')).toBe(true); // 09:00 local
    expect(isWorkingTime(CAL, '2022-02-11T05:59:59.999Z')).toBe(false);
    expect(isWorkingTime(CAL, '2022-02-11T14:59:59.999Z')).toBe(true);
    expect(isWorkingTime(CAL, '2022-02-11T15:00:00.000Z')).toBe(false); // 18:00 local: the end is not working time
    expect(isWorkingTime(CAL, '2022-02-12T10:00:00.000Z')).toBe(false); // Saturday
    expect(endOfWorkingDay(CAL, '2022-02-11')).toBe('2022-02-11T15:00:00.000Z');
  });
});

describe('addWorkingDays and subtractWorkingDays', () => {
  it('n = 0 is the instant itself, even on a weekend or at night', () => {
    for (const t of ['2022-02-12T10:00:00.000Z', '2022-02-11T23:00:00.000Z']) {
      expect(addWorkingDays(CAL, t, 0)).toBe(t);
      expect(subtractWorkingDays(CAL, t, 0)).toBe(t);
    }
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays(CAL, '2022-02-11T12:00:00.000Z', -1)).toThrow(RangeError);
    expect(() => subtractWorkingDays(CAL, '2022-02-11T12:00:00.000Z', -2)).toThrow(RangeError);
    expect(() => addWorkingDays(CAL, '2022-02-11T12:00:00.000Z', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays(CAL, '2022-02-11T12:00:00.000Z', Number.NaN)).toThrow(RangeError);
  });

  it('skips the weekend, keeping the time of day', () => {
    expect(addWorkingDays(CAL, '2022-02-11T12:00:00.000Z', 1)).toBe('2022-02-14T12:00:00.000Z'); // Fri 15:00 → Mon 15:00
    expect(addWorkingDays(CAL, '2022-02-11T12:00:00.000Z', 5)).toBe('2022-02-18T12:00:00.000Z');
    expect(subtractWorkingDays(CAL, '2022-02-14T12:00:00.000Z', 1)).toBe('2022-02-11T12:00:00.000Z');
  });

  it('starting on a weekend counts from the next working day', () => {
    expect(addWorkingDays(CAL, '2022-02-12T09:00:00.000Z', 1)).toBe('2022-02-14T09:00:00.000Z'); // Sat 12:00 → Mon 12:00
    expect(subtractWorkingDays(CAL, '2022-02-12T09:00:00.000Z', 1)).toBe('2022-02-11T09:00:00.000Z'); // Sat → Fri
  });

  it('skips holidays and counts a worked Saturday', () => {
    expect(addWorkingDays(CAL, '2022-02-22T12:00:00.000Z', 1)).toBe('2022-02-24T12:00:00.000Z'); // Tue → Thu over Wed 23
    expect(subtractWorkingDays(CAL, '2022-02-25T12:00:00.000Z', 3)).toBe('2022-02-21T12:00:00.000Z'); // Fri → Thu, Tue, Mon
    expect(addWorkingDays(CAL, '2022-03-04T12:00:00.000Z', 1)).toBe('2022-03-05T12:00:00.000Z'); // Fri → the worked Saturday
    expect(addWorkingDays(CAL, '2022-03-04T12:00:00.000Z', 2)).toBe('2022-03-07T12:00:00.000Z');
    expect(addWorkingDays(CAL, '2022-03-04T12:00:00.000Z', 3)).toBe('2022-03-09T12:00:00.000Z'); // over 8 March
  });

  it('clamps the time of day into working hours: after the end → the end, before the start → the start', () => {
    expect(addWorkingDays(CAL, '2022-02-11T19:00:00.000Z', 1)).toBe('2022-02-14T15:00:00.000Z'); // Fri 22:00 → Mon 18:00
    expect(addWorkingDays(CAL, '2022-02-11T03:00:00.000Z', 1)).toBe('2022-02-14T06:00:00.000Z'); // Fri 06:00 → Mon 09:00
    expect(addWorkingDays(CAL, '2022-02-11T15:00:00.000Z', 1)).toBe('2022-02-14T15:00:00.000Z'); // exactly the end stays the end
    expect(subtractWorkingDays(CAL, '2022-02-14T20:59:00.000Z', 1)).toBe('2022-02-11T15:00:00.000Z'); // Mon 23:59 → Fri 18:00
  });

  it('counts from the local date when it differs from the UTC date', () => {
    // 22:00 UTC on Friday is 01:00 on Saturday in the calendar: one working day later is Monday, at 09:00.
    expect(addWorkingDays(CAL, '2022-02-11T22:00:00.000Z', 1)).toBe('2022-02-14T06:00:00.000Z');
  });

  it('crosses the year end and the New Year holidays', () => {
    expect(addWorkingDays(CAL, '2022-12-30T12:00:00.000Z', 1)).toBe('2023-01-09T12:00:00.000Z');
    expect(subtractWorkingDays(CAL, '2023-01-09T12:00:00.000Z', 1)).toBe('2022-12-30T12:00:00.000Z');
    expect(workingDaysBetween(CAL, '2022-12-30T12:00:00.000Z', '2023-01-09T12:00:00.000Z')).toBe(1);
    // Without holidays, a leap-year end: Fri 29 Dec 2023 + 2 = Tue 2 Jan 2024.
    const plain = layCalendars([]);
    expect(addWorkingDays(plain, '2023-12-29T17:00:00.000Z', 2)).toBe('2024-01-02T17:00:00.000Z');
  });

  it('is the inverse of workingDaysBetween, whatever the start', () => {
    let t = toMs('2022-02-09T04:30:00.000Z');
    for (let i = 0; i < 40; i++, t += 7 * HOUR + 13 * MIN) {
      const x = toInstant(t);
      // Counting back from a day off, its own date is not among the working days crossed.
      const offDay = isWorkingDay(CAL, localDateOf(CAL, x)) ? 0 : 1;
      for (const n of [0, 1, 2, 3, 7, 30]) {
        expect(workingDaysBetween(CAL, x, addWorkingDays(CAL, x, n)), `${x} + ${n}`).toBe(n);
        expect(workingDaysBetween(CAL, subtractWorkingDays(CAL, x, n), x), `${x} − ${n}`).toBe(n === 0 ? 0 : n - offDay);
      }
    }
  });

  it('refuses to search forever in a calendar with no working day', () => {
    const never = layCalendars([{ workingWeekdays: [], workingHours: null, utcOffsetMinutes: null, holidays: [], workingDates: [] }]);
    expect(() => addWorkingDays(never, '2022-02-11T12:00:00.000Z', 1)).toThrow(RangeError);
    expect(() => addWorkingMs(never, '2022-02-11T12:00:00.000Z', HOUR)).toThrow(RangeError);
    expect(() => subtractWorkingMs(never, '2022-02-11T12:00:00.000Z', HOUR)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after the first date up to and including the last, signed', () => {
    expect(workingDaysBetween(CAL, '2022-02-11T12:00:00.000Z', '2022-02-11T14:00:00.000Z')).toBe(0);
    expect(workingDaysBetween(CAL, '2022-02-11T12:00:00.000Z', '2022-02-13T12:00:00.000Z')).toBe(0); // to Sunday
    expect(workingDaysBetween(CAL, '2022-02-11T12:00:00.000Z', '2022-02-14T01:00:00.000Z')).toBe(1);
    expect(workingDaysBetween(CAL, '2022-02-14T01:00:00.000Z', '2022-02-11T12:00:00.000Z')).toBe(-1);
    expect(workingDaysBetween(CAL, '2022-02-21T12:00:00.000Z', '2022-02-28T12:00:00.000Z')).toBe(4); // Tue, Thu, Fri, Mon
  });
});

describe('workingMsBetween', () => {
  it('counts only working hours of working days', () => {
    expect(workingMsBetween(CAL, '2022-02-11T07:00:00.000Z', '2022-02-11T10:00:00.000Z')).toBe(3 * HOUR);
    expect(workingMsBetween(CAL, '2022-02-11T00:00:00.000Z', '2022-02-11T23:00:00.000Z')).toBe(9 * HOUR);
    expect(workingMsBetween(CAL, '2022-02-11T14:00:00.000Z', '2022-02-14T07:00:00.000Z')).toBe(2 * HOUR); // Fri 17:00 → Mon 10:00
    expect(workingMsBetween(CAL, '2022-02-22T14:00:00.000Z', '2022-02-24T07:00:00.000Z')).toBe(2 * HOUR); // over the holiday
    expect(workingMsBetween(CAL, '2022-02-12T06:00:00.000Z', '2022-02-13T15:00:00.000Z')).toBe(0); // the weekend
    expect(workingMsBetween(CAL, '2022-02-13T21:00:00.000Z', '2022-02-20T21:00:00.000Z')).toBe(45 * HOUR); // a whole week
  });
  it('is signed: negative when the end is before the start', () => {
    expect(workingMsBetween(CAL, '2022-02-14T07:00:00.000Z', '2022-02-11T14:00:00.000Z')).toBe(-2 * HOUR);
  });
});

describe('addWorkingMs and subtractWorkingMs', () => {
  it('carry over the night and the weekend', () => {
    expect(addWorkingMs(CAL, '2022-02-11T14:30:00.000Z', HOUR)).toBe('2022-02-14T06:30:00.000Z'); // Fri 17:30 + 1h → Mon 09:30
    expect(subtractWorkingMs(CAL, '2022-02-14T06:30:00.000Z', HOUR)).toBe('2022-02-11T14:30:00.000Z');
    expect(addWorkingMs(CAL, '2022-02-12T10:00:00.000Z', 2 * HOUR)).toBe('2022-02-14T08:00:00.000Z'); // from Saturday
    expect(addWorkingMs(CAL, '2022-02-22T14:00:00.000Z', 2 * HOUR)).toBe('2022-02-24T07:00:00.000Z'); // over the holiday
  });
  it('stay at the end (forward) or the start (backward) of working hours', () => {
    expect(addWorkingMs(CAL, '2022-02-11T14:30:00.000Z', 30 * MIN)).toBe('2022-02-11T15:00:00.000Z');
    expect(subtractWorkingMs(CAL, '2022-02-14T06:30:00.000Z', 30 * MIN)).toBe('2022-02-14T06:00:00.000Z');
  });
  it('0 is the instant itself; a negative duration is refused', () => {
    expect(addWorkingMs(CAL, '2022-02-12T10:00:00.000Z', 0)).toBe('2022-02-12T10:00:00.000Z');
    expect(subtractWorkingMs(CAL, '2022-02-12T10:00:00.000Z', 0)).toBe('2022-02-12T10:00:00.000Z');
    expect(() => addWorkingMs(CAL, '2022-02-12T10:00:00.000Z', -1)).toThrow(RangeError);
    expect(() => subtractWorkingMs(CAL, '2022-02-12T10:00:00.000Z', -1)).toThrow(RangeError);
  });
  it('are the inverse of workingMsBetween, whatever the start', () => {
    let t = toMs('2022-02-18T02:10:00.000Z');
    for (let i = 0; i < 40; i++, t += 5 * HOUR + 17 * MIN) {
      const x = toInstant(t);
      for (const ms of [1, 30 * MIN, 9 * HOUR, 20 * HOUR, 100 * HOUR]) {
        expect(workingMsBetween(CAL, x, addWorkingMs(CAL, x, ms)), `${x} + ${ms}`).toBe(ms);
        expect(workingMsBetween(CAL, subtractWorkingMs(CAL, x, ms), x), `${x} − ${ms}`).toBe(ms);
      }
    }
  });
  it('handle round-the-clock working hours', () => {
    const desk = layCalendars([{ workingWeekdays: [1, 2, 3, 4, 5, 6, 7], workingHours: { start: '00:00', end: '24:00' }, utcOffsetMinutes: 0, holidays: ['2022-02-13'], workingDates: [] }]);
    expect(addWorkingMs(desk, '2022-02-12T23:00:00.000Z', 2 * HOUR)).toBe('2022-02-14T01:00:00.000Z'); // Sunday 13th is a holiday
    expect(workingMsBetween(desk, '2022-02-11T00:00:00.000Z', '2022-02-15T00:00:00.000Z')).toBe(72 * HOUR);
  });
});
