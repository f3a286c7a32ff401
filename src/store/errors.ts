/** Failures of the store, each with a stable code. */

/** Stable codes of store failures. */
export type StoreErrorCode =
  | 'CONFLICT'
  | 'DB_NOT_FOUND'
  | 'DB_EXISTS'
  | 'DB_CORRUPT'
  | 'DB_NOT_INITIALISED'
  | 'DB_UNSUPPORTED'
  | 'DB_UNREACHABLE'
  | 'DB_ACCESS_DENIED'
  | 'DUPLICATE'
  | 'RECORD_REJECTED'
  | 'STREAM_KIND_MISMATCH';

/**
 * A store failure with a stable code (CONFLICT: someone else appended to the stream first;
 * RECORD_REJECTED: an imported event does not follow its stream's head, does not chain to it or
 * does not hash to its recorded hash — `details` name the stream, the seq and the reason).
 */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
