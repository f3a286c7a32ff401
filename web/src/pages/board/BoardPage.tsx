/**
 * The control board (route /board), for people who oversee units: in one request (GET /board) the
 * totals of open work in a unit's subtree, a row per unit below it, the escalations at each ladder
 * level and the bodies' agendas with their load. Every number opens the list behind it below the
 * board, listed with the very filter it was counted with; the board's state lives in the URL.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, query } from '../../api/client.js';
import { useFormat } from '../../format.js';
import { ErrorBox, Loading } from '../../ui/states.js';
import { AgendaPanel } from './AgendaPanel.js';
import { BodyLoadTable } from './BodyLoadTable.js';
import { BoardTiles } from './BoardTiles.js';
import { boardSearch, countOf, readBoardState, type Board, type BoardState } from './boardModel.js';
import { CaseDrill } from './CaseDrill.js';
import { EscalationTable } from './EscalationTable.js';
import { UnitSelect, UnitTrail, useUnitName } from './UnitPicker.js';
import { UnitTable } from './UnitTable.js';
import './board.css';

const SOON_CHOICES = [1, 3, 7, 14, 30];

/** The control board. */
export function BoardPage() {
  const { t } = useTranslation('board');
  const f = useFormat();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const state = readBoardState(params);
  // The focus moves to a list or agenda opened from the page, not to one the page was opened at.
  const [landing] = useState(() => params.toString());
  const moved = params.toString() !== landing;
  const unitName = useUnitName();
  const board = useQuery({
    queryKey: ['board', state.unit, state.soonDays],
    queryFn: ({ signal }) => api<Board>('GET', `/board${query({ unit: state.unit, soonDays: state.soonDays })}`, { signal }),
    placeholderData: keepPreviousData,
  });
  /** A link to the board in another state. */
  const to = (change: Partial<BoardState>) => `/board${boardSearch({ ...state, ...change })}`;
  /** The board narrowed to a unit: no list, no agenda open. */
  const narrow = (unit: string | null) => to({ unit, list: null });
  const data = board.data;
  const soonChoices = SOON_CHOICES.includes(state.soonDays) ? SOON_CHOICES : [...SOON_CHOICES, state.soonDays].sort((a, b) => a - b);

  return (
    <div className="board">
      <div className="page-head">
        <h1>{t('title')}</h1>
        {data !== undefined && <p className="muted">{t('asOf', { when: f.dateTime(data.asOf) })}</p>}
      </div>
      <UnitTrail unit={state.unit} href={narrow} />
      <form className="toolbar" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <UnitSelect value={state.unit} onChange={(unit) => void navigate(narrow(unit))} />
        <label className="field">
          <span>{t('soonDays')}</span>
          <select value={state.soonDays} onChange={(e) => void navigate(to({ soonDays: Number(e.target.value) }))}>
            {soonChoices.map((n) => (
              <option key={n} value={n}>
                {t('days', { count: n, number: f.number(n) })}
              </option>
            ))}
          </select>
        </label>
      </form>

      {board.isPending ? (
        <Loading lines={14} />
      ) : board.isError ? (
        <ErrorBox error={board.error} retry={() => void board.refetch()} />
      ) : (
        <div aria-busy={board.isFetching} className={board.isPlaceholderData ? 'board-stale' : undefined}>
          <BoardTiles
            totals={board.data.totals}
            soonDays={state.soonDays}
            current={state.list !== null && state.list.unit === state.unit && state.list.level === null ? state.list.kind : null}
            href={(kind) => to({ list: { kind, unit: state.unit, level: null } })}
          />
          <div className="board-columns">
            <section aria-labelledby="units-heading" className="board-units-section">
              <h2 id="units-heading">{state.unit === null ? t('units.title') : t('units.below', { name: unitName(state.unit) })}</h2>
              <UnitTable
                board={board.data}
                drill={(unit) => narrow(unit)}
                href={(kind, unit) => to({ list: { kind, unit, level: null } })}
                current={state.list !== null && state.list.level === null ? state.list : null}
              />
            </section>
            <section aria-labelledby="escalations-heading" className="board-escalations-section">
              <h2 id="escalations-heading">{t('escalations.title')}</h2>
              <EscalationTable
                escalations={board.data.escalations}
                href={(level) => to({ list: { kind: 'escalated', unit: state.unit, level } })}
                current={state.list?.level ?? null}
              />
            </section>
          </div>
          <section aria-labelledby="bodies-heading">
            <h2 id="bodies-heading">{t('bodies.title')}</h2>
            <BodyLoadTable bodies={board.data.bodies} current={state.agenda} href={(bodyId, view) => to({ agenda: { bodyId, view } })} />
            {state.agenda !== null && (
              <AgendaPanel
                bodyId={state.agenda.bodyId}
                view={state.agenda.view}
                name={board.data.bodies.find((b) => b.bodyId === state.agenda?.bodyId)?.name ?? state.agenda.bodyId}
                href={(view) => to({ agenda: state.agenda === null ? null : { bodyId: state.agenda.bodyId, view } })}
                close={to({ agenda: null })}
                focus={moved}
              />
            )}
          </section>
          {state.list !== null && (
            <CaseDrill list={state.list} soonDays={state.soonDays} unitName={unitName(state.list.unit)} count={countOf(board.data, state.list)} close={to({ list: null })} focus={moved} />
          )}
        </div>
      )}
    </div>
  );
}
