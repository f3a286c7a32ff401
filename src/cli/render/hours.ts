/** What `proverka report hours` prints: hours held per person or unit over a period, by name, with their overdue part and roles, and a totals line; or all of it as JSON with ids. */
import { HOLDING_ROLES } from '../../analytics/hours-by-holder.js';
import type { HoursView } from '../../app/queries/hours-report.js';
import { toInstant } from '../../domain/time.js';
import { formatCount, formatInstant, plural } from './format.js';
import { ROLE_LABEL } from './roles.js';
import { renderTable } from './table.js';

const HOUR = 3_600_000;

/** A duration in hours with one decimal and thousands separators (`1,234.5`). */
export function formatHours(ms: number): string {
  return (ms / HOUR).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** Every id the report names (its holders), '' (no unit) left out, and the unit asked for. */
export function hoursIds(v: HoursView): string[] {
  return [...v.holders.map((h) => h.key), ...(v.unitId !== null ? [v.unitId] : [])].filter((id) => id !== '');
}

/** The report as JSON: instants as ISO text, times in ms, every holder, and a names map of the ids. */
export function hoursJson(v: HoursView, names: ReadonlyMap<string, string>): Record<string, unknown> {
  return { ...v, from: v.from === null ? null : toInstant(v.from), to: toInstant(v.to), at: toInstant(v.at), names: Object.fromEntries(names) };
}

/** The report as lines: what was asked, the totals, then the `top` holders who held most with their roles, and a line of totals over every holder. */
export function renderHours(v: HoursView, names: ReadonlyMap<string, string>, top: number): string[] {
  const name = (id: string): string => (id === '' ? '(no unit)' : (names.get(id) ?? id));
  const [one, many, who] = v.by === 'person' ? (['person', 'people', 'who'] as const) : (['unit', 'units', 'that'] as const);
  const roles = HOLDING_ROLES.filter((r) => v.byRole[r] !== undefined);
  const lines = [
    `Hours held by ${v.by}, ${v.from === null ? 'from the start' : `from ${formatInstant(toInstant(v.from))}`} to ${formatInstant(toInstant(v.to))} (ledgers as of ${formatInstant(toInstant(v.at))})`,
  ];
  if (v.unitId !== null) lines.push(`  holders in ${name(v.unitId)} and the units below it`);
  if (v.domain !== null) lines.push(`  cases of the domain ${v.domain}`);
  lines.push(`  ${plural(v.holders.length, one, many)} held ${plural(v.cases, 'case')} for ${formatHours(v.totalMs)} h, of which ${formatHours(v.overdueMs)} h overdue`, '');
  if (v.holders.length === 0) return [...lines, '  no time held in that period'];
  lines.push(`The ${formatCount(Math.min(top, v.holders.length))} ${many} ${who} held most (of ${formatCount(v.holders.length)}), in hours:`);
  const row = (label: string, cases: number, ms: number, overdueMs: number, byRole: HoursView['byRole']): string[] => [
    label,
    formatCount(cases),
    formatHours(ms),
    formatHours(overdueMs),
    ...roles.map((r) => (byRole[r] === undefined ? '—' : formatHours(byRole[r]))),
  ];
  lines.push(
    ...renderTable(
      [{ header: one, max: 48 }, { header: 'cases', align: 'right' }, { header: 'held', align: 'right' }, { header: 'overdue', align: 'right' }, ...roles.map((r) => ({ header: ROLE_LABEL[r], align: 'right' as const }))],
      [...v.holders.slice(0, top).map((h) => row(name(h.key), h.cases, h.ms, h.overdueMs, h.byRole)), row(`total (${formatCount(v.holders.length)} ${many})`, v.cases, v.totalMs, v.overdueMs, v.byRole)],
    ),
  );
  return lines;
}
