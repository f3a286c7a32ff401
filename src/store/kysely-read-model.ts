/** The read model over Kysely: dialect-neutral SQL only. */
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { kindOfId, type StreamKind } from '../domain/ids.js';
import type { RecordedEvent } from './record.js';
import type { AssignmentFilter, AssignmentSummary, ReadModel, RecordCounts } from './read-model.js';
import { projectedHeads, type RunQuery } from './heads.js';
import type { SqlShapes } from './sql-shapes.js';
import type { Database } from './schema.js';

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
    const after = f.after;
    if (after !== undefined) q = q.where((eb) => eb(eb.refTuple('deadline', 'id'), '>', eb.tuple(after.deadline, after.id)));
    const limit = Math.max(1, Math.min(f.limit ?? 50, 1000));
    const rows = await q.orderBy('deadline').orderBy('id').limit(limit).execute();
    return rows.map((r) => ({
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
      handovers: Number(r.handovers),
      refusals: Number(r.refusals),
      rejections: Number(r.rejections),
      deadlineChanges: Number(r.deadline_changes),
    }));
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
}
