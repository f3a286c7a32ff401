/**
 * The scorecards page's state and shapes: the period, the unit, the unit whose months are shown and
 * the figure opened all live in the URL; the API's answers are typed from the server's schemas.
 */
import type { z } from 'zod';
import type { decreeCasesSchema, decreeInflationSchema, figuresSchema, scorecardCasesSchema, scorecardsSchema } from '../../../../src/http/routes/scorecards.schemas.js';

/** GET /scorecards. */
export type Scorecards = z.infer<typeof scorecardsSchema>;
/** One unit's figures. */
export type Figures = z.infer<typeof figuresSchema>;
/** GET /scorecards/cases. */
export type FigureCases = z.infer<typeof scorecardCasesSchema>;
/** GET /decree-inflation. */
export type DecreeInflation = z.infer<typeof decreeInflationSchema>;
/** GET /decree-inflation/cases. */
export type DecreeCases = z.infer<typeof decreeCasesSchema>;
/** A figure of a body's month that opens to what is behind it. */
export type DecreeFigure = DecreeCases['figure'];

/** The figures that open to their cases, in the order the tables show them. */
export const FIGURES = ['issued', 'verified', 'verifiedOnTime', 'escalations', 'rejections', 'reopenings', 'extensions'] as const;
/** A figure that opens to its cases. */
export type FigureKey = (typeof FIGURES)[number] | 'verifiedLate' | 'held';

/** The figure whose cases are shown: which unit, which figure, and one month or the whole period. */
export interface OpenFigure {
  readonly unit: string;
  readonly figure: FigureKey;
  readonly month: string | null;
}

/** The page's state as the URL holds it. */
export interface ScorecardState {
  readonly from: string | null;
  readonly to: string | null;
  readonly unit: string | null;
  readonly trend: string | null;
  readonly open: OpenFigure | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const KEYS: readonly string[] = [...FIGURES, 'verifiedLate', 'held'];

/** Reads the state from the URL (anything malformed is left out). */
export function readState(params: URLSearchParams): ScorecardState {
  const day = (k: string): string | null => {
    const v = params.get(k);
    return v !== null && DAY.test(v) ? v : null;
  };
  const [unit, figure, month] = (params.get('open') ?? '').split('|');
  const open = unit !== undefined && unit !== '' && figure !== undefined && KEYS.includes(figure) ? { unit, figure: figure as FigureKey, month: month !== undefined && /^\d{4}-\d{2}$/.test(month) ? month : null } : null;
  return { from: day('from'), to: day('to'), unit: params.get('unit') || null, trend: params.get('trend') || null, open };
}

/** The URL search of a state. */
export function writeState(s: ScorecardState): Record<string, string> {
  const out: Record<string, string> = {};
  if (s.from !== null) out['from'] = s.from;
  if (s.to !== null) out['to'] = s.to;
  if (s.unit !== null) out['unit'] = s.unit;
  if (s.trend !== null) out['trend'] = s.trend;
  if (s.open !== null) out['open'] = [s.open.unit, s.open.figure, s.open.month ?? ''].join('|').replace(/\|$/, '');
  return out;
}

/** The period's part of an API query. */
export function periodQuery(s: ScorecardState): { from?: string; to?: string } {
  return { ...(s.from !== null ? { from: s.from } : {}), ...(s.to !== null ? { to: s.to } : {}) };
}

/** The count a figure shows. */
export function countOf(f: Figures, key: FigureKey): number {
  return key === 'held' ? f.caseCounts['held'] ?? 0 : f[key];
}

const HOUR = 3_600_000;

/** Milliseconds as hours. */
export function hoursOf(ms: number): number {
  return ms / HOUR;
}
