/**
 * Ingest benchmark. Appends through the application layer — one command per transaction, and
 * the bulk path (many commands in one transaction with batched writes) — and, in the same run,
 * inserts the very same event rows with raw better-sqlite3: one row per transaction, and all rows
 * in one transaction with a prepared statement. Prints events/s and the ratios. Each figure is the
 * median of several interleaved rounds. Both sides use the same file settings (WAL, the same
 * `synchronous`). A second baseline replays, raw, every write the application made (events and
 * projection rows, in the same transactions): the distance to it is what the application layer
 * itself costs. Run: npm run bench   (BENCH_QUICK=1 for a short run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { unwrap } from '../src/app/errors.js';
import { seededIds } from '../src/app/ids.js';
import { Proverka } from '../src/app/proverka.js';
import { ManualClock } from '../src/domain/clock.js';
import { openSqliteStore, type SqliteDurability } from '../src/store/sqlite/open-sqlite.js';
import type { EventRow as StoredEventRow } from '../src/store/kysely-read-model.js';
import { recordedSoFar, recordWrites, replayWrites, type RecordedWrite } from './sql-recorder.js';
import { makeWorkload, type Step } from './workload.js';

const quick = process.env['BENCH_QUICK'] === '1';
const ROUNDS = quick ? 1 : 3;
const SINGLE_CASES = quick ? 300 : 1500;
const BULK_CASES = quick ? 2000 : 15000;
const dir = mkdtempSync(join(tmpdir(), 'proverka-bench-'));
let fileNo = 0;

/** An events row as it is read back, without its position. */
type EventRow = Omit<StoredEventRow, 'position'>;

function freshFile(): string {
  return join(dir, `b${++fileNo}.db`);
}

function remove(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

/** Runs the workload through the application; returns events/s over the timed steps and the file. */
async function throughApp(
  steps: readonly Step[],
  setup: readonly Step[],
  mode: 'single' | 'bulk',
  durability: SqliteDurability,
): Promise<{ rate: number; events: number; file: string; setupWrites: [number, number]; timed: [number, number] }> {
  const file = freshFile();
  const store = await openSqliteStore({ file, mode: 'create', durability });
  const base = recordedSoFar();
  const clock = new ManualClock(0);
  const app = new Proverka({ store, clock, ids: seededIds(1) });
  await app.bulk(async (run) => {
    for (const s of setup) {
      clock.set(s.at);
      unwrap(await run(s.actor, s.command));
    }
  });
  let events = 0;
  const from = recordedSoFar();
  const t0 = process.hrtime.bigint();
  if (mode === 'single') {
    for (const s of steps) {
      clock.set(s.at);
      events += unwrap(await app.execute(s.actor, s.command)).events.length;
    }
  } else {
    await app.bulk(async (run) => {
      for (const s of steps) {
        clock.set(s.at);
        events += unwrap(await run(s.actor, s.command)).events.length;
      }
    });
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const to = recordedSoFar();
  await store.close();
  return { rate: events / seconds, events, file, setupWrites: [base, from], timed: [from, to] };
}

/** Replays the very writes the application made (events and projection rows, in the same transactions) with raw better-sqlite3: events/s over the timed part. */
async function rawReplay(writes: readonly RecordedWrite[], setup: [number, number], timed: [number, number], events: number, durability: SqliteDurability): Promise<number> {
  const { db, file } = await rawTarget(durability);
  replayWrites(db, writes.slice(setup[0], setup[1]));
  const seconds = replayWrites(db, writes.slice(timed[0], timed[1]));
  db.close();
  remove(file);
  return events / seconds;
}

/**
 * The event rows of the timed commands, in the order they were written: the last `count` events
 * outside the ledger stream (the checkpoints the application appended on its own are left out
 * of the baseline, though their cost is in the application's figure).
 */
function commandEventRows(file: string, count: number): EventRow[] {
  const db = new BetterSqlite3(file, { readonly: true });
  const rows = db
    .prepare("select stream_id, seq, type, actor, at, payload, prev_hash, hash from events where stream_id <> 'ledger_main' order by position")
    .all() as EventRow[];
  db.close();
  return rows.slice(rows.length - count);
}

/** An empty database with the application's own schema, opened raw with the same settings. */
async function rawTarget(durability: SqliteDurability): Promise<{ db: BetterSqlite3.Database; file: string }> {
  const file = freshFile();
  const store = await openSqliteStore({ file, mode: 'create', durability });
  await store.close();
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${durability === 'normal' ? 'NORMAL' : 'FULL'}`);
  return { db, file };
}

const INSERT = 'insert into events (stream_id, seq, type, actor, at, payload, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?)';

async function rawSingle(rows: readonly EventRow[], durability: SqliteDurability): Promise<number> {
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
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  db.close();
  remove(file);
  return rows.length / seconds;
}

async function rawBatched(rows: readonly EventRow[], durability: SqliteDurability): Promise<number> {
  const { db, file } = await rawTarget(durability);
  const insert = db.prepare(INSERT);
  const all = db.transaction((list: readonly EventRow[]) => {
    for (const r of list) insert.run(r.stream_id, r.seq, r.type, r.actor, r.at, r.payload, r.prev_hash, r.hash);
  });
  const t0 = process.hrtime.bigint();
  all(rows);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  db.close();
  remove(file);
  return rows.length / seconds;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US').padStart(9);
}

async function compare(label: string, cases: number, mode: 'single' | 'bulk', durability: SqliteDurability, target: number): Promise<void> {
  const { setup, steps } = makeWorkload(cases);
  const app: number[] = [];
  const raw: number[] = [];
  const replay: number[] = [];
  let events = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let r: Awaited<ReturnType<typeof throughApp>> | undefined;
    const writes = await recordWrites(async () => {
      r = await throughApp(steps, setup, mode, durability);
    });
    if (r === undefined) throw new Error('the application run did not finish');
    events = r.events;
    replay.push(await rawReplay(writes, r.setupWrites, r.timed, r.events, durability));
    const rows = commandEventRows(r.file, r.events);
    remove(r.file);
    app.push(r.rate);
    raw.push(mode === 'single' ? await rawSingle(rows, durability) : await rawBatched(rows, durability));
  }
  const a = median(app);
  const b = median(raw);
  const c = median(replay);
  const ratio = a / b;
  console.log(
    `${label.padEnd(46)} ${fmt(a)} events/s | raw ${mode === 'single' ? 'single-row txns' : 'batched inserts'} ${fmt(b)} events/s | ratio ${(100 * ratio).toFixed(1)}% (target ≥ ${target}%) ${ratio * 100 >= target ? 'MET' : 'NOT MET'}  [${events} events, median of ${ROUNDS}]`,
  );
  console.log(`${''.padEnd(46)}   raw replay of the same writes (events + projection rows, same transactions): ${fmt(c)} events/s, ratio ${((100 * a) / c).toFixed(1)}%`);
}

console.log(`ingest benchmark — Node ${process.version}, SQLite ${(new BetterSqlite3(':memory:').prepare('select sqlite_version() as v').get() as { v: string }).v}, WAL mode`);
const only = process.env['BENCH_ONLY'];
if (only !== 'bulk') await compare('one command per transaction, synchronous=FULL', SINGLE_CASES, 'single', 'full', 50);
if (only !== 'single') await compare('bulk path, synchronous=FULL', BULK_CASES, 'bulk', 'full', 30);
if (only === undefined) await compare('one command per transaction, synchronous=NORMAL', SINGLE_CASES, 'single', 'normal', 50);
if (only === undefined) await compare('bulk path, synchronous=NORMAL', BULK_CASES, 'bulk', 'normal', 30);
rmSync(dir, { recursive: true, force: true });
