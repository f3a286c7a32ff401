import { describe, expect, it } from 'vitest';
import { Agenda } from '../../src/demo/agenda.js';
import { atHour, DAY, workingTime } from '../../src/demo/city/city-calendar.js';
import { Rng } from '../../src/demo/random.js';

describe('the agenda', () => {
  it('gives entries back by instant, and in insertion order when instants are equal', () => {
    const agenda = new Agenda<string>();
    const rng = new Rng(3);
    const added: Array<{ at: number; item: string }> = [];
    for (let i = 0; i < 500; i++) {
      const at = rng.int(0, 40);
      added.push({ at, item: `e${i}` });
      agenda.add(at, `e${i}`);
    }
    const out: Array<{ at: number; item: string }> = [];
    for (let e = agenda.next(); e !== undefined; e = agenda.next()) out.push(e);
    expect(out).toEqual([...added].sort((a, b) => a.at - b.at));
    expect(agenda.size).toBe(0);
  });
});

describe('the seeded randomness', () => {
  it('draws the same values from the same seed, and others from another', () => {
    const draw = (seed: number): number[] => {
      const rng = new Rng(seed);
      return [rng.int(0, 1000), rng.float(), rng.lognormal(5, 0.5), rng.pick(['a', 'b', 'c']), ...rng.shuffle([1, 2, 3, 4, 5])].map(Number).filter((x) => !Number.isNaN(x));
    };
    expect(draw(11)).toEqual(draw(11));
    expect(draw(11)).not.toEqual(draw(12));
  });

  it('keeps log-normal draws positive around their median', () => {
    const rng = new Rng(5);
    const xs = Array.from({ length: 2001 }, () => rng.lognormal(10, 0.5)).sort((a, b) => a - b);
    expect(xs[0]).toBeGreaterThan(0);
    expect(xs[1000]).toBeGreaterThan(8);
    expect(xs[1000]).toBeLessThan(12);
  });
});

describe('working time', () => {
  it('never moves an instant backwards, and lands on a weekday between 06:00 and 17:00 UTC', () => {
    const rng = new Rng(9);
    const start = Date.parse('2026-05-01T00:00:00Z');
    for (let i = 0; i < 2000; i++) {
      const t = start + rng.int(0, 180 * 24 * 60) * 60_000;
      const w = workingTime(t, rng.int(0, 150));
      const d = new Date(w);
      expect(w).toBeGreaterThanOrEqual(t - 60_000);
      expect(w - t).toBeLessThan(4 * DAY);
      expect([1, 2, 3, 4, 5]).toContain(d.getUTCDay());
      expect(d.getUTCHours()).toBeGreaterThanOrEqual(6);
      expect(d.getUTCHours()).toBeLessThan(17);
    }
  });

  it('dates a deadline at 15:00 of its day', () => {
    expect(new Date(atHour(Date.parse('2026-06-03T22:10:00Z'), 15)).toISOString()).toBe('2026-06-03T15:00:00.000Z');
  });
});
