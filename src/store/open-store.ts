/** Opens a store from a location: a `postgres://` URL means PostgreSQL (its driver loaded only then), anything else an SQLite file. */
import { StoreError } from './errors.js';
import type { KyselyStore } from './kysely-store.js';
import { isPostgresUrl, redact } from './postgres/postgres-url.js';
import { openSqliteStore, type SqliteDurability } from './sqlite/open-sqlite.js';

/** Where the database is and whether to create it. */
export interface OpenStoreOptions {
  readonly location: string;
  readonly mode: 'create' | 'open';
  /** SQLite only: how hard commits are pushed to disk (default full). */
  readonly durability?: SqliteDurability;
  /** PostgreSQL only: a streaming replica to serve read-only queries, within `maxReplicaLagMs` of the primary. */
  readonly readLocation?: string;
  /** PostgreSQL only: the most a read from the replica may lag, in milliseconds (default 5,000). */
  readonly maxReplicaLagMs?: number;
}

/** Opens the store at a location. A read location is refused (DB_UNSUPPORTED) for an SQLite file, which has no replicas. */
export async function openStore(options: OpenStoreOptions): Promise<KyselyStore> {
  const { readLocation, maxReplicaLagMs } = options;
  if (isPostgresUrl(options.location)) {
    // Loaded here: an SQLite run never loads the PostgreSQL driver.
    const { openPostgresStore } = await import('./postgres/open-postgres.js');
    return openPostgresStore({
      url: options.location,
      mode: options.mode,
      ...(readLocation === undefined ? {} : { readUrl: readLocation }),
      ...(maxReplicaLagMs === undefined ? {} : { maxReplicaLagMs }),
    });
  }
  if (readLocation !== undefined) {
    throw new StoreError('DB_UNSUPPORTED', `a read replica (${redact(readLocation)}) needs PostgreSQL: ${options.location} is an SQLite file, whose readers already share it with the writer`);
  }
  return openSqliteStore({ file: options.location, mode: options.mode, ...(options.durability ? { durability: options.durability } : {}) });
}
