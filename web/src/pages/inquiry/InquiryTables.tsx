/**
 * The inquiry's own tables: who refused whom (every refused handover, transfer and extension, with
 * both sides' reasons and dates; and what still awaits an answer), and the longest intervals —
 * where the case stalled.
 */
import { useTranslation } from 'react-i18next';
import type { Ledger } from '../../api/types.js';
import { useFormat } from '../../format.js';
import { useDurations } from '../case/durations.js';
import type { HolderStyle } from '../case/holderColours.js';
import { useRequestKind } from '../case/LedgerTables.js';
import { Who } from '../case/names.js';
import { TableWrap } from '../../ui/TableWrap.js';

/** How many of the longest intervals the inquiry lists. */
const LONGEST = 5;

/** Every refusal, oldest first; then the requests still unanswered. */
export function Refusals({ ledger }: { readonly ledger: Ledger }) {
  const { t } = useTranslation('inquiry');
  const format = useFormat();
  const kindOf = useRequestKind();
  const refusals = ledger.requests.filter((r) => r.outcome === 'refused');
  const pending = ledger.requests.filter((r) => r.outcome === 'pending');
  return (
    <>
      {refusals.length === 0 ? (
        <p>{t('refused.none')}</p>
      ) : (
        <TableWrap>
          <table className="doc-refusals stack-narrow">
            <caption className="visually-hidden">{t('refused.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('refused.when')}</th>
                <th scope="col">{t('refused.who')}</th>
                <th scope="col">{t('refused.whom')}</th>
                <th scope="col">{t('refused.what')}</th>
                <th scope="col">{t('refused.asked')}</th>
                <th scope="col">{t('refused.answer')}</th>
              </tr>
            </thead>
            <tbody>
              {refusals.map((r, i) => (
                <tr key={i}>
                  <td className="nowrap" data-label={t('refused.when')}>
                    {format.dateTime(r.answeredAt)}
                  </td>
                  <td data-label={t('refused.who')}>
                    <strong>
                      <Who id={r.to} />
                    </strong>
                  </td>
                  <td data-label={t('refused.whom')}>
                    <Who id={r.by} />
                  </td>
                  <td data-label={t('refused.what')}>{kindOf(r)}</td>
                  <td className="prose" data-label={t('refused.asked')}>
                    <span className="muted small">{format.dateTime(r.at)}</span>
                    <br />
                    {r.reason}
                  </td>
                  <td className="prose" data-label={t('refused.answer')}>
                    <q className="answer">{r.answer}</q>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {pending.length > 0 && (
        <>
          <h3>{t('refused.pending')}</h3>
          <ul>
            {pending.map((r, i) => (
              <li key={i}>
                {kindOf(r)} — {t('refused.pendingItem', { at: format.dateTime(r.at) })} <Who id={r.by} /> → <Who id={r.to} />: {r.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** The longest intervals of the case, longest first. */
export function LongestIntervals({ ledger, styles }: { readonly ledger: Ledger; readonly styles: ReadonlyMap<string, HolderStyle> }) {
  const { t } = useTranslation('inquiry');
  const format = useFormat();
  const d = useDurations();
  const longest = [...ledger.intervals].sort((a, b) => b.ms - a.ms || a.from.localeCompare(b.from)).slice(0, LONGEST);
  return (
    <TableWrap>
      <table className="doc-longest">
        <caption className="visually-hidden">{t('stalled.longest')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stalled.holder')}</th>
            <th scope="col">{t('stalled.role')}</th>
            <th scope="col">{t('stalled.period')}</th>
            <th scope="col" className="num">
              {t('stalled.time')}
            </th>
            <th scope="col" className="num">
              {t('stalled.share')}
            </th>
            <th scope="col">{t('stalled.overdueCol')}</th>
          </tr>
        </thead>
        <tbody>
          {longest.map((iv) => {
            const s = styles.get(iv.personId);
            return (
              <tr key={iv.from}>
                <th scope="row">
                  <span className="holder-cell">
                    {s !== undefined && (
                      <span className="swatch" style={{ backgroundColor: s.fill, color: s.ink }} aria-hidden="true">
                        {s.number}
                      </span>
                    )}
                    <Who id={iv.personId} />
                  </span>
                </th>
                <td>{t(`case:role.${iv.role}`, { defaultValue: iv.role })}</td>
                <td>
                  {format.dateTime(iv.from)} – {format.dateTime(iv.to)}
                </td>
                <td className="num nowrap">{d.both(iv.ms)}</td>
                <td className="num">{d.share(iv.ms, ledger.elapsedMs)}</td>
                <td>{iv.overdue ? <strong className="overdue-word">{t('case:intervals.yes')}</strong> : t('case:intervals.no')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
