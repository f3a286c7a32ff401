/** A list of cases as a table: id, status, deadline, owner, holder, an overdue mark and the title. */
import type { CaseList } from '../../app/queries/cases.js';
import { formatInstant, plural } from './format.js';
import { renderTable } from './table.js';

/** The table of cases, followed by a line counting them; `limit` says whether more may exist. */
export function renderCasesText(list: CaseList, limit: number): string[] {
  if (list.cases.length === 0) return [`no cases match (as of ${formatInstant(list.asOf)} UTC)`];
  const name = (id: string): string => list.names.get(id) ?? id;
  const rows = list.cases.map((c) => [c.id, c.status.replace('_', ' '), formatInstant(c.deadline), name(c.ownerId), name(c.holderId), c.overdue ? 'OVERDUE' : '', c.title]);
  const more = list.cases.length >= limit ? `; there may be more: raise --limit (at most 1000)` : '';
  return [
    ...renderTable(
      [{ header: 'id' }, { header: 'status' }, { header: 'deadline (UTC)' }, { header: 'owner', max: 24 }, { header: 'holder', max: 24 }, { header: 'overdue' }, { header: 'title', max: 70 }],
      rows,
      '',
    ),
    '',
    `${plural(list.cases.length, 'case')}, ${plural(list.cases.filter((c) => c.overdue).length, 'overdue case')} (as of ${formatInstant(list.asOf)} UTC)${more}`,
  ];
}

/** The list as JSON, with the names map turned into a plain object. */
export function casesJson(list: CaseList): Record<string, unknown> {
  return { asOf: list.asOf, cases: list.cases, names: Object.fromEntries(list.names) };
}
