/**
 * One record (overall or a domain) as a two-column table: counts of cases, each rate as
 * "rate (95% interval), estimate" with the cases it counts, the time holding cases and the median
 * lateness (early or late).
 */
import { useTranslation } from 'react-i18next';
import type { DomainRecord } from '../../api/types.js';
import { useFormat } from '../../format.js';
import { TableWrap } from '../../ui/TableWrap.js';
import { RATE_KEYS } from './peopleModel.js';
import { useRates } from './rates.js';

/** The table of `record`, captioned `caption`. */
export function RecordTable({ record, caption }: { readonly record: DomainRecord; readonly caption: string }) {
  const { t } = useTranslation('people');
  const f = useFormat();
  const r = useRates();
  const counts = ['owned', 'verified', 'open', 'openOverdue', 'cancelled'] as const;
  const lateness = record.medianLatenessHours;
  return (
    <TableWrap className="people-record-wrap">
      <table className="people-table people-record">
        <caption className="visually-hidden">{caption}</caption>
        <tbody>
          {counts.map((key) => (
            <tr key={key}>
              <th scope="row">{t(`record.${key}`)}</th>
              <td className="num">{f.number(record[key])}</td>
            </tr>
          ))}
          {RATE_KEYS.map((key) => (
            <tr key={key}>
              <th scope="row">{r.term(key)}</th>
              <td className="num">
                {r.line(record[key])}
                {record[key].trials > 0 && <span className="people-cases">{r.cases(record[key])}</span>}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('record.hoursHeld')}</th>
            <td className="num">{f.hours(record.hoursHeld)}</td>
          </tr>
          <tr>
            <th scope="row">{t('record.lateness')}</th>
            <td className="num">
              {lateness === null
                ? t('record.noLateness')
                : Math.round(Math.abs(lateness)) === 0
                  ? t('record.punctual')
                  : t(lateness < 0 ? 'record.early' : 'record.late', { time: f.hours(Math.abs(lateness)) })}
            </td>
          </tr>
        </tbody>
      </table>
    </TableWrap>
  );
}
