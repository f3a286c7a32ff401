/**
 * What `proverka record` prints: a person's record per domain (and over all domains) from verified
 * outcomes only — cases owned, verified, open and overdue, the four rates each with its 95%
 * interval and the estimate fitness uses, the median lateness and the hours held — and the posts
 * they hold; and the same as JSON, the API's fields.
 */
import type { DomainRecord, PersonRecord, PostProfile, RateEstimate } from '../../placement/people.js';
import { formatCount, formatInstant } from './format.js';
import { formatRate } from './census.js';
import type { Names } from './placement.js';
import { renderTable } from './table.js';

/** A person's record as the application gives it: their name, the record, the posts they hold. */
export interface RecordView {
  readonly name: string;
  readonly record: PersonRecord;
  readonly posts: readonly PostProfile[];
}

function rate(e: RateEstimate): string {
  return formatRate(e.successes, e.trials);
}

function shrunk(e: RateEstimate): string {
  return (e.shrunk * 100).toFixed(1);
}

function rows(record: PersonRecord): DomainRecord[] {
  return [...record.domains, { ...record.overall, domain: 'all domains' }];
}

/**
 * The whole text of `record`: who, their unit and posts, then two tables with a row per domain and
 * one over all domains — cases and the two rates that decide first (first-time, on-time), then
 * reopened, escalated, lateness and hours.
 */
export function renderRecordText(view: RecordView, names: Names, asOf: string): string[] {
  const { record } = view;
  const unit = record.unitId === '' ? '-' : (names.get(record.unitId) ?? record.unitId);
  const posts = view.posts.map((p) => `${p.title}${p.holderSince === null ? '' : ` (since ${formatInstant(p.holderSince).slice(0, 10)})`}`);
  const head = [`Record of ${view.name} (${record.personId}) as of ${formatInstant(asOf)} UTC`, `  unit: ${unit}`, `  posts: ${posts.length === 0 ? 'none' : posts.join('; ')}`];
  if (record.overall.owned === 0 && record.domains.length === 0) return [...head, '', 'No case owned or held: no record yet.'];
  const all = rows(record);
  return [
    ...head,
    '',
    ...renderTable(
      [
        { header: 'domain', max: 16 },
        { header: 'owned', align: 'right' },
        { header: 'verified', align: 'right' },
        { header: 'open', align: 'right' },
        { header: 'overdue', align: 'right' },
        { header: 'first-time %', align: 'right' },
        { header: 'est.', align: 'right' },
        { header: 'on-time %', align: 'right' },
        { header: 'est.', align: 'right' },
      ],
      all.map((d) => [d.domain, formatCount(d.owned), formatCount(d.verified), formatCount(d.open), formatCount(d.openOverdue), rate(d.firstTime), shrunk(d.firstTime), rate(d.onTime), shrunk(d.onTime)]),
      '  ',
    ),
    '',
    ...renderTable(
      [
        { header: 'domain', max: 16 },
        { header: 'reopened %', align: 'right' },
        { header: 'escalated %', align: 'right' },
        { header: 'median lateness h', align: 'right' },
        { header: 'hours held', align: 'right' },
      ],
      all.map((d) => [d.domain, rate(d.reopened), rate(d.escalated), d.medianLatenessHours === null ? '-' : d.medianLatenessHours.toFixed(1), formatCount(Math.round(d.hoursHeld))]),
      '  ',
    ),
    '  rates: % of the verified cases [95% Wilson interval]; est.: the estimate fitness uses,',
    "  shrunk toward the unit's mean; lateness: last submission − deadline in force (negative: early);",
    "  hours held: from the cases' hour ledgers, owned or not",
  ];
}

/** The record as JSON: the API's fields (the record, the name, the posts held). */
export function recordJson(view: RecordView): Record<string, unknown> {
  return { ...view.record, name: view.name, posts: view.posts };
}
