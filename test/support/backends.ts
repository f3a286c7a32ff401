/**
 * The back ends every storage suite runs against: SQLite files and the machine's PostgreSQL.
 * Each `fresh()` store lives in a database of its own, created for it and dropped when the test
 * file ends. PROVERKA_TEST_PG (default postgres://postgres@127.0.0.1:5432) says where PostgreSQL
 * is; PROVERKA_TEST_BACKENDS=sqlite restricts a run to SQLite on a machine without it (CI never does).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { openPostgresStore } from '../../src/store/postgres/open-postgres.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.js';
import { dropDatabases, PG_SERVER } from './postgres.js';

export { PG_SERVER };
import { tempDir } from './temp.js';

/** A back end under test: how to make a fresh, empty, migrated store. */
export interface Backend {
  readonly name: 'sqlite' | 'postgres';
  /** A new empty store in a database of its own. */
  fresh(): Promise<KyselyStore>;
  /** Opens again the database of a store made by `fresh` (after it was closed). */
  reopen(store: KyselyStore): Promise<KyselyStore>;
  /** Where the store made by `fresh` lives: a file path or a postgres:// URL (what `--db` takes). */
  location(store: KyselyStore): string;
  /** A location for a new database that does not exist yet (dropped with the others). */
  newLocation(): string;
}

function sqliteBackend(): Backend {
  // Made when the back end is (at a test file's top level), so that its removal is always registered.
  const dir = tempDir('proverka-store-');
  let n = 0;
  const files = new WeakMap<KyselyStore, string>();
  const newLocation = (): string => join(dir, `t${++n}.db`);
  return {
    name: 'sqlite',
    newLocation,
    async fresh() {
      const file = newLocation();
      const store = await openSqliteStore({ file, mode: 'create' });
      files.set(store, file);
      return store;
    },
    async reopen(store) {
      const file = files.get(store);
      if (file === undefined) throw new Error('not a store made by this back end');
      const again = await openSqliteStore({ file, mode: 'open' });
      files.set(again, file);
      return again;
    },
    location(store) {
      const file = files.get(store);
      if (file === undefined) throw new Error('not a store made by this back end');
      return file;
    },
  };
}


function postgresBackend(): Backend {
  const made: string[] = [];
  const urls = new WeakMap<KyselyStore, string>();
  // Registered when the back end is made (at a test file's top level), so that it always runs,
  // whichever test first asks for a database.
  afterAll(() => dropDatabases(made));
  const newLocation = (): string => {
    const name = `proverka_test_${process.pid}_${randomBytes(5).toString('hex')}`;
    made.push(name);
    return `${PG_SERVER}/${name}`;
  };
  return {
    name: 'postgres',
    newLocation,
    async fresh() {
      const url = newLocation();
      const store = await openPostgresStore({ url, mode: 'create' });
      urls.set(store, url);
      return store;
    },
    async reopen(store) {
      const url = urls.get(store);
      if (url === undefined) throw new Error('not a store made by this back end');
      const again = await openPostgresStore({ url, mode: 'open' });
      urls.set(again, url);
      return again;
    },
    location(store) {
      const url = urls.get(store);
      if (url === undefined) throw new Error('not a store made by this back end');
      return url;
    },
  };
}

/** Every back end under test (both unless PROVERKA_TEST_BACKENDS names fewer). */
export function backends(): Backend[] {
  const wanted = (process.env['PROVERKA_TEST_BACKENDS'] ?? 'sqlite,postgres').split(',').map((s) => s.trim());
  const all = [sqliteBackend(), postgresBackend()];
  return all.filter((b) => wanted.includes(b.name));
}
