/**
 * The cases behind one figure (GET /scorecards/cases): which figure of which unit and month, how many
 * it counts, how many the reader may not open, and the others, each a link to its case. Its frame,
 * count line and case table serve the decree table's panel too (DecreeCasesPanel).
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../../api/client.js';
import { useFormat } from '../../format.js';
import { DataTable, type DataTableProps } from '../../ui/DataTable.js';
import { StatusBadge } from '../../ui/StatusBadge.js';
import { ErrorBox, Loading } from '../../ui/states.js';
import type { FigureCases, OpenFigure } from './scorecardsModel.js';

/** A panel of what is behind a figure: its heading (focused whenever `focusKey` changes, so the reader lands on it), a close button, and its contents. */
export function FigurePanelFrame({ headingId, level = 2, title, focusKey, close, children }: {
  readonly headingId: string;
  readonly level?: 2 | 3;
  readonly title: string;
  readonly focusKey: string;
  readonly close: () => void;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation('scorecards');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [focusKey]);
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className="score-cases card" aria-labelledby={headingId}>
      <div className="page-head">
        <Heading id={headingId} ref={heading} tabIndex={-1}>
          {title}
        </Heading>
        <button type="button" className="link-button" onClick={close}>
          {t('cases.close')}
        </button>
      </div>
      {children}
    </section>
  );
}

/** How many the figure counts (`counted`, said with its noun), how many of them the reader may not open, and — when fewer than the `openable` rest are `listed` — that only the first are. */
export function FigureCount({ counted, hidden, listed, openable, testId }: { readonly counted: string; readonly hidden: number; readonly listed: number; readonly openable: number; readonly testId: string }) {
  const { t } = useTranslation('scorecards');
  const f = useFormat();
  return (
    <p className="muted" data-testid={testId}>
      {counted}
      {hidden > 0 && ` ${t('cases.hidden', { count: hidden, number: f.number(hidden) })}`}
      {listed < openable && ` ${t('cases.first', { number: f.number(listed) })}`}
    </p>
  );
}

/** A list in a figure's panel, one row per item by its id; the caption is for screen readers, the panel's heading says it. */
export function PanelTable<R extends { readonly id: string }>({ caption, rows, columns }: Pick<DataTableProps<R>, 'caption' | 'rows' | 'columns'>) {
  return <DataTable className="score-case-table" caption={caption} captionClassName="visually-hidden" rows={rows} rowKey={(r) => r.id} columns={columns} />;
}

/** Cases as the API lists them behind a figure, each a link to its case page, with its owner, status and deadline. */
export function FigureCaseTable({ caption, items, names }: { readonly caption: string; readonly items: FigureCases['items']; readonly names: Readonly<Record<string, string>> }) {
  const { t } = useTranslation('scorecards');
  const f = useFormat();
  return (
    <PanelTable
      caption={caption}
      rows={items}
      columns={[
        { header: t('cases.case'), cell: (c) => <Link to={`/cases/${encodeURIComponent(c.id)}`}>{c.title}</Link> },
        { header: t('cases.owner'), cell: (c) => names[c.ownerId] ?? c.ownerId },
        { header: t('cases.status'), cell: (c) => <StatusBadge status={c.status} deadline={c.deadline} /> },
        { header: t('cases.deadline'), cell: (c) => f.date(c.deadline) },
      ]}
    />
  );
}

/** The panel; `where` names the unit, `close` closes it. */
export function FigureCasesPanel({ open, period, where, close }: { readonly open: OpenFigure; readonly period: { from?: string; to?: string }; readonly where: string; readonly close: () => void }) {
  const { t } = useTranslation('scorecards');
  const f = useFormat();
  const cases = useQuery({
    queryKey: ['scorecard-cases', open, period],
    queryFn: ({ signal }) => api<FigureCases>('GET', `/scorecards/cases${query({ ...period, unit: open.unit, figure: open.figure, month: open.month })}`, { signal }),
    staleTime: 60_000,
  });
  const title = t('cases.title', { figure: t(`figure.${open.figure}`), where: open.month === null ? where : `${where}, ${open.month}` });
  return (
    <FigurePanelFrame headingId="score-cases-heading" title={title} focusKey={`${open.unit}|${open.figure}|${open.month ?? ''}`} close={close}>
      {cases.isPending ? (
        <Loading />
      ) : cases.isError ? (
        <ErrorBox error={cases.error} retry={() => void cases.refetch()} />
      ) : (
        <>
          <FigureCount
            counted={t('cases.count', { count: cases.data.total, number: f.number(cases.data.total) })}
            hidden={cases.data.hidden}
            listed={cases.data.items.length}
            openable={cases.data.total - cases.data.hidden}
            testId="score-cases-count"
          />
          {cases.data.items.length > 0 && <FigureCaseTable caption={title} items={cases.data.items} names={cases.data.names} />}
        </>
      )}
    </FigurePanelFrame>
  );
}
