/**
 * What `proverka census` prints: the groups of responsible people on one dimension with their
 * counts and pooled rates (each with its 95% interval) and a total line; optionally every entry;
 * and the census as JSON, the API's fields with the names of what it names.
 */
import type { Census } from '../../app/queries/people-choice.js';
import type { CensusEntry, CensusGroup } from '../../placement/census.js';
import type { RateEstimate } from '../../placement/people.js';
import { wilsonInterval } from '../../placement/person-record.js';
import { formatCount, formatInstant, plural } from './format.js';
import type { Names } from './placement.js';
import { renderTable } from './table.js';

const percent = (x: number): string => (x * 100).toFixed(1);

/** A rate as `86.3 [83.9–88.4]`: the observed percentage and its 95% Wilson interval; `-` without trials. */
export function formatRate(successes: number, trials: number): string {
  if (trials === 0) return '-';
  const { low, high } = wilsonInterval(successes, trials);
  return `${percent(successes / trials)} [${percent(low)}–${percent(high)}]`;
}

function rateOf(e: RateEstimate): string {
  return formatRate(e.successes, e.trials);
}

/** A person's rate, compact: `92% of 25` (the share of their verified cases), `-` without any. */
function shortRate(e: RateEstimate): string {
  return e.trials === 0 ? '-' : `${Math.round((e.successes / e.trials) * 100)}% of ${formatCount(e.trials)}`;
}

/** The sums of all groups: people, owned and verified cases, and the successes and trials of both rates. */
export interface CensusTotal {
  readonly people: number;
  readonly owned: number;
  readonly verified: number;
  readonly firstTime: { readonly successes: number; readonly trials: number };
  readonly onTime: { readonly successes: number; readonly trials: number };
}

/** The groups summed (every entry falls in exactly one group, so this is the whole census). */
export function censusTotal(groups: readonly CensusGroup[]): CensusTotal {
  const sum = (f: (g: CensusGroup) => number): number => groups.reduce((a, g) => a + f(g), 0);
  return {
    people: sum((g) => g.people),
    owned: sum((g) => g.owned),
    verified: sum((g) => g.verified),
    firstTime: { successes: sum((g) => g.firstTime.successes), trials: sum((g) => g.firstTime.trials) },
    onTime: { successes: sum((g) => g.onTime.successes), trials: sum((g) => g.onTime.trials) },
  };
}

const DIMENSION_HEADER: Readonly<Record<Census['by'], string>> = { unit: 'department', domain: 'domain', territory: 'territory', tenure: 'years in post' };

/** The key of a group as shown: the unit's name for units, the key itself otherwise. */
function keyName(census: Census, key: string, names: Names): string {
  return census.by === 'unit' ? (names.get(key) ?? key) : key;
}

/** The groups table with the total as its last line. */
function groupsTable(census: Census, names: Names): string[] {
  const total = censusTotal(census.groups);
  const rows = census.groups.map((g) => [keyName(census, g.key, names), formatCount(g.people), formatCount(g.owned), formatCount(g.verified), rateOf(g.firstTime), rateOf(g.onTime)]);
  rows.push(['total', formatCount(total.people), formatCount(total.owned), formatCount(total.verified), formatRate(total.firstTime.successes, total.firstTime.trials), formatRate(total.onTime.successes, total.onTime.trials)]);
  return renderTable(
    [
      { header: DIMENSION_HEADER[census.by], max: 32 },
      { header: 'people', align: 'right' },
      { header: 'owned', align: 'right' },
      { header: 'verified', align: 'right' },
      { header: 'first-time %', align: 'right' },
      { header: 'on-time %', align: 'right' },
    ],
    rows,
    '  ',
  );
}

/** The value of an entry on the census's dimension (its own unit's name for units). */
function entryKey(census: Census, e: CensusEntry, names: Names): string {
  switch (census.by) {
    case 'unit':
      return names.get(e.unitId) ?? e.unitId;
    case 'domain':
      return e.domain ?? '—';
    case 'territory':
      return e.territory ?? '—';
    case 'tenure':
      return e.tenureDays === null ? e.tenure : `${e.tenure} (${(e.tenureDays / 365.25).toFixed(1)})`;
  }
}

/** Every entry: the key on the dimension, the person, their post, their cases and rates; sorted by key, then name. */
function entriesTable(census: Census, names: Names): string[] {
  const rows = census.entries
    .map((e) => [entryKey(census, e, names), names.get(e.personId) ?? e.personId, e.postId === null ? '(no post)' : (names.get(e.postId) ?? e.postId), formatCount(e.owned), formatCount(e.verified), shortRate(e.firstTime), shortRate(e.onTime)])
    .sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? '') || (a[1] ?? '').localeCompare(b[1] ?? ''));
  return renderTable(
    [
      { header: census.by === 'unit' ? 'unit' : DIMENSION_HEADER[census.by], max: 16 },
      { header: 'person', max: 16 },
      { header: 'post', max: 22 },
      { header: 'owned', align: 'right' },
      { header: 'verified', align: 'right' },
      { header: 'first-time', align: 'right' },
      { header: 'on-time', align: 'right' },
    ],
    rows,
    '  ',
  );
}

/** The whole text of `census`: a title, the groups with the total, and with `people` every entry. */
export function renderCensusText(census: Census, names: Names, options: { readonly people?: boolean } = {}): string[] {
  const title = [`Census by ${census.by} as of ${formatInstant(census.asOf)} UTC`, `  ${plural(census.entries.length, 'person', 'people')} responsible: holding a post or owning a case`];
  if (census.groups.length === 0) return [...title, '', 'No one is responsible for anything in this scope.'];
  const notes = ['  rates: % of the verified cases [95% Wilson interval];', '  first-time: verified at the first submission; on-time: submitted by the deadline in force'];
  return [...title, '', ...groupsTable(census, names), ...notes, ...(options.people === true ? ['', `People (${formatCount(census.entries.length)}):`, ...entriesTable(census, names)] : [])];
}

/** The census as JSON: the API's fields, with `names` for the people, units and posts it names. */
export function censusJson(census: Census, names: Names): Record<string, unknown> {
  return { ...census, names: Object.fromEntries(names) };
}

/** Every id the census names: people, their units and posts, and the groups' units. */
export function idsOfCensus(census: Census): string[] {
  const ids = census.entries.flatMap((e) => [e.personId, e.unitId, e.postId]);
  return [...new Set([...ids, ...(census.by === 'unit' ? census.groups.map((g) => g.key) : [])].filter((id): id is string => id !== null && id !== ''))];
}
