/**
 * Why a placement cannot be solved: a malformed instance, or pins that cannot all hold. The codes
 * are stable, in the domain's style (src/domain/errors.ts), and listed in DOMAIN_ERROR_CODES too (the
 * domain cannot import this layer), so the API answers them as 422 problems.
 */
import type { Result } from '../domain/result.js';

/** The stable codes of a refused placement. */
export const PLACEMENT_ERROR_CODES = ['PLACEMENT_INSTANCE_INVALID', 'PLACEMENT_PINS_INFEASIBLE'] as const;

/** One of the stable codes of a refused placement. */
export type PlacementErrorCode = (typeof PLACEMENT_ERROR_CODES)[number];

/** One pin that cannot hold, and why. */
export interface PinConflict {
  readonly reason: 'candidate-pinned-twice' | 'post-pinned-twice' | 'pair-not-allowed' | 'out-of-range';
  readonly post: number;
  readonly candidate: number;
}

/**
 * A refused placement, shaped as a DomainError: `PLACEMENT_INSTANCE_INVALID` carries
 * `details.problems` (strings), `PLACEMENT_PINS_INFEASIBLE` carries `details.conflicts` (PinConflict[]).
 */
export interface PlacementError {
  readonly code: PlacementErrorCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** Builds a failed Result carrying a PlacementError. */
export function failPlacement(code: PlacementErrorCode, message: string, details: Readonly<Record<string, unknown>>): Result<never, PlacementError> {
  return { ok: false, error: { code, message, details } };
}
