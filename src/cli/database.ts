/**
 * Opening databases for the commands: the CLI is a composition root, so it opens the store and
 * builds the application over it, and always closes both (closing appends a checkpoint when the
 * process wrote anything). A database is an SQLite file or a `postgres://` URL. A new database is
 * only ever created on purpose (`init`, `demo`, `start`) and never over an existing record: a file
 * takes its name only once it is complete; a PostgreSQL database that fails to build is dropped
 * if this process created it, or emptied again of the tables the build made if it did not.
 */
import { existsSync, linkSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomIds } from '../app/ids.js';
import { Proverka } from '../app/proverka.js';
import { systemClock, type Clock } from '../domain/clock.js';
import type { IdSource } from '../domain/ids.js';
import { StoreError } from '../store/errors.js';
import { openStore } from '../store/open-store.js';
import { isPostgresUrl, parsePostgresUrl, redact } from '../store/postgres/postgres-url.js';
import { CliError, describeFailure } from './errors.js';
import type * as PostgresDatabases from './postgres-database.js';

/** The PostgreSQL database helpers, loaded only when a location is a PostgreSQL URL (they load pg). */
function postgresDatabases(): Promise<typeof PostgresDatabases> {
  return import('./postgres-database.js');
}

/** The clock and id source of an application; the machine's clock and random ids unless a demo says otherwise. */
export interface AppSetup {
  readonly clock?: Clock;
  readonly ids?: IdSource;
}

/** How to open an existing database: an application setup, and optionally a read replica for the queries. */
export interface OpenSetup extends AppSetup {
  /** Where read-only queries go (a PostgreSQL replica of the database); the database itself when absent. */
  readonly readLocation?: string;
}

/** PostgreSQL's own databases: a record is never created in them (tables made in template1 would be copied into every new database). */
const SYSTEM_DATABASES = new Set(['postgres', 'template0', 'template1']);

/** A location as it may be shown: a URL without its password, a file path as it is. */
export function displayLocation(location: string): string {
  return isPostgresUrl(location) ? redact(location) : location;
}

/**
 * True when nothing is at a location that a new database would replace: no such file, or no
 * PostgreSQL database of that name, or one without a single table (made empty for us by its
 * owner). PostgreSQL's own databases (postgres, template0, template1) are never vacant.
 */
export async function isVacant(location: string): Promise<boolean> {
  if (!isPostgresUrl(location)) return !existsSync(location);
  if (SYSTEM_DATABASES.has(parsePostgresUrl(location).database)) return false;
  return (await postgresDatabases()).isVacantPostgresDatabase(location);
}

async function closing<T>(app: Proverka, fn: (app: Proverka) => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await fn(app);
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  await app.close();
  return result;
}

/**
 * Runs `fn` on the application over an existing, initialised database, then closes it. A missing,
 * corrupt or foreign database is refused (StoreError) before anything is written to it; so is a
 * read location that the store cannot use (not a replica of the database, or an SQLite file's).
 */
export async function withDatabase<T>(location: string, fn: (app: Proverka) => Promise<T>, setup: OpenSetup = {}): Promise<T> {
  const store = await openStore({ location, mode: 'open', ...(setup.readLocation !== undefined ? { readLocation: setup.readLocation } : {}) });
  return closing(new Proverka({ store, clock: setup.clock ?? systemClock, ids: setup.ids ?? randomIds }), fn);
}

/** Refuses a path where a new database cannot or must not be created: an existing file (even an empty one) or a missing folder. */
export function assertCreatable(file: string): void {
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) throw new CliError(`${file} is a directory, not a database file`);
    throw new StoreError('DB_EXISTS', `${file} already exists; choose another file`);
  }
  const folder = dirname(file);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new CliError(`cannot create ${file}: the folder ${folder} does not exist`);
}

/** Removes a database file and its SQLite companions (write-ahead log, shared memory), if present. */
export function removeDatabaseFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
}

/** Where a new database is built before it takes its name: a half-built file never carries the real name. */
export function buildingPath(file: string): string {
  return `${file}.building`;
}

/** Gives the finished database its name, atomically and never over a file that appeared in the meantime (DB_EXISTS). */
function publish(building: string, file: string): void {
  try {
    linkSync(building, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new StoreError('DB_EXISTS', `${file} already exists; choose another file`);
    // A file system without hard links: check, then rename (not atomic, but never over a file seen).
    if (existsSync(file)) throw new StoreError('DB_EXISTS', `${file} already exists; choose another file`);
    renameSync(building, file);
    return;
  }
  rmSync(building, { force: true });
}

/**
 * Creates a new database at `location`, runs `fn` on the application over it and closes it.
 *
 * A file: an existing one is refused (DB_EXISTS, the file untouched). The database is built under
 * `FILE.building` and takes its name only once complete and closed, so that a failed or
 * interrupted build never leaves a file that looks like a database: a failure removes it; the
 * leftover of a killed or interrupted process is removed by the next build of the same file.
 *
 * A PostgreSQL URL: the database is created if it does not exist; one that holds a record or any
 * other table is refused (DB_EXISTS, untouched). If the build fails, a database this call created
 * is dropped, and one that was there (empty) before is emptied again of the tables the build made.
 * A database this call created is also dropped on an interrupt (Ctrl-C, SIGTERM).
 */
export async function withNewDatabase<T>(location: string, fn: (app: Proverka) => Promise<T>, setup: AppSetup = {}): Promise<T> {
  if (isPostgresUrl(location)) return withNewPostgresDatabase(location, fn, setup);
  const file = location;
  assertCreatable(file);
  const building = buildingPath(file);
  removeDatabaseFiles(building);
  try {
    const store = await openStore({ location: building, mode: 'create' });
    const result = await closing(new Proverka({ store, clock: setup.clock ?? systemClock, ids: setup.ids ?? randomIds }), fn);
    publish(building, file);
    return result;
  } catch (error) {
    removeDatabaseFiles(building);
    throw error;
  }
}

/** Store failures that openStore raises before it writes anything: after one, there is nothing of ours to clean up. */
const REFUSED_BEFORE_WRITING = new Set(['DB_NOT_FOUND', 'DB_EXISTS', 'DB_CORRUPT', 'DB_NOT_INITIALISED', 'DB_UNSUPPORTED', 'DB_UNREACHABLE']);

async function withNewPostgresDatabase<T>(url: string, fn: (app: Proverka) => Promise<T>, setup: AppSetup): Promise<T> {
  const { database } = parsePostgresUrl(url);
  if (SYSTEM_DATABASES.has(database)) throw new CliError(`${database} is PostgreSQL's own database; a record needs a database of its own (name a new one in the URL)`);
  const { createPostgresDatabase, dropPostgresDatabase, dropTablesMadeSince, inspectPostgresDatabase } = await postgresDatabases();
  const before = await inspectPostgresDatabase(url);
  if (before.exists && before.tables.length > 0) {
    const ours = before.tables.includes('events') && before.tables.includes('kysely_migration');
    throw new StoreError('DB_EXISTS', `the database at ${redact(url)} already holds ${ours ? 'a Proverka record; choose another' : 'other tables; choose an empty or new database'}`);
  }
  const created = before.exists ? false : await createPostgresDatabase(url);
  const cleanUp = async (): Promise<void> => {
    if (created) await dropPostgresDatabase(url);
    else await dropTablesMadeSince(url, before.exists ? before.tables : []);
  };
  // Only a database this process created can be dropped at once, its build's connections with it.
  const interrupt = created ? dropOnSignal(url) : NO_WATCH;
  try {
    const store = await openStore({ location: url, mode: 'create' });
    return await closing(new Proverka({ store, clock: setup.clock ?? systemClock, ids: setup.ids ?? randomIds }), fn);
  } catch (error) {
    // Interrupted: the build failed because the clean-up ended its connections; the process ends once that is done.
    await interrupt.settled();
    // A refusal of openStore wrote nothing: a database that was there before holds nothing of ours to remove.
    const refused = error instanceof StoreError && REFUSED_BEFORE_WRITING.has(error.code);
    if (created || !refused) {
      try {
        await cleanUp();
      } catch (cleanup) {
        const failure = describeFailure(error);
        const what = created ? 'drop the database it created' : 'remove the tables it made';
        throw new CliError(`${failure.message}; and the failed build could not ${what}: ${describeFailure(cleanup).message}`, failure.exitCode);
      }
    }
    throw error;
  } finally {
    interrupt.stop();
  }
}

/** What watches for an interrupt during a build. */
interface InterruptWatch {
  /** Never settles once an interrupt is being handled (the process then ends); resolves at once otherwise. */
  settled(): Promise<void>;
  /** Stops watching: the signals have their default effect again. */
  stop(): void;
}

/** No watch: signals keep their default effect. */
const NO_WATCH: InterruptWatch = { settled: () => Promise.resolve(), stop: () => undefined };

/**
 * While a PostgreSQL database this process created is being built, an interrupt (Ctrl-C) or
 * SIGTERM drops it — which ends the build's own connections — and then ends the process (exit 130
 * or 143). A SIGKILL cannot be caught, nor is an interrupted build into a database that was there
 * before undone: the half-built record stays, and `init`/`demo` refuse it (DB_EXISTS) until it is
 * dropped. (A file needs none of this: it is built under `FILE.building`, never under its name.)
 */
function dropOnSignal(url: string): InterruptWatch {
  let handling: Promise<never> | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    stop();
    process.stderr.write(`proverka: interrupted (${signal}); removing the half-built database\n`);
    // The connections the drop ends may still report it, with nobody left to listen: the process is ending.
    process.on('uncaughtException', () => undefined);
    const code = signal === 'SIGINT' ? 130 : 143;
    handling = postgresDatabases()
      .then(({ dropPostgresDatabase }) => dropPostgresDatabase(url))
      .catch((error: unknown) => void process.stderr.write(`proverka: could not remove it: ${describeFailure(error).message}\n`))
      .then(() => process.exit(code));
  };
  const stop = (): void => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { settled: () => handling ?? Promise.resolve(), stop };
}
