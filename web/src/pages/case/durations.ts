/**
 * Durations of the hour ledger in the reader's language: "20 d 2 h" (whole hours, as format.ts
 * gives them), plain hours ("482"; one decimal under ten hours when not whole), or both.
 */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Formatters for milliseconds of the ledger. */
export function useDurations() {
  const format = useFormat();
  const { t } = useTranslation('case');
  const hours = (ms: number): string => {
    const h = ms / HOUR;
    return format.number(h, h < 10 && !Number.isInteger(h) ? 1 : 0);
  };
  const span = (ms: number): string => format.hours(ms / HOUR);
  return {
    /** "20 d 2 h" (or "5 h" under a day), in whole hours. */
    span,
    /** Hours as a number: whole, with one decimal under ten hours when not whole. */
    hours,
    /** "20 d 2 h (482 h)" from a day on; "3.8 h" under a day. */
    both: (ms: number): string => (ms >= DAY ? t('duration.both', { span: span(ms), hours: hours(ms) }) : t('duration.hours', { hours: hours(ms) })),
    /** A share of a total ("45.2%"); 0 when the total is 0. */
    share: (ms: number, total: number): string => format.percent(total > 0 ? ms / total : 0),
  };
}
