/**
 * The write session: the transaction handle the application passes explicitly. It keeps the
 * streams it touched in memory for the length of the transaction, chains the hashes of what is
 * appended, folds the events into state and projects them into rows — the same code for every
 * write. In `direct` mode each append is written at once; in `bulk` mode writes are buffered and
 * flushed as multi-row statements every `flushEvery` events, before any query, and at the end.
 * New events (`append`), recorded events imported from elsewhere (`importRecorded`) and recorded
 * events replayed by `rebuild` (`replay`) are folded and projected by the same two steps.
 */
import type { StreamEvent } from '../domain/event.js';
import { kindOfId, type StreamKind } from '../domain/ids.js';
import { evolve, type AnyEvent, type EventOf } from '../domain/streams.js';
import type { DialectCapabilities } from './dialect.js';
import type { SqlConnection } from './driver.js';
import { StoreError } from './errors.js';
import type { CachedHead, HeadCache } from './head-cache.js';
import { canonicalJson, eventHashOfPayloadText, GENESIS_HASH, isCanonicalOrder } from './hash-chain.js';
import type { JobWriter } from './kysely-job-store.js';
import type { EnqueueMemo, OutboxWriter } from './kysely-outbox-store.js';
import type { ScheduleItem } from './jobs.js';
import type { OutgoingMessage } from './outbox.js';
import type { LoadOptions, Snapshot, WriteSession } from './port.js';
import type { AppendedEvent } from './record.js';
import type { CheckpointResult } from './reports.js';
import { appendCheckpoint } from './maintenance/checkpoint.js';
import { project } from './projections/project.js';
import type { ProjectedRow } from './projections/rows.js';
import { PRIMARY_KEYS, STREAM_TABLE, type ProjectionTable, type StreamTable } from './schema.js';
import type { SqlShapes } from './sql-shapes.js';

type Cached = CachedHead;

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
/** The tables whose rows are streams' own (one per stream, its head in it). */
const STREAM_TABLES: ReadonlySet<ProjectionTable> = new Set(Object.values(STREAM_TABLE));
const EVENT_COLUMNS = 8;

/** A write session over one open transaction. */
export class Session implements WriteSession {
  private readonly cache = new Map<string, Cached | null>();
  private pendingEvents: AppendedEvent[] = [];
  /** Beside each pending event, `JSON.stringify` of its payload when it was already written for the hash (undefined: write it at the flush). */
  private pendingPayloadTexts: (string | undefined)[] = [];
  private readonly pendingRows = new Map<ProjectionTable, Map<string, Staged>>();
  private readonly dirty = new Set<string>();
  /** Streams whose rows this transaction holds a share lock on. */
  private readonly shared = new Set<string>();
  /** True while every stream that exists is in the cache (an import into an empty store): an uncached id needs no query. */
  private complete = false;
  /** How many events this session appended (or replayed). */
  appended = 0;
  /** What this transaction's messages have read already (the webhook subscriptions). */
  private readonly enqueueMemo: EnqueueMemo = {};

  constructor(
    private readonly sql: SqlConnection,
    private readonly shapes: SqlShapes,
    private readonly caps: DialectCapabilities,
    private readonly mode: SessionMode,
    private readonly flushEvery = 20_000,
    private readonly outbox?: OutboxWriter,
    private readonly jobs?: JobWriter,
    private readonly maxCachedStreams = MAX_CACHED_STREAMS,
    /** Heads committed by earlier transactions and still valid (see head-cache.ts): read before the store. */
    private readonly committed?: HeadCache,
  ) {}

  /** The connection of the transaction, for maintenance queries; buffered writes are flushed first. */
  async connection(): Promise<SqlConnection> {
    await this.flush();
    return this.sql;
  }

  async loadAny(id: string, options: LoadOptions = {}): Promise<Snapshot | undefined> {
    let c = this.cache.get(id);
    const lock = options.share === true && this.caps.rowLocks && !this.shared.has(id);
    if (c === undefined && !lock && this.committed !== undefined) {
      const kept = this.committed.get(id);
      if (kept !== undefined) {
        this.cache.set(id, kept);
        return kept as Snapshot;
      }
    }
    if (c === undefined || lock) {
      const kind = kindOfId(id);
      if (kind === undefined) return undefined;
      if (this.complete && !lock) return undefined;
      const [row] = await this.sql.all<HeadRow>(this.shapes.selectHead(STREAM_TABLE[kind], lock), [id]);
      if (lock) this.shared.add(id);
      // A stream this transaction already changed keeps its cached (newer) state.
      if (c === undefined || !this.dirty.has(id)) {
        c = row === undefined ? null : { id, kind, seq: Number(row.seq), hash: row.hash, state: JSON.parse(row.state) };
        this.cache.set(id, c);
      }
    }
    return c === null || c === undefined ? undefined : (c as Snapshot);
  }

  async load<K extends StreamKind>(kind: K, id: string, options: LoadOptions = {}): Promise<Snapshot<K> | undefined> {
    if (kindOfId(id) !== kind) throw new StoreError('STREAM_KIND_MISMATCH', `${id} is not the id of a ${kind}`, { id, kind });
    return (await this.loadAny(id, options)) as Snapshot<K> | undefined;
  }

  async append<K extends StreamKind>(kind: K, id: string, expectedSeq: number, events: readonly StreamEvent<EventOf<K>>[]): Promise<readonly AppendedEvent[]> {
    if (events.length === 0) return [];
    const current = (await this.load(kind, id)) as Cached | undefined;
    const head = current?.seq ?? 0;
    if (head !== expectedSeq) throw new StoreError('CONFLICT', `stream ${id} is at seq ${head}, not ${expectedSeq}: someone else changed it first`, { id, head, expectedSeq });
    let seq = head;
    let hash = current?.hash ?? GENESIS_HASH;
    let state = current?.state;
    const out: AppendedEvent[] = [];
    for (const e of events) {
      seq += 1;
      const prevHash = hash;
      const fields = { stream: id, seq, type: e.type, actor: e.actor, at: e.at, payload: e.payload };
      const text = payloadText(e.payload);
      // The payload's canonical text, made once: the hash is written around it.
      hash = eventHashOfPayloadText(prevHash, fields, text ?? canonicalJson(e.payload));
      state = this.fold(kind, id, state, e);
      const appended: AppendedEvent = { streamId: id, seq, type: e.type, actor: e.actor, at: e.at, payload: e.payload, prevHash, hash };
      out.push(appended);
      this.pendingEvents.push(appended);
      this.pendingPayloadTexts.push(text);
    }
    this.advance({ id, kind, seq, hash, state }, out.length);
    await this.flushIfDue();
    return out;
  }

  /**
   * Declares that the store held no stream when this session began (the caller counted its
   * events): streams it has not seen are new, so none is looked up. Holds until the cache is
   * trimmed, after which lookups resume.
   */
  assumeEmpty(): void {
    this.complete = true;
  }

  /**
   * Appends an already recorded event (from a backup or another back end), keeping its seq and
   * hashes. It must follow its stream's head (seq 1 for a new stream), chain to the head's hash
   * (GENESIS_HASH for seq 1) and hash to its recorded hash; otherwise RECORD_REJECTED, whose
   * details name the stream, the seq and the reason. Folded and projected exactly as `append`.
   */
  async importRecorded(e: AppendedEvent): Promise<void> {
    const kind = kindOfId(e.streamId);
    if (kind === undefined) throw rejected(e, 'malformed', `${e.streamId} is not a valid stream id`);
    const current = (await this.loadAny(e.streamId)) as Cached | undefined;
    const head = current?.seq ?? 0;
    if (e.seq !== head + 1) throw rejected(e, 'out-of-sequence', `event ${e.seq} of ${e.streamId} does not follow the stream's head at seq ${head}`);
    if (e.prevHash !== (current?.hash ?? GENESIS_HASH)) throw rejected(e, 'chain-broken', `event ${e.seq} of ${e.streamId} does not chain to the hash of event ${head}`);
    let recomputed: string | undefined;
    let text: string | undefined;
    try {
      const fields = { stream: e.streamId, seq: e.seq, type: e.type, actor: e.actor, at: e.at, payload: e.payload };
      text = payloadText(e.payload);
      recomputed = eventHashOfPayloadText(e.prevHash, fields, text ?? canonicalJson(e.payload));
    } catch {
      recomputed = undefined;
    }
    if (recomputed !== e.hash) throw rejected(e, 'hash-mismatch', `event ${e.seq} of ${e.streamId} was altered: its content does not hash to its recorded hash`);
    let state: unknown;
    try {
      state = this.fold(kind, e.streamId, current?.state, e as unknown as StreamEvent<AnyEvent>);
    } catch (error) {
      throw rejected(e, 'unfoldable', `event ${e.seq} of ${e.streamId} cannot be applied to its stream: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.pendingEvents.push({ streamId: e.streamId, seq: e.seq, type: e.type, actor: e.actor, at: e.at, payload: e.payload, prevHash: e.prevHash, hash: e.hash });
    this.pendingPayloadTexts.push(text);
    this.advance({ id: e.streamId, kind, seq: e.seq, hash: e.hash, state }, 1);
    await this.flushIfDue();
  }

  /**
   * Folds an already recorded event (from `rebuild`): the same state and rows as `append`, but
   * the event itself is not written again and its stored hash is kept.
   */
  async replay(kind: StreamKind, e: { readonly streamId: string; readonly seq: number; readonly hash: string } & StreamEvent<EventOf<StreamKind>>): Promise<void> {
    const current = (await this.loadAny(e.streamId)) as Cached | undefined;
    // Events come in position order; within a stream that must also be sequence order.
    if ((current?.seq ?? 0) + 1 !== e.seq) {
      throw new StoreError('RECORD_REJECTED', `event ${e.seq} of ${e.streamId} comes after event ${current?.seq ?? 0} in position order`, { streamId: e.streamId, seq: e.seq, reason: 'out-of-sequence' });
    }
    const state = this.fold(kind, e.streamId, current?.state, e);
    this.advance({ id: e.streamId, kind, seq: e.seq, hash: e.hash, state }, 1);
    if (this.dirty.size >= this.flushEvery) await this.flush();
  }

  /** Folds one event into its stream's state and stages the rows it projects to: the step every write shares. */
  private fold(kind: StreamKind, id: string, state: unknown, e: StreamEvent<AnyEvent>): unknown {
    const next = evolve(kind, state as never, e as never);
    this.stage(project(kind, id, state, next, e, this.mode === 'direct'));
    return next;
  }

  /** Moves a stream's head in the cache and marks its row to be written at the next flush. */
  private advance(head: Cached, events: number): void {
    this.cache.set(head.id, head);
    this.dirty.add(head.id);
    this.appended += events;
  }

  /**
   * Every head this session read or moved, as it leaves them: the record's state once the
   * transaction has committed (it held the write lock), which the shared cache then keeps.
   */
  *heads(): Iterable<CachedHead> {
    for (const c of this.cache.values()) if (c) yield c;
  }

  /** Flushes after each event in `direct` mode, and every `flushEvery` buffered events in `bulk` mode. */
  private async flushIfDue(): Promise<void> {
    if (this.mode === 'direct' || this.pendingEvents.length >= this.flushEvery) await this.flush();
  }

  async recall(scope: string, key: string): Promise<{ readonly fingerprint: string; readonly outcome: unknown } | undefined> {
    await this.flush();
    const [row] = await this.sql.all<{ fingerprint: string; outcome: string }>(this.shapes.selectIdempotency(), [scope, key]);
    return row === undefined ? undefined : { fingerprint: row.fingerprint, outcome: JSON.parse(row.outcome) };
  }

  async remember(scope: string, key: string, fingerprint: string, outcome: unknown, at: string): Promise<void> {
    await this.flush();
    try {
      await this.sql.run(this.shapes.insertIdempotency(), [scope, key, fingerprint, JSON.stringify(outcome), at]);
    } catch (error) {
      if (this.caps.isConflict(error)) throw new StoreError('CONFLICT', `the idempotency key ${key} was used by a concurrent request`, { key, transient: false });
      throw error;
    }
  }

  async notify(message: OutgoingMessage): Promise<number> {
    if (this.outbox === undefined) throw new Error('this write session has no outbox');
    return this.outbox.enqueue(this.sql, message, this.enqueueMemo);
  }

  async schedule(items: readonly ScheduleItem[]): Promise<void> {
    if (this.jobs === undefined) throw new Error('this write session has no job index');
    if (items.length > 0) await this.jobs.schedule(this.sql, items);
  }

  async streams<K extends StreamKind>(kind: K): Promise<Snapshot<K>[]> {
    await this.flush();
    const rows = await this.sql.all<HeadRow & { id: string }>(this.shapes.selectStreams(STREAM_TABLE[kind]), []);
    return rows.map((r) => {
      const cached = this.cache.get(r.id);
      return (cached ?? { id: r.id, kind, seq: Number(r.seq), hash: r.hash, state: JSON.parse(r.state) as unknown }) as Snapshot<K>;
    });
  }

  checkpoint(at: string): Promise<CheckpointResult | null> {
    return appendCheckpoint(this, this.shapes, this.caps.codePointCollation, at, false);
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
    // What is cached stays true for the rest of the transaction: on SQLite it holds the write lock;
    // on PostgreSQL a concurrent append to a cached stream makes our own insert of that seq fail
    // (unique (stream_id, seq)), so a state that went stale is never committed. Only bound its size.
    if (this.cache.size > this.maxCachedStreams) {
      this.cache.clear();
      this.complete = false;
    }
    if (this.pendingEvents.length > 0) {
      const events = this.pendingEvents;
      const texts = this.pendingPayloadTexts;
      this.pendingEvents = [];
      this.pendingPayloadTexts = [];
      try {
        await this.insertEvents(events, texts);
      } catch (error) {
        if (!this.caps.isConflict(error)) throw error;
        const first = events[0];
        throw new StoreError('CONFLICT', `another writer appended to ${first?.streamId ?? 'a stream'} first`, { streamId: first?.streamId, transient: this.caps.isTransient(error) });
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
      for (const [sig, g] of groups) {
        // A command's change to its stream's own row (which exists: the stream has a head) is an UPDATE of the columns it changed.
        if (this.mode === 'direct' && g.update !== null && STREAM_TABLES.has(table)) await this.updateStreamRows(table as StreamTable, g.rows, g.update, sig);
        else await this.upsert(table, g.rows, g.update, sig);
      }
    }
  }

  /** Writes the events; a payload's column is `JSON.stringify` of it, taken from `texts` when written already. */
  private async insertEvents(events: readonly AppendedEvent[], texts: readonly (string | undefined)[]): Promise<void> {
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
        params[k++] = texts[j] ?? JSON.stringify(e.payload);
        params[k++] = e.prevHash;
        params[k++] = e.hash;
      }
      await this.sql.run(this.shapes.insertEvents(n), params);
      i += n;
    }
  }

  private async updateStreamRows(table: StreamTable, rows: readonly Record<string, unknown>[], set: readonly string[], signature: string): Promise<void> {
    const columns = set.filter((c) => c !== 'id');
    const text = this.shapes.updateStreamRow(table, columns, signature);
    for (const r of rows) {
      const params: unknown[] = new Array(columns.length + 1);
      for (let k = 0; k < columns.length; k++) params[k] = r[columns[k] as string] ?? null;
      params[columns.length] = r['id'];
      await this.sql.run(text, params);
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

/**
 * `JSON.stringify(payload)` when that is also its canonical form (so one serialisation serves both
 * the hash and the stored row); undefined otherwise, and the hash takes the general path.
 */
function payloadText(payload: unknown): string | undefined {
  return isCanonicalOrder(payload) ? JSON.stringify(payload) : undefined;
}

/** The refusal of an imported event, naming its stream, its seq and why. */
function rejected(e: AppendedEvent, reason: 'malformed' | 'out-of-sequence' | 'chain-broken' | 'hash-mismatch' | 'unfoldable', message: string): StoreError {
  return new StoreError('RECORD_REJECTED', message, { streamId: e.streamId, seq: e.seq, reason });
}

function rowKey(table: ProjectionTable, row: Record<string, unknown>): string {
  const key = PRIMARY_KEYS[table] as readonly string[];
  return key.length === 1 ? String(row[key[0] as string]) : key.map((c) => String(row[c])).join('\u0000');
}
