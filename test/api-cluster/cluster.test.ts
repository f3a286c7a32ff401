/**
 * Several API server processes on one PostgreSQL database (PostgreSQL only: SQLite is one file
 * for one machine's processes, while the point here is that servers share nothing but the
 * database). Three servers serve one organisation:
 *  - 50 concurrent updates carrying the same ETag, spread over the three, give exactly one 2xx and
 *    49 × 412;
 *  - 5,000 writes acknowledged over HTTP while servers are killed with SIGKILL and restarted, the
 *    unanswered requests retried elsewhere with the same Idempotency-Key: every acknowledged write
 *    is in the database, none twice, and the record verifies.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { AssignmentSummary } from '../../src/store/read-model.js';
import { backends } from '../support/backends.js';
import { tempDir } from '../support/temp.js';
import { ORG } from '../support/world.js';
import { FAR_DEADLINE, LOAD_DECISION, prepareClusterRecord, RACE_ASSIGNMENT, type ClusterRecord } from './cluster-record.js';
import { ServerProcess } from './server-processes.js';
import { runWriteLoad } from './write-load.js';

const SERVERS = 3;
const RACERS = 50;
const WRITES = 5_000;
const CLIENTS = 8;
/** After how many acknowledgements a server is killed (each time the next one: every server once), then restarted. */
const KILL_AT = [1_000, 2_500, 4_000];

const postgres = backends().find((b) => b.name === 'postgres');

describe.skipIf(postgres === undefined)('[postgres] 3 API server processes on one PostgreSQL database', () => {
  let record: ClusterRecord;
  const servers: ServerProcess[] = [];
  const filesDir = tempDir('proverka-cluster-files-');

  const start = async (slot: number): Promise<void> => {
    const server = new ServerProcess(record.location, filesDir);
    servers[slot] = server;
    await server.ready;
  };

  beforeAll(async () => {
    if (postgres === undefined) return;
    record = await prepareClusterRecord(postgres);
    await Promise.all(Array.from({ length: SERVERS }, (_, i) => start(i)));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it(`${RACERS} concurrent accepts with the same If-Match, round-robin over ${SERVERS} servers: exactly one 2xx, ${RACERS - 1} × 412`, async () => {
    const owner = { authorization: `Bearer ${record.ownerToken}` };
    const url = (i: number, path: string): string => `${servers[i % SERVERS]?.url ?? 'http://unreachable'}${path}`;
    const before = await fetch(url(0, `/api/v1/assignments/${RACE_ASSIGNMENT}`), { headers: owner });
    expect(before.status).toBe(200);
    const etag = before.headers.get('etag');
    expect(etag).toMatch(/^"\d+"$/);

    const answers = await Promise.all(
      Array.from({ length: RACERS }, async (_, i) => {
        const res = await fetch(url(i, `/api/v1/assignments/${RACE_ASSIGNMENT}/accept`), {
          method: 'POST',
          headers: { ...owner, 'content-type': 'application/json', 'if-match': etag ?? '' },
          body: '{}',
        });
        const body = (await res.json()) as { code?: string; status?: string };
        return { server: i % SERVERS, status: res.status, code: body.code ?? '' };
      }),
    );
    const byStatus = new Map<string, number>();
    for (const a of answers) byStatus.set(`${a.status} ${a.code}`, (byStatus.get(`${a.status} ${a.code}`) ?? 0) + 1);
    console.log(`same-ETag race over ${SERVERS} servers: ${[...byStatus].map(([k, v]) => `${v} × ${k}`).join(', ')}`);

    expect(answers.filter((a) => a.status >= 200 && a.status < 300)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 412 && a.code === 'PRECONDITION_FAILED')).toHaveLength(RACERS - 1);

    const after = await fetch(url(2, `/api/v1/assignments/${RACE_ASSIGNMENT}`), { headers: owner });
    const state = (await after.json()) as { status: string; version: number };
    expect(state.status).toBe('in_progress');
    expect(after.headers.get('etag')).toBe(`"${Number(JSON.parse(etag ?? '0')) + 1}"`);
  });

  it(`${WRITES} acknowledged writes from ${CLIENTS} clients while servers are killed with SIGKILL: none lost, none twice, verify ok`, { timeout: 300_000 }, async () => {
    const run = `cluster-${randomBytes(4).toString('hex')}`;
    const titleOf = (n: number): string => `${run} order ${n}`;
    let kills = 0;
    const restarts: Promise<void>[] = [];
    const report = await runWriteLoad({
      servers,
      total: WRITES,
      clients: CLIENTS,
      path: `/api/v1/decisions/${LOAD_DECISION}/assignments`,
      token: record.issuerToken,
      run,
      titleOf,
      body: (n) => ({ title: titleOf(n), definitionOfDone: 'Delivered and signed for', deadline: FAR_DEADLINE, ownerId: ORG.people.krasin, verifierId: ORG.people.tsiurupa }),
      onAck(count) {
        if (kills < KILL_AT.length && count >= (KILL_AT[kills] ?? Infinity)) {
          const slot = kills % SERVERS;
          kills += 1;
          const victim = servers[slot];
          if (victim === undefined) return;
          victim.signal('SIGKILL');
          restarts.push(victim.exit.then(() => start(slot)));
        }
      },
    });
    await Promise.all(restarts);
    // Stopped gracefully: each closes its application, which checkpoints what it wrote.
    await Promise.all(servers.map((s) => s.stop()));

    const store = await openStore({ location: record.location, mode: 'open' });
    try {
      const created = new Map<string, string>();
      let after: AssignmentSummary | undefined;
      for (;;) {
        const page = await store.fresh.assignments({ decisionId: LOAD_DECISION, limit: 1000, ...(after !== undefined ? { after: { deadline: after.deadline, id: after.id } } : {}) });
        for (const a of page) created.set(a.id, a.title);
        after = page[page.length - 1];
        if (page.length < 1000) break;
      }
      const acks = [...report.acks.values()];
      const lost = acks.filter((a) => created.get(a.id) !== a.title);
      const titles = [...created.values()];
      const duplicates = titles.length - new Set(titles).size;
      const unacknowledged = titles.filter((t) => !t.startsWith(`${run} order `)).length;
      const verify = await store.verify();
      console.log(
        [
          `cluster write load: ${report.acks.size} acknowledged (${CLIENTS} clients, ${SERVERS} servers), ${kills} servers killed with SIGKILL and restarted,`,
          `  ${report.retries} retries (${report.unanswered} unanswered attempts, ${report.conflicts} × 409), ${acks.filter((a) => a.replayed).length} acknowledged as a replay (the first attempt had committed, its answer was lost with its server),`,
          `  ${created.size} assignments in the database, duplicates ${duplicates}, lost ${lost.length}, unexpected answers ${report.unexpected.length}; verify ${verify.ok ? 'ok' : 'FAILED'} (${verify.events} events)`,
        ].join('\n'),
      );
      expect(report.unexpected).toEqual([]);
      expect(kills).toBe(KILL_AT.length);
      expect(report.acks.size).toBe(WRITES);
      expect(new Set(acks.map((a) => a.id)).size).toBe(WRITES);
      expect(lost).toEqual([]);
      expect(duplicates).toBe(0);
      expect(unacknowledged).toBe(0);
      expect(created.size).toBe(report.acks.size);
      expect(verify.problems).toEqual([]);
      expect(verify.ok).toBe(true);
    } finally {
      await store.close();
    }
  });
});
