/** The figures of a simulated period as plain text, one figure a line. */
import { formatCount, formatInstant } from '../render/format.js';
import type { SimulationReport } from './run-simulation.js';

function breakdown(counts: Readonly<Record<string, number>>): string {
  const parts = Object.entries(counts).map(([k, n]) => `${k} ${formatCount(n)}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

function total(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** Step items that ended refused: their case closed, moved or climbed before they fell due. */
function lapsed(results: Readonly<Record<string, number>> | undefined): number {
  return Object.entries(results ?? {})
    .filter(([result]) => result.startsWith('refused'))
    .reduce((s, [, n]) => s + n, 0);
}

function share(x: number | null): string {
  return x === null ? '-' : `${(x * 100).toFixed(1)}%`;
}

function hours(h: number | null): string {
  return h === null ? '-' : `${h.toFixed(1)} h`;
}

/** The report as lines: the period, the ladder's steps, the accountability actions, the top body's agenda, the people, the job index. */
export function renderSimulation(location: string, r: SimulationReport): string[] {
  const { period, ladder, accountability: acc, agenda, people, jobs, scheduler } = r;
  const row = (label: string, value: string): string => `  ${label.padEnd(34)} ${value}`;
  const byLevel = (level: string): number => ladder.escalations[level] ?? 0;
  const higher = Object.entries(ladder.escalations)
    .filter(([l]) => l !== '1' && l !== '2')
    .reduce((s, [, n]) => s + n, 0);
  const lines = [
    `simulated ${formatCount(period.days)} days on ${location}: ${formatInstant(period.from)} → ${formatInstant(period.to)} (${period.stepHours}-hour steps, seed ${period.seed})`,
    row('events appended', formatCount(r.events)),
    row('scheduler items done', `${formatCount(scheduler.done)}${breakdown(Object.fromEntries(Object.entries(scheduler.byKind).map(([k, v]) => [k, total(v)])))}; ${formatCount(scheduler.failed)} failed and retried`),
    '',
    'ladder steps performed',
    row('reminders', formatCount(ladder.reminders)),
    row('controller notices', formatCount(ladder.controllerNotices)),
    row('steps lapsed (case changed first)', formatCount(lapsed(scheduler.byKind['ladder-step']))),
    row('escalations, level 1 (superior)', formatCount(byLevel('1'))),
    row('escalations, level 2 (body)', formatCount(byLevel('2'))),
    ...(higher > 0 ? [row('escalations, higher levels', formatCount(higher))] : []),
    row('escalations by hand', `${formatCount(total(ladder.manualEscalations))}${breakdown(ladder.manualEscalations)}`),
    '',
    'accountability actions',
    row('proposed', `${formatCount(acc.proposed)}${breakdown(acc.byAction)}`),
    row('decided', `${formatCount(acc.decided)} (accepted ${formatCount(acc.accepted)}, declined ${formatCount(acc.declined)}); ${formatCount(acc.openAtEnd)} open at the end`),
    '',
  ];
  if (agenda === null || r.topBody === null) {
    lines.push('no body in the record: no agenda to keep');
  } else {
    const keeper = r.topBody.secretaryId === null ? 'nobody keeps it (no secretary)' : `kept by ${r.topBody.secretaryName ?? r.topBody.secretaryId} (${r.topBody.secretaryId})`;
    lines.push(
      `the agenda of the top body, ${r.topBody.name} (${r.topBody.id}), ${keeper}: every item up to the end`,
      row('items', formatCount(agenda.items)),
      row('  arrived by the ladder', formatCount(agenda.byLadder)),
      row('  arrived with a full statement', formatCount(agenda.withStatement)),
      row('  arrived by neither', formatCount(agenda.neither)),
      row('returned to the competent unit', `${formatCount(agenda.returned)} (${share(agenda.returnedShare)})`),
      row('decided', formatCount(agenda.decided)),
      row('withdrawn', formatCount(agenda.withdrawn)),
      row('open at the end', formatCount(agenda.open)),
      row('time on the agenda', `mean ${hours(agenda.timeOnAgenda.meanHours)}, median ${hours(agenda.timeOnAgenda.medianHours)} (${formatCount(agenda.timeOnAgenda.stays)} stays ended by a decision or a return)`),
      row('items per session', agenda.perSession.length === 0 ? 'no session' : agenda.perSession.map((s) => `${s.session}: ${s.items}`).join(', ')),
    );
  }
  lines.push(
    '',
    row("people's commands", `${formatCount(total(people.commands))}${breakdown(people.commands)}`),
    row("people's commands refused", `${formatCount(total(people.refused))}${breakdown(people.refused)}`),
    row('job index', `due ${formatCount(jobs.due)}, leased ${formatCount(jobs.leased)}, scheduled ${formatCount(jobs.scheduled)}, done ${formatCount(jobs.done)}`),
  );
  return lines;
}
