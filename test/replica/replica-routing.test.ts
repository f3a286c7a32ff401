/**
 * The routing rule of the replica read model and the lag measurement, on fakes: no server, a
 * manual clock. These hold whatever the back end; the PostgreSQL replica test shows them on a real
 * streaming replica.
 */
import { describe, expect, it } from 'vitest';
import type { ReadModel, RecordCounts } from '../../src/store/read-model.js';
import { measureReplicaLag, parseLsn, type LagReading, type ProbeQuery } from '../../src/store/postgres/replica-lag.js';
import { ReplicaReadModel } from '../../src/store/postgres/replica-read-model.js';

const COUNTS: RecordCounts = { events: 0, streams: 0, units: 0, people: 0, posts: 0, bodies: 0, committees: 0, decisions: 0, assignments: 0 };

/** A read model whose counts say which side answered (events: 1 for the primary, 2 for the replica), or that fails. */
function side(events: number, fail = false): ReadModel {
  const no = (): Promise<never> => Promise.reject(new Error('not used'));
  return {
    streamEvents: no,
    eventsAfter: no,
    names: no,
    openCaseGroups: no,
    decisionExecution: no,
    assignments: no,
    assignmentsWithParties: no,
    decisionLabels: no,
    decisionsNewest: no,
    snapshot: no,
    streams: no,
    grants: no,
    unitChain: no,
    unitSubtree: no,
    counts: () => (fail ? Promise.reject(new Error('connection terminated')) : Promise.resolve({ ...COUNTS, events })),
  };
}

function setup(readings: (at: number) => LagReading, options: { maxLagMs?: number; probeEveryMs?: number; replicaFails?: boolean } = {}) {
  let now = 1_000_000;
  let probes = 0;
  const model = new ReplicaReadModel(
    side(1),
    side(2, options.replicaFails),
    () => {
      probes += 1;
      return Promise.resolve(readings(now));
    },
    { maxLagMs: options.maxLagMs ?? 1000, probeEveryMs: options.probeEveryMs ?? 200, clock: () => now },
  );
  return {
    model,
    advance: (ms: number): void => void (now += ms),
    probes: (): number => probes,
  };
}

const caughtUp = (at: number): LagReading => ({ at, lagMs: 0, state: 'caught up', detail: '' });

describe('replica routing', () => {
  it('a caught-up replica serves reads; the measurement is reused for probeEveryMs, then taken again', async () => {
    const t = setup(caughtUp);
    expect((await t.model.counts()).events).toBe(2);
    t.advance(150);
    expect((await t.model.counts()).events).toBe(2);
    expect(t.probes()).toBe(1);
    t.advance(100);
    await t.model.counts();
    expect(t.probes()).toBe(2);
    expect(t.model.lastServedBy).toBe('replica');
    expect(t.model.served).toEqual({ replica: 3, primary: 0 });
  });

  it('concurrent reads share one measurement', async () => {
    const t = setup(caughtUp);
    await Promise.all([t.model.counts(), t.model.counts(), t.model.counts()]);
    expect(t.probes()).toBe(1);
  });

  it('the lag plus the age of its measurement must be within the bound: the primary serves once it is not', async () => {
    // 700 ms behind when measured; measurements are reused for 500 ms.
    const t = setup((at) => ({ at, lagMs: 700, state: 'behind', detail: '' }), { maxLagMs: 1000, probeEveryMs: 500 });
    expect(await t.model.route()).toBe('replica');
    t.advance(300); // 700 + 300 = 1000: still within
    expect(await t.model.route()).toBe('replica');
    t.advance(1); // 1001: the replica may now be staler than the bound
    expect(await t.model.route()).toBe('primary');
    expect((await t.model.counts()).events).toBe(1);
    expect(t.model.lastServedBy).toBe('primary');
    t.advance(200); // a new measurement: 700 again
    expect(await t.model.route()).toBe('replica');
  });

  it('an unreachable or unusable replica is never read from', async () => {
    for (const state of ['unreachable', 'unknown', 'not a replica'] as const) {
      const t = setup((at) => ({ at, lagMs: Infinity, state, detail: '' }));
      expect((await t.model.counts()).events).toBe(1);
      expect(t.model.served).toEqual({ replica: 0, primary: 1 });
    }
  });

  it('a read that fails on the replica is answered by the primary, which serves until the next measurement', async () => {
    const t = setup(caughtUp, { replicaFails: true });
    expect((await t.model.counts()).events).toBe(1);
    expect((await t.model.lag()).state).toBe('unreachable');
    expect(await t.model.route()).toBe('primary');
    expect(t.probes()).toBe(1);
  });

  it('refuses a bound that is not a number of milliseconds', () => {
    expect(() => new ReplicaReadModel(side(1), side(2), () => Promise.resolve(caughtUp(0)), { maxLagMs: Number.NaN })).toThrow(RangeError);
  });
});

describe('replica lag measurement', () => {
  const primaryAt = (lsn: string, system = '7001'): ProbeQuery => () => Promise.resolve({ lsn, system, database: 'db' });
  const replicaAt = (row: Record<string, unknown>): ProbeQuery => () => Promise.resolve({ recovery: true, system: '7001', database: 'db', since_ms: 250, ...row });
  const clock = (): number => 42;

  it('orders WAL positions by both halves', () => {
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
    expect(parseLsn('0/3000148')).toBe(0x3000148n);
    expect(() => parseLsn('garbage')).toThrow();
  });

  it('caught up when the replica replayed at least what the primary had written: lag 0', async () => {
    expect(await measureReplicaLag(primaryAt('0/3000148'), replicaAt({ replayed: '0/3000148' }), clock)).toMatchObject({ at: 42, lagMs: 0, state: 'caught up' });
  });

  it('behind: the time since its last replayed commit bounds the lag', async () => {
    expect(await measureReplicaLag(primaryAt('0/3000200'), replicaAt({ replayed: '0/3000148' }), clock)).toMatchObject({ lagMs: 250, state: 'behind' });
    expect(await measureReplicaLag(primaryAt('0/3000200'), replicaAt({ replayed: '0/3000148', since_ms: null }), clock)).toMatchObject({ lagMs: Infinity, state: 'unknown' });
  });

  it('another system, another database or a server not in recovery is not a replica', async () => {
    expect(await measureReplicaLag(primaryAt('0/1', '9999'), replicaAt({ replayed: '0/1' }), clock)).toMatchObject({ lagMs: Infinity, state: 'not a replica' });
    expect(await measureReplicaLag(primaryAt('0/1'), replicaAt({ replayed: '0/1', database: 'other' }), clock)).toMatchObject({ state: 'not a replica' });
    expect(await measureReplicaLag(primaryAt('0/1'), replicaAt({ replayed: null, recovery: false }), clock)).toMatchObject({ state: 'not a replica' });
  });

  it('a replica that does not answer is unreachable; a primary that does not, unknown; neither rejects', async () => {
    const refused: ProbeQuery = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(await measureReplicaLag(primaryAt('0/1'), refused, clock)).toMatchObject({ lagMs: Infinity, state: 'unreachable', detail: 'ECONNREFUSED: connect ECONNREFUSED' });
    expect(await measureReplicaLag(refused, replicaAt({ replayed: '0/1' }), clock)).toMatchObject({ lagMs: Infinity, state: 'unknown' });
  });
});
