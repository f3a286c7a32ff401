/** Instants and calendar dates: canonical text that sorts in time order. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isCalendarDate, isCanonicalInstant, parseInstant, toInstant, toMs, utcMs } from './time.js';

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
    expect(isCalendarDate('0050-02-28')).toBe(true);
    expect(isCalendarDate('0050-02-29')).toBe(false);
  });
  it('knows a canonical instant exactly as parseInstant does (parseInstant(t) === t)', () => {
    const samples = ['2024-02-29T10:00:00.000Z', '2023-02-29T10:00:00.000Z', '2022-02-30T10:00:00.000Z', '2022-13-01T00:00:00.000Z', '2022-03-01T24:00:00.000Z', '2022-03-01T09:00:00Z', '2022-03-01T09:00:00.000+00:00', '2022-03-01T09:60:00.000Z', '0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', ' 2022-03-01T09:00:00.000Z', ''];
    for (const t of samples) expect(isCanonicalInstant(t), t).toBe(parseInstant(t) === t);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 999 }), (y, mo, d, h, mi, ms) => {
        const p2 = (n: number) => String(n).padStart(2, '0');
        const t = `${String(y).padStart(4, '0')}-${p2(mo)}-${p2(d)}T${p2(h)}:${p2(mi)}:${p2(mi)}.${String(ms).padStart(3, '0')}Z`;
        expect(isCanonicalInstant(t), t).toBe(parseInstant(t) === t);
      }),
      { numRuns: 2000, seed: 1922 },
    );
    fc.assert(fc.property(fc.date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), (d) => isCanonicalInstant(toInstant(d.getTime()))), { numRuns: 500, seed: 6 });
  });

  it('formats every instant exactly as Date.prototype.toISOString, inside and outside the years 0–9999', () => {
    const edges = [0, -1, 1, 86_399_999, 86_400_000, -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000, 8.64e15, -8.64e15, 951_782_400_000, 1.5];
    for (const ms of edges) expect(toInstant(ms), String(ms)).toBe(new Date(ms).toISOString());
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => toInstant(ms) === new Date(ms).toISOString()),
      { numRuns: 3000, seed: 27 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => toInstant(ms) === new Date(ms).toISOString()),
      { numRuns: 3000, seed: 11 },
    );
    expect(() => toInstant(Number.NaN)).toThrow(RangeError);
  });
  it('reads an instant back to epoch milliseconds exactly as Date.parse does, canonical or not', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => toMs(toInstant(ms)) === ms),
      { numRuns: 3000, seed: 36 },
    );
    const others = ['2022-03-01T09:00:00Z', '2022-03-01T09:00:00.000+02:00', '2022-02-30T09:00:00.000Z', '2022-13-01T09:00:00.000Z', '+012022-03-01T09:00:00.000Z', 'not a date', '', '2022-03-01T24:00:00.000Z'];
    for (const text of others) expect(Object.is(toMs(text), Date.parse(text)), text).toBe(true);
    fc.assert(
      fc.property(fc.string({ minLength: 24, maxLength: 24, unit: fc.constantFrom('0', '1', '2', '9', '-', 'T', ':', '.', 'Z') }), (text) => Object.is(toMs(text), Date.parse(text))),
      { numRuns: 3000, seed: 37 },
    );
  });
  it('computes epoch milliseconds from fields as Date does, the years 0–99 included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 999 }), (y, mo, d, h, mi, s, ms) => {
        const date = new Date(0);
        date.setUTCFullYear(y, mo - 1, d);
        date.setUTCHours(h, mi, s, ms);
        return utcMs(y, mo, d, h, mi, s, ms) === date.getTime();
      }),
      { numRuns: 3000, seed: 1849 },
    );
  });
});
