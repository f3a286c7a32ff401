/**
 * A person's deadlines: every open case in which they are the owner, hold the case (it is with them
 * now, or they are its executor), verify it, control it or help as a co-executor, with their parts
 * in it. What a calendar feed shows; a case the person only issued is not among them.
 */
import { attributedHolder, type AssignmentState, type AssignmentStatus } from '../../domain/assignment/assignment.state.js';
import type { DecisionState } from '../../domain/decision.js';
import type { Instant } from '../../domain/time.js';
import type { AssignmentSummary, ReadModel } from '../../store/read-model.js';

/** A part a person takes in a case, as a calendar shows it. */
export type DeadlineRole = 'owner' | 'holder' | 'verifier' | 'controller' | 'co-executor';

/** One open case of the person, at its deadline. */
export interface Deadline {
  readonly assignmentId: string;
  readonly title: string;
  readonly definitionOfDone: string;
  readonly deadline: Instant;
  readonly status: AssignmentStatus;
  readonly urgency: string;
  /** The person's parts in the case, in the order of DeadlineRole. */
  readonly roles: readonly DeadlineRole[];
  readonly decision: { readonly id: string; readonly number: string; readonly title: string };
  /** Who the case's current hour falls on, by name. */
  readonly holderName: string;
  readonly issuedAt: Instant;
  /** When the case's last event happened. */
  readonly lastEventAt: Instant;
  /** How many times the deadline moved. */
  readonly deadlineChanges: number;
  /** True while an extension of the deadline is asked for and not answered. */
  readonly extensionPending: boolean;
}

/** A person's open cases by deadline (earliest first). */
export interface PersonDeadlines {
  readonly personId: string;
  readonly personName: string;
  readonly deadlines: readonly Deadline[];
}

const OPEN: readonly AssignmentStatus[] = ['issued', 'in_progress', 'submitted'];
const PAGE = 1_000;
/** At most this many cases (the earliest deadlines) are listed. */
export const MAX_DEADLINES = 5_000;

/** The person's parts in a case (empty when they are none of them). */
export function rolesIn(state: AssignmentState, personId: string): DeadlineRole[] {
  const roles: DeadlineRole[] = [];
  if (state.ownerId === personId) roles.push('owner');
  if (state.holderId === personId || attributedHolder(state).personId === personId) roles.push('holder');
  if (state.verifierId === personId) roles.push('verifier');
  if (state.controllerId === personId) roles.push('controller');
  if (state.coExecutorIds.includes(personId)) roles.push('co-executor');
  return roles;
}

/** The person's open cases in which they take a part, earliest deadline first (at most MAX_DEADLINES). */
export async function deadlinesOf(reads: ReadModel, personId: string): Promise<PersonDeadlines> {
  const rows: AssignmentSummary[] = [];
  for (;;) {
    const last = rows.at(-1);
    const page = await reads.assignments({
      statuses: OPEN,
      partyOf: personId,
      limit: PAGE,
      ...(last !== undefined ? { after: { deadline: last.deadline, id: last.id } } : {}),
    });
    rows.push(...page);
    if (page.length < PAGE || rows.length >= MAX_DEADLINES) break;
  }
  const found: Array<{ id: string; state: AssignmentState; roles: DeadlineRole[] }> = [];
  for (const row of rows.slice(0, MAX_DEADLINES)) {
    // The folded state (what the definition of done, the last event and the parts come from), checked again: the case may have moved since the list was read.
    const snap = await reads.snapshot(row.id);
    if (snap === undefined) continue;
    const state = snap.state as AssignmentState;
    const roles = rolesIn(state, personId);
    if (roles.length > 0 && OPEN.includes(state.status)) found.push({ id: row.id, state, roles });
  }
  const decisions = new Map<string, DecisionState>();
  for (const id of new Set(found.map((f) => f.state.decisionId))) {
    const snap = await reads.snapshot(id);
    if (snap !== undefined) decisions.set(id, snap.state as DecisionState);
  }
  const names = await reads.names([personId, ...found.map((f) => attributedHolder(f.state).personId)]);
  const deadlines = found.map(({ id, state, roles }): Deadline => {
    const decision = decisions.get(state.decisionId);
    const holderId = attributedHolder(state).personId;
    return {
      assignmentId: id,
      title: state.title,
      definitionOfDone: state.definitionOfDone,
      deadline: state.deadline,
      status: state.status,
      urgency: state.urgency,
      roles,
      decision: { id: state.decisionId, number: decision?.number ?? '', title: decision?.title ?? '' },
      holderName: names.get(holderId) ?? holderId,
      issuedAt: state.issuedAt,
      lastEventAt: state.lastEventAt,
      deadlineChanges: state.counts.deadlineChanges,
      extensionPending: state.pending?.kind === 'extension',
    };
  });
  deadlines.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.assignmentId < b.assignmentId ? -1 : 1));
  return { personId, personName: names.get(personId) ?? personId, deadlines };
}
