/**
 * A body's agenda items (GET /bodies/{id}/agenda), shown on the board below its load: the open
 * ones (submitted or scheduled — the board's "open" count), the scheduled ones, or all; paged with
 * "Show more". An item brought by the ladder links to its case.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { bodyAgendaSchema } from '../../../../src/http/routes/agenda.schemas.js';
import { api, query } from '../../api/client.js';
import { useFormat } from '../../format.js';
import { nextMerged, startMerge, type MergeState } from '../../ui/mergedPages.js';
import { Empty, ErrorBox, Loading } from '../../ui/states.js';
import { AGENDA_VIEWS, type AgendaView } from './boardModel.js';
import { TableWrap } from '../../ui/TableWrap.js';
import { ShowMore } from '../../ui/ShowMore.js';

type AgendaPage = z.infer<typeof bodyAgendaSchema>;
type AgendaItem = AgendaPage['items'][number];

const PAGE = 50;

/** The statuses behind each view (their union; none: every item). */
const STATUSES: Record<AgendaView, ReadonlyArray<string | undefined>> = { open: ['submitted', 'scheduled'], scheduled: ['scheduled'], all: [undefined] };

/** The agenda panel of one body; `href` switches the view, `close` is the board without the panel. */
export function AgendaPanel({ bodyId, name, view, href, close, focus }: {
  readonly bodyId: string;
  readonly name: string;
  readonly view: AgendaView;
  readonly href: (view: AgendaView) => string;
  readonly close: string;
  /** Whether to move the focus to the panel when it changes (not when the page is opened at it). */
  readonly focus: boolean;
}) {
  const { t } = useTranslation('board');
  const f = useFormat();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [bodyId, view, focus]);
  const statuses = STATUSES[view];
  const list = useInfiniteQuery({
    queryKey: ['agenda', bodyId, view],
    initialPageParam: startMerge<AgendaItem>(statuses.length),
    queryFn: ({ pageParam, signal }) =>
      nextMerged(
        pageParam,
        PAGE,
        (i, cursor) => api<AgendaPage>('GET', `/bodies/${encodeURIComponent(bodyId)}/agenda${query({ status: statuses[i], limit: PAGE, cursor })}`, { signal }),
        (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      ),
    getNextPageParam: (last): MergeState<AgendaItem> | undefined => last.next ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card board-panel" aria-labelledby="agenda-heading">
      <div className="page-head">
        <h3 id="agenda-heading" ref={heading} tabIndex={-1}>
          {t('agenda.title', { name })}
        </h3>
        <Link to={close}>{t('agenda.close')}</Link>
      </div>
      <nav aria-label={t('agenda.views')} className="board-views">
        {AGENDA_VIEWS.map((v) => (
          <Link key={v} to={href(v)} aria-current={v === view ? 'true' : undefined}>
            {t(`agenda.view.${v}`)}
          </Link>
        ))}
      </nav>
      {list.isPending ? (
        <Loading lines={5} />
      ) : list.isError ? (
        <ErrorBox error={list.error} retry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <Empty>{t('agenda.none')}</Empty>
      ) : (
        <TableWrap>
          <table>
            <caption className="visually-hidden">{t('agenda.title', { name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agenda.question')}</th>
                <th scope="col">{t('agenda.route')}</th>
                <th scope="col">{t('agenda.status')}</th>
                <th scope="col">{t('agenda.submitted')}</th>
                <th scope="col">{t('agenda.session')}</th>
                <th scope="col" className="num">
                  {t('agenda.returns')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((item) => (
                <tr key={item.id}>
                  <td>{item.question}</td>
                  <td>
                    {item.route.kind === 'ladder' ? (
                      <Link to={`/cases/${encodeURIComponent(item.route.assignmentId)}`}>{t('agenda.byLadder', { level: item.route.escalationLevel })}</Link>
                    ) : (
                      t('agenda.byStatement')
                    )}
                  </td>
                  <td>
                    <span className={`badge board-agenda-${item.status}`}>{t(`agenda.statuses.${item.status}`)}</span>
                  </td>
                  <td className="board-when">{f.dateTime(item.firstSubmittedAt)}</td>
                  <td className="board-when">{f.date(item.session)}</td>
                  <td className="num">{f.number(item.returns)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <ShowMore list={list} />
    </section>
  );
}
