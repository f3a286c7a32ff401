/**
 * XES benchmark (issue #7): bpic2012.xes.gz and receipt.xes imported into a new SQLite record as
 * cases (`proverka import xes`: parse — on a worker thread for the large file —, check,
 * hash-chain, project, commit once; the time includes creating the record), and read into the
 * process map, each beside the floor of merely reading (and gunzipping) the same file to text in
 * the same process. Prints MB/s of uncompressed XES and events/s, and the ratio to the floor
 * (issue #7's target for the import: ≥ 25% of the floor). Beside the import, the rows it wrote,
 * written raw into a new record (no parsing, hashing or checks): a bound no import that records
 * these rows can beat (decision 0040).
 * Never asserts a timing. The data folder: PROVERKA_DATA_DIR, else ../shared/data beside the
 * repository, else /work/shared/data.
 *
 * Run: node --import tsx bench/xes.bench.ts   (BENCH_QUICK=1: one round instead of three)
 */
import { createReadStream, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createGunzip } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { randomIds } from '../src/app/ids.js';
import { Proverka } from '../src/app/proverka.js';
import { importXesFile } from '../src/cli/commands/import.js';
import { systemClock } from '../src/domain/clock.js';
import { readXesGraph } from '../src/interop/xes/xes-graph.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import { compiledFile } from '../test/cli/run-cli.js';
import { rawTarget, removeSqliteFile, removeSqliteFiles } from './sqlite-ingest.js';

const ROUNDS = process.env['BENCH_QUICK'] === '1' ? 1 : 3;
const FILES = ['bpic2012.xes.gz', 'receipt.xes'] as const;

function dataDir(): string {
  const candidates = [process.env['PROVERKA_DATA_DIR'], resolve(import.meta.dirname, '../../shared/data'), '/work/shared/data'].filter((d): d is string => d !== undefined);
  const found = candidates.find((d) => existsSync(d));
  if (found === undefined) throw new Error(`no data folder among ${candidates.join(', ')}`);
  return found;
}

/** Reads the file to text (gunzipping a .gz), touching every character; returns its uncompressed size in bytes. */
async function floor(path: string): Promise<number> {
  const raw = createReadStream(path);
  const text = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  let bytes = 0;
  let check = 0;
  for await (const chunk of text.setEncoding('utf8')) {
    const s = chunk as string;
    bytes += Buffer.byteLength(s);
    check ^= s.charCodeAt(s.length - 1);
  }
  if (check === -1) console.log('');
  return bytes;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function timed<T>(f: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await f();
  return { seconds: (performance.now() - started) / 1000, value };
}

/** The XES reader's worker thread as the built command runs it: compiled from the current sources (the benchmark itself runs them through tsx). */
const worker = pathToFileURL(compiledFile('src/interop/xes/xes-reader-worker.ts'));

/** The rows an import wrote: its events and its cases' rows, every column. */
interface ImportRows {
  readonly events: Record<string, unknown>[];
  readonly traces: Record<string, unknown>[];
}

/**
 * Imports the file into a new SQLite record as `proverka import xes` does (a large file read on
 * a worker thread); the time runs from creating the record to closing it. Then reads back the
 * rows it wrote (untimed) and removes the record.
 */
async function importInto(path: string): Promise<{ seconds: number; rows: ImportRows }> {
  const file = join(tmpdir(), `proverka-xes-bench-${process.pid}.db`);
  removeSqliteFile(file);
  try {
    const { seconds } = await timed(async () => {
      const store = await openSqliteStore({ file, mode: 'create' });
      const app = new Proverka({ store, clock: systemClock, ids: randomIds });
      try {
        await importXesFile(app, path, 'bench', { worker });
      } finally {
        await app.close();
      }
    });
    const db = new BetterSqlite3(file, { readonly: true });
    const rows = { events: db.prepare('select * from events order by position').all() as Record<string, unknown>[], traces: db.prepare('select * from traces').all() as Record<string, unknown>[] };
    db.close();
    return { seconds, rows };
  } finally {
    removeSqliteFile(file);
  }
}

/**
 * A bound no import that records these rows can beat: the same rows written raw into a new record
 * of the same schema (made and opened before the clock starts, as the ingest benchmark's raw
 * baselines are), with prepared statements in one transaction, WAL and `synchronous=FULL` as the
 * record runs; the time covers the inserts, the commit and the close.
 * No parsing, hashing, checking or folding.
 */
async function rawWrite(rows: ImportRows): Promise<number> {
  const { db, file } = await rawTarget('full');
  const insert = (table: string, list: readonly Record<string, unknown>[]): void => {
    const first = list[0];
    if (first === undefined) return;
    const columns = Object.keys(first);
    const stmt = db.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
    for (const r of list) stmt.run(columns.map((c) => r[c]));
  };
  try {
    const started = performance.now();
    db.transaction(() => {
      insert('events', rows.events);
      insert('traces', rows.traces);
    })();
    db.close();
    return (performance.now() - started) / 1000;
  } finally {
    if (db.open) db.close();
    removeSqliteFile(file);
  }
}

const dir = dataDir();
console.log(`XES import and reading (process map) against the floor of reading the file; median of ${ROUNDS}; data: ${dir}`);
for (const name of FILES) {
  const path = join(dir, name);
  const floors: number[] = [];
  const reads: number[] = [];
  const imports: number[] = [];
  const raws: number[] = [];
  let bytes = 0;
  let events = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const f = await timed(() => floor(path));
    floors.push(f.seconds);
    bytes = f.value;
    const g = await timed(() => readXesGraph(path));
    reads.push(g.seconds);
    events = g.value.events;
    const imported = await importInto(path);
    imports.push(imported.seconds);
    raws.push(await rawWrite(imported.rows));
  }
  const mb = bytes / 1e6;
  const floorS = median(floors);
  const readS = median(reads);
  const importS = median(imports);
  console.log(`\n${name}: ${mb.toFixed(1)} MB of XES, ${events.toLocaleString('en')} events`);
  console.log(`  ${`floor (read${name.endsWith('.gz') ? ' + gunzip' : ''} to text)`.padEnd(32)}${(mb / floorS).toFixed(1).padStart(7)} MB/s   ${floorS.toFixed(3)} s`);
  const line = (label: string, seconds: number): string =>
    `  ${label.padEnd(32)}${(mb / seconds).toFixed(1).padStart(7)} MB/s   ${seconds.toFixed(3)} s   ${Math.round(events / seconds).toLocaleString('en')} events/s   ${((floorS / seconds) * 100).toFixed(1)}% of the floor`;
  console.log(line('Proverka import (SQLite record)', importS));
  console.log(line("raw write of the import's rows", median(raws)));
  console.log(line('Proverka read (parse + graph)', readS));
}
removeSqliteFiles();
console.log(`\nload average ${loadavg()[0]?.toFixed(2)} at the end: other work on the machine moves these figures`);
