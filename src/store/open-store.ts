/** Opens a store from a location: a file path means SQLite (the only back end until PostgreSQL lands). */
import type { KyselyStore } from './kysely-store.js';
import { openSqliteStore, type SqliteDurability } from './sqlite/open-sqlite.js';

/** Where the database is and whether to create it. */
export interface OpenStoreOptions {
  readonly location: string;
  readonly mode: 'create' | 'open';
  readonly durability?: SqliteDurability;
}

/** Opens the store at a location. */
export function openStore(options: OpenStoreOptions): Promise<KyselyStore> {
  return openSqliteStore({ file: options.location, mode: options.mode, ...(options.durability ? { durability: options.durability } : {}) });
}
