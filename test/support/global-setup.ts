/**
 * Once per test run: drops the PostgreSQL databases that earlier runs left behind (named
 * `proverka_test_<pid>_…` by test/support/backends.ts) when the process that made them is gone —
 * a run that was killed cannot drop its own. Databases of live processes are left alone. Makes
 * the folder where the run's test files share their demo databases (test/support/demo-cache.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEMO_CACHE_ENV } from './demo-cache.js';
import { dropDatabases, PG_SERVER } from './postgres.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Vitest's global setup hook: the run's demo cache folder (removed at the end), then the clean-up of old databases. */
export default async function setup(): Promise<() => void> {
  const demoCache = mkdtempSync(join(tmpdir(), 'proverka-demo-cache-'));
  process.env[DEMO_CACHE_ENV] = demoCache;
  const teardown = (): void => rmSync(demoCache, { recursive: true, force: true });
  await dropOldDatabases();
  return teardown;
}

async function dropOldDatabases(): Promise<void> {
  const wanted = (process.env['PROVERKA_TEST_BACKENDS'] ?? 'sqlite,postgres').split(',');
  if (!wanted.includes('postgres')) return;
  const client = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
  await client.connect();
  let names: string[];
  try {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like 'proverka\\_test\\_%'");
    names = rows.map((r) => r.datname).filter((n) => !alive(Number(/^proverka_test_(\d+)_/.exec(n)?.[1] ?? '0')));
  } finally {
    await client.end();
  }
  await dropDatabases(names);
}
