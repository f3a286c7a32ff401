/**
 * What the pages of the choice of people share: display names from an answer's `names` map, the
 * posts of a proposal whose person changes or that a constraint names (and in which order they
 * are listed), the placement's settings and constraints as URL search parameters, and the census's
 * dimension and unit read from the URL.
 */
import type { Census, Proposal } from '../../api/types.js';
import { pairsOf, type Constraint } from './placementConstraints.js';

/** One post of a proposal. */
export type ProposedPost = Proposal['posts'][number];
/** A census dimension. */
export type CensusBy = Census['by'];
/** The keys of a rate in a record (fitness adds experience). */
export const RATE_KEYS = ['firstTime', 'onTime', 'reopened', 'escalated'] as const;
/** The rates where a lower value is the better one. */
export const LOWER_IS_BETTER: ReadonlySet<string> = new Set(['reopened', 'escalated']);
/** The census dimensions, in the order the selector offers them. */
export const CENSUS_DIMENSIONS: readonly CensusBy[] = ['unit', 'domain', 'territory', 'tenure'];

/** The name of `id` in an answer's names map; the id itself when the map lacks it, '—' for none. */
export function nameIn(names: Readonly<Record<string, string>>, id: string | null | undefined): string {
  if (id === null || id === undefined) return '—';
  return names[id] ?? id;
}

/** True when the post is given to someone other than its holder (filled, moved, or left empty). */
export function changes(p: ProposedPost): boolean {
  return p.personId !== p.holderId;
}

/**
 * The posts as the table lists them: those whose person changes first (the largest gain first,
 * vacant posts filled then posts left empty after them), then the other posts `constrained` names
 * (a constraint's post stays in sight), then — with `all` — every other post; ties by post name.
 * Every post listed once.
 */
export function listedPosts(proposal: Proposal, all: boolean, constrained: ReadonlySet<string> = new Set()): ProposedPost[] {
  const name = (p: ProposedPost) => nameIn(proposal.names, p.postId);
  const byName = (a: ProposedPost, b: ProposedPost) => name(a).localeCompare(name(b));
  const rank = (p: ProposedPost) => (p.gainOverHolder !== null ? 0 : p.personId !== null ? 1 : 2);
  const changed = proposal.posts.filter(changes).sort((a, b) => rank(a) - rank(b) || (b.gainOverHolder ?? 0) - (a.gainOverHolder ?? 0) || byName(a, b));
  const kept = proposal.posts.filter((p) => !changes(p)).sort(byName);
  const named = kept.filter((p) => constrained.has(p.postId));
  if (!all) return [...changed, ...named];
  return [...changed, ...named, ...kept.filter((p) => !constrained.has(p.postId))];
}

/** Posts whose holder is left without a successor. */
export function emptied(proposal: Proposal): number {
  return proposal.posts.filter((p) => p.personId === null && p.holderId !== null).length;
}

/** The settings a proposal is asked with; `unit` null: every post the caller sees. */
export interface PlacementSettings {
  readonly unit: string | null;
  readonly vacant: boolean;
  readonly sameTerritory: boolean;
  readonly moveCost: number;
}

/** The server's default move cost. */
export const DEFAULT_MOVE_COST = 2;

/** A move cost the server takes (0–100), or null. */
export function moveCostOf(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : null;
}

/** The settings of the proposal asked for in the URL; null while none has been asked (`run` absent). */
export function readPlacement(params: URLSearchParams): PlacementSettings | null {
  if (params.get('run') !== '1') return null;
  const unit = params.get('unit');
  return { unit: unit === null || unit === '' ? null : unit, vacant: params.get('vacant') === 'true', sameTerritory: params.get('sameTerritory') === 'true', moveCost: moveCostOf(params.get('moveCost') ?? '') ?? DEFAULT_MOVE_COST };
}

/** Search parameters asking for a proposal with `s` under `constraints`. */
export function placementSearch(s: PlacementSettings, constraints: readonly Constraint[] = []): string {
  const p = new URLSearchParams({ run: '1' });
  if (s.unit !== null) p.set('unit', s.unit);
  if (s.vacant) p.set('vacant', 'true');
  if (s.sameTerritory) p.set('sameTerritory', 'true');
  if (s.moveCost !== DEFAULT_MOVE_COST) p.set('moveCost', String(s.moveCost));
  const pins = pairsOf(constraints, 'keep');
  const exclude = pairsOf(constraints, 'exclude');
  if (pins !== undefined) p.set('pins', pins);
  if (exclude !== undefined) p.set('exclude', exclude);
  return `?${p.toString()}`;
}

/** The census dimension in the URL (`by`), unit by default. */
export function readCensusBy(params: URLSearchParams): CensusBy {
  const by = params.get('by');
  return CENSUS_DIMENSIONS.find((d) => d === by) ?? 'unit';
}

/** The census's unit in the URL (`unit`), null for every unit the caller sees. */
export function readCensusUnit(params: URLSearchParams): string | null {
  const unit = params.get('unit');
  return unit === null || unit === '' ? null : unit;
}

/** Search parameters of the census grouped by `by` over `unit` (the defaults left out). */
export function censusSearch(by: CensusBy, unit: string | null): Record<string, string> {
  return { ...(by === 'unit' ? {} : { by }), ...(unit === null ? {} : { unit }) };
}
