/**
 * Opening databases for the commands: the CLI is a composition root, so it opens the store and
 * builds the application over it, and always closes both (closing appends a checkpoint when the
 * process wrote anything). A new database is only ever created on purpose (`init`, `demo`,
 * `start`) and never over an existing file; it takes its name only once it is complete.
 */
import { existsSync, linkSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomIds } from '../app/ids.js';
import { Proverka } from '../app/proverka.js';
import { systemClock, type Clock } from '../domain/clock.js';
import type { IdSource } from '../domain/ids.js';
import { StoreError } from '../store/errors.js';
import { openStore } from '../store/open-store.js';
import { CliError } from './errors.js';

/** The clock and id source of an application; the machine's clock and random ids unless a demo says otherwise. */
export interface AppSetup {
  readonly clock?: Clock;
  readonly ids?: IdSource;
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
 * corrupt or foreign file is refused (StoreError) before anything is written to it.
 */
export async function withDatabase<T>(file: string, fn: (app: Proverka) => Promise<T>, setup: AppSetup = {}): Promise<T> {
  const store = await openStore({ location: file, mode: 'open' });
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
 * Creates a new database at `file`, runs `fn` on the application over it and closes it. Refuses an
 * existing file (DB_EXISTS, the file untouched). The database is built under `FILE.building` and
 * takes its name only once complete and closed, so that a failed or interrupted build never
 * leaves a file that looks like a database: a failure removes it; a leftover of a killed process
 * is removed by the next build of the same file.
 */
export async function withNewDatabase<T>(file: string, fn: (app: Proverka) => Promise<T>, setup: AppSetup = {}): Promise<T> {
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
