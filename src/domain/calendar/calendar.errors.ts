/** Refusals of business calendars; their codes are listed in DOMAIN_ERROR_CODES (src/domain/errors.ts). */
import type { DomainError, DomainErrorCode } from '../errors.js';
import type { Result } from '../result.js';

/** The codes only calendars refuse with. */
export const CALENDAR_ERROR_CODES = ['CALENDAR_INVALID', 'CALENDAR_SCOPE_TAKEN'] as const satisfies readonly DomainErrorCode[];

/** A refused calendar decision. */
export type CalendarError = DomainError;

/** Builds a failed Result with a domain code. */
export function refuseCalendar(code: DomainErrorCode, message: string, details?: Readonly<Record<string, unknown>>): Result<never, CalendarError> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}
