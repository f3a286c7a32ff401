/**
 * What the API read benchmark reads: the large demo built into an SQLite file, a viewer over the
 * unit subtree with the most assignments (a person registered for the benchmark, granted the
 * role through a command as 'system'), and the same record moved into a fresh PostgreSQL
 * database. Accounts are not part of the record: each store gets the viewer's account and read
 * token of its own.
 */
import { join } from 'node:path';
import pg from 'pg';
import { createAccount } from '../src/app/accounts/accounts.js';
import { issueToken } from '../src/app/accounts/tokens.js';
import { unwrap } from '../src/app/errors.js';
import { randomIds } from '../src/app/ids.js';
import { Proverka } from '../src/app/proverka.js';
import { moveRecord } from '../src/app/record-transfer.js';
import { buildDemoDatabase } from '../src/cli/commands/demo.js';
import type { Io } from '../src/cli/io.js';
import { PERIOD_END } from '../src/demo/city/city-calendar.js';
import { ManualClock } from '../src/domain/clock.js';
import type { UnitState } from '../src/domain/organisation/unit.js';
import { toInstant } from '../src/domain/time.js';
import type { KyselyStore } from '../src/store/kysely-store.js';
import { openStore } from '../src/store/open-store.js';
import { openPostgresStore } from '../src/store/postgres/open-postgres.js';
import type { AssignmentSummary, ReadModel } from '../src/store/read-model.js';

/** The PostgreSQL server (without a database name): PROVERKA_BENCH_PG, else PROVERKA_TEST_PG, else the local one. */
export const PG_SERVER = (process.env['PROVERKA_BENCH_PG'] ?? process.env['PROVERKA_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');

/** The person the benchmark reads as. */
export const VIEWER = 'per_api-bench-viewer';

/**
 * The clock of the benchmark's server: the end of the demo's period, when its last events were
 * written, so that "overdue" selects the same cases whatever day the benchmark runs.
 */
export const benchClock = (): ManualClock => new ManualClock(PERIOD_END);

/** What the benchmark reads. */
export interface ReadTargets {
  /** The root of the subtree the viewer sees, its name and how many units it holds. */
  readonly unitId: string;
  readonly unitName: string;
  readonly units: number;
  /** Assignments in the subtree, and of them, open and overdue at the benchmark's clock. */
  readonly assignments: number;
  readonly overdue: number;
  /** One assignment of the subtree (the first overdue one). */
  readonly assignmentId: string;
  readonly demo: { readonly assignments: number; readonly events: number };
}

const quietIo: Io = {
  print: () => undefined,
  writeOut: () => undefined,
  writeErr: () => undefined,
  note: () => undefined,
  progress: () => ({ update: () => undefined, stop: () => undefined }),
};

async function allAssignments(reads: ReadModel, filter: Parameters<ReadModel['assignments']>[0]): Promise<AssignmentSummary[]> {
  const out: AssignmentSummary[] = [];
  for (;;) {
    const last = out[out.length - 1];
    const page = await reads.assignments({ ...filter, limit: 1000, ...(last !== undefined ? { after: { deadline: last.deadline, id: last.id } } : {}) });
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

/** Builds the large demo into `dir`/demo.db and grants the viewer; returns the file and what to read. */
export async function buildReadDemo(dir: string, chosenUnit: string | undefined): Promise<{ file: string; targets: ReadTargets; seconds: number }> {
  const file = join(dir, 'demo.db');
  const { summary, seconds } = await buildDemoDatabase(file, 'large', 1, quietIo);
  const store = await openStore({ location: file, mode: 'open' });
  const clock = benchClock();
  const app = new Proverka({ store, clock, ids: randomIds });
  try {
    const units = await store.reads.streams('unit', { limit: 1000 });
    const candidates = chosenUnit !== undefined ? [chosenUnit] : units.filter((u) => (u.state as UnitState).parentId === null).map((u) => u.id);
    let best: { unitId: string; subtree: string[]; cases: AssignmentSummary[] } | undefined;
    for (const unitId of candidates) {
      const subtree = await store.reads.unitSubtree(unitId);
      if (subtree.length === 0) throw new Error(`no unit ${unitId} in the demo`);
      const cases = await allAssignments(store.reads, { unitIds: subtree });
      if (best === undefined || cases.length > best.cases.length) best = { unitId, subtree, cases };
    }
    if (best === undefined) throw new Error('the demo has no unit');
    const overdue = await allAssignments(store.reads, { unitIds: best.subtree, overdueAt: toInstant(clock.now()) });
    const first = overdue[0] ?? best.cases[0];
    if (first === undefined) throw new Error(`no assignment under ${best.unitId}`);
    unwrap(await app.execute('system', { type: 'person.register', id: VIEWER, name: 'API benchmark viewer', unitId: best.unitId }));
    unwrap(await app.execute('system', { type: 'person.grant-role', personId: VIEWER, role: 'viewer', scopeId: best.unitId }));
    const unit = units.find((u) => u.id === best.unitId);
    return {
      file,
      seconds,
      targets: {
        unitId: best.unitId,
        unitName: unit === undefined ? best.unitId : (unit.state as UnitState).name,
        units: best.subtree.length,
        assignments: best.cases.length,
        overdue: overdue.length,
        assignmentId: first.id,
        demo: { assignments: summary.assignments, events: summary.events },
      },
    };
  } finally {
    await app.close();
  }
}

/** The viewer's account and a read-only API token on a store. */
export async function viewerToken(store: KyselyStore, now: number): Promise<string> {
  const account = unwrap(await createAccount(store, { personId: VIEWER, username: 'api-bench-viewer', password: 'not used by the benchmark' }, now));
  return unwrap(await issueToken(store, account.id, 'api benchmark', ['read'], now)).token;
}

/** A fresh PostgreSQL database holding the record of the SQLite file (moved event for event, then verified). */
export async function moveToPostgres(file: string): Promise<{ url: string; name: string; seconds: number }> {
  const name = `proverka_apibench_${process.pid}_${Date.now().toString(36)}`;
  const url = `${PG_SERVER}/${name}`;
  const t0 = performance.now();
  const source = await openStore({ location: file, mode: 'open' });
  try {
    const target = await openPostgresStore({ url, mode: 'create' });
    try {
      const report = await moveRecord(source, target);
      if (!report.verify.ok) throw new Error(`the moved record does not verify: ${JSON.stringify(report.verify.problems.slice(0, 3))}`);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
  return { url, name, seconds: (performance.now() - t0) / 1000 };
}

/** Drops a database made by `moveToPostgres`. */
export async function dropDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
  await client.connect();
  try {
    await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
  } finally {
    await client.end();
  }
}
