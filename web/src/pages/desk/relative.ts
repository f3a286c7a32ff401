/** How far a deadline is from now, in whole days (or hours under a day), and whether it has passed. */
import { useTranslation } from 'react-i18next';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The distance from `now` to `deadline`: a count in days or hours, and whether it is late. */
export function distance(deadline: string, now: number): { readonly unit: 'd' | 'h' | 'now'; readonly count: number; readonly late: boolean } {
  const diff = Date.parse(deadline) - now;
  const late = diff < 0;
  const abs = Math.abs(diff);
  if (abs < HOUR) return { unit: 'now', count: 0, late };
  if (abs < DAY) return { unit: 'h', count: Math.floor(abs / HOUR), late };
  return { unit: 'd', count: Math.floor(abs / DAY), late };
}

/** "in 3 d", "5 h late", "due now" in the reader's language. */
export function useRelative(): (deadline: string, now: number) => { readonly text: string; readonly late: boolean } {
  const { t } = useTranslation('desk');
  return (deadline, now) => {
    const d = distance(deadline, now);
    const key = d.unit === 'now' ? (d.late ? 'relative.justLate' : 'relative.now') : `relative.${d.late ? 'late' : 'in'}${d.unit === 'd' ? 'Days' : 'Hours'}`;
    return { text: t(key, { count: d.count }), late: d.late };
  };
}
