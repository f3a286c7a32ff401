/**
 * Stable error codes of business calendars. They are meant to be listed in DOMAIN_ERROR_CODES
 * (src/domain/errors.ts); until then a CalendarError is a DomainError whose code may also be one
 * of these, and becomes exactly a DomainError once they are listed.
 */
import type { DomainError, DomainErrorCode } from '../errors.js';
import type { Result } from '../result.js';

/** Codes only calendars refuse with. */
export const CALENDAR_ERROR_CODES = [
  /** A calendar definition breaks a rule; `details.problems` names each broken rule with a stable issue. */
  'CALENDAR_INVALID',
  /** The organisation, or that unit, already has an active calendar. */
  'CALENDAR_SCOPE_TAKEN',
] as const;

/** One of the calendar's stable error codes. */
export type CalendarErrorCode = (typeof CALENDAR_ERROR_CODES)[number];

/** A refused calendar decision: a DomainError, or one of the calendar's own codes. */
export type CalendarError = Omit<DomainError, 'code'> & { readonly code: DomainErrorCode | CalendarErrorCode };

/** Builds a failed Result with a calendar (or domain) code. */
export function refuseCalendar(code: DomainErrorCode | CalendarErrorCode, message: string, details?: Readonly<Record<string, unknown>>): Result<never, CalendarError> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}
