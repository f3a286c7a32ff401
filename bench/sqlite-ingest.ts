/**
 * The SQLite half of the ingest benchmark. The workload goes through the application on an SQLite
 * file (one command per transaction, and the bulk path); in the same rounds the very event rows it
 * wrote are inserted with raw better-sqlite3 into an empty file with the application's own schema
 * and the same settings (WAL, the same `synchronous`): one row per transaction, and all rows in one
 * transaction with a prepared statement. A second baseline replays, raw, every write the
 * application made (events and projection rows, in the same transactions).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { LEDGER_STREAM_ID } from '../src/domain/ids.js';
import { openSqliteStore, type SqliteDurability } from '../src/store/sqlite/open-sqlite.js';
import { EVENT_COLUMNS, importRows, secondsSince, throughApp, type AppMode, type AppRun, type EventRow } from './common.js';
import { recordedSoFar, recordWrites, replayWrites } from './sql-recorder.js';
import type { Step } from './workload.js';

let dir: string | undefined;
let fileNo = 0;

function freshFile(): string {
  dir ??= mkdtempSync(join(tmpdir(), 'proverka-bench-'));
  return join(dir, `b${++fileNo}.db`);
}

/** Removes an SQLite file with its WAL and shared-memory files. */
export function removeSqliteFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

/** Removes the folder of the benchmark's files. */
export function removeSqliteFiles(): void {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

/** The SQLite version better-sqlite3 carries. */
export function sqliteVersion(): string {
  const db = new BetterSqlite3(':memory:');
  const v = (db.prepare('select sqlite_version() as v').get() as { v: string }).v;
  db.close();
  return v;
}

/** An empty database with the application's own schema (a new file in the benchmark's folder), opened raw with the same settings. */
export async function rawTarget(durability: SqliteDurability): Promise<{ db: BetterSqlite3.Database; file: string }> {
  const file = freshFile();
  const store = await openSqliteStore({ file, mode: 'create', durability });
  await store.close();
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${durability === 'normal' ? 'NORMAL' : 'FULL'}`);
  return { db, file };
}

/**
 * The event rows of the timed commands, in the order they were written: the last `count` events
 * outside the ledger stream (the checkpoints the application appended on its own are left out
 * of the baseline, though their cost is in the application's figure).
 */
function commandEventRows(file: string, count: number): EventRow[] {
  const db = new BetterSqlite3(file, { readonly: true });
  const rows = db.prepare(`select ${EVENT_COLUMNS.join(', ')} from events where stream_id <> ? order by position`).all(LEDGER_STREAM_ID) as EventRow[];
  db.close();
  return rows.slice(rows.length - count);
}

/** What one application run on SQLite measured, the event rows it wrote, and its replay baseline. */
export interface SqliteAppRun extends AppRun {
  readonly rows: EventRow[];
  /** Events/s of the raw replay of every write the application made in the timed part. */
  readonly replay: number;
}

/** Runs the workload through the application on a fresh file; reads back its rows; replays its writes raw. */
export async function appOnSqlite(setup: readonly Step[], steps: readonly Step[], mode: AppMode, durability: SqliteDurability): Promise<SqliteAppRun> {
  const file = freshFile();
  let run: AppRun | undefined;
  const writes = await recordWrites(async () => {
    const store = await openSqliteStore({ file, mode: 'create', durability });
    run = await throughApp(store, setup, steps, mode, recordedSoFar);
  });
  if (run === undefined) throw new Error('the application run did not finish');
  const rows = commandEventRows(file, run.events);
  removeSqliteFile(file);

  const [base, from, to] = run.marks;
  const target = await rawTarget(durability);
  replayWrites(target.db, writes.slice(base, from));
  const seconds = replayWrites(target.db, writes.slice(from, to));
  target.db.close();
  removeSqliteFile(target.file);
  return { ...run, rows, replay: run.events / seconds };
}

const INSERT = `insert into events (${EVENT_COLUMNS.join(', ')}) values (?, ?, ?, ?, ?, ?, ?, ?)`;

/** Raw baseline of one command per transaction: each row in a transaction of its own. */
export async function rawSingle(rows: readonly EventRow[], durability: SqliteDurability): Promise<number> {
  const { db, file } = await rawTarget(durability);
  const insert = db.prepare(INSERT);
  const begin = db.prepare('begin immediate');
  const commit = db.prepare('commit');
  const t0 = process.hrtime.bigint();
  for (const r of rows) {
    begin.run();
    insert.run(r.stream_id, r.seq, r.type, r.actor, r.at, r.payload, r.prev_hash, r.hash);
    commit.run();
  }
  const seconds = secondsSince(t0);
  db.close();
  removeSqliteFile(file);
  return rows.length / seconds;
}

/** Raw baseline of the bulk path: every row in one transaction, one prepared single-row INSERT run per row. */
export async function rawBatched(rows: readonly EventRow[], durability: SqliteDurability): Promise<number> {
  const { db, file } = await rawTarget(durability);
  const insert = db.prepare(INSERT);
  const all = db.transaction((list: readonly EventRow[]) => {
    for (const r of list) insert.run(r.stream_id, r.seq, r.type, r.actor, r.at, r.payload, r.prev_hash, r.hash);
  });
  const t0 = process.hrtime.bigint();
  all(rows);
  const seconds = secondsSince(t0);
  db.close();
  removeSqliteFile(file);
  return rows.length / seconds;
}

/** The bulk import path for recorded events on a fresh file with the same settings: events/s. */
export async function importOnSqlite(rows: readonly EventRow[], durability: SqliteDurability): Promise<number> {
  const file = freshFile();
  const store = await openSqliteStore({ file, mode: 'create', durability });
  try {
    return await importRows(store, rows);
  } finally {
    await store.close();
    removeSqliteFile(file);
  }
}
