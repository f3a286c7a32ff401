/** What the maintenance operations of the record report: checkpoints, verification, rebuilds. */

/** What a checkpoint recorded. */
export interface CheckpointResult {
  readonly seq: number;
  readonly at: string;
  readonly root: string;
  readonly streams: number;
  readonly changed: number;
}

/** What a rebuild did. */
export interface RebuildReport {
  readonly events: number;
  readonly streams: number;
}

/** What is wrong, in a word. */
export type ProblemKind =
  | 'hash-mismatch'
  | 'chain-broken'
  | 'missing-event'
  | 'missing-stream'
  | 'checkpoint-mismatch'
  | 'checkpoint-root'
  | 'malformed'
  | 'head-mismatch'
  | 'integrity';

/** One problem found, with the stream and sequence it concerns. */
export interface VerifyProblem {
  readonly kind: ProblemKind;
  readonly streamId: string;
  readonly seq: number | null;
  /** Position in the record of the event concerned (or of the next one after a gap); null when unknown. */
  readonly position: number | null;
  readonly message: string;
}

/** The outcome of a verification. `ok` is true only when no problem was found. */
export interface VerifyReport {
  readonly ok: boolean;
  readonly events: number;
  readonly streams: number;
  readonly checkpoints: number;
  readonly integrity: string;
  readonly problems: readonly VerifyProblem[];
}

/** What an import of recorded events did. */
export interface ImportReport {
  readonly events: number;
  readonly streams: number;
}
