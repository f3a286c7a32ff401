/**
 * One demo database per size for the whole test run: the first test file that needs the demo
 * `proverka start --no-serve` builds (with its demo accounts) builds it into the run's cache folder
 * (PROVERKA_TEST_DEMO_CACHE, made and removed by the global setup), under a lock made with an
 * atomic mkdir; the others wait for it, and every file works on its own copy. The large demo takes
 * tens of seconds to build, and six test files read it. Without the folder (a file run outside
 * vitest's global setup), each file builds its own.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The environment variable naming the run's cache folder. */
export const DEMO_CACHE_ENV = 'PROVERKA_TEST_DEMO_CACHE';

const POLL_MS = 250;

/** Copies an SQLite file with its write-ahead log, if it has one. */
function copyDatabase(from: string, to: string): void {
  copyFileSync(from, to);
  if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${to}-wal`);
}

/**
 * Puts a demo database of `key` (a size, say) at `db`: a copy of the run's cached one, built first
 * by `build(file)` if no other test file has built it. A failed build releases the lock, so the
 * next waiter builds instead; waiting gives up after `timeoutMs`.
 */
export async function cachedDemo(key: string, db: string, build: (file: string) => Promise<void>, timeoutMs: number): Promise<void> {
  const cache = process.env[DEMO_CACHE_ENV];
  if (cache === undefined || cache === '' || !existsSync(cache)) {
    await build(db);
    return;
  }
  const built = join(cache, `${key}.db`);
  const lock = join(cache, `${key}.lock`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (existsSync(built)) {
      copyDatabase(built, db);
      return;
    }
    let mine = false;
    try {
      mkdirSync(lock);
      mine = true;
    } catch {
      // Someone else is building it: wait.
    }
    if (mine) {
      const making = join(cache, `${key}.building-${process.pid}.db`);
      try {
        await build(making);
        if (existsSync(`${making}-wal`)) renameSync(`${making}-wal`, `${built}-wal`);
        renameSync(making, built);
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
      continue;
    }
    if (Date.now() > deadline) throw new Error(`the cached ${key} demo was not built within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
