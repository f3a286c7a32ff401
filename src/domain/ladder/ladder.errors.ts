/**
 * Stable error codes of ladder policies and accountability actions. They are meant to be listed in
 * DOMAIN_ERROR_CODES (src/domain/errors.ts); until then a LadderError is a DomainError whose code
 * may also be one of these, and becomes exactly a DomainError once they are listed.
 */
import type { DomainError, DomainErrorCode } from '../errors.js';
import type { Result } from '../result.js';

/** Codes only ladder policies and accountability actions refuse with. */
export const LADDER_ERROR_CODES = [
  /** A policy breaks a rule; `details.problems` names each broken rule with a stable issue. */
  'LADDER_POLICY_INVALID',
  /** That unit and domain already have a policy in force. */
  'LADDER_POLICY_SCOPE_TAKEN',
  /** An accountability proposal or decision is malformed: no action to propose, an unknown action or verdict. */
  'ACCOUNTABILITY_INVALID',
  /** The person an accountability action concerns cannot decide it. */
  'ACCOUNTABILITY_SELF_DECISION',
] as const;

/** One of the ladder's stable error codes. */
export type LadderErrorCode = (typeof LADDER_ERROR_CODES)[number];

/** A refused ladder or accountability decision: a DomainError, or one of the ladder's own codes. */
export type LadderError = Omit<DomainError, 'code'> & { readonly code: DomainErrorCode | LadderErrorCode };

/** Builds a failed Result with a ladder (or domain) code. */
export function refuseLadder(code: DomainErrorCode | LadderErrorCode, message: string, details?: Readonly<Record<string, unknown>>): Result<never, LadderError> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}
