/**
 * A table of cases (title → the case, owner, holder, deadline, status) listed by GET /assignments
 * with given filters, by deadline, paged with "Show more". Several filters list their union (they
 * must not overlap): e.g. one per open status. Every row the filters match is reachable, each once.
 * The names each page comes with are put in the names cache before its rows show.
 */
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../api/client.js';
import type { AssignmentPage } from '../api/types.js';
import { useFormat } from '../format.js';
import { nextMerged, startMerge, type MergeState } from './mergedPages.js';
import { Name, primeNames } from './names.js';
import { StatusBadge } from './StatusBadge.js';
import { Empty, ErrorBox, Loading } from './states.js';
import './PagedCaseTable.css';
import { TableWrap } from './TableWrap.js';
import { ShowMore } from './ShowMore.js';

/** One case as a list gives it. */
export type CaseSummary = AssignmentPage['items'][number];

/** Query parameters of GET /assignments (limit and cursor are set here). */
export type CaseFilter = Readonly<Record<string, string | number | boolean | undefined>>;

/** The listing order of GET /assignments: deadline, then id. */
function byDeadline(a: CaseSummary, b: CaseSummary): number {
  return a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The table of the cases `filters` match (their union), `pageSize` at a time. */
export function PagedCaseTable({ filters, caption, pageSize = 50 }: { readonly filters: readonly CaseFilter[]; readonly caption: string; readonly pageSize?: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const list = useInfiniteQuery({
    queryKey: ['cases', filters, pageSize],
    initialPageParam: startMerge<CaseSummary>(filters.length),
    queryFn: ({ pageParam, signal }) =>
      nextMerged(
        pageParam,
        pageSize,
        async (i, cursor) => {
          const page = await api<AssignmentPage>('GET', `/assignments${query({ ...filters[i], limit: pageSize, cursor })}`, { signal });
          // The names the page mentions: the rows' <Name>s then need no request of their own.
          primeNames(client, page.names);
          return page;
        },
        byDeadline,
      ),
    getNextPageParam: (last): MergeState<CaseSummary> | undefined => last.next ?? undefined,
  });
  if (list.isPending) return <Loading lines={6} />;
  if (list.isError) return <ErrorBox error={list.error} retry={() => void list.refetch()} />;
  const rows = list.data.pages.flatMap((p) => p.items);
  if (rows.length === 0) return <Empty />;
  return (
    <>
      <TableWrap>
        <table className="case-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field.title')}</th>
              <th scope="col">{t('field.owner')}</th>
              <th scope="col" className="hide-narrow">
                {t('field.holder')}
              </th>
              <th scope="col">{t('field.deadline')}</th>
              <th scope="col">{t('field.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/cases/${encodeURIComponent(c.id)}`}>{c.title}</Link>
                </td>
                <td>
                  <Name id={c.ownerId} />
                </td>
                <td className="hide-narrow">
                  <Name id={c.holderId} />
                </td>
                <td className="case-when">{f.dateTime(c.deadline)}</td>
                <td>
                  <StatusBadge status={c.status} deadline={c.deadline} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <ShowMore list={list} />
    </>
  );
}
