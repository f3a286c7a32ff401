/**
 * Rows of `assignments` and `co_executors` for one assignment event. The assignment's row is
 * written with only the columns the event changed, so that indexes on the others are left alone.
 * The hour ledger is not materialised: it is computed from the case's events when it is read.
 */
import { currentHolding, type AssignmentState } from '../../domain/assignment/assignment.state.js';
import { changedColumns, rowFor, type ProjectedRow, type RowOf } from './rows.js';

function assignmentRow(id: string, s: AssignmentState): RowOf<'assignments'> {
  const h = currentHolding(s);
  return {
    id,
    decision_id: s.decisionId,
    parent_id: s.parentId,
    title: s.title,
    definition_of_done: s.definitionOfDone,
    search_text: `${s.title}\n${s.definitionOfDone}`.toLowerCase(),
    domain: s.domain,
    urgency: s.urgency,
    status: s.status,
    issuer_id: s.issuerId,
    owner_id: s.ownerId,
    verifier_id: s.verifierId,
    controller_id: s.controllerId,
    holder_id: h.personId,
    holder_unit_id: h.unitId,
    holder_role: h.role,
    pending: s.pending?.kind ?? null,
    deadline: s.deadline,
    original_deadline: s.originalDeadline,
    issued_at: s.issuedAt,
    updated_at: s.lastEventAt,
    closed_at: s.closedAt,
    deadline_changes: s.counts.deadlineChanges,
    handovers: s.counts.handovers,
    refusals: s.counts.handoverRefusals + s.counts.transferRefusals,
    rejections: s.counts.rejections,
    reopenings: s.counts.reopenings,
    escalations: s.counts.escalations,
    escalation_level: s.escalationLevel,
    unit_id: s.units[s.ownerId] ?? null,
    case_holder_id: s.holderId,
  };
}

/** Rows for an assignment after an event: its own row (with `diff`, naming the changed columns), and its co-executors when issued. */
export function assignmentRows(id: string, before: AssignmentState | undefined, after: AssignmentState, diff: boolean): ProjectedRow[] {
  const row = assignmentRow(id, after);
  if (before === undefined) return [rowFor('assignments', row), ...after.coExecutorIds.map((person_id) => rowFor('co_executors', { assignment_id: id, person_id }))];
  return [diff ? rowFor('assignments', row, changedColumns(assignmentRow(id, before), row)) : rowFor('assignments', row)];
}
