/** Lists of cases with the names of the people in them. */
import type { Instant } from '../../domain/time.js';
import type { Store } from '../../store/port.js';
import type { AssignmentFilter, AssignmentSummary } from '../../store/read-model.js';

/** A page of cases and the names of the people and decisions they mention. */
export interface CaseList {
  readonly cases: readonly (AssignmentSummary & { readonly overdue: boolean })[];
  readonly names: ReadonlyMap<string, string>;
  readonly asOf: Instant;
}

/** Cases matching the filter, each marked overdue if open past its deadline at `now`. */
export async function listCases(store: Store, filter: AssignmentFilter, now: Instant): Promise<CaseList> {
  const rows = await store.reads.assignments(filter);
  const names = await store.reads.names(rows.flatMap((r) => [r.ownerId, r.holderId, r.verifierId, r.decisionId]));
  const open = new Set(['issued', 'in_progress', 'submitted']);
  return { cases: rows.map((r) => ({ ...r, overdue: open.has(r.status) && r.deadline < now })), names, asOf: now };
}
