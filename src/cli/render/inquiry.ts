/** What `proverka report inquiry` prints: the cases selected and how they stand, where their time went, the longest waits, handovers, refusals and ping-pong, by name; or all of it as JSON with ids. */
import type { InquiryView } from '../../app/queries/inquiry.js';
import { toInstant } from '../../domain/time.js';
import { formatCount, formatInstant, formatSpan, plural } from './format.js';
import { handoverIds } from './handovers.js';
import { formatHours } from './hours.js';
import { ROLE_LABEL } from './roles.js';
import { renderTable } from './table.js';

/** How many keys of a ping-pong case's path are printed before `…`. */
const PATH = 8;

/** Every id the inquiry names: people, units, cases ('' left out). */
export function inquiryIds(v: InquiryView): string[] {
  const ids = new Set<string>([...handoverIds(v.handovers.person), ...handoverIds(v.handovers.unit)]);
  for (const r of v.byUnitRole) ids.add(r.unitId);
  for (const p of v.byPerson) ids.add(p.key);
  for (const w of v.longestWaits) ids.add(w.caseId).add(w.personId).add(w.unitId);
  for (const c of v.handovers.unit.returning) ids.add(c.caseId);
  if (v.selection.unitId !== null) ids.add(v.selection.unitId);
  ids.delete('');
  return [...ids];
}

/** The inquiry as JSON: instants as ISO text, times in ms, and a names map of the ids (cases by title). */
export function inquiryJson(v: InquiryView, names: ReadonlyMap<string, string>): Record<string, unknown> {
  const at = (ms: number | null): string | null => (ms === null ? null : toInstant(ms));
  return { ...v, at: toInstant(v.at), selection: { ...v.selection, from: at(v.selection.from), to: at(v.selection.to) }, names: Object.fromEntries(names) };
}

/** The selection in words. */
function selectionWords(v: InquiryView, name: (id: string) => string): string {
  const s = v.selection;
  const parts = [
    ...(s.domain !== null ? [`of the domain ${s.domain}`] : []),
    ...(s.search !== null ? [`whose title contains "${s.search}"`] : []),
    ...(s.unitId !== null ? [`owned in ${name(s.unitId)} or below`] : []),
    ...(s.from !== null || s.to !== null ? [`issued ${s.from !== null ? `from ${formatInstant(toInstant(s.from))}` : ''}${s.from !== null && s.to !== null ? ' and ' : ''}${s.to !== null ? `before ${formatInstant(toInstant(s.to))}` : ''}`] : []),
  ];
  return parts.length === 0 ? 'every case' : `the cases ${parts.join(', ')}`;
}

/** The inquiry as lines: the selection and its figures, then the `top` rows of each list by name. */
export function renderInquiry(v: InquiryView, names: ReadonlyMap<string, string>, top: number): string[] {
  const name = (id: string): string => (id === '' ? '(no unit)' : (names.get(id) ?? id));
  const heading = (what: string, of: number): string => (of === 0 ? `${what}: none` : of <= top ? `${what} (${formatCount(of)}):` : `${what} (the first ${formatCount(top)} of ${formatCount(of)}):`);
  /** The heading, and the table unless it has no row. */
  const section = (what: string, of: number, table: () => string[]): string[] => [heading(what, of), ...(of === 0 ? [] : table()), ''];
  const lines = [`Inquiry: where did ${selectionWords(v, name)} stall? (ledgers as of ${formatInstant(toInstant(v.at))})`];
  if (v.cases === 0) return [...lines, '  no case matches'];
  const pu = v.handovers.unit;
  const pp = v.handovers.person;
  const most = v.byUnitRole[0];
  lines.push(
    `  ${plural(v.cases, 'case')}: ${formatCount(v.verified)} verified, ${formatCount(v.cancelled)} cancelled, ${formatCount(v.open)} open (${formatCount(v.overdueNow)} of them overdue now); ${formatCount(v.late)} ran past a deadline`,
    `  time in hand: ${formatHours(v.totalMs)} h, of which ${formatHours(v.overdueMs)} h overdue`,
    ...(most !== undefined && v.totalMs > 0
      ? [`  most of it with ${name(most.unitId)}, ${ROLE_LABEL[most.role]}: ${formatHours(most.ms)} h (${Math.round((100 * most.ms) / v.totalMs)}%), of which ${formatHours(most.overdueMs)} h overdue`]
      : []),
    `  ${plural(pp.passes, 'pass', 'passes')} between people (${formatCount(pu.passes)} between units), ${plural(pp.refusals, 'refused handover or transfer', 'refused handovers and transfers')}; ping-pong between units in ${plural(pu.casesWithReturns, 'case')}`,
    '',
    ...section('Where the time went, by holder unit and role', v.byUnitRole.length, () =>
      renderTable(
        [{ header: 'unit', max: 48 }, { header: 'role' }, { header: 'cases', align: 'right' }, { header: 'hours', align: 'right' }, { header: 'overdue', align: 'right' }],
        v.byUnitRole.slice(0, top).map((r) => [name(r.unitId), ROLE_LABEL[r.role], formatCount(r.cases), formatHours(r.ms), formatHours(r.overdueMs)]),
      ),
    ),
    ...section('Who held them', v.byPerson.length, () =>
      renderTable(
        [{ header: 'person', max: 48 }, { header: 'cases', align: 'right' }, { header: 'hours', align: 'right' }, { header: 'overdue', align: 'right' }],
        v.byPerson.slice(0, top).map((p) => [name(p.key), formatCount(p.cases), formatHours(p.ms), formatHours(p.overdueMs)]),
      ),
    ),
    ...section('The longest single waits', v.waits, () =>
      renderTable(
        [{ header: 'case' }, { header: 'title', max: 30 }, { header: 'holder', max: 32 }, { header: 'unit', max: 32 }, { header: 'role' }, { header: 'from' }, { header: 'hours', align: 'right' }, { header: 'overdue', align: 'right' }],
        v.longestWaits.map((w) => [w.caseId, name(w.caseId), name(w.personId), name(w.unitId), ROLE_LABEL[w.role], formatInstant(w.from), formatHours(w.ms), formatHours(w.overdueMs)]),
      ),
    ),
    ...section('Passes between units', pu.edges.length, () =>
      renderTable(
        [{ header: 'from', max: 40 }, { header: 'to', max: 42 }, { header: 'passes', align: 'right' }, { header: 'mean wait', align: 'right' }],
        pu.edges.slice(0, top).map((e) => [name(e.from), `→ ${name(e.to)}`, formatCount(e.count), formatSpan(e.meanWaitMs)]),
      ),
    ),
    ...section('Refusals, by who asked and who refused', pp.refused.length, () =>
      renderTable(
        [{ header: 'asked by', max: 40 }, { header: 'refused by', max: 42 }, { header: 'count', align: 'right' }],
        pp.refused.slice(0, top).map((e) => [name(e.from), `→ ${name(e.to)}`, formatCount(e.count)]),
      ),
    ),
    ...section('Ping-pong between units', pu.pingPong.length, () =>
      renderTable(
        [{ header: 'between', max: 40 }, { header: 'and', max: 42 }, { header: 'returns', align: 'right' }, { header: 'cases', align: 'right' }],
        pu.pingPong.slice(0, top).map((p) => [name(p.a), `↔ ${name(p.b)}`, formatCount(p.returns), formatCount(p.cases)]),
      ),
    ),
    heading('Cases that came back to a unit that had held them', pu.returning.length),
  );
  for (const c of pu.returning.slice(0, top)) {
    const path = c.keys.slice(0, PATH).map(name).join(' → ') + (c.keys.length > PATH ? ' → …' : '');
    lines.push(`  ${c.caseId}  ${name(c.caseId)} (${plural(c.returns, 'return')})`, `      ${path}`);
  }
  return lines;
}
