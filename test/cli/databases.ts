/**
 * What the command-line suites do to a database behind the command's back, on each back end: look
 * whether it exists, take a snapshot to prove a command left it untouched, copy it, change it
 * with SQL, and make the things that are not a Proverka database (foreign tables, nothing at all).
 */
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { Backend } from '../support/backends.js';
import { PG_SERVER } from '../support/backends.js';
import { fingerprint } from './files.js';

/** The database name of a URL made by a back end. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** Runs `fn` with a client connected to `url`, then disconnects. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** True when a PostgreSQL database of that name exists on the test server. */
export async function postgresDatabaseExists(url: string): Promise<boolean> {
  const { rows } = await withClient(`${PG_SERVER}/postgres`, (c) => c.query('select 1 from pg_database where datname = $1', [databaseName(url)]));
  return rows.length > 0;
}

/** The tables of a PostgreSQL database's public schema, sorted. */
export async function postgresTables(url: string): Promise<string[]> {
  const { rows } = await withClient(url, (c) => c.query<{ t: string }>("select tablename as t from pg_tables where schemaname = 'public' order by 1"));
  return rows.map((r) => r.t);
}

/**
 * A digest of a PostgreSQL database's whole content: every table of its public schema, every row
 * with its `xmin` (the transaction that last wrote it), so that even a write of the same values shows.
 */
async function postgresContent(url: string): Promise<{ tables: string[]; sha256: string }> {
  return withClient(url, async (c) => {
    const { rows: tables } = await c.query<{ t: string }>("select tablename as t from pg_tables where schemaname = 'public' order by 1");
    const hash = createHash('sha256');
    for (const { t } of tables) {
      const table = c.escapeIdentifier(t);
      const { rows } = await c.query<{ r: string }>(`select (xmin::text || ' ' || row_to_json(x)::text) as r from ${table} x order by 1`);
      hash.update(`${t}\n`);
      for (const r of rows) hash.update(`${r.r}\n`);
    }
    return { tables: tables.map((r) => r.t), sha256: hash.digest('hex') };
  });
}

/** The dialect-specific SQL the suites use to tamper with a record. */
export interface TamperSql {
  /** An expression: the `payload` column with `key` set to a JSON value (given as JSON text). */
  payloadWith(key: string, json: string): string;
}

/** A back end as the command-line suites see it. */
export interface CliBackend {
  readonly name: Backend['name'];
  /** A location for a new database that does not exist yet (removed or dropped after the test file). */
  newLocation(): string;
  /** True when something is at the location: a file, or a PostgreSQL database of that name. */
  exists(location: string): Promise<boolean>;
  /** What the database holds, down to the byte (a file) or to the row and the transaction that wrote it (PostgreSQL): equal snapshots mean untouched. */
  snapshot(location: string): Promise<unknown>;
  /** A copy of a closed database at a new location. */
  copy(location: string): Promise<string>;
  /** Runs SQL statements on the database in one transaction, behind the application's back. */
  execute(location: string, statements: readonly string[]): Promise<void>;
  /** A database that is not ours: it holds a table of someone else's, with a row. */
  makeForeign(): Promise<string>;
  /** A database that holds nothing at all: an empty file, or a PostgreSQL database without a table. */
  makeEmpty(): Promise<string>;
  readonly sql: TamperSql;
}

function sqliteCli(backend: Backend): CliBackend {
  return {
    name: 'sqlite',
    newLocation: () => backend.newLocation(),
    exists: (location) => Promise.resolve(existsSync(location)),
    snapshot: (location) => Promise.resolve(fingerprint(location)),
    copy(location) {
      const to = backend.newLocation();
      copyFileSync(location, to);
      return Promise.resolve(to);
    },
    execute(location, statements) {
      const db = new BetterSqlite3(location);
      try {
        db.transaction(() => {
          for (const s of statements) db.prepare(s).run();
        })();
      } finally {
        db.close();
      }
      return Promise.resolve();
    },
    makeForeign() {
      const file = backend.newLocation();
      const db = new BetterSqlite3(file);
      db.exec("create table customers (id integer primary key, name text); insert into customers (name) values ('Ada');");
      db.close();
      return Promise.resolve(file);
    },
    makeEmpty() {
      const file = backend.newLocation();
      writeFileSync(file, '');
      return Promise.resolve(file);
    },
    sql: { payloadWith: (key, json) => `json_set(payload, '$.${key}', json('${json}'))` },
  };
}

function postgresCli(backend: Backend): CliBackend {
  const create = async (template?: string): Promise<string> => {
    const url = backend.newLocation();
    await withClient(`${PG_SERVER}/postgres`, (c) =>
      c.query(`create database ${c.escapeIdentifier(databaseName(url))}${template === undefined ? '' : ` template ${c.escapeIdentifier(databaseName(template))}`}`),
    );
    return url;
  };
  return {
    name: 'postgres',
    newLocation: () => backend.newLocation(),
    exists: postgresDatabaseExists,
    snapshot: postgresContent,
    // A file-level copy by PostgreSQL itself: the source must have no session open.
    copy: (location) => create(location),
    execute: (location, statements) =>
      withClient(location, async (c) => {
        await c.query('begin');
        for (const s of statements) await c.query(s);
        await c.query('commit');
      }),
    async makeForeign() {
      const url = await create();
      await withClient(url, (c) => c.query("create table customers (id serial primary key, name text); insert into customers (name) values ('Ada')"));
      return url;
    },
    makeEmpty: () => create(),
    sql: { payloadWith: (key, json) => `jsonb_set(payload::jsonb, '{${key}}', '${json}'::jsonb)::text` },
  };
}

/** The command-line view of a back end under test. */
export function cliBackend(backend: Backend): CliBackend {
  return backend.name === 'sqlite' ? sqliteCli(backend) : postgresCli(backend);
}
