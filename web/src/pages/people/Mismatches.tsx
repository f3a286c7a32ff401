/**
 * The holders (of a unit's subtree, or of every unit the caller sees) whose record shows they do not master their post's domain (GET /mismatches): the
 * person, the post, its domain and their points there, what they should learn — each shortfall's
 * estimate with its 95% interval against the unit's mean — and the post where they would deliver.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client.js';
import type { Mismatches as MismatchList } from '../../api/types.js';
import { Empty, ErrorBox, Loading } from '../../ui/states.js';
import { TableWrap } from '../../ui/TableWrap.js';
import { nameIn } from './peopleModel.js';
import { PersonLink } from './PersonLink.js';
import { useRates } from './rates.js';

/** The mismatches section, over `unit`'s subtree (null: every unit the caller sees). */
export function Mismatches({ unit }: { readonly unit: string | null }) {
  const { t } = useTranslation('people');
  const r = useRates();
  const list = useQuery({
    queryKey: ['mismatches', unit],
    queryFn: ({ signal }) => api<MismatchList>('GET', `/mismatches${query({ unit })}`, { signal }),
    staleTime: 5 * 60_000,
  });
  return (
    <section aria-labelledby="mismatches-heading" className="people-mismatches">
      <h2 id="mismatches-heading">{t('mismatches.title')}</h2>
      <p className="people-intro">{t('mismatches.intro')}</p>
      {list.isPending ? (
        <Loading lines={6} />
      ) : list.isError ? (
        <ErrorBox error={list.error} retry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty>{t('mismatches.none')}</Empty>
      ) : (
        <TableWrap>
          <table className="people-table">
            <caption className="visually-hidden">{t('mismatches.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mismatches.person')}</th>
                <th scope="col">{t('mismatches.post')}</th>
                <th scope="col">{t('mismatches.domain')}</th>
                <th scope="col" className="num">
                  {t('mismatches.points')}
                </th>
                <th scope="col">{t('mismatches.learn')}</th>
                <th scope="col">{t('mismatches.better')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((m) => (
                <tr key={`${m.personId}-${m.postId}`}>
                  <th scope="row">
                    <PersonLink id={m.personId} names={list.data.names} />
                  </th>
                  <td>{nameIn(list.data.names, m.postId)}</td>
                  <td>{m.domain}</td>
                  <td className="num">{r.points(m.points)}</td>
                  <td>
                    <ul className="people-shortfalls">
                      {m.shortfalls.map((s) => (
                        <li key={`${s.domain}-${s.key}`}>
                          {t('mismatches.shortfall', { term: r.term(s.key), shrunk: r.percent(s.shrunk), interval: r.interval(s.low, s.high), prior: r.percent(s.prior) })}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{m.better === null ? <span className="muted">{t('mismatches.noBetter')}</span> : t('mismatches.betterPost', { post: nameIn(list.data.names, m.better.postId), points: r.points(m.better.points) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
