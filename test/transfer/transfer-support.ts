/**
 * What the transfer suites share: dumps that compare across back ends (events in position order
 * without their positions; every projection table sorted by its primary key in code-unit order,
 * values normalised to numbers, strings and null), a record large enough to need several export
 * pages, and archive surgery (read, rewrite and re-seal the lines of an archive file).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import pg from 'pg';
import { expect } from 'vitest';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { parsePostgresUrl } from '../../src/store/postgres/postgres-url.js';
import type { AppendedEvent, Store } from '../../src/store/port.js';
import { PRIMARY_KEYS, PROJECTION_TABLES, type ProjectionTable } from '../../src/store/schema.js';
import { makeWorld } from '../support/world.js';

type Row = Record<string, string | number | null>;

function normalise(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function byKey(key: readonly string[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const c of key) {
      const x = String(a[c]);
      const y = String(b[c]);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

/** Every projection table, each sorted by its primary key (code-unit order, the same on every back end), values normalised. */
export async function projectionsOf(store: KyselyStore): Promise<Record<ProjectionTable, Row[]>> {
  const out = {} as Record<ProjectionTable, Row[]>;
  for (const table of PROJECTION_TABLES) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(store.db);
    out[table] = rows.map((r) => Object.fromEntries(Object.keys(r).sort().map((k) => [k, normalise(r[k])]))).sort(byKey(PRIMARY_KEYS[table]));
  }
  return out;
}

/** Every event in position order, as the record holds it (payload as stored text), without its position. */
export async function eventsOf(store: KyselyStore): Promise<Row[]> {
  const rows = await store.db.selectFrom('events').select(['stream_id', 'seq', 'type', 'actor', 'at', 'payload', 'prev_hash', 'hash']).orderBy('position').execute();
  return rows.map((r) => ({ stream_id: r.stream_id, seq: Number(r.seq), type: r.type, actor: r.actor, at: r.at, payload: r.payload, prev_hash: r.prev_hash, hash: r.hash }));
}

/** `stream#seq:hash` of every event, in position order. */
export async function hashesOf(store: KyselyStore): Promise<string[]> {
  return (await eventsOf(store)).map((e) => `${String(e['stream_id'])}#${String(e['seq'])}:${String(e['hash'])}`);
}

/** Asserts that two stores hold the same record, event for event, and the same projections, row for row. */
export async function expectSameRecord(target: KyselyStore, source: { readonly events: Row[]; readonly projections: Record<ProjectionTable, Row[]> }): Promise<void> {
  const events = await eventsOf(target);
  expect(events.length).toBe(source.events.length);
  expect(events).toEqual(source.events);
  const projections = await projectionsOf(target);
  for (const table of PROJECTION_TABLES) expect(projections[table], table).toEqual(source.projections[table]);
}

/** How many events a store holds. */
export async function countEvents(store: KyselyStore): Promise<number> {
  const r = await store.db.selectFrom('events').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Asserts that a store holds nothing: no event, no projection row. */
export async function expectEmpty(store: KyselyStore): Promise<void> {
  expect(await countEvents(store)).toBe(0);
  const projections = await projectionsOf(store);
  for (const table of PROJECTION_TABLES) expect(projections[table], table).toEqual([]);
}

/**
 * Fills a store with `units` units (two events each: the unit and its head post are created with
 * it), one bulk transaction through the application, then a checkpoint: enough events for several
 * export pages, in a second or two.
 */
export async function fillWithUnits(store: Store, units: number, prefix = 'u'): Promise<void> {
  const w = makeWorld(store);
  await w.app.bulk(async (run) => {
    for (let i = 0; i < units; i++) {
      const r = await run('system', { type: 'unit.create', id: `unit_${prefix}${i}`, name: `Unit ${prefix}${i}` });
      if (!r.ok) throw new Error(r.error.message);
    }
  });
  await w.app.checkpoint(true);
}

/** An async iterable over a list: a source of recorded events for `importRecord`. */
export function listed(events: readonly AppendedEvent[]): AsyncIterable<AppendedEvent> {
  return {
    [Symbol.asyncIterator]: () => {
      let i = 0;
      return { next: () => Promise.resolve(i < events.length ? { done: false, value: events[i++] as AppendedEvent } : { done: true, value: undefined }) };
    },
  };
}

/** Everything a store exports, collected. */
export async function exported(store: Store): Promise<AppendedEvent[]> {
  const out: AppendedEvent[] = [];
  for await (const e of store.exportRecord()) {
    const { position, ...rest } = e;
    void position;
    out.push(rest);
  }
  return out;
}

/** The lines of an archive file (decompressed whole: test archives are small). The last element is the empty string after the final newline. */
export function archiveLines(file: string): string[] {
  return gunzipSync(readFileSync(file)).toString('utf8').split('\n');
}

/** Writes lines as an archive file (one gzip member). */
export function writeArchiveLines(file: string, lines: readonly string[]): void {
  writeFileSync(file, gzipSync(lines.join('\n')));
}

/** Re-seals archive lines after surgery on the events: a trailer (and a header count) that match them again. */
export function resealed(lines: readonly string[]): string[] {
  const body = lines.slice(1, -2);
  const sha = createHash('sha256');
  for (const l of body) sha.update(`${l}\n`);
  const header = { ...(JSON.parse(lines[0] ?? '{}') as Record<string, unknown>), events: body.length };
  return [JSON.stringify(header), ...body, JSON.stringify({ end: 'proverka-record', events: body.length, sha256: sha.digest('hex') }), ''];
}

/** True when the PostgreSQL database a URL names exists. */
export async function postgresDatabaseExists(url: string): Promise<boolean> {
  const { database, admin } = parsePostgresUrl(url);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    const { rows } = await client.query('select 1 from pg_database where datname = $1', [database]);
    return rows.length > 0;
  } finally {
    await client.end();
  }
}
