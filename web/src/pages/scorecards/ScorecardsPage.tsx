/**
 * The unit scorecards (route /scorecards): a period (from, to) and optionally a unit's subtree
 * (GET /scorecards); the league table of the units, each over its subtree; the months of one unit
 * (the first of the table unless another is chosen) as a small chart and a table; decree inflation
 * per body (GET /decree-inflation). Every count opens to the cases behind it, each a link to its
 * case. The whole state lives in the URL.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, query } from '../../api/client.js';
import { useFormat } from '../../format.js';
import { Empty, ErrorBox, Loading } from '../../ui/states.js';
import { UnitSelect } from '../board/UnitPicker.js';
import { DecreeTable } from './DecreeTable.js';
import { FigureCasesPanel } from './FigureCasesPanel.js';
import { ScoreTable, type ScoreRow } from './ScoreTable.js';
import { TrendChart } from './TrendChart.js';
import { periodQuery, readState, writeState, type DecreeInflation, type OpenFigure, type ScorecardState, type Scorecards } from './scorecardsModel.js';
import './scorecards.css';

/** The scorecards page. */
export function ScorecardsPage() {
  const { t } = useTranslation('scorecards');
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const state = readState(params);
  const set = (next: Partial<ScorecardState>) => setParams(writeState({ ...state, ...next }));
  const period = periodQuery(state);
  const cards = useQuery({
    queryKey: ['scorecards', period, state.unit],
    queryFn: ({ signal }) => api<Scorecards>('GET', `/scorecards${query({ ...period, unit: state.unit })}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const decree = useQuery({
    queryKey: ['decree-inflation', period],
    queryFn: ({ signal }) => api<DecreeInflation>('GET', `/decree-inflation${query(period)}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const data = cards.data;
  const name = (id: string): string => data?.names[id] ?? id;
  const open = (o: OpenFigure) => set({ open: o });
  const trendUnit = data?.units.find((u) => u.unitId === state.trend) ?? data?.units[0];
  const shownFrom = state.from ?? data?.from.slice(0, 10) ?? '';
  const shownTo = state.to ?? data?.end.slice(0, 10) ?? '';
  const league: ScoreRow[] = (data?.units ?? []).map((u) => ({ key: u.unitId, rank: u.rank, heading: name(u.unitId), where: name(u.unitId), unit: u.unitId, month: null, figures: u.subtree }));
  const months: ScoreRow[] = (trendUnit?.months ?? []).map((m) => ({ key: m.month, heading: m.month, where: `${name(trendUnit?.unitId ?? '')}, ${m.month}`, unit: trendUnit?.unitId ?? '', month: m.month, figures: m.figures }));
  return (
    <div className="scorecards">
      <div className="page-head">
        <h1>{t('title')}</h1>
        {data !== undefined && <p className="muted">{t('asOf', { when: f.dateTime(data.asOf) })}</p>}
      </div>
      <p className="score-intro">{t('intro')}</p>
      <div className="toolbar score-toolbar">
        <label className="field">
          <span>{t('from')}</span>
          <input type="date" value={shownFrom} onChange={(e) => set({ from: e.target.value === '' ? null : e.target.value, open: null })} />
        </label>
        <label className="field">
          <span>{t('to')}</span>
          <input type="date" value={shownTo} onChange={(e) => set({ to: e.target.value === '' ? null : e.target.value, open: null })} />
        </label>
        <UnitSelect value={state.unit} onChange={(u) => set({ unit: u, trend: null, open: null })} />
      </div>
      {cards.isPending ? (
        <Loading lines={12} />
      ) : cards.isError ? (
        <ErrorBox error={cards.error} retry={() => void cards.refetch()} />
      ) : cards.data.units.length === 0 ? (
        <Empty>{t('none')}</Empty>
      ) : (
        <div aria-busy={cards.isFetching} className={cards.isPlaceholderData ? 'score-stale' : undefined}>
          {state.open !== null && <FigureCasesPanel open={state.open} period={period} where={name(state.open.unit)} close={() => set({ open: null })} />}
          <section aria-labelledby="score-league">
            <h2 id="score-league">{t('league.heading')}</h2>
            <p className="muted">{t('league.note')}</p>
            <ScoreTable caption={t('league.caption', { from: f.date(cards.data.from), to: f.date(cards.data.end) })} headingLabel={t('col.unit')} rows={league} open={state.open} onOpen={open} ranked />
          </section>
          {trendUnit !== undefined && (
            <section aria-labelledby="score-trend">
              <h2 id="score-trend">{t('trend.heading', { unit: name(trendUnit.unitId) })}</h2>
              <label className="field">
                <span>{t('trend.unit')}</span>
                <select value={trendUnit.unitId} onChange={(e) => set({ trend: e.target.value })}>
                  {cards.data.units.map((u) => (
                    <option key={u.unitId} value={u.unitId}>
                      {name(u.unitId)}
                    </option>
                  ))}
                </select>
              </label>
              <figure className="score-trend-figure">
                <TrendChart months={trendUnit.months} />
                <figcaption className="muted">{t('trend.chart')}</figcaption>
              </figure>
              <ScoreTable caption={t('trend.caption', { unit: name(trendUnit.unitId) })} headingLabel={t('col.month')} rows={months} open={state.open} onOpen={open} />
            </section>
          )}
        </div>
      )}
      <section aria-labelledby="score-decree">
        <h2 id="score-decree">{t('decree.heading')}</h2>
        <p className="muted">{t('decree.note')}</p>
        {decree.isPending ? (
          <Loading />
        ) : decree.isError ? (
          <ErrorBox error={decree.error} retry={() => void decree.refetch()} />
        ) : decree.data.bodies.length === 0 ? (
          <Empty>{t('decree.none')}</Empty>
        ) : (
          <DecreeTable data={decree.data} />
        )}
      </section>
    </div>
  );
}
