/**
 * The census of responsible people (route /census): everyone who holds a post or owns a case in the
 * units the caller sees — or in one unit's subtree, chosen with the board's unit picker — (GET
 * /census), grouped by department, domain, territory or tenure (both choices live in the URL): the
 * groups with their pooled record, then the people by name, each linking to their record, shown 50
 * at a time.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, query } from '../../api/client.js';
import type { Census } from '../../api/types.js';
import { useFormat } from '../../format.js';
import { Empty, ErrorBox, Loading } from '../../ui/states.js';
import { UnitSelect } from '../board/UnitPicker.js';
import { CensusGroups } from './CensusGroups.js';
import { CensusPeople } from './CensusPeople.js';
import { CENSUS_DIMENSIONS, censusSearch, readCensusBy, readCensusUnit } from './peopleModel.js';
import './people.css';

/** The census page. */
export function CensusPage() {
  const { t } = useTranslation('people');
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const by = readCensusBy(params);
  const unit = readCensusUnit(params);
  const census = useQuery({
    queryKey: ['census', by, unit],
    queryFn: ({ signal }) => api<Census>('GET', `/census${query({ by, unit })}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const data = census.data;
  return (
    <div className="people census">
      <div className="page-head">
        <h1>{t('census.title')}</h1>
        {data !== undefined && <p className="muted">{t('census.asOf', { when: f.dateTime(data.asOf) })}</p>}
      </div>
      <p className="people-intro">{t('census.intro')}</p>
      <div className="toolbar">
        <UnitSelect value={unit} onChange={(u) => setParams(censusSearch(by, u))} />
        <label className="field">
          <span>{t('census.by')}</span>
          <select value={by} onChange={(e) => setParams(censusSearch(readCensusBy(new URLSearchParams({ by: e.target.value })), unit))}>
            {CENSUS_DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {t(`census.dimension.${d}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {census.isPending ? (
        <Loading lines={12} />
      ) : census.isError ? (
        <ErrorBox error={census.error} retry={() => void census.refetch()} />
      ) : census.data.entries.length === 0 ? (
        <Empty>{t('census.none')}</Empty>
      ) : (
        <div aria-busy={census.isFetching} className={census.isPlaceholderData ? 'people-stale' : undefined}>
          <section aria-labelledby="census-groups">
            <h2 id="census-groups">{t('census.groups')}</h2>
            <CensusGroups census={census.data} />
          </section>
          <section aria-labelledby="census-people">
            <h2 id="census-people">
              {t('census.people')} <span className="muted">({t('census.peopleCount', { count: census.data.entries.length, number: f.number(census.data.entries.length) })})</span>
            </h2>
            <CensusPeople census={census.data} />
          </section>
        </div>
      )}
    </div>
  );
}
