/** `proverka init --db FILE`: a new, empty database; an existing file is refused and left untouched. */
import type { Command } from 'commander';
import { withNewDatabase } from '../database.js';
import type { Io } from '../io.js';
import { dbOption } from '../options.js';

/** Creates an empty, migrated database at `file`; refuses (DB_EXISTS) if anything is there. */
export async function initDatabase(file: string, io: Io): Promise<void> {
  await withNewDatabase(file, () => Promise.resolve());
  io.print(`created an empty Proverka database: ${file}`);
}

/** Adds `init` to the program. */
export function registerInit(program: Command, io: Io): void {
  program
    .command('init')
    .description('create a new, empty database (never over an existing file)')
    .addOption(dbOption())
    .action((opts: { db: string }) => initDatabase(opts.db, io));
}
