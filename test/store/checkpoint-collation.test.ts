/**
 * A checkpoint's heads come out of the database already sorted, and the Merkle tree needs them in
 * code-unit order. On a PostgreSQL database whose default collation is linguistic (ICU, English),
 * `_` sorts before `-` and both before digits — not their ASCII order — so ids such as per_a-b,
 * per_a0, per_a_b and per_ab come in another order unless the query asks for the "C" collation.
 * The checkpoint taken there must still give the reference root, and `verify` must pass.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { sortHeads } from '../../src/store/maintenance/checkpoint.js';
import { merkleRoot } from '../../src/store/merkle.js';
import { openPostgresStore } from '../../src/store/postgres/open-postgres.js';
import { LEDGER_STREAM_ID } from '../../src/domain/ids.js';
import type { StreamHead } from '../../src/domain/checkpoint.js';
import { dropDatabases, PG_SERVER } from '../support/postgres.js';
import { populate } from '../support/scenario.js';
import { ORG, run } from '../support/world.js';

const wanted = (process.env['PROVERKA_TEST_BACKENDS'] ?? 'sqlite,postgres').split(',').map((s) => s.trim());
const made: string[] = [];
afterAll(() => dropDatabases(made));

describe.runIf(wanted.includes('postgres'))('[postgres] checkpoints on a database with a linguistic collation', () => {
  it('the heads are taken in code-unit order all the same: the root is the reference one, and verify passes', async () => {
    const name = `proverka_test_${process.pid}_${randomBytes(5).toString('hex')}`;
    made.push(name);
    const admin = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
    await admin.connect();
    try {
      await admin.query(`create database ${admin.escapeIdentifier(name)} template template0 locale_provider icu icu_locale 'en-US' locale 'C.UTF-8'`);
    } finally {
      await admin.end();
    }
    const store = await openPostgresStore({ url: `${PG_SERVER}/${name}`, mode: 'create' });
    try {
      // The database really sorts these ids otherwise than by code unit (else this test proves nothing).
      const ids = ['per_a-b', 'per_a0', 'per_a_b', 'per_ab'];
      const { rows } = await sql<{ id: string }>`select id from (values ('per_ab'), ('per_a_b'), ('per_a0'), ('per_a-b')) v(id) order by id`.execute(store.db);
      expect(rows.map((r) => r.id)).not.toEqual(ids);

      const w = await populate(store);
      for (const id of ids) await run(w, 'system', { type: 'person.register', id, name: `Person ${id}`, unitId: ORG.units.coop });
      const cp = await store.checkpoint('2022-03-10T00:00:00.000Z');

      const events = await store.db.selectFrom('events').select(['stream_id', 'seq', 'hash']).where('stream_id', '<>', LEDGER_STREAM_ID).execute();
      const heads = new Map<string, StreamHead>();
      for (const e of events) if ((heads.get(e.stream_id)?.[1] ?? 0) < Number(e.seq)) heads.set(e.stream_id, [e.stream_id, Number(e.seq), e.hash]);
      const sorted = sortHeads([...heads.values()]);
      expect(cp).toMatchObject({ root: merkleRoot(sorted), streams: sorted.length, changed: sorted.length });
      const [payload] = (await store.reads.streamEvents(LEDGER_STREAM_ID)).map((e) => e.payload as { changed: StreamHead[] });
      expect(payload?.changed).toEqual(sorted);
      expect(await store.verify()).toMatchObject({ ok: true, checkpoints: 1, problems: [] });
    } finally {
      await store.close();
    }
  });
});
