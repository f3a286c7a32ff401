/**
 * Ingest benchmark, SQLite and PostgreSQL in one run. The same workload is appended through the
 * application layer — one command per transaction, and the bulk path (many commands in one
 * transaction with batched writes) — on an SQLite file and on a PostgreSQL database, and in the
 * same rounds the very same event rows are inserted raw:
 *   SQLite (better-sqlite3): one row per transaction; all rows in one transaction (prepared statement);
 *   PostgreSQL (pg): one row per transaction; multi-row INSERTs of 500 rows in one transaction; COPY.
 * A further baseline on each back end replays, raw, every write the application made (events and
 * projection rows, in the same transactions): the distance to it is what the application itself
 * costs. SQLite's one-command-per-transaction path is measured with synchronous=FULL (the default)
 * and NORMAL. Prints events/s and the ratios; each figure is the median of interleaved rounds
 * (SQLite and PostgreSQL alternate within a round). It never asserts a timing.
 *
 * Run: npm run bench   (BENCH_QUICK=1 a short run; BENCH_ONLY=single|bulk one path;
 * BENCH_BACKENDS=sqlite|postgres one back end; PROVERKA_BENCH_PG=postgres://… another server)
 */
import { cpus, loadavg } from 'node:os';
import { median, fmt, pct, quick, ROUNDS, rowsDigest, type AppMode } from './common.js';
import * as postgres from './postgres-ingest.js';
import * as sqlite from './sqlite-ingest.js';
import type { SqliteDurability } from '../src/store/sqlite/open-sqlite.js';
import { makeWorkload } from './workload.js';

const SINGLE_CASES = quick ? 300 : 1000;
const BULK_CASES = quick ? 2000 : 15000;
const only = process.env['BENCH_ONLY'];
const wanted = (process.env['BENCH_BACKENDS'] ?? 'sqlite,postgres').split(',').map((s) => s.trim());

/** Medians of one path on one back end, events/s. */
interface Figures {
  events: number;
  app: number;
  replay: number;
  /** Raw baselines by name. */
  raw: Record<string, number>;
  digest: string;
}

const LABEL = 56;
const line = (label: string, text: string): void => console.log(`${label.padEnd(LABEL)} ${text}`);

/** Runs one path on the chosen back ends in interleaved rounds and prints a line per back end. */
async function compare(mode: AppMode, cases: number, sqliteDurability: SqliteDurability | null, withPostgres: boolean): Promise<{ sqlite?: Figures; postgres?: Figures }> {
  const { setup, steps } = makeWorkload(cases);
  const s = { events: 0, app: [] as number[], replay: [] as number[], raw: [] as number[], imported: [] as number[], digest: '' };
  const p = { events: 0, app: [] as number[], replay: [] as number[], single: [] as number[], multi: [] as number[], copy: [] as number[], imported: [] as number[], digest: '', statements: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    if (sqliteDurability !== null) {
      const r = await sqlite.appOnSqlite(setup, steps, mode, sqliteDurability);
      s.events = r.events;
      s.digest = rowsDigest(r.rows);
      s.app.push(r.rate);
      s.replay.push(r.replay);
      s.raw.push(mode === 'single' ? await sqlite.rawSingle(r.rows, sqliteDurability) : await sqlite.rawBatched(r.rows, sqliteDurability));
      if (mode === 'bulk') s.imported.push(await sqlite.importOnSqlite(r.rows, sqliteDurability));
    }
    if (withPostgres) {
      const r = await postgres.appOnPostgres(setup, steps, mode);
      p.events = r.events;
      p.digest = rowsDigest(r.rows);
      p.statements = r.statementsPerCommand;
      p.app.push(r.rate);
      p.replay.push(r.replay);
      if (mode === 'single') p.single.push(await postgres.rawSingle(r.rows));
      else {
        p.multi.push(await postgres.rawMultiRow(r.rows));
        p.copy.push(await postgres.rawCopy(r.rows));
        p.imported.push(await postgres.importOnPostgres(r.rows));
      }
    }
  }
  const out: { sqlite?: Figures; postgres?: Figures } = {};
  const path = mode === 'single' ? 'one command per transaction' : 'bulk path';
  if (sqliteDurability !== null) {
    const f: Figures = { events: s.events, app: median(s.app), replay: median(s.replay), raw: { [mode === 'single' ? 'single-row txns' : 'batched inserts']: median(s.raw) }, digest: s.digest };
    const [rawName, raw] = Object.entries(f.raw)[0] as [string, number];
    const target = mode === 'single' ? 50 : 30;
    const met = (100 * f.app) / raw >= target ? 'MET' : 'NOT MET';
    line(`SQLite, ${path}, synchronous=${sqliteDurability.toUpperCase()}`, `${fmt(f.app)} events/s | raw ${rawName} ${fmt(raw)} events/s | ratio ${pct(f.app, raw)} (target ≥ ${target}%) ${met}  [${f.events} events, median of ${ROUNDS}]`);
    line('', `  raw replay of the same writes (events + projection rows, same transactions): ${fmt(f.replay)} events/s, ratio ${pct(f.app, f.replay)}`);
    if (mode === 'bulk') {
      const imported = median(s.imported);
      const importMet = (100 * imported) / raw >= target ? 'MET' : 'NOT MET';
      line('SQLite, bulk import of recorded events', `${fmt(imported)} events/s | raw ${rawName} ${fmt(raw)} events/s | ratio ${pct(imported, raw)} (target ≥ ${target}%) ${importMet}  (restore/move path: every chain and hash checked, projections built)`);
    }
    out.sqlite = f;
  }
  if (withPostgres) {
    const raw: Record<string, number> = mode === 'single' ? { 'single-row INSERT txns': median(p.single) } : { [`multi-row INSERT (${postgres.MULTI_ROW}/stmt)`]: median(p.multi), COPY: median(p.copy) };
    const f: Figures = { events: p.events, app: median(p.app), replay: median(p.replay), raw, digest: p.digest };
    const parts = Object.entries(raw).map(([name, rate]) => `raw ${name} ${fmt(rate)} events/s, ratio ${pct(f.app, rate)}`);
    line(`PostgreSQL, ${path}`, `${fmt(f.app)} events/s | ${parts.join(' | ')}  [${f.events} events, median of ${ROUNDS}]`);
    line('', `  raw replay of every statement the application sent (head reads, events, projection rows; same transactions): ${fmt(f.replay)} events/s, ratio ${pct(f.app, f.replay)}`);
    line('', `  statements (round trips) per command, BEGIN and COMMIT included: ${p.statements.toFixed(2)}${mode === 'single' ? ' (raw single-row transaction: 3)' : ' (in bulk, buffered: one transaction in all)'}`);
    if (mode === 'bulk') {
      const imported = median(p.imported);
      const importParts = Object.entries(raw).map(([name, rate]) => `raw ${name} ratio ${pct(imported, rate)}`);
      line('PostgreSQL, bulk import of recorded events', `${fmt(imported)} events/s | ${importParts.join(' | ')}  (restore/move path)`);
    }
    out.postgres = f;
  }
  if (out.sqlite !== undefined && out.postgres !== undefined) {
    const same = out.sqlite.digest === out.postgres.digest && out.sqlite.events === out.postgres.events;
    line('', `  the same event rows on both back ends: ${same ? 'yes' : 'NO'} (${out.sqlite.events} rows, digest ${out.sqlite.digest}${same ? '' : ` vs ${out.postgres.digest}`})`);
  }
  return out;
}

function summary(single: { sqlite?: Figures; postgres?: Figures }, bulk: { sqlite?: Figures; postgres?: Figures }, pgSettings: string): void {
  const rows: [string, string, string][] = [];
  const cell = (f: Figures | undefined, name: string | null): string => {
    if (f === undefined) return '-';
    if (name === null) return fmt(f.app).trim();
    const raw = f.raw[name];
    return raw === undefined ? '-' : `${fmt(raw).trim()} (app ${pct(f.app, raw)})`;
  };
  const sName = (f: Figures | undefined): string | null => (f === undefined ? null : (Object.keys(f.raw)[0] ?? null));
  rows.push(['one command per transaction: application', cell(single.sqlite, null), cell(single.postgres, null)]);
  rows.push(['  raw single-row INSERT transactions', single.sqlite ? cell(single.sqlite, sName(single.sqlite)) : '-', cell(single.postgres, 'single-row INSERT txns')]);
  rows.push(['  raw replay of the application\'s statements*', single.sqlite ? `${fmt(single.sqlite.replay).trim()} (app ${pct(single.sqlite.app, single.sqlite.replay)})` : '-', single.postgres ? `${fmt(single.postgres.replay).trim()} (app ${pct(single.postgres.app, single.postgres.replay)})` : '-']);
  rows.push(['bulk path: application', cell(bulk.sqlite, null), cell(bulk.postgres, null)]);
  rows.push(['  raw batched INSERT, one transaction', bulk.sqlite ? `${cell(bulk.sqlite, sName(bulk.sqlite))} [1 row/stmt]` : '-', bulk.postgres ? `${cell(bulk.postgres, `multi-row INSERT (${postgres.MULTI_ROW}/stmt)`)} [${postgres.MULTI_ROW} rows/stmt]` : '-']);
  rows.push(['  raw COPY, one transaction', 'n/a', cell(bulk.postgres, 'COPY')]);
  rows.push(['  raw replay of the application\'s statements*', bulk.sqlite ? `${fmt(bulk.sqlite.replay).trim()} (app ${pct(bulk.sqlite.app, bulk.sqlite.replay)})` : '-', bulk.postgres ? `${fmt(bulk.postgres.replay).trim()} (app ${pct(bulk.postgres.app, bulk.postgres.replay)})` : '-']);
  if (single.sqlite && single.postgres) rows.push(['PostgreSQL / SQLite, one command per txn', '', pct(single.postgres.app, single.sqlite.app)]);
  if (bulk.sqlite && bulk.postgres) rows.push(['PostgreSQL / SQLite, bulk path', '', pct(bulk.postgres.app, bulk.sqlite.app)]);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max('SQLite, synchronous=FULL'.length, ...rows.map((r) => r[1].length));
  console.log('');
  console.log(`summary, events/s (medians of ${ROUNDS}; PostgreSQL ${pgSettings})`);
  console.log(`${''.padEnd(w0)}  ${'SQLite, synchronous=FULL'.padEnd(w1)}  PostgreSQL`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
  console.log('* SQLite: its writes (events, projection rows, BEGIN/COMMIT); PostgreSQL: every statement sent, head reads included (each a round trip)');
}

/** The 1-minute load average: figures taken while other work runs are not comparable. */
function loadAvg(): string {
  return (loadavg()[0] ?? 0).toFixed(2);
}

const started = process.hrtime.bigint();
let pg = wanted.includes('postgres');
let pgSettings = '';
const info = pg ? await postgres.serverInfo() : null;
const head = [`ingest benchmark — Node ${process.version}, ${cpus().length} cores`];
if (wanted.includes('sqlite')) head.push(`SQLite ${sqlite.sqliteVersion()} (WAL)`);
if (info?.ok === true) {
  const s = info.settings;
  pgSettings = `synchronous_commit=${s['synchronous_commit']}, fsync=${s['fsync']}, full_page_writes=${s['full_page_writes']}`;
  head.push(`PostgreSQL ${info.version} at ${postgres.PG_SERVER} (${pgSettings}, shared_buffers=${s['shared_buffers']})`);
}
console.log(head.join('; '));
if (info?.ok === false) {
  console.log(`PostgreSQL is not reachable at ${postgres.PG_SERVER} (${info.reason}): its half of the benchmark is skipped`);
  process.exitCode = 1;
  pg = false;
}
console.log(`workload: ${SINGLE_CASES.toLocaleString('en-US')} assignments one command per transaction, ${BULK_CASES.toLocaleString('en-US')} in bulk; ${ROUNDS} interleaved round${ROUNDS === 1 ? '' : 's'}${quick ? ' (BENCH_QUICK)' : ''}; load average ${loadAvg()} at the start`);
try {
  const withSqlite = wanted.includes('sqlite');
  const single = only !== 'bulk' ? await compare('single', SINGLE_CASES, withSqlite ? 'full' : null, pg) : {};
  const bulk = only !== 'single' ? await compare('bulk', BULK_CASES, withSqlite ? 'full' : null, pg) : {};
  // synchronous=NORMAL changes what a commit costs, so it matters for one command per transaction;
  // the bulk path commits once, and its figure with NORMAL is the same as with FULL.
  if (only !== 'bulk' && withSqlite) await compare('single', SINGLE_CASES, 'normal', false);
  summary(single, bulk, pgSettings);
} finally {
  sqlite.removeSqliteFiles();
  if (pg) await postgres.dropLeftovers();
}
console.log(`\n(${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(0)} s; load average ${loadAvg()} at the end: other work on the machine moves these figures)`);
