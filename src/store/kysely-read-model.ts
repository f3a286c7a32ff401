/** The read model over Kysely: dialect-neutral SQL only. */
import { CompiledQuery, sql, type Expression, type Selectable, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Role, RoleGrant } from '../domain/access/roles.js';
import { kindOfId, type StreamKind } from '../domain/ids.js';
import type { RecordedEvent } from './record.js';
import { OPEN_STATUSES, type AssignmentFilter, type AssignmentSummary, type AssignmentWithParties, type DecisionLabel, type ExecutionCounts, type NewestDecisionFilter, type OpenCaseFilter, type OpenCaseGroup, type ReadModel, type RecordCounts, type StreamFilter, type StreamSnapshot, type Visibility } from './read-model.js';
import { projectedHeads, type RunQuery } from './heads.js';
import type { SqlShapes } from './sql-shapes.js';
import { STREAM_TABLE, type Database } from './schema.js';

/** A row of the events table as drivers return it (PostgreSQL returns bigint positions as text). */
export interface EventRow {
  position: number | string;
  stream_id: string;
  seq: number;
  type: string;
  actor: string;
  at: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** Runs compiled SQL text on a Kysely database. */
export function readerQuery(db: Kysely<Database>): RunQuery {
  return async <R>(text: string, parameters: readonly unknown[]): Promise<R[]> => (await db.executeQuery<R>(CompiledQuery.raw(text, [...parameters]))).rows;
}

/** Turns an events row into a RecordedEvent. */
export function toRecorded(r: EventRow): RecordedEvent {
  return {
    position: Number(r.position),
    streamId: r.stream_id,
    seq: Number(r.seq),
    type: r.type,
    actor: r.actor,
    at: r.at,
    payload: JSON.parse(r.payload),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

const NAME_SOURCES: Partial<Record<StreamKind, { table: 'people' | 'units' | 'posts' | 'bodies' | 'committees' | 'decisions' | 'assignments'; column: 'name' | 'title' }>> = {
  person: { table: 'people', column: 'name' },
  unit: { table: 'units', column: 'name' },
  post: { table: 'posts', column: 'title' },
  body: { table: 'bodies', column: 'name' },
  committee: { table: 'committees', column: 'name' },
  decision: { table: 'decisions', column: 'title' },
  assignment: { table: 'assignments', column: 'title' },
};

/** Read-side queries on a Kysely database. */
export class KyselyReadModel implements ReadModel {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly shapes: SqlShapes,
  ) {}

  async streamEvents(streamId: string): Promise<RecordedEvent[]> {
    const rows = await this.db.selectFrom('events').selectAll().where('stream_id', '=', streamId).orderBy('seq').execute();
    return rows.map(toRecorded);
  }

  async eventsAfter(position: number, limit: number): Promise<RecordedEvent[]> {
    const rows = await this.db.selectFrom('events').selectAll().where('position', '>', position).orderBy('position').limit(limit).execute();
    return rows.map(toRecorded);
  }

  async names(ids: readonly string[]): Promise<Map<string, string>> {
    const byKind = new Map<StreamKind, string[]>();
    for (const id of new Set(ids)) {
      const kind = kindOfId(id);
      if (kind === undefined || NAME_SOURCES[kind] === undefined) continue;
      byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
    }
    const out = new Map<string, string>();
    for (const [kind, list] of byKind) {
      const source = NAME_SOURCES[kind];
      if (source === undefined) continue;
      for (let i = 0; i < list.length; i += 500) {
        const rows = await this.db
          .selectFrom(source.table)
          .select(['id', sql.ref<string>(source.column).as('name')])
          .where('id', 'in', list.slice(i, i + 500))
          .execute();
        for (const r of rows) out.set(r.id, r.name);
      }
    }
    return out;
  }

  async assignments(f: AssignmentFilter): Promise<AssignmentSummary[]> {
    return (await this.assignmentRows(f)).map(summaryOf);
  }

  async assignmentsWithParties(f: AssignmentFilter): Promise<AssignmentWithParties[]> {
    const rows = await this.assignmentRows(f);
    const co = new Map<string, string[]>();
    const ids = rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 500) {
      const found = await this.db.selectFrom('co_executors').select(['assignment_id', 'person_id']).where('assignment_id', 'in', ids.slice(i, i + 500)).orderBy('assignment_id').orderBy('person_id').execute();
      for (const c of found) co.set(c.assignment_id, [...(co.get(c.assignment_id) ?? []), c.person_id]);
    }
    return rows.map((r) => ({ ...summaryOf(r), issuerId: r.issuer_id, controllerId: r.controller_id, coExecutorIds: co.get(r.id) ?? [], holderUnitId: r.holder_unit_id }));
  }

  async decisionLabels(ids: readonly string[]): Promise<Map<string, DecisionLabel>> {
    const out = new Map<string, DecisionLabel>();
    const list = [...new Set(ids)];
    for (let i = 0; i < list.length; i += 500) {
      const rows = await this.db.selectFrom('decisions').select(['id', 'number', 'title']).where('id', 'in', list.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.id, { number: r.number, title: r.title });
    }
    return out;
  }

  async decisionsNewest(f: NewestDecisionFilter): Promise<StreamSnapshot[]> {
    const limit = Math.max(1, Math.min(f.limit ?? 50, 1000));
    let q = this.db.selectFrom('decisions').select(['id', 'seq', 'hash', 'state']);
    if (f.bodyId !== undefined) q = q.where('body_id', '=', f.bodyId);
    const after = f.after;
    if (after !== undefined) q = q.where((eb) => eb(eb.refTuple('date', 'id'), '<', eb.tuple(after.date, after.id)));
    const rows = await q.orderBy('date', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, kind: 'decision', seq: Number(r.seq), hash: r.hash, state: JSON.parse(r.state) as unknown }));
  }

  /** The rows of `assignments` matching a filter, ordered by deadline then id. */
  private async assignmentRows(f: AssignmentFilter): Promise<Selectable<Database['assignments']>[]> {
    let q = this.db.selectFrom('assignments').selectAll();
    if (f.search !== undefined && f.search.trim() !== '') {
      const like = `%${f.search.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // search_text is lower-cased by the projector in JavaScript: SQLite's lower() knows only ASCII.
      q = q.where('search_text', 'like', sql<string>`${like} escape '\\'`);
    }
    if (f.overdueAt !== undefined) q = q.where('closed_at', 'is', null).where('deadline', '<', f.overdueAt);
    if (f.statuses !== undefined && f.statuses.length > 0) q = q.where('status', 'in', [...f.statuses]);
    if (f.ownerId !== undefined) q = q.where('owner_id', '=', f.ownerId);
    if (f.holderId !== undefined) q = q.where('holder_id', '=', f.holderId);
    if (f.verifierId !== undefined) q = q.where('verifier_id', '=', f.verifierId);
    if (f.decisionId !== undefined) q = q.where('decision_id', '=', f.decisionId);
    if (f.domain !== undefined) q = q.where('domain', '=', f.domain);
    if (f.unitIds !== undefined) q = f.unitIds.length === 0 ? q.where(sql<boolean>`1 = 0`) : q.where('unit_id', 'in', [...f.unitIds]);
    if (f.deadlineFrom !== undefined) q = q.where('deadline', '>=', f.deadlineFrom);
    if (f.deadlineTo !== undefined) q = q.where('deadline', '<', f.deadlineTo);
    const v = f.visibleTo;
    if (v !== undefined) q = q.where((eb) => visibleWhere(eb, v));
    if (f.open === true) q = q.where('status', 'in', [...OPEN_STATUSES]);
    if (f.deadlineAtMost !== undefined) q = q.where('deadline', '<=', f.deadlineAtMost);
    if (f.escalationLevel !== undefined) q = q.where('escalation_level', '=', f.escalationLevel);
    if (f.minEscalationLevel !== undefined) q = q.where('escalation_level', '>=', f.minEscalationLevel);
    // The person a pending request waits on is the one its hours fall on (holder_id): the recipient of a handover or transfer, the approver of an extension.
    if (f.awaiting !== undefined) q = q.where('pending', 'is not', null).where('holder_id', '=', f.awaiting);
    const party = f.partyOf;
    if (party !== undefined) {
      q = q.where((eb) =>
        eb.or([
          eb('owner_id', '=', party),
          eb('holder_id', '=', party),
          eb('case_holder_id', '=', party),
          eb('verifier_id', '=', party),
          eb('controller_id', '=', party),
          eb('id', 'in', eb.selectFrom('co_executors').select('assignment_id').where('person_id', '=', party)),
        ]),
      );
    }
    const after = f.after;
    if (after !== undefined) q = q.where((eb) => eb(eb.refTuple('deadline', 'id'), '>', eb.tuple(after.deadline, after.id)));
    const limit = Math.max(1, Math.min(f.limit ?? 50, 1000));
    return q.orderBy('deadline').orderBy('id').limit(limit).execute();
  }

  async openCaseGroups(f: OpenCaseFilter): Promise<OpenCaseGroup[]> {
    if (f.unitIds !== undefined && f.unitIds.length === 0) return [];
    let q = this.db
      .selectFrom('assignments')
      .select((eb) => [
        'unit_id',
        'escalation_level',
        eb.fn.countAll<number | string>().as('open'),
        sql<number | string>`sum(case when deadline < ${f.now} then 1 else 0 end)`.as('overdue'),
        sql<number | string>`sum(case when deadline >= ${f.now} and deadline <= ${f.soonUntil} then 1 else 0 end)`.as('due_soon'),
        sql<number | string>`sum(case when status = 'submitted' then 1 else 0 end)`.as('submitted'),
      ])
      .where('status', 'in', [...OPEN_STATUSES]);
    if (f.unitIds !== undefined) q = q.where('unit_id', 'in', [...f.unitIds]);
    const v = f.visibleTo;
    if (v !== undefined) q = q.where((eb) => visibleWhere(eb, v));
    const rows = await q.groupBy(['unit_id', 'escalation_level']).execute();
    return rows.map((r) => ({
      unitId: r.unit_id,
      escalationLevel: Number(r.escalation_level),
      open: Number(r.open),
      overdue: Number(r.overdue),
      dueSoon: Number(r.due_soon),
      submitted: Number(r.submitted),
    }));
  }

  async decisionExecution(decisionIds: readonly string[], now: string): Promise<Map<string, ExecutionCounts>> {
    const out = new Map<string, ExecutionCounts>();
    const ids = [...new Set(decisionIds)];
    for (const id of ids) out.set(id, { total: 0, issued: 0, inProgress: 0, submitted: 0, verified: 0, cancelled: 0, overdue: 0 });
    const count = (status: string): RawBuilder<number | string> => sql<number | string>`sum(case when status = ${status} then 1 else 0 end)`;
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db
        .selectFrom('assignments')
        .select((eb) => [
          'decision_id',
          eb.fn.countAll<number | string>().as('total'),
          count('issued').as('issued'),
          count('in_progress').as('in_progress'),
          count('submitted').as('submitted'),
          count('verified').as('verified'),
          count('cancelled').as('cancelled'),
          sql<number | string>`sum(case when status in ('issued', 'in_progress', 'submitted') and deadline < ${now} then 1 else 0 end)`.as('overdue'),
        ])
        .where('decision_id', 'in', ids.slice(i, i + 500))
        .groupBy('decision_id')
        .execute();
      for (const r of rows) {
        out.set(r.decision_id, {
          total: Number(r.total),
          issued: Number(r.issued),
          inProgress: Number(r.in_progress),
          submitted: Number(r.submitted),
          verified: Number(r.verified),
          cancelled: Number(r.cancelled),
          overdue: Number(r.overdue),
        });
      }
    }
    return out;
  }

  async counts(): Promise<RecordCounts> {
    const count = async (table: keyof Database): Promise<number> => {
      const r = await this.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    };
    return {
      events: await count('events'),
      streams: (await projectedHeads(readerQuery(this.db), this.shapes, true)).length,
      units: await count('units'),
      people: await count('people'),
      posts: await count('posts'),
      bodies: await count('bodies'),
      committees: await count('committees'),
      decisions: await count('decisions'),
      assignments: await count('assignments'),
    };
  }

  async snapshot(id: string): Promise<StreamSnapshot | undefined> {
    const kind = kindOfId(id);
    if (kind === undefined) return undefined;
    const r = await this.db.selectFrom(STREAM_TABLE[kind]).select(['id', 'seq', 'hash', 'state']).where('id', '=', id).executeTakeFirst();
    return r === undefined ? undefined : { id: r.id, kind, seq: Number(r.seq), hash: r.hash, state: JSON.parse(r.state) };
  }

  async streams(kind: StreamKind, f: StreamFilter): Promise<StreamSnapshot[]> {
    const table = STREAM_TABLE[kind];
    const limit = Math.max(1, Math.min(f.limit ?? 50, 1000));
    let q = this.db.selectFrom(table).select(['id', 'seq', 'hash', 'state']);
    if (f.unitIds !== undefined) {
      const column = UNIT_COLUMN[kind];
      if (column === undefined || f.unitIds.length === 0) return [];
      q = q.where(sql.ref(column), 'in', [...f.unitIds]);
    }
    if (f.bodyId !== undefined) {
      const column = BODY_COLUMN[kind];
      if (column === undefined) return [];
      q = q.where(sql.ref(column), '=', f.bodyId);
    }
    if (f.after !== undefined) q = q.where('id', '>', f.after);
    const rows = await q.orderBy('id').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, kind, seq: Number(r.seq), hash: r.hash, state: JSON.parse(r.state) as unknown }));
  }

  async grants(personId: string): Promise<RoleGrant[]> {
    const rows = await this.db.selectFrom('role_grants').select(['role', 'scope_id']).where('person_id', '=', personId).where('active', '=', 1).execute();
    return rows.map((r) => (r.role === 'secretary' ? { role: 'secretary', bodyId: r.scope_id } : { role: r.role as Exclude<Role, 'secretary'>, unitId: r.scope_id }));
  }

  async unitChain(unitId: string): Promise<string[]> {
    const rows = await this.db
      .withRecursive('chain(id, parent_id, depth)', (db) =>
        db
          .selectFrom('units')
          .select(['id', 'parent_id', sql<number>`0`.as('depth')])
          .where('id', '=', unitId)
          .unionAll((qb) => qb.selectFrom('units as u').innerJoin('chain as c', 'u.id', 'c.parent_id').select(['u.id', 'u.parent_id', sql<number>`c.depth + 1`.as('depth')])),
      )
      .selectFrom('chain')
      .select(['id', 'depth'])
      .orderBy('depth')
      .execute();
    return rows.map((r) => r.id);
  }

  async unitSubtree(unitId: string): Promise<string[]> {
    const rows = await this.db
      .withRecursive('tree(id)', (db) =>
        db
          .selectFrom('units')
          .select('id')
          .where('id', '=', unitId)
          .unionAll((qb) => qb.selectFrom('units as u').innerJoin('tree as t', 'u.parent_id', 't.id').select('u.id')),
      )
      .selectFrom('tree')
      .select('id')
      .execute();
    return rows.map((r) => r.id);
  }
}

/** An assignments row as lists show it. */
function summaryOf(r: Selectable<Database['assignments']>): AssignmentSummary {
  return {
    id: r.id,
    title: r.title,
    decisionId: r.decision_id,
    parentId: r.parent_id,
    domain: r.domain,
    urgency: r.urgency,
    status: r.status,
    ownerId: r.owner_id,
    holderId: r.holder_id,
    holderRole: r.holder_role,
    verifierId: r.verifier_id,
    deadline: r.deadline,
    issuedAt: r.issued_at,
    closedAt: r.closed_at,
    escalationLevel: Number(r.escalation_level),
    unitId: r.unit_id,
    handovers: Number(r.handovers),
    refusals: Number(r.refusals),
    rejections: Number(r.rejections),
    deadlineChanges: Number(r.deadline_changes),
  };
}

/** The condition that an assignment is visible to a person: as a party, through a unit role, or as secretary of the deciding body. */
function visibleWhere(eb: ExpressionBuilder<Database, 'assignments'>, v: Visibility): Expression<SqlBool> {
  const me = v.personId;
  return eb.or([
    eb('owner_id', '=', me),
    eb('holder_id', '=', me),
    eb('case_holder_id', '=', me),
    eb('verifier_id', '=', me),
    eb('issuer_id', '=', me),
    eb('controller_id', '=', me),
    eb('id', 'in', eb.selectFrom('co_executors').select('assignment_id').where('person_id', '=', me)),
    ...(v.unitIds.length > 0 ? [eb('unit_id', 'in', [...v.unitIds])] : []),
    ...(v.bodyIds.length > 0 ? [eb('decision_id', 'in', eb.selectFrom('decisions').select('id').where('body_id', 'in', [...v.bodyIds]))] : []),
  ]);
}

/** The column that places a stream of a kind in a unit, where it has one. */
const UNIT_COLUMN: Partial<Record<StreamKind, string>> = { unit: 'id', person: 'unit_id', post: 'unit_id', assignment: 'unit_id', calendar: 'unit_id', ladder: 'unit_id' };

/** The column that places a stream of a kind under a body, where it has one. */
const BODY_COLUMN: Partial<Record<StreamKind, string>> = { decision: 'body_id', committee: 'body_id', body: 'id', agenda: 'body_id' };
