/**
 * Where work stalls (route /stalls, issue #7 F4): the inquiry across many cases over the cases the
 * reader sees (GET /inquiry), selected by period of issue, domain, title text and unit (the
 * board's unit picker: the owner's unit at issue, with the units below) — all in the URL, so that a
 * link can be shared — then how the cases stand, where their time went by unit and role and by
 * person, the longest waits (each a link to its case), and the handovers, refusals and ping-pong.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, query } from '../../api/client.js';
import { useFormat } from '../../format.js';
import { Empty, ErrorBox, Loading } from '../../ui/states.js';
import { UnitSelect } from '../board/UnitPicker.js';
import { useDurations } from '../case/durations.js';
import { HandoverTables, TimeTables, WaitsTable } from './StallTables.js';
import { anyFilter, filterSearch, readFilters, TOP, type Inquiry, type StallFilters } from './stallsModel.js';
import './stalls.css';

/** The title search: typed freely, applied on Enter or with its button. */
function SearchField({ value, onSearch }: { readonly value: string | null; readonly onSearch: (text: string | null) => void }) {
  const { t } = useTranslation('stalls');
  const [text, setText] = useState(value ?? '');
  const [was, setWas] = useState(value);
  if (was !== value) {
    setWas(value);
    setText(value ?? '');
  }
  const apply = () => onSearch(text.trim() === '' ? null : text.trim());
  return (
    <div className="field stalls-search">
      <label htmlFor="stalls-search">{t('search')}</label>
      <div className="stalls-search-row">
        <input
          id="stalls-search"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              apply();
            }
          }}
        />
        <button type="button" onClick={apply}>
          {t('searchButton')}
        </button>
      </div>
    </div>
  );
}

/** The page. */
export function StallsPage() {
  const { t } = useTranslation('stalls');
  const f = useFormat();
  const d = useDurations();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const set = (next: Partial<StallFilters>) => setParams(filterSearch({ ...filters, ...next }));
  const badPeriod = filters.from !== null && filters.to !== null && filters.to <= filters.from;
  const answer = useQuery({
    queryKey: ['inquiry', filters.from, filters.to, filters.domain, filters.search, filters.unit],
    queryFn: ({ signal }) => api<Inquiry>('GET', `/inquiry${query({ ...filters, top: TOP })}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled: !badPeriod,
  });
  const data = answer.data;
  const figures: ReadonlyArray<readonly [string, string]> =
    data === undefined
      ? []
      : [
          ['cases', f.number(data.cases)],
          ['verified', f.number(data.verified)],
          ['cancelled', f.number(data.cancelled)],
          ['open', f.number(data.open)],
          ['overdueNow', f.number(data.overdueNow)],
          ['late', f.number(data.late)],
          ['timeInHand', t('standing.hoursValue', { hours: d.hours(data.totalMs) })],
          ['overdueTime', t('standing.hoursValue', { hours: d.hours(data.overdueMs) })],
        ];
  return (
    <div className="stalls">
      <div className="page-head">
        <h1>{t('title')}</h1>
        {data !== undefined && <p className="muted">{t('asOf', { when: f.dateTime(data.at) })}</p>}
      </div>
      <p className="stalls-intro">{t('intro')}</p>
      <form className="toolbar stalls-filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>{t('from')}</span>
          <input type="date" value={filters.from ?? ''} onChange={(e) => set({ from: e.target.value === '' ? null : e.target.value })} />
        </label>
        <label className="field">
          <span>{t('to')}</span>
          <input type="date" value={filters.to ?? ''} onChange={(e) => set({ to: e.target.value === '' ? null : e.target.value })} />
        </label>
        <label className="field">
          <span>{t('domain')}</span>
          <select value={filters.domain ?? ''} onChange={(e) => set({ domain: e.target.value === '' ? null : e.target.value })}>
            <option value="">{t('allDomains')}</option>
            {filters.domain !== null && !(data?.domains ?? []).includes(filters.domain) && <option value={filters.domain}>{filters.domain}</option>}
            {(data?.domains ?? []).map((domain) => (
              <option key={domain} value={domain}>
                {domain}
              </option>
            ))}
          </select>
        </label>
        <SearchField value={filters.search} onSearch={(search) => set({ search })} />
        <UnitSelect value={filters.unit} onChange={(unit) => set({ unit })} />
        {anyFilter(filters) && (
          <button type="button" className="link-button stalls-clear" onClick={() => set({ from: null, to: null, domain: null, search: null, unit: null })}>
            {t('clear')}
          </button>
        )}
      </form>
      {badPeriod ? (
        <ErrorBox error={new Error(t('badPeriod'))} />
      ) : answer.isPending ? (
        <Loading lines={16} />
      ) : answer.isError ? (
        <ErrorBox error={answer.error} retry={() => void answer.refetch()} />
      ) : (
        <div aria-busy={answer.isFetching} className={answer.isPlaceholderData ? 'stalls-stale' : undefined}>
          <section aria-labelledby="stalls-standing">
            <h2 id="stalls-standing">{t('standing.heading')}</h2>
            <dl className="stalls-summary">
              {figures.map(([key, value]) => (
                <div key={key}>
                  <dt>{t(`standing.${key}`)}</dt>
                  <dd data-figure={key}>{value}</dd>
                </div>
              ))}
            </dl>
          </section>
          {answer.data.cases === 0 ? (
            <Empty>{t('none')}</Empty>
          ) : (
            <>
              <TimeTables data={answer.data} />
              <WaitsTable data={answer.data} />
              <HandoverTables data={answer.data} />
            </>
          )}
        </div>
      )}
    </div>
  );
}
