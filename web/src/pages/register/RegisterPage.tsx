/**
 * The decision register (route /decisions): the decisions the caller sees, searched by text
 * (the search lives in the URL), paged with "Show more"; each with its number, date, title, body
 * and how far it is carried out, each count a link to those assignments. "New decision" opens the
 * form that registers one and breaks it into assignments.
 */
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { useFormat } from '../../format.js';
import { Name } from '../../ui/names.js';
import { Empty, ErrorBox, Loading } from '../../ui/states.js';
import { ExecutionSummary } from './ExecutionSummary.js';
import { NewDecisionForm } from './NewDecisionForm.js';
import type { RegisteredDecision } from './registerModel.js';
import './register.css';
import { TableWrap } from '../../ui/TableWrap.js';
import { ShowMore } from '../../ui/ShowMore.js';

const PAGE = 25;
const FORM_ID = 'new-decision-form';

/** The register. */
export function RegisterPage() {
  const { t } = useTranslation('register');
  const f = useFormat();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const [typed, setTyped] = useState(search);
  const formOpen = params.get('new') === '1';
  const mayRegister = (me?.roles ?? []).some((r) => r.role === 'administrator' || r.role === 'secretary');

  // The URL follows what is typed, a moment after typing stops (one history entry per search).
  useEffect(() => {
    const handle = setTimeout(() => {
      if (typed.trim() === search) return;
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (typed.trim() === '') next.delete('q');
          else next.set('q', typed.trim());
          return next;
        },
        { replace: true },
      );
    }, 300);
    return () => clearTimeout(handle);
  }, [typed, search, setParams]);
  // …and what is typed follows the URL when it changes otherwise (back button).
  useEffect(() => setTyped((now) => (now.trim() === search ? now : search)), [search]);

  const list = useInfiniteQuery({
    queryKey: ['decisions', 'register', search],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => api<Page<RegisteredDecision>>('GET', `/decisions${query({ search: search === '' ? undefined : search, order: 'newest', limit: PAGE, cursor: pageParam })}`, { signal }),
    getNextPageParam: (last) => last.next ?? undefined,
    placeholderData: keepPreviousData,
  });

  const toggleForm = (open: boolean) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (open) next.set('new', '1');
      else next.delete('new');
      return next;
    });

  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="register">
      <div className="page-head">
        <h1>{t('title')}</h1>
        {mayRegister && (
          <button type="button" className="primary" aria-expanded={formOpen} aria-controls={FORM_ID} onClick={() => toggleForm(!formOpen)}>
            {t('newDecision')}
          </button>
        )}
      </div>
      <div id={FORM_ID}>{formOpen && <NewDecisionForm onCancel={() => toggleForm(false)} />}</div>

      <div role="search" className="toolbar">
        <label className="field register-search">
          <span>{t('search')}</span>
          <input type="search" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t('searchPlaceholder')} />
        </label>
      </div>

      {list.isPending ? (
        <Loading lines={10} />
      ) : list.isError ? (
        <ErrorBox error={list.error} retry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <Empty>{search === '' ? t('none') : t('noneFound', { search })}</Empty>
      ) : (
        <div aria-busy={list.isFetching}>
          <TableWrap>
            <table className="register-table">
              <caption className="visually-hidden">{search === '' ? t('caption') : t('captionFound', { search })}</caption>
              <thead>
                <tr>
                  <th scope="col" className="hide-narrow">
                    {t('number')}
                  </th>
                  <th scope="col" className="hide-narrow">
                    {t('date')}
                  </th>
                  <th scope="col">{t('decision')}</th>
                  <th scope="col" className="hide-narrow">
                    {t('body')}
                  </th>
                  <th scope="col">{t('execution.title')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => (
                  <tr key={d.id}>
                    <td className="register-number hide-narrow">{d.number}</td>
                    <td className="register-date hide-narrow">{f.date(d.date)}</td>
                    <td>
                      <Link to={`/decisions/${encodeURIComponent(d.id)}`}>{d.title}</Link>
                      <span className="register-meta">{t('meta', { number: d.number, date: f.date(d.date) })}</span>
                    </td>
                    <td className="hide-narrow">
                      <Name id={d.bodyId} />
                    </td>
                    <td>
                      <ExecutionSummary decisionId={d.id} execution={d.execution} compact />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <ShowMore list={list} />
        </div>
      )}
    </div>
  );
}
