/** Spans of time in the reader's language ("3 d 4 h", "3 j 4 h", "25 min"); '—' for none. */
import { useTranslation } from 'react-i18next';
import { spanParts } from './processMapModel.js';

/** A formatter of spans in ms (null: none). */
export function useSpan(): (ms: number | null | undefined) => string {
  const { t } = useTranslation('processmap');
  return (ms) => {
    if (ms === null || ms === undefined) return t('span.none');
    const p = spanParts(ms);
    return t(`span.${p.key}`, { a: p.a, b: p.b });
  };
}
