/** What `proverka report main-link` prints: the main link stated plainly, then the rankings by person, unit and step, and the evidence of the main person; or all of it as JSON with a names map. */
import type { LinkStep } from '../../analytics/main-link.js';
import type { MainLinkRowView, MainLinkView } from '../../app/queries/main-link.js';
import { formatCount, formatInstant, plural } from './format.js';
import { renderTable } from './table.js';

const HOUR = 3_600_000;

/** What each step means, in words: what the case waits for. */
export const STEP_WORDS: Readonly<Record<LinkStep, string>> = {
  accepting: 'the owner to accept',
  executing: 'the executor to do the work',
  handover: 'a handover to be accepted',
  transfer: 'a transfer to be accepted',
  extension: 'an extension to be decided',
  verifying: 'the verifier to verify',
};

/** Whole hours of a duration, truncated (`1,234`). */
export function wholeHours(ms: number): string {
  return formatCount(Math.floor(ms / HOUR));
}

/** Every person and unit id the view names ('' left out). */
export function mainLinkIds(v: MainLinkView): string[] {
  const ids = new Set<string>();
  for (const r of [...v.persons.rows, ...v.units.rows]) ids.add(r.key);
  for (const c of v.cases) ids.add(c.personId).add(c.unitId);
  if (v.unitId !== null) ids.add(v.unitId);
  ids.delete('');
  return [...ids];
}

/** The view as JSON, with a names map of the people and units it names. */
export function mainLinkJson(v: MainLinkView, names: ReadonlyMap<string, string>): Record<string, unknown> {
  return { ...v, names: Object.fromEntries(names) };
}

/** One row as a sentence: "X holds N overdue hours in K cases and blocks M dependent cases." */
export function linkSentence(label: string, row: MainLinkRowView): string {
  return `${label} holds ${wholeHours(row.overdueMs)} overdue ${Math.floor(row.overdueMs / HOUR) === 1 ? 'hour' : 'hours'} in ${plural(row.cases, 'case')} and blocks ${plural(row.blocked, 'dependent case')}.`;
}

/** The view as lines: the totals, the main link of each kind in a sentence, the `top` rows of each ranking, and the main person's evidence cases. */
export function renderMainLink(v: MainLinkView, names: ReadonlyMap<string, string>, top: number): string[] {
  const name = (id: string): string => (id === '' ? '(no unit)' : (names.get(id) ?? id));
  const stepName = (key: string): string => STEP_WORDS[key as LinkStep] ?? key;
  const lines = [
    `The main link, as of ${formatInstant(v.asOf)}${v.unitId === null ? '' : ` in ${name(v.unitId)} and below`}`,
    `  ${plural(v.totals.cases, 'overdue case')}, ${wholeHours(v.totals.overdueMs)} overdue hours in their current holdings, ${plural(v.totals.blocked, 'dependent case')} blocked`,
    '',
  ];
  const person = v.persons.rows[0];
  const unit = v.units.rows[0];
  const step = v.steps.rows[0];
  if (person === undefined || unit === undefined || step === undefined) return [...lines, 'Nothing is overdue: there is no main link.'];
  lines.push(`Person: ${linkSentence(name(person.key), person)}`);
  lines.push(`Unit:   ${linkSentence(name(unit.key), unit)}`);
  lines.push(`Step:   waiting for ${stepName(step.key)}: ${wholeHours(step.overdueMs)} overdue hours in ${plural(step.cases, 'case')}, ${plural(step.blocked, 'dependent case')} blocked.`, '');
  const ranking = (what: string, header: string, rows: readonly MainLinkRowView[], count: number, label: (key: string) => string): void => {
    lines.push(`The ${formatCount(Math.min(top, rows.length))} ${what} with most overdue hours (of ${formatCount(count)}):`);
    lines.push(
      ...renderTable(
        [{ header, max: 44 }, { header: 'overdue h', align: 'right' }, { header: 'cases', align: 'right' }, { header: 'blocked', align: 'right' }],
        rows.slice(0, top).map((r) => [label(r.key), wholeHours(r.overdueMs), formatCount(r.cases), formatCount(r.blocked)]),
      ),
      '',
    );
  };
  ranking('people', 'person', v.persons.rows, v.persons.count, name);
  ranking('units', 'unit', v.units.rows, v.units.count, name);
  ranking('steps', 'waiting for', v.steps.rows, v.steps.count, stepName);
  const byId = new Map(v.cases.map((c) => [c.caseId, c]));
  lines.push(`The evidence: the overdue cases ${name(person.key)} holds${person.caseIds.length < person.cases ? ` (the first ${formatCount(person.caseIds.length)})` : ''}:`);
  lines.push(
    ...renderTable(
      [{ header: 'case' }, { header: 'title', max: 40 }, { header: 'waiting for', max: 28 }, { header: 'held since' }, { header: 'deadline' }, { header: 'overdue h', align: 'right' }, { header: 'blocks', max: 40 }],
      person.caseIds.map((id) => {
        const c = byId.get(id);
        if (c === undefined) return [id];
        return [c.caseId, c.title, stepName(c.step), formatInstant(c.since), formatInstant(c.deadline), wholeHours(c.heldOverdueMs), c.blockedIds.join(', ')];
      }),
    ),
  );
  return lines;
}
