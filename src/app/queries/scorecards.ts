/**
 * Unit scorecards and decree inflation (issue #7, F10) as a caller sees them. The record is read in
 * one pass (`assignmentEvents`: every assignment event, page by page), each case reduced to what the
 * scorecards count (`readScoreCase`), and kept while no event is appended (checked against the
 * newest position); every answer is then computed in memory, with no query per case.
 *
 * Scope: every signed-in caller; the scorecards hold only the units the caller's roles cover (a
 * unit asked for that they may not see is NOT_FOUND). The cases behind a figure are counted whole
 * (they are the unit's cases), but listed only when the caller may see the case itself — as a party
 * or through a role over where it sits now — the rest are counted as hidden. Decree inflation is
 * over bodies and decisions, the organisation's public acts: every caller with a role sees every
 * body; a caller without a role sees none.
 */
import type { Principal } from '../../domain/access/access-policy.js';
import { canSeeAssignment, type AssignmentParties } from '../../domain/access/access-policy.js';
import type { AssignmentStatus } from '../../domain/assignment/assignment.state.js';
import type { StateOf } from '../../domain/streams.js';
import { decreeInflation, type BodyInflation, type DecreeDecision } from '../../analytics/decree-inflation.js';
import { readScoreCase, type ScoreCase } from '../../analytics/scorecard-case.js';
import { monthSpans, scorecards, type FigureKey, type ScorecardReport, type ScoreUnit, type UnitScorecard } from '../../analytics/scorecards.js';
import type { Store } from '../../store/port.js';
import { partiesOf } from '../access/gate.js';
import { appFail, type AppResult } from '../errors.js';
import { assignmentEvents } from './case-ledgers.js';
import { allStreams, visibleUnitsWithin } from './scope.js';

/** A case as the scorecards keep it: its facts, and what its visibility and its listing need. */
export interface ScoredCase {
  readonly facts: ScoreCase;
  readonly parties: AssignmentParties;
  /** The unit of its owner now (where the case sits for the access policy). */
  readonly ownerUnitId: string;
  readonly title: string;
  readonly status: AssignmentStatus;
  readonly deadline: string;
  readonly ownerId: string;
}

/** Everything the scorecards compute from, as of the record's `position`. */
export interface ScoreData {
  readonly position: number;
  readonly cases: ReadonlyMap<string, ScoredCase>;
  readonly units: readonly ScoreUnit[];
  readonly decisions: ReadonlyMap<string, DecreeDecision>;
}

async function readData(store: Store): Promise<ScoreData> {
  // Events first: the position read is then at most as new as the snapshots after it.
  const { position, byStream } = await assignmentEvents(store);
  const cases = new Map<string, ScoredCase>();
  for (const [caseId, events] of byStream) {
    const first = events[0];
    if (first?.type !== 'assignment.issued') continue;
    const { facts, state } = readScoreCase(caseId, events);
    cases.set(caseId, { facts, parties: partiesOf(state), ownerUnitId: state.units[state.ownerId] ?? '', title: state.title, status: state.status, deadline: state.deadline, ownerId: state.ownerId });
  }
  const units = (await allStreams(store, 'unit')).map((s): ScoreUnit => ({ unitId: s.id, parentId: (s.state as StateOf<'unit'>).parentId }));
  const decisions = new Map(
    (await allStreams(store, 'decision')).map((s): [string, DecreeDecision] => {
      const d = s.state as StateOf<'decision'>;
      return [s.id, { decisionId: s.id, bodyId: d.bodyId, date: d.date }];
    }),
  );
  return { position, cases, units, decisions };
}

const cache = new WeakMap<Store, Promise<ScoreData>>();

/** The record's cases, units and decisions, from the cache when no event was appended since it was read. */
export async function scoreData(store: Store): Promise<ScoreData> {
  const cached = cache.get(store);
  if (cached !== undefined) {
    const data = await cached.catch(() => undefined);
    if (data !== undefined && (await store.reads.eventsAfter(data.position, 1)).length === 0) return data;
  }
  const reading = readData(store);
  cache.set(store, reading);
  reading.catch(() => cache.delete(store));
  return reading;
}

/** A period [from, to) in UTC ms. */
export interface Period {
  readonly from: number;
  readonly to: number;
}

/** The start (UTC ms) of the month `back` months before the one holding `ms`. */
function monthStart(ms: number, back: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1);
}

/** A day (YYYY-MM-DD, its UTC midnight) or an ISO instant, in UTC ms; undefined for anything else. */
export function parseBound(text: string): number | undefined {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00.000Z`) : /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** The period asked for: by default, from the start of the month eleven months back to `now` (twelve calendar months). VALIDATION_FAILED for an unreadable bound or one not after the other. */
export function periodOf(asked: { readonly from?: string; readonly to?: string }, now: number): AppResult<Period> {
  const to = asked.to === undefined ? now : parseBound(asked.to);
  if (to === undefined) return appFail('VALIDATION_FAILED', `'to' is neither a day (YYYY-MM-DD) nor an instant: ${asked.to ?? ''}`, { field: 'to' });
  const from = asked.from === undefined ? monthStart(Math.min(to, now) - 1, 11) : parseBound(asked.from);
  if (from === undefined) return appFail('VALIDATION_FAILED', `'from' is neither a day (YYYY-MM-DD) nor an instant: ${asked.from ?? ''}`, { field: 'from' });
  if (!(to > from)) return appFail('VALIDATION_FAILED', "the period's 'to' must come after its 'from'", { field: 'to' });
  if (to - from > 20 * 366 * 86_400_000) return appFail('VALIDATION_FAILED', 'a period covers at most twenty years', { field: 'from' });
  return { ok: true, value: { from, to } };
}

/** What the scorecards are asked. */
export interface ScorecardQuery {
  readonly from?: string;
  readonly to?: string;
  readonly unitId?: string;
  readonly now: number;
}

/** The scorecards of the units the caller sees (within a unit's subtree when asked), in league order. */
export async function unitScorecards(store: Store, principal: Principal, query: ScorecardQuery): Promise<AppResult<ScorecardReport>> {
  const period = periodOf(query, query.now);
  if (!period.ok) return period;
  const scope = await visibleUnitsWithin(store, principal, query.unitId);
  if (!scope.ok) return scope;
  const data = await scoreData(store);
  const report = scorecards({ cases: [...data.cases.values()].map((c) => c.facts), units: data.units, from: period.value.from, to: period.value.to, now: query.now });
  return { ok: true, value: { ...report, units: report.units.filter((u) => scope.value.has(u.unitId)) } };
}

/** A case behind a figure, as listed. */
export interface FigureCase {
  readonly id: string;
  readonly title: string;
  readonly status: AssignmentStatus;
  readonly deadline: string;
  readonly ownerId: string;
}

/** What the cases behind one figure are asked. */
export interface FigureCasesQuery extends ScorecardQuery {
  readonly unitId: string;
  readonly figure: FigureKey;
  /** The unit's own cases, or its subtree's (default). */
  readonly scope?: 'own' | 'subtree';
  /** One month of the period (YYYY-MM; subtree figures only, as the months are). */
  readonly month?: string;
  readonly limit?: number;
}

/** The cases behind one figure: how many the figure counts, how many of them the caller may not open, and those they may (up to `limit`, by id). */
export interface FigureCases {
  readonly unitId: string;
  readonly figure: FigureKey;
  readonly scope: 'own' | 'subtree';
  readonly month: string | null;
  readonly from: number;
  readonly to: number;
  readonly total: number;
  readonly hidden: number;
  readonly items: readonly FigureCase[];
}

/** The chain of units above `unitId`, itself first. */
function chainOf(parentOf: ReadonlyMap<string, string | null>, unitId: string): string[] {
  const out: string[] = [];
  for (let at: string | null | undefined = unitId; at !== null && at !== undefined && parentOf.has(at) && !out.includes(at); at = parentOf.get(at)) out.push(at);
  return out;
}

/**
 * Of the cases `ids` (in their order), those the caller may open — as a party, or through a role over
 * where the case sits now (its owner's unit and the units above, and its decision's body) — as
 * listed; a case the record does not hold (any more) is left out too. The rest are the caller's
 * hidden count.
 */
export function openableCases(data: ScoreData, principal: Principal, ids: readonly string[]): FigureCase[] {
  const bodyOf = (decisionId: string): string | null => data.decisions.get(decisionId)?.bodyId ?? null;
  const parentOf = new Map(data.units.map((u) => [u.unitId, u.parentId]));
  const seen: FigureCase[] = [];
  for (const id of ids) {
    const c = data.cases.get(id);
    if (c === undefined) continue;
    if (!canSeeAssignment(principal, c.parties, { units: chainOf(parentOf, c.ownerUnitId), bodyId: bodyOf(c.facts.decisionId) })) continue;
    seen.push({ id, title: c.title, status: c.status, deadline: c.deadline, ownerId: c.ownerId });
  }
  return seen;
}

/** The cases behind one figure of one unit's scorecard. NOT_FOUND for a unit the caller may not see; VALIDATION_FAILED for a month outside the period. */
export async function scorecardCases(store: Store, principal: Principal, query: FigureCasesQuery): Promise<AppResult<FigureCases>> {
  const found = await unitScorecards(store, principal, query);
  if (!found.ok) return found;
  const card: UnitScorecard | undefined = found.value.units.find((u) => u.unitId === query.unitId);
  if (card === undefined) return appFail('NOT_FOUND', `no unit ${query.unitId}`, { id: query.unitId });
  const scope = query.scope ?? 'subtree';
  let figures = scope === 'own' ? card.own : card.subtree;
  if (query.month !== undefined) {
    const month = card.months.find((m) => m.month === query.month);
    if (month === undefined) return appFail('VALIDATION_FAILED', `the month ${query.month} is not in the period`, { field: 'month' });
    if (scope === 'own') return appFail('VALIDATION_FAILED', 'months are counted over the subtree only', { field: 'scope' });
    figures = month.figures;
  }
  const ids = figures.cases[query.figure];
  const seen = openableCases(await scoreData(store), principal, ids);
  return {
    ok: true,
    value: { unitId: query.unitId, figure: query.figure, scope, month: query.month ?? null, from: found.value.from, to: found.value.to, total: ids.length, hidden: ids.length - seen.length, items: seen.slice(0, query.limit ?? 200) },
  };
}

/** Decree inflation over a period, as the caller sees it: each body with its months (those of `months`, up to `end`). */
export interface DecreeInflationReport {
  readonly from: number;
  readonly to: number;
  /** min(to, now): where the months stop. */
  readonly end: number;
  /** The months ('YYYY-MM', UTC) of [from, end), those every body's trend has, in order. */
  readonly months: readonly string[];
  readonly bodies: readonly BodyInflation[];
}

/** Decree inflation of every body with its months (for a caller with a role; none for a caller without one). */
export async function decreeInflationReport(store: Store, principal: Principal, query: { readonly from?: string; readonly to?: string; readonly now: number }): Promise<AppResult<DecreeInflationReport>> {
  const period = periodOf(query, query.now);
  if (!period.ok) return period;
  const { from, to } = period.value;
  const end = Math.max(from, Math.min(to, query.now));
  const months = monthSpans(from, end).map((m) => m.month);
  if (principal.grants.length === 0) return { ok: true, value: { from, to, end, months, bodies: [] } };
  const data = await scoreData(store);
  const bodies = decreeInflation({ decisions: data.decisions.values(), cases: [...data.cases.values()].map((c) => c.facts), from, to, now: query.now });
  return { ok: true, value: { from, to, end, months, bodies } };
}
