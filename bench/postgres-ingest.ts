/**
 * The PostgreSQL half of the ingest benchmark. The same workload goes through the application on
 * PostgreSQL (one command per transaction, and the bulk path); in the same rounds the very event
 * rows the application wrote are inserted with raw `pg` into an empty database with the
 * application's own schema: single-row INSERT transactions (the baseline of one command per
 * transaction), multi-row INSERTs of 500 rows per statement in one transaction, and COPY (with
 * pg-copy-streams) in one transaction (the baselines of the bulk path). A further baseline replays,
 * raw, every statement the application sent. Every database is created for the run and dropped
 * (`with (force)`) as soon as it has served. The server's own settings (synchronous_commit, fsync)
 * apply to both sides alike; they are printed.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { LEDGER_STREAM_ID } from '../src/domain/ids.js';
import { openPostgresStore } from '../src/store/postgres/open-postgres.js';
import { type AppMode, type AppRun, EVENT_COLUMNS, type EventRow, importRows, rowsDigest, secondsSince, throughApp } from './common.js';
import { queriesSoFar, recordQueries, replayQueries } from './pg-recorder.js';
import type { Step } from './workload.js';

/** The server the benchmark uses (without a database name): PROVERKA_BENCH_PG, else PROVERKA_TEST_PG, else the local one. */
export const PG_SERVER = (process.env['PROVERKA_BENCH_PG'] ?? process.env['PROVERKA_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');

/** Rows per statement of the raw multi-row INSERT baseline. */
export const MULTI_ROW = 500;

const made = new Set<string>();
let dbNo = 0;

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The server's version and the settings that decide what a commit costs; or why it cannot be reached. */
export async function serverInfo(): Promise<{ ok: true; version: string; settings: Record<string, string> } | { ok: false; reason: string }> {
  try {
    return await admin(async (c) => {
      const { rows } = await c.query<{ name: string; setting: string }>(
        "select name, setting || coalesce(unit, '') as setting from pg_settings where name in ('server_version', 'synchronous_commit', 'fsync', 'full_page_writes', 'wal_level', 'shared_buffers', 'commit_delay')",
      );
      const settings = Object.fromEntries(rows.map((r) => [r.name, r.setting]));
      return { ok: true as const, version: settings['server_version'] ?? '?', settings };
    });
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message || String((error as { code?: unknown }).code) : String(error) };
  }
}

/** A name and URL for a new benchmark database (created by openPostgresStore, dropped by `drop`). */
function newDatabase(): { name: string; url: string } {
  const name = `proverka_bench_${process.pid}_${++dbNo}`;
  made.add(name);
  return { name, url: `${PG_SERVER}/${name}` };
}

async function drop(name: string): Promise<void> {
  await admin((c) => c.query(`drop database if exists ${c.escapeIdentifier(name)} with (force)`));
  made.delete(name);
}

/** Drops every benchmark database this process made and has not dropped yet (after a failure). */
export async function dropLeftovers(): Promise<void> {
  for (const name of [...made]) await drop(name);
}

/** The event rows of the timed commands, in the order they were written (the ledger's checkpoints left out, as on SQLite). */
async function commandEventRows(client: pg.Client, count: number): Promise<EventRow[]> {
  const { rows } = await client.query<EventRow>(`select ${EVENT_COLUMNS.join(', ')} from events where stream_id <> $1 order by position`, [LEDGER_STREAM_ID]);
  return rows.slice(rows.length - count);
}

/** What one application run on PostgreSQL measured, the event rows it wrote, and its replay baseline. */
export interface PgAppRun extends AppRun {
  readonly rows: EventRow[];
  /** Events/s of the raw replay of every statement the application sent in the timed part. */
  readonly replay: number;
  /** Statements (round trips) the application sent per command in the timed part, BEGIN and COMMIT included. */
  readonly statementsPerCommand: number;
}

/** An empty database with the application's own schema, and one raw connection to it. */
async function rawTarget(): Promise<{ client: pg.Client; name: string }> {
  const { name, url } = newDatabase();
  const store = await openPostgresStore({ url, mode: 'create' });
  await store.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return { client, name };
}

/** Runs the workload through the application on a fresh database; reads back its rows; replays its statements raw. */
export async function appOnPostgres(setup: readonly Step[], steps: readonly Step[], mode: AppMode): Promise<PgAppRun> {
  const { name, url } = newDatabase();
  const store = await openPostgresStore({ url, mode: 'create' });
  let run: AppRun | undefined;
  const queries = await recordQueries(async () => {
    run = await throughApp(store, setup, steps, mode, queriesSoFar);
  });
  if (run === undefined) throw new Error('the application run did not finish');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows = await commandEventRows(client, run.events);
  await client.end();
  await drop(name);

  const [base, from, to] = run.marks;
  const target = await rawTarget();
  await replayQueries(target.client, queries.slice(base, from));
  const seconds = await replayQueries(target.client, queries.slice(from, to));
  await target.client.end();
  await drop(target.name);
  return { ...run, rows, replay: run.events / seconds, statementsPerCommand: (to - from) / steps.length };
}

function values(r: EventRow): unknown[] {
  return [r.stream_id, r.seq, r.type, r.actor, r.at, r.payload, r.prev_hash, r.hash];
}

function insertText(rows: number): string {
  const tuples: string[] = [];
  for (let i = 0; i < rows; i++) tuples.push(`(${EVENT_COLUMNS.map((_, j) => `$${i * EVENT_COLUMNS.length + j + 1}`).join(', ')})`);
  return `insert into events (${EVENT_COLUMNS.join(', ')}) values ${tuples.join(', ')}`;
}

/** After a raw baseline: the target holds exactly these rows, in this order (not timed). */
async function check(client: pg.Client, rows: readonly EventRow[], what: string): Promise<void> {
  const { rows: back } = await client.query<EventRow>(`select ${EVENT_COLUMNS.join(', ')} from events order by position`);
  if (back.length !== rows.length || rowsDigest(back) !== rowsDigest(rows)) throw new Error(`raw ${what}: the database does not hold the rows that were inserted`);
}

/** Raw baseline of one command per transaction: each row in a transaction of its own (BEGIN, a prepared INSERT, COMMIT). */
export async function rawSingle(rows: readonly EventRow[]): Promise<number> {
  const { client, name } = await rawTarget();
  const insert = { name: 'bench_insert_1', text: insertText(1) };
  const t0 = process.hrtime.bigint();
  for (const r of rows) {
    await client.query('BEGIN');
    await client.query({ ...insert, values: values(r) });
    await client.query('COMMIT');
  }
  const seconds = secondsSince(t0);
  await check(client, rows, 'single-row INSERT');
  await client.end();
  await drop(name);
  return rows.length / seconds;
}

/** Raw baseline of the bulk path: prepared multi-row INSERTs of MULTI_ROW rows each, all in one transaction. */
export async function rawMultiRow(rows: readonly EventRow[]): Promise<number> {
  const { client, name } = await rawTarget();
  const t0 = process.hrtime.bigint();
  await client.query('BEGIN');
  for (let i = 0; i < rows.length; i += MULTI_ROW) {
    const batch = rows.slice(i, i + MULTI_ROW);
    const params: unknown[] = [];
    for (const r of batch) params.push(...values(r));
    await client.query({ name: `bench_insert_${batch.length}`, text: insertText(batch.length), values: params });
  }
  await client.query('COMMIT');
  const seconds = secondsSince(t0);
  await check(client, rows, 'multi-row INSERT');
  await client.end();
  await drop(name);
  return rows.length / seconds;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format (no value of ours is NULL). */
function copyField(value: unknown): string {
  const s = String(value);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] as string) : s;
}

function* copyChunks(rows: readonly EventRow[]): Generator<string> {
  let chunk = '';
  for (const r of rows) {
    chunk += `${values(r).map(copyField).join('\t')}\n`;
    if (chunk.length >= 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/** Raw baseline of the bulk path: COPY … FROM STDIN (text format, streamed), in one transaction. */
export async function rawCopy(rows: readonly EventRow[]): Promise<number> {
  const { client, name } = await rawTarget();
  const t0 = process.hrtime.bigint();
  await client.query('BEGIN');
  await pipeline(Readable.from(copyChunks(rows)), client.query(copyFrom(`copy events (${EVENT_COLUMNS.join(', ')}) from stdin`)));
  await client.query('COMMIT');
  const seconds = secondsSince(t0);
  await check(client, rows, 'COPY');
  await client.end();
  await drop(name);
  return rows.length / seconds;
}

/** The bulk import path for recorded events into a fresh database: events/s. */
export async function importOnPostgres(rows: readonly EventRow[]): Promise<number> {
  const { name, url } = newDatabase();
  const store = await openPostgresStore({ url, mode: 'create' });
  try {
    return await importRows(store, rows);
  } finally {
    await store.close();
    await drop(name);
  }
}
