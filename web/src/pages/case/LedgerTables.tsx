/**
 * The hour ledger in tables: time per person and per unit (with share and overdue hours), where
 * the overdue hours fall, and every handover, transfer and extension asked with its answer.
 */
import { useTranslation } from 'react-i18next';
import type { Ledger } from '../../api/types.js';
import { useFormat } from '../../format.js';
import type { LedgerRequest } from './caseTypes.js';
import { useDurations } from './durations.js';
import type { HolderStyle } from './holderColours.js';
import { useNameOf, Who } from './names.js';
import { TableWrap } from '../../ui/TableWrap.js';

/** Time per person (with their unit and colour) or per unit. */
export function TotalsTable({ ledger, by, styles, caption }: { readonly ledger: Ledger; readonly by: 'person' | 'unit'; readonly styles?: ReadonlyMap<string, HolderStyle>; readonly caption: string }) {
  const { t } = useTranslation('case');
  const d = useDurations();
  const rows = by === 'person' ? ledger.byPerson : ledger.byUnit;
  const unitOf = (personId: string): string | undefined => ledger.intervals.find((i) => i.personId === personId)?.unitId;
  return (
    <TableWrap>
      <table className="totals">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(by === 'person' ? 'totals.person' : 'totals.unit')}</th>
            {by === 'person' && (
              <th scope="col" className="hide-narrow">
                {t('totals.unit')}
              </th>
            )}
            <th scope="col" className="num">
              {t('totals.time')}
            </th>
            <th scope="col" className="num">
              {t('totals.hours')}
            </th>
            <th scope="col" className="num">
              {t('totals.share')}
            </th>
            <th scope="col" className="num">
              {t('totals.overdue')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const s = styles?.get(r.id);
            return (
              <tr key={r.id}>
                <th scope="row">
                  <span className="holder-cell">
                    {s !== undefined && (
                      <span className="swatch" style={{ backgroundColor: s.fill, color: s.ink }} aria-hidden="true">
                        {s.number}
                      </span>
                    )}
                    <Who id={r.id} />
                  </span>
                </th>
                {by === 'person' && (
                  <td className="hide-narrow">
                    <Who id={unitOf(r.id)} />
                  </td>
                )}
                <td className="num">{d.span(r.ms)}</td>
                <td className="num">{d.hours(r.ms)}</td>
                <td className="num">{d.share(r.ms, ledger.elapsedMs)}</td>
                <td className="num">{r.overdueMs > 0 ? d.hours(r.overdueMs) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('totals.total')}</th>
            {by === 'person' && <td className="hide-narrow" />}
            <td className="num">{d.span(ledger.elapsedMs)}</td>
            <td className="num">{d.hours(ledger.elapsedMs)}</td>
            <td className="num">{d.share(ledger.elapsedMs, ledger.elapsedMs)}</td>
            <td className="num">{ledger.overdueMs > 0 ? d.hours(ledger.overdueMs) : '—'}</td>
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}

/** How much of the case was overdue, and on whom those hours fall (people and units). */
export function OverdueSummary({ ledger }: { readonly ledger: Ledger }) {
  const { t } = useTranslation('case');
  const d = useDurations();
  const nameOf = useNameOf();
  if (ledger.overdueMs === 0) return <p>{t('overdue.none')}</p>;
  const people = ledger.byPerson.filter((p) => p.overdueMs > 0).sort((a, b) => b.overdueMs - a.overdueMs);
  const units = ledger.byUnit.filter((p) => p.overdueMs > 0).sort((a, b) => b.overdueMs - a.overdueMs);
  return (
    <>
      <p>
        {t('overdue.total', {
          span: d.span(ledger.overdueMs),
          hours: d.hours(ledger.overdueMs),
          share: d.share(ledger.overdueMs, ledger.elapsedMs),
        })}
      </p>
      <div className="overdue-lists">
        <div>
          <h4>{t('overdue.onPeople')}</h4>
          <ul className="overdue-list">
            {people.map((p) => (
              <li key={p.id}>
                <strong>{nameOf(p.id)}</strong> — {t('overdue.item', { hours: d.hours(p.overdueMs), share: d.share(p.overdueMs, ledger.overdueMs) })}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h4>{t('overdue.onUnits')}</h4>
          <ul className="overdue-list">
            {units.map((p) => (
              <li key={p.id}>
                <strong>{nameOf(p.id)}</strong> — {t('overdue.item', { hours: d.hours(p.overdueMs), share: d.share(p.overdueMs, ledger.overdueMs) })}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </>
  );
}

/** The answer to a request, as a labelled outcome (the word, not only a colour) with its date. */
export function Outcome({ r }: { readonly r: LedgerRequest }) {
  const { t } = useTranslation('case');
  const format = useFormat();
  return (
    <>
      <span className={`outcome outcome-${r.outcome}`}>{t(`outcome.${r.kind}.${r.outcome}`)}</span>
      {r.answeredAt !== null && <span className="muted"> {format.dateTime(r.answeredAt)}</span>}
    </>
  );
}

/** What was asked: "Handover", "Transfer", "Extension to 20 Mar 1922". */
export function useRequestKind(): (r: LedgerRequest) => string {
  const { t } = useTranslation('case');
  const format = useFormat();
  return (r) => (r.kind === 'extension' && r.deadline !== undefined ? t('request.extensionTo', { deadline: format.dateTime(r.deadline) }) : t(`request.${r.kind}`));
}

/** The answer's own words: the refusal's reason, or for a granted extension nothing beyond the deadline already shown. */
export function answerText(r: LedgerRequest): string | null {
  if (r.outcome === 'refused') return r.answer;
  return null;
}

/** Every handover, transfer and extension asked, in order, with who asked whom, why, and the answer. */
export function RequestsTable({ ledger }: { readonly ledger: Ledger }) {
  const { t } = useTranslation('case');
  const format = useFormat();
  const kindOf = useRequestKind();
  if (ledger.requests.length === 0) return <p className="empty">{t('request.none')}</p>;
  return (
    <TableWrap>
      <table className="requests stack-narrow">
        <caption className="visually-hidden">{t('request.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('request.at')}</th>
            <th scope="col">{t('request.kind')}</th>
            <th scope="col">{t('request.by')}</th>
            <th scope="col">{t('request.to')}</th>
            <th scope="col">{t('request.reason')}</th>
            <th scope="col">{t('request.answer')}</th>
          </tr>
        </thead>
        <tbody>
          {ledger.requests.map((r, i) => {
            const answer = answerText(r);
            return (
              <tr key={i} className={r.outcome === 'refused' ? 'is-refused' : undefined}>
                <td className="nowrap" data-label={t('request.at')}>
                  {format.dateTime(r.at)}
                </td>
                <td data-label={t('request.kind')}>{kindOf(r)}</td>
                <td data-label={t('request.by')}>
                  <Who id={r.by} />
                </td>
                <td data-label={t('request.to')}>
                  <Who id={r.to} />
                </td>
                <td className="prose" data-label={t('request.reason')}>
                  {r.reason}
                </td>
                <td className="prose" data-label={t('request.answer')}>
                  <Outcome r={r} />
                  {answer !== null && answer !== '' && <q className="answer">{answer}</q>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Every interval of the ledger in order: the bar's text alternative, and the inquiry's chronology. */
export function IntervalsTable({ ledger, styles }: { readonly ledger: Ledger; readonly styles: ReadonlyMap<string, HolderStyle> }) {
  const { t } = useTranslation('case');
  const format = useFormat();
  const d = useDurations();
  return (
    <TableWrap>
      <table className="intervals">
        <caption className="visually-hidden">{t('intervals.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('intervals.from')}</th>
            <th scope="col">{t('intervals.to')}</th>
            <th scope="col">{t('intervals.holder')}</th>
            <th scope="col">{t('intervals.role')}</th>
            <th scope="col" className="num">
              {t('totals.time')}
            </th>
            <th scope="col" className="num">
              {t('totals.hours')}
            </th>
            <th scope="col">{t('intervals.overdue')}</th>
          </tr>
        </thead>
        <tbody>
          {ledger.intervals.map((iv) => {
            const s = styles.get(iv.personId);
            return (
              <tr key={iv.from} className={iv.overdue ? 'is-overdue' : undefined}>
                <td className="nowrap">{format.dateTime(iv.from)}</td>
                <td className="nowrap">{format.dateTime(iv.to)}</td>
                <th scope="row">
                  <span className="holder-cell">
                    {s !== undefined && (
                      <span className="swatch" style={{ backgroundColor: s.fill, color: s.ink }} aria-hidden="true">
                        {s.number}
                      </span>
                    )}
                    <span>
                      <Who id={iv.personId} />
                      <br />
                      <span className="muted small">
                        <Who id={iv.unitId} />
                      </span>
                    </span>
                  </span>
                </th>
                <td>{t(`role.${iv.role}`, { defaultValue: iv.role })}</td>
                <td className="num">{d.span(iv.ms)}</td>
                <td className="num">{d.hours(iv.ms)}</td>
                <td>{iv.overdue ? <strong className="overdue-word">{t('intervals.yes')}</strong> : <span className="muted">{t('intervals.no')}</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
