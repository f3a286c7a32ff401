/** Queries over the projections and the record, the same on every back end. */
import type { RoleGrant } from '../domain/access/roles.js';
import type { StreamKind } from '../domain/ids.js';
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
  /** Only assignments sitting in one of these units (e.g. a unit's subtree). */
  readonly unitIds?: readonly string[];
  /** Only assignments due at or after this instant. */
  readonly deadlineFrom?: Instant;
  /** Only assignments due before this instant. */
  readonly deadlineTo?: Instant;
  /** Only what this person may see: as a party, through a unit role, or as secretary of the deciding body. */
  readonly visibleTo?: Visibility;
  /** Only cases this person takes a part in: owner, holder (of the hour or of the case), verifier, controller or co-executor; not as issuer only. */
  readonly partyOf?: string;
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
  readonly unitId: string | null;
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
  /** A stream's head and folded state as the projections hold it, or undefined. */
  snapshot(id: string): Promise<StreamSnapshot | undefined>;
  /** Streams of one kind, ordered by id, one page after a cursor (an id), optionally only those placed in some units or under a body. */
  streams(kind: StreamKind, filter: StreamFilter): Promise<StreamSnapshot[]>;
  /** The roles a person holds now. */
  grants(personId: string): Promise<RoleGrant[]>;
  /** A unit and the units above it, nearest first (empty if there is no such unit). */
  unitChain(unitId: string): Promise<string[]>;
  /** A unit and every unit below it (empty if there is no such unit). */
  unitSubtree(unitId: string): Promise<string[]>;
}

/** A stream's id, kind, head and folded state. */
export interface StreamSnapshot {
  readonly id: string;
  readonly kind: StreamKind;
  readonly seq: number;
  readonly hash: string;
  readonly state: unknown;
}

/** Which streams of a kind to list. */
export interface StreamFilter {
  /** Only those placed in one of these units (a unit itself, a person's or a post's unit, an assignment's). */
  readonly unitIds?: readonly string[];
  /** Only those of this body (decisions, committees). */
  readonly bodyId?: string;
  /** Page size (default 50, at most 1,000). */
  readonly limit?: number;
  /** Cursor: the last id of the previous page. */
  readonly after?: string;
}

/** Who is looking: only what this person may see is listed. */
export interface Visibility {
  readonly personId: string;
  /** Units the person sees everything in (through roles). */
  readonly unitIds: readonly string[];
  /** Bodies whose decisions and assignments the person sees (as their secretary). */
  readonly bodyIds: readonly string[];
}
