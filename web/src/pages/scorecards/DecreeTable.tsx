/** Decree inflation per body (GET /decree-inflation): decisions dated in the period, executed, without cases, their cases and those verified, the inflation (decisions per decision carried out) and a small chart of its months, each body opening to its months and its decisions. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../format.js';
import { TableWrap } from '../../ui/TableWrap.js';
import { DecreeMonths, DecreeSpark } from './DecreeTrend.js';
import type { DecreeInflation } from './scorecardsModel.js';

/** The table of bodies; a body's months and decisions open below it. */
export function DecreeTable({ data }: { readonly data: DecreeInflation }) {
  const { t } = useTranslation('scorecards');
  const f = useFormat();
  const [opened, setOpened] = useState<string | null>(null);
  const name = (id: string): string => data.names[id] ?? id;
  return (
    <TableWrap>
      <table className="score-table score-decree">
        <caption>{t('decree.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('decree.body')}</th>
            <th scope="col" className="num">{t('decree.decisions')}</th>
            <th scope="col" className="num">{t('decree.executed')}</th>
            <th scope="col" className="num">{t('decree.withoutCases')}</th>
            <th scope="col" className="num">{t('decree.cases')}</th>
            <th scope="col" className="num">{t('decree.verified')}</th>
            <th scope="col" className="num">{t('decree.inflation')}</th>
            <th scope="col">{t('decree.trend')}</th>
          </tr>
        </thead>
        <tbody>
          {data.bodies.flatMap((b) => {
            const open = opened === b.bodyId;
            const row = (
              <tr key={b.bodyId} data-body={b.bodyId}>
                <th scope="row">
                  <button type="button" className="score-disclosure" aria-expanded={open} onClick={() => setOpened(open ? null : b.bodyId)}>
                    {name(b.bodyId)}
                  </button>
                </th>
                <td className="num" data-figure="decisions">{f.number(b.decisions)}</td>
                <td className="num" data-figure="executed">{f.number(b.executed)}</td>
                <td className="num" data-figure="withoutCases">{f.number(b.withoutCases)}</td>
                <td className="num" data-figure="cases">{f.number(b.cases)}</td>
                <td className="num" data-figure="verified">{f.number(b.verified)}</td>
                <td className="num" data-figure="inflation">{b.inflation === null ? '—' : t('decree.times', { value: f.number(b.inflation, 2) })}</td>
                <td className="score-spark-cell">
                  <DecreeSpark months={b.months} />
                </td>
              </tr>
            );
            if (!open) return [row];
            return [
              row,
              <tr key={`${b.bodyId}-items`} className="score-decree-items">
                <td colSpan={8}>
                  {b.months.length > 0 && <DecreeMonths bodyId={b.bodyId} body={name(b.bodyId)} months={b.months} period={{ from: data.from, to: data.to }} />}
                  <h3 className="score-decree-subhead">{t('decree.itemsHeading')}</h3>
                  <ul>
                    {b.items.map((i) => (
                      <li key={i.decisionId}>
                        <Link to={`/decisions/${encodeURIComponent(i.decisionId)}`}>{name(i.decisionId)}</Link> <span className="muted">({f.date(i.date)})</span> —{' '}
                        {t('decree.item', { verified: f.number(i.verified), cases: f.number(i.cases) })}
                        {i.executed && <span className="badge score-executed">{t('decree.done')}</span>}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>,
            ];
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
