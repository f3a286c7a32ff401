/**
 * Errors the application reports: every domain code, plus what only the application can know
 * (an unknown id, an id taken, a lost race, input of the wrong shape). One type, stable codes;
 * the adapters (CLI, HTTP) map the codes in one place each.
 */
import type { DomainErrorCode } from '../domain/errors.js';
import type { Result } from '../domain/result.js';

/** Codes only the application knows. */
export type ApplicationErrorCode =
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'WRONG_KIND'
  | 'CONFLICT'
  | 'VALIDATION_FAILED'
  /** The resource changed since the version the request named (HTTP If-Match). */
  | 'PRECONDITION_FAILED'
  /** An idempotency key came back with another request. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** The principal may not do this (roles and scopes). */
  | 'FORBIDDEN'
  /** No one is signed in, or the credentials are void. */
  | 'UNAUTHENTICATED';

/** Every code a command can fail with. */
export type AppErrorCode = DomainErrorCode | ApplicationErrorCode;

/** A refused command: stable code, human message, optional details. */
export interface AppError {
  readonly code: AppErrorCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The outcome of a command. */
export type AppResult<T> = Result<T, AppError>;

/** Builds a failed AppResult. */
export function appFail(code: AppErrorCode, message: string, details?: Readonly<Record<string, unknown>>): AppResult<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

/** The thrown form of an AppError, for adapters that prefer exceptions (the CLI, the demo). */
export class ProverkaError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'ProverkaError';
  }
}

/** The value of a successful result; throws ProverkaError with the failure's code otherwise. */
export function unwrap<T>(result: AppResult<T>): T {
  if (result.ok) return result.value;
  throw new ProverkaError(result.error.code, result.error.message, result.error.details);
}
