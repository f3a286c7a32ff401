/** Instants and calendar dates: canonical text that sorts in time order. */
import { describe, expect, it } from 'vitest';
import { isCalendarDate, parseInstant, toInstant, toMs } from './time.js';

describe('time', () => {
  it('formats and reads canonical instants', () => {
    expect(toInstant(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(toMs('2022-03-01T09:00:00.000Z')).toBe(Date.UTC(2022, 2, 1, 9));
  });
  it('parses date-times with a zone into canonical UTC', () => {
    expect(parseInstant('2022-03-01T12:00+03:00')).toBe('2022-03-01T09:00:00.000Z');
    expect(parseInstant('2022-03-01T09:00:00Z')).toBe('2022-03-01T09:00:00.000Z');
    expect(parseInstant('2022-03-01T09:00:00.5Z')).toBe('2022-03-01T09:00:00.500Z');
  });
  it('refuses text without a zone, dates alone and free text', () => {
    for (const t of ['2022-03-01T09:00', '2022-03-01', 'tomorrow', '', '2022-03-01 09:00Z']) expect(parseInstant(t), t).toBeUndefined();
  });
  it('refuses date-times on days that do not exist', () => {
    expect(parseInstant('2022-02-30T10:00:00Z')).toBeUndefined();
    expect(parseInstant('2023-02-29T10:00:00Z')).toBeUndefined();
    expect(parseInstant('2024-02-29T10:00:00Z')).toBe('2024-02-29T10:00:00.000Z');
  });
  it('never yields an instant outside four-digit years (it would not sort as text)', () => {
    const out = parseInstant('9999-12-31T23:00:00-05:00');
    expect(out === undefined || /^\d{4}-/.test(out)).toBe(true);
  });
  it('checks calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-13-01')).toBe(false);
    expect(isCalendarDate('2023-1-01')).toBe(false);
  });
});
