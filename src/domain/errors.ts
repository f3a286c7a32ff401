/**
 * Stable error codes of the domain. A code never changes meaning once published:
 * the HTTP layer, the CLI and the tests rely on it. Messages are for people and may change.
 */
export const DOMAIN_ERROR_CODES = [
  // ownership and parties (F2)
  'OWNER_REQUIRED',
  'OWNER_NOT_A_PERSON',
  'VERIFIER_REQUIRED',
  'VERIFIER_NOT_A_PERSON',
  'VERIFIER_IS_OWNER',
  'VERIFIER_IS_CO_EXECUTOR',
  'VERIFIER_IS_SUBMITTER',
  'VERIFIER_CANNOT_HOLD',
  'CO_EXECUTOR_IS_OWNER',
  'PARTY_NOT_A_PERSON',
  // definition of the work (F1)
  'TITLE_REQUIRED',
  'DEFINITION_OF_DONE_REQUIRED',
  'DEADLINE_REQUIRED',
  'DEADLINE_INVALID',
  'DEADLINE_BEFORE_ISSUE',
  'SUB_DEADLINE_AFTER_PARENT',
  'PARENT_CLOSED',
  'PARENT_OF_OTHER_DECISION',
  // verification (F3)
  'EVIDENCE_REQUIRED',
  'EVIDENCE_INVALID',
  'NOT_THE_VERIFIER',
  // who may act
  'NOT_THE_OWNER',
  'NOT_THE_HOLDER',
  'NOT_THE_RECIPIENT',
  'NOT_THE_APPROVER',
  'NOT_PERMITTED',
  // lifecycle
  'INVALID_TRANSITION',
  'EVENT_OUT_OF_ORDER',
  'REASON_REQUIRED',
  'REQUEST_PENDING',
  'HANDOVER_TO_SELF',
  'TRANSFER_TO_SELF',
  'EXTENSION_NOT_LATER',
  'EXTENSION_SELF_APPROVAL',
  'ESCALATION_TARGET_INVALID',
  // organisation
  'NAME_REQUIRED',
  'UNIT_PARENT_INVALID',
  'BODY_LEVEL_INVALID',
  'COMMITTEE_CHAIR_REQUIRED',
  'COMMITTEE_SUNSET_INVALID',
  'DATE_INVALID',
  'DECISION_NUMBER_REQUIRED',
  'DECISION_NUMBER_TAKEN',
  'POST_HOLDER_INVALID',
  'POST_PROFILE_INVALID',
  // the choice of people (F9): a placement asked of the solver is malformed, or its pins cannot all hold
  'PLACEMENT_INSTANCE_INVALID',
  'PLACEMENT_PINS_INFEASIBLE',
  'ROLE_SCOPE_INVALID',
  // business calendars (F5): a definition breaks a rule (`details.problems`); a scope already has one
  'CALENDAR_INVALID',
  'CALENDAR_SCOPE_TAKEN',
  // ladder policies and accountability actions (F5)
  'LADDER_POLICY_INVALID',
  'LADDER_POLICY_SCOPE_TAKEN',
  'LADDER_STEP_NOT_DUE',
  'ACCOUNTABILITY_INVALID',
  'ACCOUNTABILITY_SELF_DECISION',
  // the urgent demand (F6)
  'COMPETENT_UNIT_REQUIRED',
  'OWNER_NOT_IN_COMPETENT_UNIT',
  'DOCUMENTS_REQUIRED',
  'DEADLINE_TOO_LONG_FOR_URGENT',
  'COPY_TO_CONTROL_REQUIRED',
  'STATEMENT_REQUIRED',
  // a body's agenda (F7)
  'STATEMENT_INCOMPLETE',
  'LADDER_NOT_REACHED',
  'RETURN_TARGET_NOT_A_UNIT',
  'SESSION_DATE_INVALID',
  'AGENDA_DECISION_INVALID',
  // cases imported from another system (issue #7): a trace's history is malformed
  'TRACE_INVALID',
] as const;

/** One of the domain's stable error codes. */
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** A refused domain decision: stable code, human message, optional structured details. */
export interface DomainError {
  readonly code: DomainErrorCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}
