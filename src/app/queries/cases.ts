/** Lists of cases with the names of the people, units and decisions in them. */
import type { Instant } from '../../domain/time.js';
import type { Store } from '../../store/port.js';
import type { AssignmentFilter, AssignmentWithParties } from '../../store/read-model.js';

/** One case of a list: its summary, all its parties, and whether it is overdue. */
export type CaseListItem = AssignmentWithParties & { readonly overdue: boolean };

/** A page of cases and the names of what they mention. */
export interface CaseList {
  readonly cases: readonly CaseListItem[];
  /**
   * The display name of every person, unit and decision the cases mention (see `mentionedIds`) that
   * exists: a person's or unit's name, a decision's "number — title". Nothing else.
   */
  readonly names: ReadonlyMap<string, string>;
  readonly asOf: Instant;
}

const OPEN = new Set(['issued', 'in_progress', 'submitted']);

/** Every id a case mentions: decision, owner, holder, verifier, issuer, controller, co-executors, its unit and its holder's unit. */
export function mentionedIds(c: AssignmentWithParties): string[] {
  return [
    c.decisionId,
    c.ownerId,
    c.holderId,
    c.verifierId,
    c.issuerId,
    ...(c.controllerId === null ? [] : [c.controllerId]),
    ...c.coExecutorIds,
    ...(c.unitId === null ? [] : [c.unitId]),
    c.holderUnitId,
  ];
}

/** Display name of a decision: its number and title. */
export function decisionName(d: { readonly number: string; readonly title: string }): string {
  return `${d.number} — ${d.title}`;
}

/**
 * Cases matching the filter, each marked overdue if open past its deadline at `now`, with the names
 * of what they mention — resolved a kind at a time (people and units, then decisions), never a row at a time.
 */
export async function listCases(store: Store, filter: AssignmentFilter, now: Instant): Promise<CaseList> {
  const rows = await store.reads.assignmentsWithParties(filter);
  const ids = new Set(rows.flatMap(mentionedIds));
  const decisionIds = new Set(rows.map((r) => r.decisionId));
  const names = new Map(await store.reads.names([...ids].filter((id) => !decisionIds.has(id))));
  if (decisionIds.size > 0) for (const [id, label] of await store.reads.decisionLabels([...decisionIds])) names.set(id, decisionName(label));
  return { cases: rows.map((r) => ({ ...r, overdue: OPEN.has(r.status) && r.deadline < now })), names, asOf: now };
}
