/** Small shared checks for decisions: required text, order of time. */
import type { DomainErrorCode } from './errors.js';
import { fail, type Result } from './result.js';
import type { Instant } from './time.js';

const NONE: Result<void> = { ok: true, value: undefined };

/** Passes when the text has a non-blank character; otherwise fails with the code. */
export function requireText(value: string | undefined, code: DomainErrorCode, what: string): Result<void> {
  return value !== undefined && value.trim().length > 0 ? NONE : fail(code, `${what} is required`);
}

/** Refuses an event dated before the last event of its stream (EVENT_OUT_OF_ORDER). */
export function requireNotBefore(at: Instant, last: Instant | undefined): Result<void> {
  return last === undefined || at >= last
    ? NONE
    : fail('EVENT_OUT_OF_ORDER', `an event at ${at} cannot follow the stream's last event at ${last}`, { at, last });
}

/** The success value of checks that produce nothing. */
export const PASS: Result<void> = NONE;

/** Returns the first failure among checks, or PASS. Checks are evaluated lazily, in order. */
export function firstFailure(...checks: Array<() => Result<void>>): Result<void> {
  for (const check of checks) {
    const r = check();
    if (!r.ok) return r;
  }
  return NONE;
}
