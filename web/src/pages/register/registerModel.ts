/**
 * The decision register's data: a decision with its execution counts (as GET /decisions gives
 * them), and — for each count — the filter of GET /assignments that lists the very cases counted.
 */
import type { z } from 'zod';
import type { decisionViewSchema } from '../../../../src/http/routes/organisation.schemas.js';
import type { CaseFilter } from '../../ui/PagedCaseTable.js';

/** A decision as GET /decisions and GET /decisions/{id} give it: with how far its assignments are carried out. */
export type RegisteredDecision = z.infer<typeof decisionViewSchema>;
/** Its assignments counted by status, and the open ones past their deadline. */
export type Execution = RegisteredDecision['execution'];

/** The counts that open a list of assignments, in the order they are shown. */
export const EXECUTION_KINDS = ['issued', 'inProgress', 'submitted', 'verified', 'cancelled', 'overdue'] as const;
/** One of EXECUTION_KINDS. */
export type ExecutionKind = (typeof EXECUTION_KINDS)[number];

/** True for a string naming an execution count. */
export function isExecutionKind(v: string | null): v is ExecutionKind {
  return v !== null && (EXECUTION_KINDS as readonly string[]).includes(v);
}

/** The filter of GET /assignments listing a decision's assignments behind one count (or all of them). */
export function executionFilter(decisionId: string, kind: ExecutionKind | null): CaseFilter {
  switch (kind) {
    case null:
      return { decision: decisionId };
    case 'overdue':
      return { decision: decisionId, overdue: 'true' };
    case 'inProgress':
      return { decision: decisionId, status: 'in_progress' };
    case 'issued':
    case 'submitted':
    case 'verified':
    case 'cancelled':
      return { decision: decisionId, status: kind };
  }
}

/** The link to a decision's page listing the assignments behind one count. */
export function executionHref(decisionId: string, kind: ExecutionKind): string {
  return `/decisions/${encodeURIComponent(decisionId)}?show=${kind}`;
}
