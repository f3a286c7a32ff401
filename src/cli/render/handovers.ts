/** What `proverka report handovers` prints: the handover network's figures and its top passes, ping-pong pairs, refusals and holders, by name; or all of it as JSON with ids. */
import type { HandoverKeying, HandoverReport } from '../../analytics/handovers.js';
import type { Instant } from '../../domain/time.js';
import { formatCount, formatInstant, formatSpan, plural } from './format.js';
import { renderTable } from './table.js';

/** Every id the report mentions (holders, both ends of passes, pairs and refusals), each once; '' (no unit) left out. */
export function handoverIds(r: HandoverReport): string[] {
  const ids = new Set<string>();
  for (const h of r.holders) ids.add(h.key);
  for (const e of r.refused) ids.add(e.from).add(e.to);
  ids.delete('');
  return [...ids];
}

/** The report as JSON: how it was keyed, as of when, everything it holds with ids, and a names map of those ids. */
export function handoversJson(r: HandoverReport, by: HandoverKeying, asOf: Instant, names: ReadonlyMap<string, string>): Record<string, unknown> {
  return { by, asOf, ...r, names: Object.fromEntries(names) };
}

/** The report as lines: the figures, then the `top` most frequent passes, ping-pong pairs and refusals, and the longest holders, each by name. */
export function renderHandovers(r: HandoverReport, by: HandoverKeying, asOf: Instant, names: ReadonlyMap<string, string>, top: number): string[] {
  const name = (id: string): string => (id === '' ? '(no unit)' : (names.get(id) ?? id));
  const heading = (what: string, of: number): string => `The ${formatCount(Math.min(top, of))} ${what} (of ${formatCount(of)}):`;
  const lines = [
    `Handovers by ${by}, as of ${formatInstant(asOf)}`,
    `  ${plural(r.cases, 'case')}, ${plural(r.passes, 'pass', 'passes')} (${formatCount(r.casesWithPass)} ${r.casesWithPass === 1 ? 'case' : 'cases'} passed at least once)`,
    `  ping-pong: ${formatCount(r.casesWithReturns)} ${r.casesWithReturns === 1 ? 'case' : 'cases'} came back to an earlier holder, ${plural(r.returns, 'return')} in all`,
    `  refused handovers and transfers: ${formatCount(r.refusals)}`,
    '',
  ];
  lines.push(heading('most frequent passes', r.edges.length));
  lines.push(
    ...renderTable(
      [{ header: 'from', max: 40 }, { header: 'to', max: 40 }, { header: 'passes', align: 'right' }, { header: 'mean wait', align: 'right' }, { header: 'median wait', align: 'right' }],
      r.edges.slice(0, top).map((e) => [name(e.from), `→ ${name(e.to)}`, formatCount(e.count), formatSpan(e.meanWaitMs), formatSpan(e.medianWaitMs)]),
    ),
    '',
  );
  lines.push(heading('pairs with most ping-pong', r.pingPong.length));
  lines.push(
    ...renderTable(
      [{ header: 'between', max: 40 }, { header: 'and', max: 40 }, { header: 'returns', align: 'right' }, { header: 'cases', align: 'right' }],
      r.pingPong.slice(0, top).map((p) => [name(p.a), `↔ ${name(p.b)}`, formatCount(p.returns), formatCount(p.cases)]),
    ),
    '',
  );
  lines.push(heading('most frequent refusals', r.refused.length));
  lines.push(
    ...renderTable(
      [{ header: 'asked by', max: 40 }, { header: 'refused by', max: 40 }, { header: 'count', align: 'right' }],
      r.refused.slice(0, top).map((e) => [name(e.from), `→ ${name(e.to)}`, formatCount(e.count)]),
    ),
    '',
  );
  lines.push(heading('holders who held cases longest', r.holders.length));
  lines.push(
    ...renderTable(
      [{ header: by, max: 40 }, { header: 'cases', align: 'right' }, { header: 'held', align: 'right' }, { header: 'passes in', align: 'right' }, { header: 'passes out', align: 'right' }],
      r.holders.slice(0, top).map((h) => [name(h.key), formatCount(h.cases), formatSpan(h.heldMs), formatCount(h.passesIn), formatCount(h.passesOut)]),
    ),
  );
  return lines;
}
