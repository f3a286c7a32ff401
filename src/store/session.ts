/**
 * The write session: the transaction handle the application passes explicitly. It keeps the
 * streams it touched in memory for the length of the transaction, chains the hashes of what is
 * appended, folds the events into state and projects them into rows — the same code for every
 * write. In `direct` mode each append is written at once; in `bulk` mode writes are buffered and
 * flushed as multi-row statements every `flushEvery` events, before any query, and at the end.
 */
import type { StreamEvent } from '../domain/event.js';
import { kindOfId, type StreamKind } from '../domain/ids.js';
import { evolve, type EventOf, type StateOf } from '../domain/streams.js';
import type { DialectCapabilities } from './dialect.js';
import type { SqlConnection } from './driver.js';
import { StoreError } from './errors.js';
import { eventHash, GENESIS_HASH } from './hash-chain.js';
import type { Snapshot, WriteSession } from './port.js';
import type { AppendedEvent } from './record.js';
import { project } from './projections/project.js';
import type { ProjectedRow } from './projections/rows.js';
import { PRIMARY_KEYS, STREAM_TABLE, type ProjectionTable } from './schema.js';
import type { SqlShapes } from './sql-shapes.js';

interface Cached {
  readonly id: string;
  readonly kind: StreamKind;
  readonly seq: number;
  readonly hash: string;
  readonly state: unknown;
}

/** A buffered row (the session's own copy) and the columns to set if it exists already (null: all of them). */
interface Staged {
  readonly row: Record<string, unknown>;
  readonly update: Set<string> | null;
}

interface HeadRow {
  seq: number | string;
  hash: string;
  state: string;
}

/** How a session writes: at once, or buffered in batches. */
export type SessionMode = 'direct' | 'bulk';

const MAX_ROWS_PER_STATEMENT = 256;
const MAX_CACHED_STREAMS = 200_000;

/**
 * Splits n rows into statement sizes: as many full statements as fit, then the remainder in powers
 * of two, so that only a handful of statement shapes are ever compiled and prepared.
 */
function chunkSizes(n: number, max: number): number[] {
  const sizes: number[] = [];
  let left = n;
  while (left >= max) {
    sizes.push(max);
    left -= max;
  }
  for (let p = 1 << Math.floor(Math.log2(Math.max(1, max))); p >= 1; p >>= 1) {
    if (left >= p) {
      sizes.push(p);
      left -= p;
    }
  }
  return sizes;
}
const HEAD_COLUMNS = ['seq', 'hash', 'state'] as const;
const EVENT_COLUMNS = 8;

/** A write session over one open transaction. */
export class Session implements WriteSession {
  private readonly cache = new Map<string, Cached | null>();
  private pendingEvents: AppendedEvent[] = [];
  private readonly pendingRows = new Map<ProjectionTable, Map<string, Staged>>();
  private readonly dirty = new Set<string>();
  /** How many events this session appended (or replayed). */
  appended = 0;

  constructor(
    private readonly sql: SqlConnection,
    private readonly shapes: SqlShapes,
    private readonly caps: DialectCapabilities,
    private readonly mode: SessionMode,
    private readonly flushEvery = 20_000,
  ) {}

  /** The connection of the transaction, for maintenance queries; buffered writes are flushed first. */
  async connection(): Promise<SqlConnection> {
    await this.flush();
    return this.sql;
  }

  async loadAny(id: string): Promise<Snapshot | undefined> {
    let c = this.cache.get(id);
    if (c === undefined) {
      const kind = kindOfId(id);
      if (kind === undefined) return undefined;
      const [row] = await this.sql.all<HeadRow>(this.shapes.selectHead(STREAM_TABLE[kind]), [id]);
      c = row === undefined ? null : { id, kind, seq: Number(row.seq), hash: row.hash, state: JSON.parse(row.state) };
      this.cache.set(id, c);
    }
    return c === null ? undefined : (c as Snapshot);
  }

  async load<K extends StreamKind>(kind: K, id: string): Promise<Snapshot<K> | undefined> {
    if (kindOfId(id) !== kind) throw new StoreError('STREAM_KIND_MISMATCH', `${id} is not the id of a ${kind}`, { id, kind });
    return (await this.loadAny(id)) as Snapshot<K> | undefined;
  }

  async append<K extends StreamKind>(kind: K, id: string, expectedSeq: number, events: readonly StreamEvent<EventOf<K>>[]): Promise<readonly AppendedEvent[]> {
    if (events.length === 0) return [];
    const current = (await this.load(kind, id)) as Cached | undefined;
    const head = current?.seq ?? 0;
    if (head !== expectedSeq) throw new StoreError('CONFLICT', `stream ${id} is at seq ${head}, not ${expectedSeq}: someone else changed it first`, { id, head, expectedSeq });
    let seq = head;
    let hash = current?.hash ?? GENESIS_HASH;
    let state = current?.state as StateOf<K> | undefined;
    const out: AppendedEvent[] = [];
    for (const e of events) {
      seq += 1;
      const prevHash = hash;
      hash = eventHash(prevHash, { stream: id, seq, type: e.type, actor: e.actor, at: e.at, payload: e.payload });
      const before = state;
      state = evolve(kind, state, e);
      this.stage(project(kind, id, before, state, e, this.mode === 'direct'));
      const appended: AppendedEvent = { streamId: id, seq, type: e.type, actor: e.actor, at: e.at, payload: e.payload, prevHash, hash };
      out.push(appended);
      this.pendingEvents.push(appended);
    }
    this.cache.set(id, { id, kind, seq, hash, state });
    this.dirty.add(id);
    this.appended += out.length;
    if (this.mode === 'direct' || this.pendingEvents.length >= this.flushEvery) await this.flush();
    return out;
  }

  /**
   * Folds an already recorded event (from `rebuild`): the same state and rows as `append`, but
   * the event itself is not written again and its stored hash is kept.
   */
  async replay(kind: StreamKind, e: { readonly streamId: string; readonly seq: number; readonly hash: string } & StreamEvent<EventOf<StreamKind>>): Promise<void> {
    const current = (await this.loadAny(e.streamId)) as Cached | undefined;
    const state = evolve(kind, current?.state as never, e as never);
    this.stage(project(kind, e.streamId, current?.state, state, e, false));
    this.cache.set(e.streamId, { id: e.streamId, kind, seq: e.seq, hash: e.hash, state });
    this.dirty.add(e.streamId);
    this.appended += 1;
    if (this.dirty.size >= this.flushEvery) await this.flush();
  }

  async decisionNumberTaken(bodyId: string, number: string): Promise<boolean> {
    await this.flush();
    const rows = await this.sql.all(this.shapes.decisionByNumber(), [bodyId, number.trim()]);
    return rows.length > 0;
  }

  private stage(rows: readonly ProjectedRow[]): void {
    for (const r of rows) {
      let byKey = this.pendingRows.get(r.table);
      if (byKey === undefined) {
        byKey = new Map();
        this.pendingRows.set(r.table, byKey);
      }
      const key = rowKey(r.table, r.row);
      const earlier = byKey.get(key);
      // A later version of a buffered row must also set what the earlier version changed.
      let update: Set<string> | null = null;
      if (r.update !== undefined && (earlier === undefined || earlier.update !== null)) {
        update = earlier?.update ?? new Set<string>();
        for (const c of r.update) update.add(c);
      }
      byKey.set(key, { row: r.row, update });
    }
  }

  /** Writes everything buffered. Safe to call at any time; the transaction stays open. */
  async flush(): Promise<void> {
    // Each touched stream's own row gets its new head and state, written with its projected columns.
    for (const id of this.dirty) {
      const c = this.cache.get(id);
      if (!c) continue;
      const staged = this.pendingRows.get(STREAM_TABLE[c.kind])?.get(id);
      if (staged === undefined) throw new Error(`the projector wrote no ${STREAM_TABLE[c.kind]} row for ${id}`);
      staged.row['seq'] = c.seq;
      staged.row['hash'] = c.hash;
      staged.row['state'] = JSON.stringify(c.state);
      if (staged.update !== null) for (const h of HEAD_COLUMNS) staged.update.add(h);
    }
    this.dirty.clear();
    // The transaction holds the write lock, so what is cached stays true; only bound its size.
    if (this.cache.size > MAX_CACHED_STREAMS) this.cache.clear();
    if (this.pendingEvents.length > 0) {
      const events = this.pendingEvents;
      this.pendingEvents = [];
      try {
        await this.insertEvents(events);
      } catch (error) {
        if (!this.caps.isUniqueViolation(error)) throw error;
        const first = events[0];
        throw new StoreError('CONFLICT', `another writer appended to ${first?.streamId ?? 'a stream'} first`, { streamId: first?.streamId });
      }
    }
    for (const [table, byKey] of this.pendingRows) {
      if (byKey.size === 0) continue;
      // Rows that set the same columns on conflict go in one statement.
      const groups = new Map<string, { update: readonly string[] | null; rows: Record<string, unknown>[] }>();
      for (const { row, update } of byKey.values()) {
        const cols = update === null ? null : [...update].sort();
        const sig = cols === null ? '*' : cols.join(',');
        const g = groups.get(sig);
        if (g === undefined) groups.set(sig, { update: cols, rows: [row] });
        else g.rows.push(row);
      }
      byKey.clear();
      for (const [sig, g] of groups) await this.upsert(table, g.rows, g.update, sig);
    }
  }

  private async insertEvents(events: readonly AppendedEvent[]): Promise<void> {
    const per = Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(this.caps.maxParameters / EVENT_COLUMNS));
    let i = 0;
    for (const n of chunkSizes(events.length, per)) {
      const params: unknown[] = new Array(n * EVENT_COLUMNS);
      let k = 0;
      for (let j = i; j < i + n; j++) {
        const e = events[j] as AppendedEvent;
        params[k++] = e.streamId;
        params[k++] = e.seq;
        params[k++] = e.type;
        params[k++] = e.actor;
        params[k++] = e.at;
        params[k++] = JSON.stringify(e.payload);
        params[k++] = e.prevHash;
        params[k++] = e.hash;
      }
      await this.sql.run(this.shapes.insertEvents(n), params);
      i += n;
    }
  }

  private async upsert(table: ProjectionTable, rows: readonly Record<string, unknown>[], update: readonly string[] | null, signature: string): Promise<void> {
    const first = rows[0];
    if (first === undefined) return;
    const columns = Object.keys(first);
    const per = Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(this.caps.maxParameters / columns.length));
    let i = 0;
    for (const n of chunkSizes(rows.length, per)) {
      const params: unknown[] = new Array(n * columns.length);
      let k = 0;
      for (let j = i; j < i + n; j++) {
        const r = rows[j] as Record<string, unknown>;
        for (const c of columns) params[k++] = r[c] ?? null;
      }
      await this.sql.run(this.shapes.upsert(table, columns, update, signature, n), params);
      i += n;
    }
  }
}

function rowKey(table: ProjectionTable, row: Record<string, unknown>): string {
  const key = PRIMARY_KEYS[table] as readonly string[];
  return key.length === 1 ? String(row[key[0] as string]) : key.map((c) => String(row[c])).join('\u0000');
}
