/**
 * RFC 9457 problem details, and the one table that maps every stable error code to an HTTP
 * status. Handlers never choose statuses for refusals: they hand the error to `problem()`.
 */
import type { FastifyReply } from 'fastify';
import type { AppError, AppErrorCode } from '../app/errors.js';
import type { StoreErrorCode } from '../store/errors.js';

/** Codes only the HTTP layer produces. */
export type HttpErrorCode =
  | 'BAD_REQUEST'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'PRECONDITION_REQUIRED'
  | 'IDEMPOTENCY_KEY_IN_FLIGHT'
  | 'CSRF_TOKEN_INVALID'
  | 'RATE_LIMITED'
  | 'ROUTE_NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'LINK_INVALID'
  | 'LINK_USED'
  | 'EVIDENCE_FILE_MISSING'
  | 'EVIDENCE_FILE_MISMATCH'
  | 'OIDC_FAILED'
  | 'OIDC_NOT_LINKED'
  | 'OIDC_UNAVAILABLE'
  | 'CURRENT_PASSWORD_WRONG'
  | 'INTERNAL';

/** Every code a problem may carry. */
export type ProblemCode = AppErrorCode | StoreErrorCode | HttpErrorCode;

const STATUS: Record<string, number> = {
  // Who may
  UNAUTHENTICATED: 401,
  OIDC_FAILED: 401,
  FORBIDDEN: 403,
  CSRF_TOKEN_INVALID: 403,
  NOT_THE_VERIFIER: 403,
  VERIFIER_IS_SUBMITTER: 403,
  NOT_THE_OWNER: 403,
  NOT_THE_HOLDER: 403,
  NOT_THE_RECIPIENT: 403,
  NOT_THE_APPROVER: 403,
  NOT_PERMITTED: 403,
  EXTENSION_SELF_APPROVAL: 403,
  ACCOUNTABILITY_SELF_DECISION: 403,
  LINK_INVALID: 403,
  LINK_USED: 409,
  OIDC_NOT_LINKED: 403,
  CURRENT_PASSWORD_WRONG: 403,
  // What is there
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  WRONG_KIND: 404,
  // Races and preconditions
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  DUPLICATE: 409,
  DECISION_NUMBER_TAKEN: 409,
  INVALID_TRANSITION: 409,
  REQUEST_PENDING: 409,
  CALENDAR_SCOPE_TAKEN: 409,
  LADDER_POLICY_SCOPE_TAKEN: 409,
  LADDER_STEP_NOT_DUE: 409,
  IDEMPOTENCY_KEY_IN_FLIGHT: 409,
  PRECONDITION_FAILED: 412,
  PRECONDITION_REQUIRED: 428,
  IDEMPOTENCY_KEY_REUSED: 422,
  // The request itself
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  EVIDENCE_FILE_MISSING: 422,
  EVIDENCE_FILE_MISMATCH: 422,
  RATE_LIMITED: 429,
  // The server
  DB_UNREACHABLE: 503,
  OIDC_UNAVAILABLE: 502,
  INTERNAL: 500,
};

/** The HTTP status of a code. Any other domain code is a rule the request broke: 422. */
export function statusOf(code: string): number {
  return STATUS[code] ?? 422;
}

/** A problem document. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

/** The problem document of an error code. */
export function problemOf(code: string, detail: string, extensions: Record<string, unknown> = {}): Problem {
  const status = statusOf(code);
  return { type: `https://proverka.invalid/problems/${code.toLowerCase().replace(/_/g, '-')}`, title: code.replace(/_/g, ' ').toLowerCase(), status, code, detail, ...extensions };
}

/** Sends a problem as application/problem+json. */
export function sendProblem(reply: FastifyReply, code: string, detail: string, extensions: Record<string, unknown> = {}): FastifyReply {
  const p = problemOf(code, detail, { instance: reply.request.url, ...extensions });
  return reply.code(p.status).type('application/problem+json').send(p);
}

/** Sends an application refusal. */
export function sendAppError(reply: FastifyReply, error: AppError): FastifyReply {
  return sendProblem(reply, error.code, error.message, error.details === undefined ? {} : { details: error.details });
}
