/**
 * Dates, numbers and durations in the reader's language (Intl, per the i18next language), and
 * the few calculations screens share: whether a case is overdue, and hours as "d h".
 */
import { useTranslation } from 'react-i18next';

const LOCALE: Record<string, string> = { en: 'en-GB', fr: 'fr-FR' };

/** Formatters bound to the current interface language. */
export function useFormat() {
  const { i18n, t } = useTranslation();
  const locale = LOCALE[i18n.language] ?? 'en-GB';
  return {
    locale,
    /** 12 Feb 1922, 14:30 (UTC shown in the reader's language). */
    dateTime: (iso: string | null | undefined): string =>
      iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso)) : '—',
    /** 12 Feb 1922. */
    date: (iso: string | null | undefined): string => (iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso)) : '—'),
    /** 1,234 / 1 234. */
    number: (n: number, digits = 0): string => new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n),
    /** 45.2% / 45,2 %. */
    percent: (ratio: number): string => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio),
    /** Hours as "3 d 4 h" (or "5 h" under a day). */
    hours: (h: number): string => {
      const whole = Math.round(h);
      if (whole < 24) return t('time.hours', { count: whole });
      return t('time.daysHours', { days: Math.floor(whole / 24), hours: whole % 24 });
    },
  };
}

/** True when an open case is past its deadline at `now`. */
export function isOverdue(a: { readonly status: string; readonly deadline: string }, now = Date.now()): boolean {
  return (a.status === 'issued' || a.status === 'in_progress' || a.status === 'submitted') && Date.parse(a.deadline) < now;
}
