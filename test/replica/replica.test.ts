/**
 * Read-only queries on a streaming replica, with bounded staleness. A primary and a replica made
 * with pg_basebackup run on two free ports; a store on the primary reads from the replica while
 * it is at most MAX_LAG ms behind. Pausing the replica's replay makes it fall behind: once the bound
 * is passed, reads come from the primary and see what was written; resumed, reads return to the
 * replica. PostgreSQL only: SQLite has no replicas (a read location is refused for it, tested here).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { ReplicaReadModel } from '../../src/store/postgres/replica-read-model.js';
import { REPLICA_APPLICATION_NAME } from '../../src/store/postgres/replica-reads.js';
import { backends, PG_SERVER } from '../support/backends.js';
import { issueCommand, makeWorld, ORG, run, setupOrganisation } from '../support/world.js';
import { canBuildClusters, query, startClusters, waitFor, type Clusters } from './clusters.js';

/** The bound of the test: reads from the replica may miss at most the last 1.5 s of writes. */
const MAX_LAG = 1500;
const DATABASE = 'proverka_replica';
const CASE = 'asg_replica';

const withPostgres = backends().some((b) => b.name === 'postgres') && canBuildClusters();

describe.runIf(withPostgres)('[postgres] read replica (PostgreSQL only: SQLite has no replicas)', () => {
  let clusters: Clusters | undefined;
  afterAll(async () => {
    await clusters?.destroy();
  });

  it('reads go to the replica while it is within the bound, to the primary when it falls behind or goes away', { timeout: 90_000 }, async () => {
    clusters = await startClusters();
    const replicaUrl = clusters.replicaUrl(DATABASE);
    const store = await openStore({ location: clusters.primaryUrl(DATABASE), mode: 'create', readLocation: replicaUrl, maxReplicaLagMs: MAX_LAG });
    try {
      expect(store.reads).toBeInstanceOf(ReplicaReadModel);
      const reads = store.reads as ReplicaReadModel;
      const w = makeWorld(store);
      await setupOrganisation(w);
      await run(w, ORG.people.secretary, issueCommand({ id: CASE }));
      const escalate = (reason: string): Promise<unknown> => run(w, ORG.people.krasin, { type: 'assignment.escalate', assignmentId: CASE, toId: ORG.bodies.sto, reason });
      const onReplica = async (): Promise<number> => (await query<{ n: number }>(replicaUrl, 'select count(*)::int as n from events where stream_id = $1', [CASE]))[0]?.n ?? -1;

      // 1. Routing: once the replica has caught up, it serves the reads — over connections the store holds on the standby.
      await waitFor('the replica to catch up', async () => (await reads.route()) === 'replica');
      expect(await reads.streamEvents(CASE)).toHaveLength(1);
      expect(reads.lastServedBy).toBe('replica');
      const [standby] = await query<{ recovery: boolean; ours: number }>(
        replicaUrl,
        'select pg_is_in_recovery() as recovery, (select count(*)::int from pg_stat_activity where application_name = $1 and datname = $2) as ours',
        [REPLICA_APPLICATION_NAME, DATABASE],
      );
      expect(standby).toEqual({ recovery: true, ours: expect.any(Number) as number });
      expect(standby?.ours).toBeGreaterThan(0);

      // 2. A write on the primary shows on the replica, and in reads it serves, within the bound.
      await escalate('first escalation');
      const wrote = Date.now();
      await waitFor('the replica to serve the escalation', async () => (await reads.streamEvents(CASE)).length === 2 && reads.lastServedBy === 'replica');
      expect(await onReplica()).toBe(2);
      const visibleAfter = Date.now() - wrote;

      // 3. Replay paused: the replica keeps its old state while the primary moves on.
      await query(replicaUrl, 'select pg_wal_replay_pause()');
      await waitFor('replay to pause', async () => (await query<{ s: string }>(replicaUrl, 'select pg_get_wal_replay_pause_state() as s'))[0]?.s === 'paused');
      await escalate('second escalation, not replayed');
      expect(await onReplica()).toBe(2);
      // Until the bound is passed a read may still come from the replica, and then it is stale; from the primary it is not.
      const paused = Date.now();
      const early = await reads.streamEvents(CASE);
      const earlySide = reads.lastServedBy;
      expect(early).toHaveLength(earlySide === 'replica' ? 2 : 3);
      // Past the bound, reads come from the primary and see the write.
      await waitFor('reads to leave the lagging replica', async () => (await reads.route()) === 'primary', MAX_LAG + 15_000);
      const leftAfter = Date.now() - paused;
      const lag = await reads.lag();
      expect(lag.state).toBe('behind');
      // Its lag, plus the age of that measurement, is past the bound.
      expect(lag.lagMs + (Date.now() - lag.at)).toBeGreaterThan(MAX_LAG);
      expect(await reads.streamEvents(CASE)).toHaveLength(3);
      expect(reads.lastServedBy).toBe('primary');
      expect((await reads.assignments({ search: 'canned meat' })).map((a) => [a.id, a.escalationLevel])).toEqual([[CASE, 2]]);
      expect(reads.lastServedBy).toBe('primary');
      expect(await onReplica()).toBe(2);

      // 4. Replay resumed: the replica catches up and serves the reads again, now with the write.
      await query(replicaUrl, 'select pg_wal_replay_resume()');
      await waitFor('reads to return to the replica', async () => (await reads.route()) === 'replica');
      expect(await reads.streamEvents(CASE)).toHaveLength(3);
      expect(reads.lastServedBy).toBe('replica');

      // 5. The replica gone: reads come from the primary, and still answer.
      await clusters.stopReplica();
      await waitFor('reads to leave the stopped replica', async () => (await reads.route()) === 'primary');
      expect((await reads.lag()).state).toBe('unreachable');
      expect((await reads.counts()).assignments).toBe(1);
      expect(reads.lastServedBy).toBe('primary');
      expect(reads.served.replica).toBeGreaterThan(0);
      console.log(
        `[postgres] replica: bound ${MAX_LAG} ms; a write served by the replica after ${visibleAfter} ms; ` +
          `right after a write on the paused replica the read came from the ${String(earlySide)} (${early.length} of 3 events); ` +
          `reads left the paused replica after ${leftAfter} ms (lag then ${Math.round(lag.lagMs)} ms); reads served: ${JSON.stringify(reads.served)}`,
      );

      // Verification reads the primary, whatever the replica does.
      const report = await store.verify();
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('a read location that is not a replica of the database is refused (DB_UNSUPPORTED)', async () => {
    // The machine's own PostgreSQL is another cluster: same software, another system.
    clusters ??= await startClusters();
    const other = `${PG_SERVER}/postgres`;
    await expect(openStore({ location: clusters.primaryUrl('proverka_other'), mode: 'create', readLocation: other })).rejects.toSatisfy(
      (e: unknown) => e instanceof StoreError && e.code === 'DB_UNSUPPORTED' && /not a streaming replica/.test(e.message),
    );
  });
});

describe('[sqlite] read replica', () => {
  it('a read location for an SQLite file is refused with DB_UNSUPPORTED (SQLite has no replicas)', async () => {
    await expect(openStore({ location: '/nonexistent/x.db', mode: 'open', readLocation: 'postgres://127.0.0.1/x' })).rejects.toSatisfy(
      (e: unknown) => e instanceof StoreError && e.code === 'DB_UNSUPPORTED' && /needs PostgreSQL/.test(e.message),
    );
  });
});
