/**
 * The back ends every storage suite runs against. Each test gets a database of its own, created
 * for it and removed after it. PostgreSQL joins this list with its adapter.
 */
import { join } from 'node:path';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.js';
import { tempDir } from './temp.js';

/** A back end under test: how to make a fresh, empty, migrated store. */
export interface Backend {
  readonly name: 'sqlite' | 'postgres';
  /** A new empty store in a database of its own. */
  fresh(): Promise<KyselyStore>;
  /** Opens again the database of a store made by `fresh` (after it was closed). */
  reopen(store: KyselyStore): Promise<KyselyStore>;
}

function sqliteBackend(): Backend {
  let dir: string | undefined;
  let n = 0;
  const files = new WeakMap<KyselyStore, string>();
  return {
    name: 'sqlite',
    async fresh() {
      dir ??= tempDir('proverka-store-');
      const file = join(dir, `t${++n}.db`);
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
  };
}

/** Every back end available on this machine. */
export function backends(): Backend[] {
  return [sqliteBackend()];
}
