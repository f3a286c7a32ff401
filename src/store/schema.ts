/**
 * The tables, as Kysely sees them. `events` is the record (append-only); every other table is a
 * projection of it, rebuildable by `proverka rebuild`. Instants are canonical ISO-8601 text,
 * booleans are 0/1 integers, JSON is text: the same on every back end.
 */
import type { Generated } from 'kysely';
import type { StreamKind } from '../domain/ids.js';

/** The append-only record: one row per event, chained per stream by hash. */
export interface EventsTable {
  position: Generated<number>;
  stream_id: string;
  seq: number;
  type: string;
  actor: string;
  at: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

/**
 * Every stream has one row in the table of its kind, carrying its head (the seq and hash of its
 * last event), its folded state as JSON, and the columns queries need.
 */
export interface StreamHeadColumns {
  seq: number;
  hash: string;
  state: string;
}

/** The ledger stream (checkpoints): a head and nothing else. */
export interface LedgerTable extends StreamHeadColumns {
  id: string;
}

export interface UnitsTable extends StreamHeadColumns {
  id: string;
  name: string;
  parent_id: string | null;
  head_post_id: string;
}

export interface PeopleTable extends StreamHeadColumns {
  id: string;
  name: string;
  unit_id: string;
  email: string | null;
}

export interface PostsTable extends StreamHeadColumns {
  id: string;
  unit_id: string;
  title: string;
  domain: string;
  head: number;
  holder_id: string | null;
}

export interface BodiesTable extends StreamHeadColumns {
  id: string;
  name: string;
  level: number;
  parent_id: string | null;
}

export interface CommitteesTable extends StreamHeadColumns {
  id: string;
  name: string;
  mandate: string;
  chair_id: string;
  body_id: string | null;
  sunset: string;
  created_at: string;
  dissolved_at: string | null;
}

export interface CommitteeMembersTable {
  committee_id: string;
  person_id: string;
}

export interface DecisionsTable extends StreamHeadColumns {
  id: string;
  body_id: string;
  number: string;
  date: string;
  title: string;
  text: string;
  registered_at: string;
}

/** The current state of every assignment, flattened for queries. */
export interface AssignmentsTable extends StreamHeadColumns {
  id: string;
  decision_id: string;
  parent_id: string | null;
  title: string;
  definition_of_done: string;
  /** Title and definition of done in lower case (Unicode-aware, computed by the projector) for case-insensitive search on every back end. */
  search_text: string;
  domain: string;
  urgency: string;
  status: string;
  issuer_id: string;
  owner_id: string;
  verifier_id: string;
  controller_id: string | null;
  /** The person the current hour is attributed to, their unit and role. */
  holder_id: string;
  holder_unit_id: string;
  holder_role: string;
  pending: string | null;
  deadline: string;
  original_deadline: string;
  issued_at: string;
  updated_at: string;
  closed_at: string | null;
  deadline_changes: number;
  handovers: number;
  refusals: number;
  rejections: number;
  reopenings: number;
  escalations: number;
  escalation_level: number;
  /** The unit the assignment sits in: its owner's (as recorded when they joined the case). */
  unit_id: string | null;
  /** Who holds the case in the lifecycle (the state's holder), which `holder_id` (who the hours fall on now) may not be. */
  case_holder_id: string | null;
}

export interface CoExecutorsTable {
  assignment_id: string;
  person_id: string;
}

/** Role grants, projected from people's streams; a revoked grant keeps its row with `active` 0 (the events say when). */
export interface RoleGrantsTable {
  person_id: string;
  role: string;
  /** The unit (or, for a secretary, the body) the role is held over. */
  scope_id: string;
  active: number;
}

/** Login accounts of people (credentials, not part of the record). */
export interface AccountsTable {
  id: string;
  person_id: string;
  username: string;
  password_hash: string | null;
  oidc_subject: string | null;
  created_at: string;
  credentials_changed_at: string;
  disabled_at: string | null;
}

/** Browser sessions; only a hash of the session id is kept. */
export interface SessionsTable {
  id_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** API tokens for machines; only a hash of the token is kept. */
export interface ApiTokensTable {
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  /** Space-separated scopes (`read`, `write`). */
  scopes: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Calendar feeds of people's deadlines, one live per account; only a hash of the feed's URL token is kept. */
export interface CalendarFeedsTable {
  id: string;
  account_id: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

/** What a command with an idempotency key produced, written in the same transaction as its events. */
export interface IdempotencyTable {
  scope: string;
  key: string;
  fingerprint: string;
  outcome: string;
  created_at: string;
}

/** Server-wide secrets (the key that signs beneficiary links), made once and shared by every process. */
export interface SecretsTable {
  name: string;
  value: string;
}

/** Stream heads as of the latest checkpoint: what the next checkpoint compares against. */
export interface CheckpointHeadsTable {
  stream_id: string;
  seq: number;
  hash: string;
}

/** The whole database as Kysely types it. */
/** Business calendars (F5): one row per calendar stream; `unit_id` null is the organisation's. */
export interface CalendarsTable extends StreamHeadColumns {
  id: string;
  unit_id: string | null;
  version: number;
  retired_at: string | null;
}

/** Escalation-ladder policies (F5): one row per policy stream, with its scope. */
export interface LadderPoliciesTable extends StreamHeadColumns {
  id: string;
  name: string;
  unit_id: string | null;
  domain: string | null;
  version: number;
  retired_at: string | null;
}

/** Accountability actions proposed by the ladder and decided by a person (F5). */
export interface AccountabilityProposalsTable extends StreamHeadColumns {
  id: string;
  assignment_id: string;
  subject_id: string;
  action: string;
  level: number;
  status: string;
  proposed_at: string;
  decided_at: string | null;
}

/** Items on a body's agenda (F7). */
export interface AgendaItemsTable extends StreamHeadColumns {
  id: string;
  body_id: string;
  status: string;
  route_kind: string;
  assignment_id: string | null;
  question: string;
  returns: number;
  session: string | null;
  first_submitted_at: string;
  updated_at: string;
}

/** Cases imported from another system (issue #7): one row per imported case. */
export interface TracesTable extends StreamHeadColumns {
  id: string;
  import_id: string;
  source: string;
  name: string | null;
  events: number;
  first_at: string | null;
  last_at: string | null;
}

export interface Database {
  events: EventsTable;
  ledger: LedgerTable;
  units: UnitsTable;
  people: PeopleTable;
  posts: PostsTable;
  bodies: BodiesTable;
  committees: CommitteesTable;
  committee_members: CommitteeMembersTable;
  decisions: DecisionsTable;
  assignments: AssignmentsTable;
  co_executors: CoExecutorsTable;
  checkpoint_heads: CheckpointHeadsTable;
  role_grants: RoleGrantsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  calendar_feeds: CalendarFeedsTable;
  idempotency: IdempotencyTable;
  secrets: SecretsTable;
  calendars: CalendarsTable;
  ladder_policies: LadderPoliciesTable;
  accountability_proposals: AccountabilityProposalsTable;
  agenda_items: AgendaItemsTable;
  traces: TracesTable;
}

/** Every projection table: everything but `events`. `rebuild` empties and refills exactly these. */
export const PROJECTION_TABLES = [
  'ledger',
  'units',
  'people',
  'posts',
  'bodies',
  'committees',
  'committee_members',
  'decisions',
  'assignments',
  'co_executors',
  'checkpoint_heads',
  'role_grants',
  'calendars',
  'ladder_policies',
  'accountability_proposals',
  'agenda_items',
  'traces',
] as const satisfies ReadonlyArray<keyof Database>;

/** A projection table's name. */
export type ProjectionTable = (typeof PROJECTION_TABLES)[number];

/** The primary key columns of each projection table: what an upsert conflicts on. */
export const PRIMARY_KEYS: { readonly [T in ProjectionTable]: readonly (keyof Database[T] & string)[] } = {
  ledger: ['id'],
  units: ['id'],
  people: ['id'],
  posts: ['id'],
  bodies: ['id'],
  committees: ['id'],
  committee_members: ['committee_id', 'person_id'],
  decisions: ['id'],
  assignments: ['id'],
  co_executors: ['assignment_id', 'person_id'],
  checkpoint_heads: ['stream_id'],
  role_grants: ['person_id', 'role', 'scope_id'],
  calendars: ['id'],
  ladder_policies: ['id'],
  accountability_proposals: ['id'],
  agenda_items: ['id'],
  traces: ['id'],
};

/** The table holding the row of each kind of stream. */
export const STREAM_TABLE = {
  unit: 'units',
  person: 'people',
  post: 'posts',
  body: 'bodies',
  committee: 'committees',
  decision: 'decisions',
  assignment: 'assignments',
  ledger: 'ledger',
  calendar: 'calendars',
  ladder: 'ladder_policies',
  accountability: 'accountability_proposals',
  agenda: 'agenda_items',
  trace: 'traces',
} as const satisfies Record<StreamKind, ProjectionTable>;

/** A table that holds one row per stream. */
export type StreamTable = (typeof STREAM_TABLE)[keyof typeof STREAM_TABLE];
