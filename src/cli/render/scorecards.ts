/** What `proverka report units` prints: the league table of the units' scorecards and decree inflation per body, by name; or all of it as JSON with ids and the case ids behind each figure. */
import type { BodyInflation } from '../../analytics/decree-inflation.js';
import type { Figures, ScorecardReport } from '../../analytics/scorecards.js';
import { toInstant } from '../../domain/time.js';
import { formatCount, formatInstant, formatSpan, plural } from './format.js';
import { renderTable } from './table.js';

const HOUR = 3_600_000;

/** A rate as a percentage with one decimal, or — without one. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** A number of hours, whole, with separators. */
export function formatHours(ms: number): string {
  return `${formatCount(Math.round(ms / HOUR))} h`;
}

/** The report as JSON: the period, every unit's own and subtree figures and months with the case ids behind each figure, decree inflation with each body's months (and the ids behind them), and names. */
export function scorecardsJson(r: ScorecardReport, bodies: readonly BodyInflation[] | undefined, asOf: number, names: ReadonlyMap<string, string>): Record<string, unknown> {
  return {
    asOf: toInstant(asOf),
    from: toInstant(r.from),
    to: toInstant(r.to),
    end: toInstant(r.end),
    months: r.months,
    unplaced: r.unplaced,
    units: r.units.map((u, i) => ({ rank: i + 1, ...u })),
    ...(bodies !== undefined ? { bodies } : {}),
    names: Object.fromEntries(names),
  };
}

function row(rank: number, name: string, f: Figures): string[] {
  return [
    String(rank),
    name,
    formatCount(f.issued),
    formatCount(f.verified),
    formatCount(f.verifiedOnTime),
    formatRate(f.onTimeRate),
    f.medianToVerifiedMs === null ? '—' : formatSpan(f.medianToVerifiedMs),
    formatHours(f.heldMs),
    formatCount(f.escalations),
    formatCount(f.rejections),
    formatCount(f.reopenings),
    formatCount(f.extensions),
  ];
}

/** The league table (each unit over its subtree), then the months of its first unit, and decree inflation if given with the months of its first body — by name. */
export function renderScorecards(r: ScorecardReport, bodies: readonly BodyInflation[] | undefined, asOf: number, names: ReadonlyMap<string, string>, top: number): string[] {
  const name = (id: string): string => names.get(id) ?? id;
  const day = (ms: number): string => formatInstant(toInstant(ms));
  const lines = [
    `Unit scorecards from ${day(r.from)} to ${day(r.end)} (UTC), as of ${day(asOf)}`,
    `  ${plural(r.units.length, 'unit')}; each counted over its subtree; cases belong to their owner's unit at issue`,
    '',
    `League table (the ${formatCount(Math.min(top, r.units.length))} first of ${formatCount(r.units.length)}, by on-time rate, then verified):`,
  ];
  const columns = [
    { header: '#', align: 'right' as const },
    { header: 'unit', max: 40 },
    { header: 'issued', align: 'right' as const },
    { header: 'verified', align: 'right' as const },
    { header: 'on time', align: 'right' as const },
    { header: 'rate', align: 'right' as const },
    { header: 'median to verified', align: 'right' as const },
    { header: 'held', align: 'right' as const },
    { header: 'escalations', align: 'right' as const },
    { header: 'rejections', align: 'right' as const },
    { header: 'reopenings', align: 'right' as const },
    { header: 'extensions', align: 'right' as const },
  ];
  lines.push(...renderTable(columns, r.units.slice(0, top).map((u, i) => row(i + 1, name(u.unitId), u.subtree))));
  const first = r.units[0];
  if (first !== undefined && r.months.length > 0) {
    lines.push('', `Month by month, ${name(first.unitId)} (the first of the table):`);
    lines.push(...renderTable([{ header: 'month' }, ...columns.slice(2)], first.months.map((m) => row(0, m.month, m.figures).slice(1))));
  }
  if (bodies !== undefined) {
    lines.push('', `Decree inflation (decisions dated from ${day(r.from).slice(0, 10)} to ${day(r.to).slice(0, 10)}, cases as of ${day(asOf)}):`);
    lines.push(
      ...renderTable(
        [
          { header: 'body', max: 50 },
          { header: 'decisions', align: 'right' },
          { header: 'executed', align: 'right' },
          { header: 'without cases', align: 'right' },
          { header: 'cases', align: 'right' },
          { header: 'verified', align: 'right' },
          { header: 'inflation', align: 'right' },
        ],
        bodies.map((b) => [name(b.bodyId), formatCount(b.decisions), formatCount(b.executed), formatCount(b.withoutCases), formatCount(b.cases), formatCount(b.verified), b.inflation === null ? '—' : `${b.inflation.toFixed(2)}×`]),
      ),
    );
    const worst = bodies[0];
    if (worst !== undefined && worst.months.length > 0) {
      lines.push('', `Month by month, ${name(worst.bodyId)} (the first of the table; cases under any of its decisions):`);
      lines.push(
        ...renderTable(
          [
            { header: 'month' },
            { header: 'decisions', align: 'right' },
            { header: 'cases issued', align: 'right' },
            { header: 'verified', align: 'right' },
            { header: 'on time', align: 'right' },
          ],
          worst.months.map((m) => [m.month, formatCount(m.decisions), formatCount(m.issued), formatCount(m.verified), formatCount(m.verifiedOnTime)]),
        ),
      );
    }
  }
  return lines;
}
