/**
 * The case page as text (F4): the header, the timeline of the hour ledger, the totals per person
 * and per unit with a sentence naming whom the overdue hours fall on, the requests made and how
 * they were answered, escalations, rejections and reopenings, and the event log with hashes.
 */
import type { CaseView } from '../../app/queries/case-view.js';
import type { LedgerTotal } from '../../domain/ledger/hour-ledger.js';
import { formatDuration, formatInstant, joinAnd, plural } from './format.js';
import { ROLE_LABEL } from './roles.js';
import { renderTable } from './table.js';

/** How many hex digits of a hash the event log shows. */
export const HASH_DIGITS = 12;


type Named = (id: string | null | undefined) => string;

function namer(view: CaseView): Named {
  return (id) => {
    if (id === null || id === undefined || id === '') return '—';
    return view.names.get(id) ?? id;
  };
}

function withId(name: Named, id: string | null | undefined): string {
  if (id === null || id === undefined || id === '') return 'none';
  const n = name(id);
  return n === id ? id : `${n} (${id})`;
}

function header(view: CaseView, name: Named): string[] {
  const l = view.ledger;
  const s = l.state;
  const d = view.decision;
  const statusLine =
    s.status === 'verified'
      ? `verified ${formatInstant(s.closedAt ?? l.end)} by ${name(s.verifiedBy)}`
      : s.status === 'cancelled'
        ? `cancelled ${formatInstant(s.closedAt ?? l.end)}`
        : `${s.status.replace('_', ' ')} (open${s.pending ? `; a ${s.pending.kind} request waits for an answer` : ''})`;
  const current = l.intervals[l.intervals.length - 1];
  const changes = s.counts.deadlineChanges;
  const deadline =
    s.deadline === s.originalDeadline ? `${formatInstant(s.deadline)} (never changed)` : `${formatInstant(s.deadline)} (original ${formatInstant(s.originalDeadline)}; extended ${plural(changes, 'time')})`;
  const rows: [string, string][] = [
    ['decision', d ? `No. ${d.number} of ${d.date}: "${d.title}" (${name(d.bodyId)})` : withId(name, s.decisionId)],
    ['status', statusLine],
    ['owner', withId(name, s.ownerId)],
    ['verifier', withId(name, s.verifierId)],
    ['controller', withId(name, s.controllerId)],
    ['issuer', withId(name, s.issuerId)],
  ];
  if (s.coExecutorIds.length > 0) rows.push(['co-executors', s.coExecutorIds.map((id) => name(id)).join(', ')]);
  if (l.open && current) rows.push(['holder now', `${name(current.personId)} (${name(current.unitId)}), ${ROLE_LABEL[current.role] ?? current.role}`]);
  rows.push(['deadline', deadline]);
  rows.push(['issued', formatInstant(l.start)]);
  rows.push(['life', `${formatInstant(l.start)} → ${formatInstant(l.end)}${l.open ? ' (still open)' : ''}: ${formatDuration(l.elapsedMs)}, of which ${formatDuration(l.overdueMs)} overdue`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return [`CASE ${view.id}: ${s.title}`, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`), `  (times in UTC; durations in days and hours)`];
}

function timeline(view: CaseView, name: Named): string[] {
  const rows = view.ledger.intervals.map((i) => [
    formatInstant(i.from),
    formatInstant(i.to),
    name(i.personId),
    name(i.unitId),
    ROLE_LABEL[i.role] ?? i.role,
    formatDuration(i.ms),
    i.overdue ? 'OVERDUE' : '',
  ]);
  return [
    'TIMELINE: who held the case, hour by hour',
    ...renderTable(
      [{ header: 'from' }, { header: 'to' }, { header: 'holder', max: 36 }, { header: 'unit', max: 40 }, { header: 'role' }, { header: 'duration', align: 'right' }, { header: 'overdue' }],
      rows,
    ),
  ];
}

function totals(title: string, list: readonly LedgerTotal[], label: string, name: Named, unitOf?: (id: string) => string): string[] {
  const rows = list.map((t) => [name(t.id), ...(unitOf ? [unitOf(t.id)] : []), formatDuration(t.ms), t.overdueMs > 0 ? formatDuration(t.overdueMs) : '—']);
  const columns = [{ header: label, max: 64 }, ...(unitOf ? [{ header: 'unit', max: 64 }] : []), { header: 'held', align: 'right' as const }, { header: 'overdue', align: 'right' as const }];
  return [title, ...renderTable(columns, rows)];
}

function blame(view: CaseView, name: Named): string {
  const l = view.ledger;
  if (l.overdueMs <= 0) return l.open ? 'The case is not overdue so far.' : 'The case was closed within its deadline: no overdue hours.';
  const people = l.byPerson.filter((t) => t.overdueMs > 0).sort((a, b) => b.overdueMs - a.overdueMs);
  const units = l.byUnit.filter((t) => t.overdueMs > 0).sort((a, b) => b.overdueMs - a.overdueMs);
  const who = people.map((t) => `${name(t.id)} (${formatDuration(t.overdueMs)})`);
  const where = units.map((t) => `${name(t.id)} (${formatDuration(t.overdueMs)})`);
  const ran = l.open ? 'has run' : 'ran';
  return `The case ${ran} ${formatDuration(l.overdueMs)} past the deadline in force; those overdue hours fall on ${joinAnd(who)}; by unit, on ${joinAnd(where)}.`;
}

function requests(view: CaseView, name: Named): string[] {
  const list = view.ledger.requests;
  if (list.length === 0) return ['HANDOVERS, TRANSFERS AND EXTENSION REQUESTS', '  none'];
  const lines = ['HANDOVERS, TRANSFERS AND EXTENSION REQUESTS'];
  for (const r of list) {
    const what =
      r.kind === 'handover'
        ? `${name(r.by)} offered the case to ${name(r.to)}`
        : r.kind === 'transfer'
          ? `${name(r.by)} asked ${name(r.to)} to take over ownership`
          : `${name(r.by)} asked ${name(r.to)} to extend the deadline${r.deadline ? ` to ${formatInstant(r.deadline)}` : ''}`;
    lines.push(`  ${formatInstant(r.at)}  ${r.kind.toUpperCase()}: ${what}${r.reason ? `: "${r.reason}"` : ''}`);
    const when = r.answeredAt ? `${formatInstant(r.answeredAt)}, ${formatDuration(Date.parse(r.answeredAt) - Date.parse(r.at))} later` : '';
    switch (r.outcome) {
      case 'accepted':
        lines.push(r.kind === 'extension' ? `      → granted by ${name(r.to)} ${when}${r.deadline ? `: new deadline ${formatInstant(r.deadline)}` : ''}` : `      → accepted by ${name(r.to)} ${when}`);
        break;
      case 'refused':
        lines.push(`      → REFUSED by ${name(r.to)} ${when}${r.answer ? `: "${r.answer}"` : ''}`);
        break;
      case 'lapsed':
        lines.push(`      → lapsed ${when}${r.answer ? ` (${r.answer})` : ''}`);
        break;
      case 'pending':
        lines.push(`      → still waiting for ${name(r.to)}'s answer`);
        break;
    }
  }
  return lines;
}

function escalations(view: CaseView, name: Named): string[] {
  const lines = ['ESCALATIONS AND THE LADDER\'S NOTICES'];
  for (const e of view.events) {
    if (e.type === 'assignment.reminded') {
      const p = e.payload as { step: string; to: string };
      lines.push(`  ${formatInstant(e.at)}  ${p.step === 'controller-told' ? 'deadline reached' : `reminder (${p.step.replace('reminder:', '')} ahead)`}: ${name(e.actor)} told ${name(p.to)}`);
      continue;
    }
    if (e.type !== 'assignment.escalated') continue;
    const p = e.payload as { level: number; to: string; reason: string };
    lines.push(`  ${formatInstant(e.at)}  level ${p.level}: ${name(e.actor)} raised it to ${name(p.to)}: "${p.reason}"`);
  }
  if (lines.length === 1) lines.push('  none');
  return lines;
}

function rejections(view: CaseView, name: Named): string[] {
  const lines = ['REJECTIONS, REOPENINGS AND CANCELLATION'];
  for (const m of view.ledger.marks) {
    if (m.kind !== 'rejected' && m.kind !== 'reopened' && m.kind !== 'cancelled') continue;
    lines.push(`  ${formatInstant(m.at)}  ${m.kind} by ${name(m.actor)}: "${m.detail}"`);
  }
  if (lines.length === 1) lines.push('  none');
  return lines;
}

function eventLog(view: CaseView, name: Named): string[] {
  const rows = view.events.map((e) => [String(e.seq), formatInstant(e.at), e.type, name(e.actor), e.hash.slice(0, HASH_DIGITS)]);
  return [
    `EVENT LOG (${plural(view.events.length, 'event')}, hash-chained)`,
    ...renderTable([{ header: 'seq', align: 'right' }, { header: 'at' }, { header: 'type' }, { header: 'actor', max: 36 }, { header: 'hash' }], rows),
  ];
}

/** The whole case page as lines of text. Every id that has a name is shown by its name. */
export function renderCaseText(view: CaseView): string[] {
  const name = namer(view);
  const units = view.ledger.state.units;
  return [
    ...header(view, name),
    '',
    ...timeline(view, name),
    '',
    ...totals('TIME IN HAND BY PERSON', view.ledger.byPerson, 'person', name, (id) => name(units[id])),
    '',
    ...totals('TIME IN HAND BY UNIT', view.ledger.byUnit, 'unit', name),
    '',
    blame(view, name),
    '',
    ...requests(view, name),
    '',
    ...escalations(view, name),
    '',
    ...rejections(view, name),
    '',
    ...eventLog(view, name),
  ];
}
