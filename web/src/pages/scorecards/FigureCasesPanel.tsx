/** The cases behind one figure (GET /scorecards/cases): which figure of which unit and month, how many it counts, how many the reader may not open, and the others, each a link to its case. */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../../api/client.js';
import { useFormat } from '../../format.js';
import { StatusBadge } from '../../ui/StatusBadge.js';
import { TableWrap } from '../../ui/TableWrap.js';
import { ErrorBox, Loading } from '../../ui/states.js';
import type { FigureCases, OpenFigure } from './scorecardsModel.js';

/** The panel; `where` names the unit, `close` closes it. */
export function FigureCasesPanel({ open, period, where, close }: { readonly open: OpenFigure; readonly period: { from?: string; to?: string }; readonly where: string; readonly close: () => void }) {
  const { t } = useTranslation('scorecards');
  const f = useFormat();
  const heading = useRef<HTMLHeadingElement>(null);
  const cases = useQuery({
    queryKey: ['scorecard-cases', open, period],
    queryFn: ({ signal }) => api<FigureCases>('GET', `/scorecards/cases${query({ ...period, unit: open.unit, figure: open.figure, month: open.month })}`, { signal }),
    staleTime: 60_000,
  });
  const key = `${open.unit}|${open.figure}|${open.month ?? ''}`;
  useEffect(() => heading.current?.focus(), [key]);
  const title = t('cases.title', { figure: t(`figure.${open.figure}`), where: open.month === null ? where : `${where}, ${open.month}` });
  return (
    <section className="score-cases card" aria-labelledby="score-cases-heading">
      <div className="page-head">
        <h2 id="score-cases-heading" ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" className="link-button" onClick={close}>
          {t('cases.close')}
        </button>
      </div>
      {cases.isPending ? (
        <Loading />
      ) : cases.isError ? (
        <ErrorBox error={cases.error} retry={() => void cases.refetch()} />
      ) : (
        <>
          <p className="muted" data-testid="score-cases-count">
            {t('cases.count', { count: cases.data.total, number: f.number(cases.data.total) })}
            {cases.data.hidden > 0 && ` ${t('cases.hidden', { count: cases.data.hidden, number: f.number(cases.data.hidden) })}`}
            {cases.data.items.length < cases.data.total - cases.data.hidden && ` ${t('cases.first', { number: f.number(cases.data.items.length) })}`}
          </p>
          {cases.data.items.length > 0 && (
            <TableWrap>
              <table className="score-case-table">
                <caption className="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('cases.case')}</th>
                    <th scope="col">{t('cases.owner')}</th>
                    <th scope="col">{t('cases.status')}</th>
                    <th scope="col">{t('cases.deadline')}</th>
                  </tr>
                </thead>
                <tbody>
                  {cases.data.items.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        <Link to={`/cases/${encodeURIComponent(c.id)}`}>{c.title}</Link>
                      </th>
                      <td>{cases.data.names[c.ownerId] ?? c.ownerId}</td>
                      <td>
                        <StatusBadge status={c.status} deadline={c.deadline} />
                      </td>
                      <td>{f.date(c.deadline)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </>
      )}
    </section>
  );
}
