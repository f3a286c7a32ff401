/**
 * The control board's data and state: the shape GET /board answers with, the board's state as
 * URL search parameters (so the back button and links work), and — for each number — the exact
 * filter of GET /assignments behind it, so the list it opens is as long as the number says.
 */
import type { z } from 'zod';
import type { boardSchema, caseFiguresSchema } from '../../../../src/http/routes/board.schemas.js';
import type { CaseFilter } from '../../ui/PagedCaseTable.js';

/** GET /board: totals, one row per unit below the board's unit, escalations by ladder level, bodies' load. */
export type Board = z.infer<typeof boardSchema>;
/** Counts of open cases over a unit's subtree (or everything the caller sees). */
export type BoardCounts = z.infer<typeof caseFiguresSchema>;
/** A body's agenda load as the board gives it. */
export type BoardBody = Board['bodies'][number];

/** The numbers of the board, each opening a list of cases. */
export const COUNTS = ['open', 'overdue', 'dueSoon', 'submitted', 'escalated'] as const;
/** One of COUNTS. */
export type CountKind = (typeof COUNTS)[number];

/** Which of a body's agenda items the agenda panel lists. */
export const AGENDA_VIEWS = ['open', 'scheduled', 'all'] as const;
/** One of AGENDA_VIEWS. */
export type AgendaView = (typeof AGENDA_VIEWS)[number];

/** The default "due soon" horizon, in days (the server's default too). */
export const DEFAULT_SOON_DAYS = 7;

/** The board's state, read from the URL. */
export interface BoardState {
  /** The unit the board is narrowed to (null: every unit the caller sees). */
  readonly unit: string | null;
  readonly soonDays: number;
  /** The list of cases open below the board, if any. */
  readonly list: { readonly kind: CountKind; readonly unit: string | null; readonly level: number | null } | null;
  /** The body whose agenda is shown, and which items. */
  readonly agenda: { readonly bodyId: string; readonly view: AgendaView } | null;
}

const isCount = (v: string | null): v is CountKind => v !== null && (COUNTS as readonly string[]).includes(v);
const isView = (v: string | null): v is AgendaView => v !== null && (AGENDA_VIEWS as readonly string[]).includes(v);

/** The longest "due soon" horizon the server takes, in days. */
export const MAX_SOON_DAYS = 60;

function positiveInt(v: string | null, max = 999): number | null {
  if (v === null || !/^\d{1,3}$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 && n <= max ? n : null;
}

/** The board's state from search parameters (what is malformed is left out). */
export function readBoardState(params: URLSearchParams): BoardState {
  const unit = params.get('unit') || null;
  const kind = params.get('list');
  const bodyId = params.get('body') || null;
  const view = params.get('agenda');
  return {
    unit,
    soonDays: positiveInt(params.get('soon'), MAX_SOON_DAYS) ?? DEFAULT_SOON_DAYS,
    list: isCount(kind) ? { kind, unit: params.get('in') || unit, level: kind === 'escalated' ? positiveInt(params.get('level')) : null } : null,
    agenda: bodyId === null ? null : { bodyId, view: isView(view) ? view : 'open' },
  };
}

/** Search parameters for a board state (defaults left out, so URLs stay short). */
export function boardSearch(s: BoardState): string {
  const p = new URLSearchParams();
  if (s.unit !== null) p.set('unit', s.unit);
  if (s.soonDays !== DEFAULT_SOON_DAYS) p.set('soon', String(s.soonDays));
  if (s.list !== null) {
    p.set('list', s.list.kind);
    if (s.list.unit !== s.unit && s.list.unit !== null) p.set('in', s.list.unit);
    if (s.list.level !== null) p.set('level', String(s.list.level));
  }
  if (s.agenda !== null) {
    p.set('body', s.agenda.bodyId);
    if (s.agenda.view !== 'open') p.set('agenda', s.agenda.view);
  }
  const q = p.toString();
  return q === '' ? '' : `?${q}`;
}

/**
 * The filters of GET /assignments behind a number (their union, disjoint): the same unit subtree,
 * the same "due soon" horizon and ladder level as the board counted with.
 */
export function caseFilters(list: NonNullable<BoardState['list']>, soonDays: number): CaseFilter[] {
  const unit = list.unit ?? undefined;
  switch (list.kind) {
    case 'open':
      return [{ unit, open: 'true' }];
    case 'overdue':
      return [{ unit, overdue: 'true' }];
    case 'dueSoon':
      return [{ unit, dueWithinDays: soonDays }];
    case 'submitted':
      return [{ unit, status: 'submitted' }];
    case 'escalated':
      return [{ unit, escalated: 'true', level: list.level ?? undefined }];
  }
}

/** The number on the board that a list stands for (undefined if the board does not show it). */
export function countOf(board: Board, list: NonNullable<BoardState['list']>): number | undefined {
  if (list.level !== null) return board.escalations.find((e) => e.level === list.level)?.count;
  if (list.unit === board.unitId) return board.totals[list.kind];
  return board.units.find((u) => u.unitId === list.unit)?.[list.kind];
}
