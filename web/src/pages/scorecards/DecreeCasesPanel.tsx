/**
 * What is behind one figure of a body's month in decree inflation (GET /decree-inflation/cases):
 * the decisions dated in the month, each a link to its decision, or the body's cases issued,
 * verified or verified on time in it, each a link to its case — with how many the figure counts and
 * how many of its cases the reader may not open. Shown under the body's table of months.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../../api/client.js';
import { useFormat } from '../../format.js';
import { ErrorBox, Loading } from '../../ui/states.js';
import { FigureCaseTable, FigureCount, FigurePanelFrame, PanelTable } from './FigureCasesPanel.js';
import type { DecreeCases, DecreeFigure } from './scorecardsModel.js';

/** The figure opened: which body, month and figure. */
export interface OpenDecreeFigure {
  readonly bodyId: string;
  readonly month: string;
  readonly figure: DecreeFigure;
}

/** The decisions behind a month's `decisions` figure, each a link to its decision page. */
function DecisionTable({ caption, items }: { readonly caption: string; readonly items: DecreeCases['decisions'] }) {
  const { t } = useTranslation('scorecards');
  const f = useFormat();
  return (
    <PanelTable
      caption={caption}
      rows={items}
      columns={[
        { header: t('decree.list.decision'), cell: (d) => <Link to={`/decisions/${encodeURIComponent(d.id)}`}>{t('decree.list.label', { number: d.number, title: d.title })}</Link> },
        { header: t('decree.list.date'), cell: (d) => f.date(d.date) },
        {
          header: t('decree.list.execution'),
          cell: (d) => (
            <>
              {t('decree.item', { verified: f.number(d.verified), cases: f.number(d.cases) })}
              {d.executed && <span className="badge score-executed">{t('decree.done')}</span>}
            </>
          ),
        },
      ]}
    />
  );
}

/** The panel; `period` is the one the body's months were counted over (the API's own from and to), `body` the body's name, `close` closes it. */
export function DecreeCasesPanel({ open, period, body, close }: { readonly open: OpenDecreeFigure; readonly period: { readonly from: string; readonly to: string }; readonly body: string; readonly close: () => void }) {
  const { t } = useTranslation('scorecards');
  const f = useFormat();
  const found = useQuery({
    queryKey: ['decree-inflation-cases', open, period],
    queryFn: ({ signal }) => api<DecreeCases>('GET', `/decree-inflation/cases${query({ ...period, body: open.bodyId, month: open.month, figure: open.figure })}`, { signal }),
    staleTime: 60_000,
  });
  const title = t('cases.title', { figure: t(`decree.months.${open.figure}`), where: `${body}, ${open.month}` });
  const data = found.data;
  return (
    <FigurePanelFrame headingId="decree-cases-heading" level={3} title={title} focusKey={`${open.bodyId}|${open.month}|${open.figure}`} close={close}>
      {found.isPending ? (
        <Loading />
      ) : found.isError || data === undefined ? (
        <ErrorBox error={found.error} retry={() => void found.refetch()} />
      ) : (
        <>
          <FigureCount
            counted={t(open.figure === 'decisions' ? 'decree.list.decisions' : 'cases.count', { count: data.total, number: f.number(data.total) })}
            hidden={data.hidden}
            listed={open.figure === 'decisions' ? data.decisions.length : data.items.length}
            openable={data.total - data.hidden}
            testId="decree-cases-count"
          />
          {data.decisions.length > 0 && <DecisionTable caption={title} items={data.decisions} />}
          {data.items.length > 0 && <FigureCaseTable caption={title} items={data.items} names={data.names} />}
        </>
      )}
    </FigurePanelFrame>
  );
}
