/** Rows of calendars, ladder policies, accountability proposals and agenda items, each a function of a stream's state after an event. */
import type { StateOf } from '../../domain/streams.js';
import { rowFor, type ProjectedRow } from './rows.js';

/** The row of a business calendar. */
export function calendarRows(id: string, s: StateOf<'calendar'>): ProjectedRow[] {
  return [rowFor('calendars', { id, unit_id: s.unitId, version: s.version, retired_at: s.retiredAt })];
}

/** The row of a ladder policy. */
export function ladderPolicyRows(id: string, s: StateOf<'ladder'>): ProjectedRow[] {
  return [rowFor('ladder_policies', { id, name: s.name, unit_id: s.scope.unitId, domain: s.scope.domain, version: s.version, retired_at: s.retiredAt })];
}

/** The row of an accountability proposal. */
export function accountabilityRows(id: string, s: StateOf<'accountability'>): ProjectedRow[] {
  return [
    rowFor('accountability_proposals', {
      id,
      assignment_id: s.assignmentId,
      subject_id: s.subjectId,
      action: s.action,
      level: s.level,
      status: s.status,
      proposed_at: s.proposedAt,
      decided_at: s.decidedAt,
    }),
  ];
}

/** The row of an agenda item. */
export function agendaRows(id: string, s: StateOf<'agenda'>): ProjectedRow[] {
  return [
    rowFor('agenda_items', {
      id,
      body_id: s.bodyId,
      status: s.status,
      route_kind: s.route.kind,
      assignment_id: s.route.kind === 'ladder' ? s.route.assignmentId : null,
      question: s.question,
      returns: s.returns,
      session: s.session,
      first_submitted_at: s.firstSubmittedAt,
      updated_at: s.lastEventAt,
    }),
  ];
}
