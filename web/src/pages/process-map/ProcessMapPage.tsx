/**
 * The process map (route /process-map): how the cases the reader sees really move (GET
 * /process-map) — filtered by unit (the board's unit picker: the owner's unit at issue, with the
 * units below), domain and period of issue, all in the URL — as a graph laid out by dagre (its
 * chunk loaded on first use), its rarer paths hidden by a "paths shown" slider, its boxes and arrows
 * selectable for their figures in the side panel; the figures of the map, and every pair in a table.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, query } from '../../api/client.js';
import { useFormat } from '../../format.js';
import { Empty, ErrorBox, Loading } from '../../ui/states.js';
import { UnitSelect } from '../board/UnitPicker.js';
import { EdgeTable } from './EdgeTable.js';
import { edgeKey, mapSearch, readFilters, readPaths, topEdges, type MapFilters, type ProcessMap } from './processMapModel.js';
import type { Selection } from './Selection.js';
import { SelectionPanel } from './SelectionPanel.js';
import './processmap.css';

const ProcessGraph = lazy(() => import('./ProcessGraph.js'));

/** The process-map page. */
export function ProcessMapPage() {
  const { t } = useTranslation('processmap');
  const { t: tc, i18n } = useTranslation('case');
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const paths = readPaths(params);
  const [selection, setSelection] = useState<Selection | null>(null);
  const set = (next: Partial<MapFilters>, nextPaths = paths) => {
    setSelection(null);
    setParams(mapSearch({ ...filters, ...next }, nextPaths));
  };
  const map = useQuery({
    queryKey: ['process-map', filters.unit, filters.domain, filters.from, filters.to],
    queryFn: ({ signal }) => api<ProcessMap>('GET', `/process-map${query({ unit: filters.unit, domain: filters.domain, from: filters.from, to: filters.to })}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const label = useCallback((activity: string) => tc(`event.${activity}`, { defaultValue: activity }), [tc, i18n.language]);
  const data = map.data;
  const shown = useMemo(() => (data === undefined ? [] : topEdges(data.edges, paths)), [data, paths]);
  const shownKeys = useMemo(() => new Set(shown.map(edgeKey)), [shown]);
  const badPeriod = filters.from !== null && filters.to !== null && filters.to <= filters.from;

  return (
    <div className="process-map">
      <div className="page-head">
        <h1>{t('title')}</h1>
      </div>
      <p className="pm-intro">{t('intro')}</p>
      <form className="toolbar pm-filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <UnitSelect value={filters.unit} onChange={(unit) => set({ unit })} />
        <label className="field">
          <span>{t('domain')}</span>
          <select value={filters.domain ?? ''} onChange={(e) => set({ domain: e.target.value === '' ? null : e.target.value })}>
            <option value="">{t('allDomains')}</option>
            {filters.domain !== null && !(data?.domains ?? []).includes(filters.domain) && <option value={filters.domain}>{filters.domain}</option>}
            {(data?.domains ?? []).map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('from')}</span>
          <input type="date" value={filters.from ?? ''} onChange={(e) => set({ from: e.target.value === '' ? null : e.target.value })} />
        </label>
        <label className="field">
          <span>{t('to')}</span>
          <input type="date" value={filters.to ?? ''} onChange={(e) => set({ to: e.target.value === '' ? null : e.target.value })} />
        </label>
        {(filters.unit !== null || filters.domain !== null || filters.from !== null || filters.to !== null) && (
          <button type="button" className="pm-link pm-clear" onClick={() => set({ unit: null, domain: null, from: null, to: null })}>
            {t('clear')}
          </button>
        )}
      </form>
      {badPeriod ? (
        <ErrorBox error={new Error(`${t('to')} > ${t('from')}`)} />
      ) : map.isPending ? (
        <Loading lines={16} />
      ) : map.isError ? (
        <ErrorBox error={map.error} retry={() => void map.refetch()} />
      ) : (
        <div aria-busy={map.isFetching} className={map.isPlaceholderData ? 'pm-stale' : undefined}>
          <section aria-labelledby="pm-summary">
            <h2 id="pm-summary" className="visually-hidden">
              {t('summary')}
            </h2>
            <dl className="pm-summary">
              <div>
                <dt>{t('cases')}</dt>
                <dd data-figure="cases">{f.number(map.data.cases)}</dd>
              </div>
              <div>
                <dt>{t('events')}</dt>
                <dd data-figure="events">{f.number(map.data.events)}</dd>
              </div>
              <div>
                <dt>{t('activities')}</dt>
                <dd data-figure="activities">{f.number(map.data.activities.length)}</dd>
              </div>
              <div>
                <dt>{t('pairs')}</dt>
                <dd data-figure="pairs">{t('pairsShown', { shown: f.number(shown.length), total: f.number(map.data.edges.length) })}</dd>
              </div>
            </dl>
          </section>
          {map.data.cases === 0 ? (
            <Empty>{t('none')}</Empty>
          ) : (
            <>
              <div className="pm-paths">
                <label className="field">
                  <span>{t('paths')}</span>
                  <input type="range" min={1} max={100} step={1} value={paths} aria-valuetext={t('pathsHint', { percent: paths })} onChange={(e) => set({}, Number(e.target.value))} />
                </label>
                <output className="muted" aria-hidden="true">
                  {t('pathsHint', { percent: paths })}
                </output>
              </div>
              <div className="pm-layout">
                <Suspense fallback={<Loading lines={16} />}>
                  <ProcessGraph map={map.data} shown={shown} selection={selection} onSelect={setSelection} label={label} />
                </Suspense>
                <SelectionPanel map={map.data} selection={selection} onSelect={setSelection} label={label} />
              </div>
              <section aria-labelledby="pm-table-title">
                <h2 id="pm-table-title">{t('table.title')}</h2>
                <EdgeTable edges={map.data.edges} shown={shownKeys} selection={selection} onSelect={setSelection} label={label} />
              </section>
            </>
          )}
        </div>
      )}
    </div>
  );
}
