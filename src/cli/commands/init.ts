/** `proverka init --db FILE|URL`: a new, empty database; an existing file, or a PostgreSQL database holding any table, is refused and left untouched. */
import type { Command } from 'commander';
import { displayLocation, withNewDatabase } from '../database.js';
import type { Io } from '../io.js';
import { dbOption } from '../options.js';

/** Creates an empty, migrated database at `location` (a file, or a PostgreSQL database created if missing); refuses (DB_EXISTS) if anything is there. */
export async function initDatabase(location: string, io: Io): Promise<void> {
  await withNewDatabase(location, () => Promise.resolve());
  io.print(`created an empty Proverka database: ${displayLocation(location)}`);
}

/** Adds `init` to the program. */
export function registerInit(program: Command, io: Io): void {
  program
    .command('init')
    .description('create a new, empty database (never over an existing file or a PostgreSQL database holding tables)')
    .addOption(dbOption())
    .action((opts: { db: string }) => initDatabase(opts.db, io));
}
