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
  /** Only assignments due at or before this instant. */
  readonly deadlineAtMost?: Instant;
  /** Only open cases (issued, in progress or submitted). */
  readonly open?: boolean;
  /** Only cases at this escalation level exactly. */
  readonly escalationLevel?: number;
  /** Only cases at this escalation level or above. */
  readonly minEscalationLevel?: number;
  /** Only cases with a pending handover, transfer or extension that waits on this person (its recipient, or the extension's approver). */
  readonly awaiting?: string;
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

/** The parties of an assignment a summary leaves out: its issuer, controller and co-executors, and the unit of the person its hours fall on. */
export interface CaseParties {
  readonly issuerId: string;
  readonly controllerId: string | null;
  /** In id order. */
  readonly coExecutorIds: readonly string[];
  readonly holderUnitId: string;
}

/** One assignment as lists show it, with all its parties. */
export type AssignmentWithParties = AssignmentSummary & CaseParties;

/** A decision's number (unique within its body) and title. */
export interface DecisionLabel {
  readonly number: string;
  readonly title: string;
}

/** Which decisions to list newest first. */
export interface NewestDecisionFilter {
  /** Only the decisions of this body. */
  readonly bodyId?: string;
  /** Cursor: the last row of the previous page (only decisions strictly after it in the order). */
  readonly after?: DecisionDateCursor;
  /** Page size (default 50, at most 1,000). */
  readonly limit?: number;
}

/** A position in the newest-first order of decisions: date descending, then id descending. */
export interface DecisionDateCursor {
  readonly date: string;
  readonly id: string;
}

/** The statuses of an open case. */
export const OPEN_STATUSES = ['issued', 'in_progress', 'submitted'] as const;

/** Which open cases to count. All given conditions must hold. */
export interface OpenCaseFilter {
  /** Only what this person may see (as AssignmentFilter.visibleTo). */
  readonly visibleTo?: Visibility;
  /** Only cases sitting in one of these units. */
  readonly unitIds?: readonly string[];
  /** Cases due before this instant are overdue. */
  readonly now: Instant;
  /** Cases due from `now` up to this instant (inclusive) are due soon. */
  readonly soonUntil: Instant;
}

/** Open cases of one unit at one escalation level, counted. */
export interface OpenCaseGroup {
  readonly unitId: string | null;
  readonly escalationLevel: number;
  readonly open: number;
  /** Past their deadline. */
  readonly overdue: number;
  /** Due between now and the end of the soon window, inclusive. */
  readonly dueSoon: number;
  readonly submitted: number;
}

/** The assignments of a decision, counted by status; `overdue` counts the open ones past their deadline. */
export interface ExecutionCounts {
  readonly total: number;
  readonly issued: number;
  readonly inProgress: number;
  readonly submitted: number;
  readonly verified: number;
  readonly cancelled: number;
  readonly overdue: number;
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
  /** As `assignments`, each with its parties (issuer, controller, co-executors, holder's unit), read in one go. */
  assignmentsWithParties(filter: AssignmentFilter): Promise<AssignmentWithParties[]>;
  /** The number and title of each decision given that exists. */
  decisionLabels(ids: readonly string[]): Promise<Map<string, DecisionLabel>>;
  /** Decisions by date descending, then id descending, one page after a cursor, optionally of one body. */
  decisionsNewest(filter: NewestDecisionFilter): Promise<StreamSnapshot[]>;
  /** Open cases matching the filter, counted in the database by unit and escalation level (only groups with cases). */
  openCaseGroups(filter: OpenCaseFilter): Promise<OpenCaseGroup[]>;
  /** The assignments of each decision counted by status (every id given has an entry, zeros when it has none), overdue as of `now`. */
  decisionExecution(decisionIds: readonly string[], now: Instant): Promise<Map<string, ExecutionCounts>>;
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
