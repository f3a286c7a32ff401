/**
 * How far a streaming replica is behind its primary, measured cheaply: the primary's WAL write
 * position, then the replica's replay position. A replica that has replayed at least that much held
 * every commit made before the measurement began (lag 0). One that has not holds every commit up to
 * the last one it replayed, so `clock_timestamp() - pg_last_xact_replay_timestamp()` on the replica
 * bounds its lag from above (when the primary and replica clocks agree). Anything not known is
 * infinitely late: a replica that cannot be reached, is not in recovery, or is not a copy of the
 * primary's database is never read from.
 */

/** Runs one query and returns its first row (or undefined); rejects on any failure. */
export type ProbeQuery = (text: string) => Promise<Record<string, unknown> | undefined>;

/** One measurement of a replica's lag. */
export interface LagReading {
  /** When the measurement began, in epoch milliseconds of this process's clock. */
  readonly at: number;
  /**
   * An upper bound of the replica's staleness at `at`, in milliseconds: it held every commit made
   * before `at - lagMs`. 0 when it had replayed everything; Infinity when unknown or unusable.
   */
  readonly lagMs: number;
  /** In words: 'caught up', 'behind', or why the replica cannot be used. */
  readonly state: 'caught up' | 'behind' | 'unknown' | 'unreachable' | 'not a replica';
  /** Details for messages. */
  readonly detail: string;
}

/** Who the primary is: its position and identity. */
const PRIMARY_QUERY = 'select pg_current_wal_lsn()::text as lsn, (select system_identifier::text from pg_control_system()) as system, current_database() as database';

/** Who the replica is and how far it replayed. */
const REPLICA_QUERY =
  'select pg_is_in_recovery() as recovery, pg_last_wal_replay_lsn()::text as replayed, ' +
  '(extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::float8 as since_ms, ' +
  '(select system_identifier::text from pg_control_system()) as system, current_database() as database';

/** A WAL position ('16/B374D848') as a number that orders like it. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split('/');
  if (high === undefined || low === undefined) throw new Error(`not a WAL position: ${text}`);
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

function describe(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown } | null;
  return [e?.code, e?.message].filter((v) => v !== undefined && v !== '').map(String).join(': ') || String(error);
}

/**
 * Measures a replica's lag against its primary. Never rejects: a failure on the replica is an
 * 'unreachable' reading, one on the primary an 'unknown' one, both infinitely late.
 */
export async function measureReplicaLag(primary: ProbeQuery, replica: ProbeQuery, clock: () => number = Date.now): Promise<LagReading> {
  const at = clock();
  const late = (state: LagReading['state'], detail: string): LagReading => ({ at, lagMs: Infinity, state, detail });
  let p: Record<string, unknown> | undefined;
  try {
    p = await primary(PRIMARY_QUERY);
  } catch (error) {
    return late('unknown', `the primary's WAL position could not be read (${describe(error)})`);
  }
  let r: Record<string, unknown> | undefined;
  try {
    r = await replica(REPLICA_QUERY);
  } catch (error) {
    return late('unreachable', describe(error));
  }
  if (p === undefined || r === undefined) return late('unknown', 'no answer');
  if (r['system'] !== p['system']) return late('not a replica', `its system identifier ${String(r['system'])} is not the primary's ${String(p['system'])}`);
  if (r['database'] !== p['database']) return late('not a replica', `it names the database ${String(r['database'])}, the primary ${String(p['database'])}`);
  if (r['recovery'] !== true) return late('not a replica', 'it is not in recovery: not a standby (or one that was promoted)');
  if (typeof r['replayed'] !== 'string' || typeof p['lsn'] !== 'string') return late('unknown', 'no replay position');
  if (parseLsn(r['replayed']) >= parseLsn(p['lsn'])) return { at, lagMs: 0, state: 'caught up', detail: `replayed ${r['replayed']}, primary at ${p['lsn']}` };
  const since = r['since_ms'];
  if (typeof since !== 'number' || !Number.isFinite(since)) return late('unknown', `replayed ${r['replayed']} of ${p['lsn']}, and no transaction yet`);
  return { at, lagMs: Math.max(0, since), state: 'behind', detail: `replayed ${r['replayed']} of ${p['lsn']}; last replayed commit ${Math.round(since)} ms ago` };
}
