/**
 * What the CLI needs to create a new PostgreSQL database and to leave nothing behind when building
 * it fails: whether a database exists and which tables it holds, creating it (knowing whether this
 * process did), and dropping what this process made — the whole database only if it created it.
 */
import pg from 'pg';
import { StoreError } from '../store/errors.js';
import { parsePostgresUrl, redact } from '../store/postgres/postgres-url.js';
import { isNetworkFailure } from './errors.js';

/** Connects to `connectionString`; a network failure becomes DB_UNREACHABLE naming `url` without its password. */
async function connect(connectionString: string, url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    if (isNetworkFailure(error)) throw new StoreError('DB_UNREACHABLE', `cannot reach PostgreSQL at ${redact(url)} (${String((error as { code?: unknown }).code)})`);
    throw error;
  }
}

/** What is at a URL: no database, or a database and the tables of its public schema. */
export type PostgresDatabaseState = { readonly exists: false } | { readonly exists: true; readonly tables: readonly string[] };

/** Looks at the database a URL names without changing anything. Fails with DB_UNREACHABLE or, for a malformed URL, DB_NOT_FOUND. */
export async function inspectPostgresDatabase(url: string): Promise<PostgresDatabaseState> {
  parsePostgresUrl(url);
  let client: pg.Client;
  try {
    client = await connect(url, url);
  } catch (error) {
    if ((error as { code?: unknown }).code === '3D000') return { exists: false };
    throw error;
  }
  try {
    const { rows } = await client.query<{ name: string }>("select tablename as name from pg_tables where schemaname = 'public' order by tablename");
    return { exists: true, tables: rows.map((r) => r.name) };
  } finally {
    await client.end();
  }
}

/** True when nothing is there to keep: no database at the URL, or one without a single table (made empty for us). */
export async function isVacantPostgresDatabase(url: string): Promise<boolean> {
  const state = await inspectPostgresDatabase(url);
  return !state.exists || state.tables.length === 0;
}

/**
 * Creates the database a URL names. Resolves to true when this call created it (so that only this
 * caller may drop it), false when it was already there (made by someone else in the meantime).
 */
export async function createPostgresDatabase(url: string): Promise<boolean> {
  const { database, admin } = parsePostgresUrl(url);
  const client = await connect(admin, url);
  try {
    await client.query(`create database ${client.escapeIdentifier(database)}`);
    return true;
  } catch (error) {
    // 42P04: created by someone else in the meantime; it is theirs.
    if ((error as { code?: unknown }).code === '42P04') return false;
    throw error;
  } finally {
    await client.end();
  }
}

/** Drops the database a URL names; call it only for a database this process created. Sessions still connected to it are ended. */
export async function dropPostgresDatabase(url: string): Promise<void> {
  const { database, admin } = parsePostgresUrl(url);
  const client = await connect(admin, url);
  try {
    const name = client.escapeIdentifier(database);
    try {
      await client.query(`drop database if exists ${name}`);
    } catch (error) {
      // 55006: someone is still connected to the half-built database; PostgreSQL 13+ can end their sessions.
      if ((error as { code?: unknown }).code !== '55006') throw error;
      await client.query(`drop database if exists ${name} with (force)`);
    }
  } finally {
    await client.end();
  }
}

/** Drops every table of the public schema that is not in `before`: what a failed build made in a database it did not create. */
export async function dropTablesMadeSince(url: string, before: readonly string[]): Promise<void> {
  const state = await inspectPostgresDatabase(url);
  if (!state.exists) return;
  const keep = new Set(before);
  const made = state.tables.filter((t) => !keep.has(t));
  if (made.length === 0) return;
  const client = await connect(url, url);
  try {
    await client.query(`drop table if exists ${made.map((t) => client.escapeIdentifier(t)).join(', ')} cascade`);
  } finally {
    await client.end();
  }
}
