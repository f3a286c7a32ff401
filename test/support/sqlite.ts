/** Fresh SQLite database files for tests that run on SQLite only (the application suites). */
import { join } from 'node:path';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite.js';
import { tempDir } from './temp.js';

/** Makes and reopens SQLite stores in a temporary folder. */
export interface SqliteStores {
  /** A new, empty, migrated store in a file of its own. */
  fresh(): Promise<KyselyStore>;
  /** Opens again the file of a store made by `fresh`. */
  reopen(store: KyselyStore): Promise<KyselyStore>;
}

/** Call at the top level of a test file: the folder is removed after the file. */
export function sqliteStores(): SqliteStores {
  const dir = tempDir('proverka-app-');
  const files = new WeakMap<KyselyStore, string>();
  let n = 0;
  return {
    async fresh() {
      const file = join(dir, `app${++n}.db`);
      const store = await openSqliteStore({ file, mode: 'create', durability: 'normal' });
      files.set(store, file);
      return store;
    },
    async reopen(store) {
      const file = files.get(store);
      if (file === undefined) throw new Error('not a store made here');
      const again = await openSqliteStore({ file, mode: 'open', durability: 'normal' });
      files.set(again, file);
      return again;
    },
  };
}
