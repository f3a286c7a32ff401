/**
 * What a synced SQLite commit costs by the number of pages it writes (decision 0040): raw
 * better-sqlite3 on a file in WAL mode with `synchronous=FULL`, as the record runs. Each
 * transaction updates one row in each of k tables (2,000 rows of 300 bytes each, so every update
 * dirties exactly one leaf page of its own table): k pages per commit, for k = 1, 2, 3 and 5.
 * A raw single-row event insert writes 2 pages (the table's leaf and its (stream, seq) index's);
 * a command of the record ~4.8 (decision 0004). Prints µs per transaction, the median of
 * interleaved rounds, and each beside the 1-page transaction of the same run. Never asserts a timing.
 *
 * Run: npm run bench:commit-pages   (BENCH_QUICK=1: fewer rounds and transactions)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { median, quick } from './common.js';

const PAGES = [1, 2, 3, 5] as const;
const ROUNDS = quick ? 2 : 6;
const TRANSACTIONS = quick ? 500 : 2000;
const ROWS = 2000;

const dir = mkdtempSync(join(tmpdir(), 'proverka-commit-pages-'));

/** µs per transaction that updates one row in each of `pages` tables, on a new file. */
function perTransaction(pages: number): number {
  const file = join(dir, `p${pages}.db`);
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const updates: BetterSqlite3.Statement[] = [];
    for (let t = 0; t < pages; t++) {
      db.exec(`create table t${t} (id integer primary key, s text not null)`);
      const insert = db.prepare(`insert into t${t} (s) values (?)`);
      db.transaction(() => {
        for (let i = 0; i < ROWS; i++) insert.run('y'.repeat(300));
      })();
      updates.push(db.prepare(`update t${t} set s = ? where id = ?`));
    }
    const begin = db.prepare('BEGIN IMMEDIATE');
    const commit = db.prepare('COMMIT');
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < TRANSACTIONS; i++) {
      begin.run();
      // A different row each time, spread over the table: each update is a page of its own.
      for (const u of updates) u.run(`x${i}`, 1 + ((i * 7919) % ROWS));
      commit.run();
    }
    return Number(process.hrtime.bigint() - t0) / 1000 / TRANSACTIONS;
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
}

try {
  const runs = new Map<number, number[]>(PAGES.map((p) => [p, []]));
  for (let round = 0; round < ROUNDS; round++) for (const p of PAGES) runs.get(p)?.push(perTransaction(p));
  const base = median(runs.get(1) ?? []);
  console.log(`SQLite WAL, synchronous=FULL: one transaction updating one row in each of k tables (k pages per commit); ${TRANSACTIONS} transactions, median of ${ROUNDS} rounds`);
  for (const p of PAGES) {
    const us = median(runs.get(p) ?? []);
    console.log(`  ${String(p).padStart(2)} page${p === 1 ? ' ' : 's'} per commit  ${us.toFixed(0).padStart(5)} µs per transaction   ${((us / base) * 100).toFixed(0).padStart(4)}% of the 1-page transaction   (rounds: ${(runs.get(p) ?? []).map((x) => x.toFixed(0)).join(' ')})`);
  }
  console.log(`\nload average ${loadavg()[0]?.toFixed(2)} at the end: other work on the machine moves these figures`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
