/**
 * The read side of a PostgreSQL store with a streaming replica: a pool on the replica for the
 * read model, a one-connection pool with short timeouts for lag measurements, and the routing
 * ReadModel over the primary's and the replica's read models.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { KyselyReadModel } from '../kysely-read-model.js';
import type { Database } from '../schema.js';
import { SqlShapes } from '../sql-shapes.js';
import { measureReplicaLag, type LagReading } from './replica-lag.js';
import { ReplicaReadModel } from './replica-read-model.js';

/** The most a read served by the replica may lag behind the primary unless told otherwise: 5 seconds. */
export const DEFAULT_MAX_REPLICA_LAG_MS = 5000;

/** How long a lag measurement or a connection to the replica may take before the replica counts as unreachable. */
const PROBE_TIMEOUT_MS = 2000;

/** The application name of the replica's connections, as `pg_stat_activity` on the replica shows them. */
export const REPLICA_APPLICATION_NAME = 'proverka-replica-reads';

/** An open read side on a replica. */
export interface ReplicaReads {
  /** The routing read model to give the store (StoreExtras.reads). */
  readonly reads: ReplicaReadModel;
  /** The measurement taken while opening. */
  readonly first: LagReading;
  /** Closes the replica's pools (the primary's stay open). */
  close(): Promise<void>;
}

/**
 * Opens the read side on the replica at `readUrl` for the primary `primary`. It does not fail when
 * the replica cannot be reached: reads then go to the primary until a measurement finds it usable.
 */
export async function openReplicaReads(primary: Kysely<Database>, readUrl: string, types: pg.CustomTypesConfig, maxLagMs: number): Promise<ReplicaReads> {
  const pool = new pg.Pool({ connectionString: readUrl, types, max: 5, connectionTimeoutMillis: PROBE_TIMEOUT_MS, application_name: REPLICA_APPLICATION_NAME });
  const probes = new pg.Pool({ connectionString: readUrl, max: 1, connectionTimeoutMillis: PROBE_TIMEOUT_MS, query_timeout: PROBE_TIMEOUT_MS, application_name: REPLICA_APPLICATION_NAME });
  // An idle connection to a replica that went away: the pool drops it, and reads go to the primary.
  pool.on('error', () => undefined);
  probes.on('error', () => undefined);
  const replica = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const measure = (): Promise<LagReading> =>
    measureReplicaLag(
      async (text) => (await sql.raw<Record<string, unknown>>(text).execute(primary)).rows[0],
      async (text) => (await probes.query<Record<string, unknown>>(text)).rows[0],
    );
  const reads = new ReplicaReadModel(new KyselyReadModel(primary, new SqlShapes(primary)), new KyselyReadModel(replica, new SqlShapes(replica)), measure, { maxLagMs });
  const close = async (): Promise<void> => {
    await replica.destroy();
    await probes.end();
  };
  try {
    return { reads, first: await reads.lag(), close };
  } catch (error) {
    await close();
    throw error;
  }
}
