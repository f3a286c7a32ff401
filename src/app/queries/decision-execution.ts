/**
 * How decisions are being carried out: each decision's assignments counted by status by the
 * database, and the open ones past their deadline; and the search of decisions by number or title.
 */
import { toInstant } from '../../domain/time.js';
import type { Store } from '../../store/port.js';
import type { ExecutionCounts } from '../../store/read-model.js';

export type { ExecutionCounts } from '../../store/read-model.js';

/** The execution counts of each decision given (zeros for one without assignments), overdue as of `now` (epoch ms). */
export function executionOf(store: Store, decisionIds: readonly string[], now: number): Promise<Map<string, ExecutionCounts>> {
  return store.reads.decisionExecution(decisionIds, toInstant(now));
}

/** The execution counts of one decision. */
export async function executionOfOne(store: Store, decisionId: string, now: number): Promise<ExecutionCounts> {
  const counts = (await executionOf(store, [decisionId], now)).get(decisionId);
  return counts ?? { total: 0, issued: 0, inProgress: 0, submitted: 0, verified: 0, cancelled: 0, overdue: 0 };
}

/** True when the search text (trimmed, case-insensitive; empty matches all) is part of the decision's number or title. */
export function decisionMatches(decision: { readonly number: string; readonly title: string }, search: string | undefined): boolean {
  const q = search?.trim().toLocaleLowerCase() ?? '';
  return q === '' || decision.number.toLocaleLowerCase().includes(q) || decision.title.toLocaleLowerCase().includes(q);
}
