/** Queries over the projections and the record, the same on every back end. */
import type { Instant } from '../domain/time.js';
import type { RecordedEvent } from './record.js';

/** Which assignments to list. All given conditions must hold. */
export interface AssignmentFilter {
  /** Case-insensitive text to find in the title or the definition of done. */
  readonly search?: string;
  /** Only cases open and past their deadline at this instant. */
  readonly overdueAt?: Instant;
  readonly statuses?: readonly string[];
  readonly ownerId?: string;
  readonly holderId?: string;
  readonly verifierId?: string;
  readonly decisionId?: string;
  readonly domain?: string;
  /** Page size (default 50, at most 1,000). */
  readonly limit?: number;
  /** Cursor: the last row of the previous page. */
  readonly after?: AssignmentCursor;
}

/** A position in the listing order (deadline, then id). */
export interface AssignmentCursor {
  readonly deadline: Instant;
  readonly id: string;
}

/** One assignment as lists show it. */
export interface AssignmentSummary {
  readonly id: string;
  readonly title: string;
  readonly decisionId: string;
  readonly parentId: string | null;
  readonly domain: string;
  readonly urgency: string;
  readonly status: string;
  readonly ownerId: string;
  readonly holderId: string;
  readonly holderRole: string;
  readonly verifierId: string;
  readonly deadline: Instant;
  readonly issuedAt: Instant;
  readonly closedAt: Instant | null;
  readonly escalationLevel: number;
  readonly handovers: number;
  readonly refusals: number;
  readonly rejections: number;
  readonly deadlineChanges: number;
}

/** How much the database holds. */
export interface RecordCounts {
  readonly events: number;
  readonly streams: number;
  readonly units: number;
  readonly people: number;
  readonly posts: number;
  readonly bodies: number;
  readonly committees: number;
  readonly decisions: number;
  readonly assignments: number;
}

/** Read-side queries. */
export interface ReadModel {
  /** Every event of a stream, in order; empty if there is no such stream. */
  streamEvents(streamId: string): Promise<RecordedEvent[]>;
  /** Events after a global position, in position order: for rebuilds and exports. */
  eventsAfter(position: number, limit: number): Promise<RecordedEvent[]>;
  /** Display names (or titles) of people, units, posts, bodies, committees, decisions and assignments. */
  names(ids: readonly string[]): Promise<Map<string, string>>;
  /** Assignments matching a filter, ordered by deadline then id. */
  assignments(filter: AssignmentFilter): Promise<AssignmentSummary[]>;
  /** Sizes of the record and the projections. */
  counts(): Promise<RecordCounts>;
}
