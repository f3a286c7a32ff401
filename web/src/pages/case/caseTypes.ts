/**
 * Names for the parts of a case's reads the case page works with (all inferred from the API's
 * schemas through api/types.ts); the events and the record status are re-exported from there.
 */
import type { Assignment, Ledger } from '../../api/types.js';

export type { CaseEvent, CaseEvents, RecordStatus } from '../../api/types.js';

/** One interval of the hour ledger. */
export type LedgerInterval = Ledger['intervals'][number];
/** One request (handover, transfer, extension) of the hour ledger. */
export type LedgerRequest = Ledger['requests'][number];
/** One item of evidence. */
export type EvidenceItem = NonNullable<Assignment['submission']>['evidence'][number];
/** The request awaiting an answer on a case. */
export type PendingRequest = NonNullable<Assignment['pending']>;
