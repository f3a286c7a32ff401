/**
 * The case's event log: every event in order with its time, type in words, actor, a short summary
 * of what it carried and its hash (shortened; the full hash and the one it chains to on demand).
 */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.js';
import type { CaseEvent } from './caseTypes.js';
import { useEventSummary, useEventType } from './eventWords.js';
import { Who } from './names.js';
import { TableWrap } from '../../ui/TableWrap.js';

const SHORT = 160;

/** The table of a case's events. */
export function EventLog({ events }: { readonly events: readonly CaseEvent[] }) {
  const { t } = useTranslation('case');
  const format = useFormat();
  const typeOf = useEventType();
  const summaryOf = useEventSummary();
  return (
    <TableWrap>
      <table className="event-log stack-narrow">
        <caption className="visually-hidden">{t('log.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('log.seq')}
            </th>
            <th scope="col">{t('log.at')}</th>
            <th scope="col">{t('log.type')}</th>
            <th scope="col">{t('log.actor')}</th>
            <th scope="col">{t('log.summary')}</th>
            <th scope="col">{t('log.hash')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const summary = summaryOf(e);
            const short = summary.length > SHORT ? `${summary.slice(0, SHORT - 1).trimEnd()}…` : summary;
            return (
              <tr key={e.seq}>
                <td className="num" data-label={t('log.seq')}>
                  {e.seq}
                </td>
                <td className="nowrap" data-label={t('log.at')}>
                  {format.dateTime(e.at)}
                </td>
                <td data-label={t('log.type')}>
                  <span className={`event-type type-${e.type.replace(/^assignment\./, '')}`}>{typeOf(e.type)}</span>
                </td>
                <td data-label={t('log.actor')}>
                  <Who id={e.actor} />
                </td>
                <td className="prose" data-label={t('log.summary')} title={short === summary ? undefined : summary}>
                  {short}
                </td>
                <td data-label={t('log.hash')}>
                  <details className="hash">
                    <summary>
                      <code title={e.hash}>{e.hash.slice(0, 12)}</code>
                      <span className="visually-hidden"> {t('log.showHash')}</span>
                    </summary>
                    <dl className="hash-full">
                      <dt>{t('log.hash')}</dt>
                      <dd>
                        <code>{e.hash}</code>
                      </dd>
                      <dt>{t('log.prevHash')}</dt>
                      <dd>
                        <code>{e.prevHash}</code>
                      </dd>
                    </dl>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
