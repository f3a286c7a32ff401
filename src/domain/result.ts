/**
 * Expected failures are values: every domain decision returns a Result.
 * `ok: true` carries the value; `ok: false` carries a DomainError with a stable code.
 */
import type { DomainError, DomainErrorCode } from './errors.js';

/** The outcome of a domain decision: a value, or a DomainError. Never both. */
export type Result<T, E = DomainError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** Wraps a successful value. */
export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

/** Builds a failed Result carrying a DomainError with the given stable code. */
export function fail(code: DomainErrorCode, message: string, details?: Readonly<Record<string, unknown>>): Result<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}
