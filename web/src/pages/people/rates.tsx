/**
 * Rates said the same way on every page of the choice of people: the rate with its 95% interval
 * ("75% (58.9–86.2%)"), the estimate shrunk toward the unit's mean, and the term names. No rate is
 * shown without its interval; a rate without cases says so.
 */
import { useTranslation } from 'react-i18next';
import type { RateEstimate } from '../../api/types.js';
import { useFormat } from '../../format.js';
import { LOWER_IS_BETTER } from './peopleModel.js';

/** The formatters of rates, in the reader's language. */
export function useRates() {
  const { t } = useTranslation('people');
  const f = useFormat();
  /** "58.9–86.2%": the bounds, the per cent sign once (the low bound as a number of per cent). */
  const tenths = new Intl.NumberFormat(f.locale, { maximumFractionDigits: 1 });
  const interval = (low: number, high: number): string => t('rate.interval', { low: tenths.format(low * 100), high: f.percent(high) });
  return {
    percent: f.percent,
    interval,
    /** "75% (58.9–86.2%)", or "no case". */
    rate: (r: RateEstimate): string => (r.trials === 0 || r.rate === null ? t('rate.none') : `${f.percent(r.rate)} (${interval(r.low, r.high)})`),
    /** "75% (58.9–86.2%), estimate 77.8%", or the estimate alone when there is no case. */
    line: (r: RateEstimate): string =>
      r.trials === 0 || r.rate === null ? t('rate.noCase', { shrunk: f.percent(r.shrunk) }) : t('rate.line', { rate: f.percent(r.rate), interval: interval(r.low, r.high), shrunk: f.percent(r.shrunk) }),
    /** "27 of 36 verified cases; the unit's mean 90.3%". */
    cases: (r: RateEstimate): string => t('rate.cases', { successes: f.number(r.successes), trials: f.number(r.trials), prior: f.percent(r.prior) }),
    /** The name of a term, with "lower is better" where it is. */
    term: (key: string): string => (LOWER_IS_BETTER.has(key) ? `${t(`term.${key}`)} (${t('lowerIsBetter')})` : t(`term.${key}`)),
    /** Points with two decimals. */
    points: (n: number): string => f.number(n, 2),
    /** A gain with its sign: +3.41, −1.20, 0.00. */
    signed: (n: number): string => (n > 0 ? `+${f.number(n, 2)}` : n < 0 ? `−${f.number(-n, 2)}` : f.number(0, 2)),
  };
}

/** A rate in a table cell: the rate, then its interval in smaller type; "—" without cases. */
export function RateCell({ rate }: { readonly rate: RateEstimate }) {
  const r = useRates();
  const { t } = useTranslation('people');
  if (rate.trials === 0 || rate.rate === null) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{t('rate.none')}</span>
      </>
    );
  }
  return (
    <>
      {r.percent(rate.rate)} <span className="people-interval">({r.interval(rate.low, rate.high)})</span>
    </>
  );
}
