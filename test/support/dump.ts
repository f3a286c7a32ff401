/**
 * Table dumps for comparing databases: every projection table sorted by its primary key, and the
 * event record in position order. Plain, dialect-neutral SQL through the store's Kysely instance.
 */
import { sql } from 'kysely';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { PRIMARY_KEYS, PROJECTION_TABLES, type ProjectionTable } from '../../src/store/schema.js';

/** Every row of a table, sorted by the given columns; numbers normalised (drivers may return text for integers). */
async function rowsOf(store: KyselyStore, table: string, orderBy: readonly string[]): Promise<Record<string, unknown>[]> {
  const order = sql.join(orderBy.map((c) => sql.ref(c)));
  const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${order}`.execute(store.db);
  return result.rows.map((r) => ({ ...r }));
}

/** Every projection table, each sorted by its primary key. */
export async function dumpProjections(store: KyselyStore): Promise<Record<ProjectionTable, Record<string, unknown>[]>> {
  const out = {} as Record<ProjectionTable, Record<string, unknown>[]>;
  for (const table of PROJECTION_TABLES) out[table] = await rowsOf(store, table, PRIMARY_KEYS[table]);
  return out;
}

/** The event record, in position order. */
export async function dumpEvents(store: KyselyStore): Promise<Record<string, unknown>[]> {
  return rowsOf(store, 'events', ['position']);
}

/** How many events the record holds. */
export async function eventCount(store: KyselyStore): Promise<number> {
  const r = await store.db.selectFrom('events').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
