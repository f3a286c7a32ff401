/** The shared text formatters: spans and durations as people read them. */
import { describe, expect, it } from 'vitest';
import { formatDuration, formatSpan } from './format.js';

const S = 1000;
const H = 3600 * S;

describe('formatSpan', () => {
  it('names a span in its largest unit and the next, days with thousands separators', () => {
    expect(formatSpan(42 * S)).toBe('42 s');
    expect(formatSpan(5 * 60 * S + 59 * S)).toBe('5 min');
    expect(formatSpan(3 * H + 7 * 60 * S)).toBe('3 h 7 min');
    expect(formatSpan(30 * 24 * H + 5 * H)).toBe('30 d 5 h');
    expect(formatSpan(123_456 * 24 * H + 23 * H)).toBe('123,456 d 23 h');
    expect(formatSpan(-(2 * 24 * H))).toBe('−2 d 0 h');
  });
});

describe('formatDuration', () => {
  it('gives whole days and hours, days with thousands separators, minutes dropped', () => {
    expect(formatDuration(65 * 24 * H + 3 * H + 59 * 60 * S)).toBe('65 d 3 h');
    expect(formatDuration(2_500 * 24 * H)).toBe('2,500 d 0 h');
    expect(formatDuration(-H)).toBe('0 d 0 h');
  });
});
