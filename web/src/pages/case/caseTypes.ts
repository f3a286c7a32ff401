/**
 * The shapes of the case's reads that api/types.ts does not name: its events with their hash
 * chain (GET /assignments/{id}/events) and the record's verification status (GET /record/status).
 * They mirror the response schemas in src/http/routes/assignments.routes.ts and record.routes.ts.
 */
import type { Assignment, Ledger } from '../../api/types.js';

/** One event of a case as GET /assignments/{id}/events gives it. */
export interface CaseEvent {
  readonly seq: number;
  readonly type: string;
  readonly actor: string;
  readonly at: string;
  readonly payload: unknown;
  readonly prevHash: string;
  readonly hash: string;
}

/** GET /assignments/{id}/events. */
export interface CaseEvents {
  readonly items: readonly CaseEvent[];
}

/** GET /record/status: the size of the record, its last checkpoint and its last verification. */
export interface RecordStatus {
  readonly events: number;
  readonly streams: number;
  readonly lastCheckpoint: { readonly seq: number; readonly at: string; readonly root: string } | null;
  readonly lastVerification: {
    readonly ok: boolean;
    readonly at: string;
    readonly by: string;
    readonly events: number;
    readonly streams: number;
    readonly checkpoints: number;
    readonly integrity: string;
    readonly problems: number;
    readonly firstProblem: { readonly kind: string; readonly streamId: string; readonly seq: number | null; readonly position: number | null; readonly message: string } | null;
  } | null;
}

/** One interval of the hour ledger. */
export type LedgerInterval = Ledger['intervals'][number];
/** One request (handover, transfer, extension) of the hour ledger. */
export type LedgerRequest = Ledger['requests'][number];
/** One item of evidence. */
export type EvidenceItem = NonNullable<Assignment['submission']>['evidence'][number];
/** The request awaiting an answer on a case. */
export type PendingRequest = NonNullable<Assignment['pending']>;
