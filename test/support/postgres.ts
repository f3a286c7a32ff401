/** The PostgreSQL server the tests use, and how they drop the databases they made. */
import pg from 'pg';

/** The PostgreSQL server the tests use (without a database name). */
export const PG_SERVER = (process.env['PROVERKA_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');

/** Drops databases made for tests; PostgreSQL 13+ closes their connections first. */
export async function dropDatabases(names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const client = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
  await client.connect();
  try {
    for (const name of names) await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
  } finally {
    await client.end();
  }
}
