/** Refusals of ladder policies and accountability actions; their codes are listed in DOMAIN_ERROR_CODES (src/domain/errors.ts). */
import type { DomainError, DomainErrorCode } from '../errors.js';
import type { Result } from '../result.js';

/** The codes only ladder policies, steps and accountability actions refuse with. */
export const LADDER_ERROR_CODES = [
  'LADDER_POLICY_INVALID',
  'LADDER_POLICY_SCOPE_TAKEN',
  'LADDER_STEP_NOT_DUE',
  'ACCOUNTABILITY_INVALID',
  'ACCOUNTABILITY_SELF_DECISION',
] as const satisfies readonly DomainErrorCode[];

/** A refused ladder or accountability decision. */
export type LadderError = DomainError;

/** Builds a failed Result with a domain code. */
export function refuseLadder(code: DomainErrorCode, message: string, details?: Readonly<Record<string, unknown>>): Result<never, LadderError> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}
