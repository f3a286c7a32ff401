/**
 * A person's record (route /people/:id/record, GET /people/{id}/record): their name and unit, the
 * posts they hold, then their overall record and one per domain — cases owned, verified, open,
 * overdue, each rate with its 95% interval and its estimate shrunk toward the unit's mean, the time
 * they held cases and their median lateness. Hidden or unknown people are "not found".
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client.js';
import type { PersonRecord } from '../../api/types.js';
import { useFormat } from '../../format.js';
import { Name, useName } from '../../ui/names.js';
import { Empty, ErrorBox, Loading } from '../../ui/states.js';
import { TableWrap } from '../../ui/TableWrap.js';
import { RecordTable } from './RecordTable.js';
import './people.css';

/** The record page. */
export function RecordPage() {
  const { t } = useTranslation('people');
  const f = useFormat();
  const { id = '' } = useParams();
  const record = useQuery({ queryKey: ['record', id], queryFn: ({ signal }) => api<PersonRecord>('GET', `/people/${encodeURIComponent(id)}/record`, { signal }) });
  const unitName = useName(record.data?.unitId);
  if (record.isPending) return <Loading lines={12} />;
  if (record.isError) return <ErrorBox error={record.error} retry={() => void record.refetch()} />;
  const r = record.data;
  return (
    <div className="people record">
      <div className="page-head">
        <h1>{t('record.title', { name: r.name })}</h1>
        <p className="muted">{t('record.unitLine', { name: unitName })}</p>
      </div>

      <section aria-labelledby="record-posts">
        <h2 id="record-posts">{t('record.posts')}</h2>
        {r.posts.length === 0 ? (
          <Empty>{t('record.noPost')}</Empty>
        ) : (
          <TableWrap>
            <table className="people-table">
              <caption className="visually-hidden">{t('record.postsCaption', { name: r.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('record.postTitle')}</th>
                  <th scope="col">{t('record.unit')}</th>
                  <th scope="col">{t('record.territory')}</th>
                  <th scope="col">{t('record.since')}</th>
                  <th scope="col">{t('record.domains')}</th>
                </tr>
              </thead>
              <tbody>
                {r.posts.map((p) => (
                  <tr key={p.postId}>
                    <th scope="row">{p.title}</th>
                    <td>
                      <Name id={p.unitId} />
                    </td>
                    <td>{p.territory ?? '—'}</td>
                    <td>{f.date(p.holderSince)}</td>
                    <td>{p.domains.map((d) => t('record.domainWeight', { domain: d.domain, weight: f.percent(d.weight) })).join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <section aria-labelledby="record-overall">
        <h2 id="record-overall">{t('record.overall')}</h2>
        <p className="people-intro">{t('record.explain')}</p>
        <RecordTable record={r.overall} caption={t('record.overall')} />
      </section>

      <section aria-labelledby="record-domains">
        <h2 id="record-domains">{t('record.byDomain')}</h2>
        {r.domains.length === 0 ? (
          <Empty>{t('record.noDomain')}</Empty>
        ) : (
          <div className="people-record-grid">
            {r.domains.map((d) => (
              <div key={d.domain} className="people-record-domain">
                <h3>{t('record.domain', { domain: d.domain })}</h3>
                <RecordTable record={d} caption={t('record.domain', { domain: d.domain })} />
              </div>
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
