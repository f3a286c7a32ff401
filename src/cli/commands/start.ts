/**
 * `proverka start` (what `npm start` runs): builds the large demo if the database is missing, then
 * a short welcome — what the database holds, the founding cases, the canned-meat case's hour
 * ledger, and the commands to try next.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import { isPostgresUrl } from '../../store/postgres/open-postgres.js';
import { displayLocation, isVacant, withDatabase } from '../database.js';
import type { Io } from '../io.js';
import { printCase } from './case.js';
import { buildDemoDatabase, readDemoFacts, renderDemoFacts, seedOption, sizeOption, type DemoSize } from './demo.js';

/** Where `start` keeps its demo when no --db is given. */
export const DEFAULT_DEMO_DB = 'demo-data/proverka.db';

/** The case of the founding document that the welcome opens. */
export const CANNED_MEAT_CASE = 'asg_canned-meat-1922';

/** A path as a shell word: quoted when it holds anything but plain characters. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The options of `start`, as commander parses them. */
export interface StartOptions {
  readonly db: string;
  readonly size: DemoSize;
  readonly seed: number;
}

/**
 * Builds the demo if the database is missing (a file, or a PostgreSQL database that does not exist
 * or holds no table), then prints the welcome. An existing database is only read.
 */
export async function start(opts: StartOptions, io: Io): Promise<void> {
  const location = opts.db;
  const shown = displayLocation(location);
  if (await isVacant(location)) {
    if (!isPostgresUrl(location)) mkdirSync(dirname(location), { recursive: true });
    io.note(`proverka: no database at ${shown}; building the ${opts.size} demo into it (once)`);
    const { seconds } = await buildDemoDatabase(location, opts.size, opts.seed, io);
    io.print(`built the ${opts.size} demo (seed ${opts.seed}) into ${shown} in ${seconds.toFixed(1)} s`);
  } else {
    io.print(`using the existing database ${shown}`);
  }
  await withDatabase(location, async (app) => {
    const facts = await readDemoFacts(app);
    const hasCannedMeat = facts.foundingCases.some((c) => c.id === CANNED_MEAT_CASE);
    io.print('');
    io.print('PROVERKA: choose the right people, and verify actual execution.');
    io.print('Every decision becomes assignments with one accountable owner; done means verified; every hour of a case has a holder.');
    io.print('');
    io.print(`What ${shown} holds:`);
    for (const line of renderDemoFacts(location, facts)) io.print(line);
    io.print('');
    if (hasCannedMeat) {
      io.print('The canned-meat purchase of 1922, the inquiry that took weeks, in one page:');
      io.print('');
      await printCase(app, CANNED_MEAT_CASE, io);
    } else {
      io.print(`(${shown} holds no canned-meat case: it is not a demo database)`);
    }
    io.print('');
    io.print('Try next:');
    const cmd = 'node bin/proverka.js';
    const db = shellWord(shown);
    const tries: [string, string][] = [
      [`${cmd} cases --db ${db} --overdue`, 'the open cases past their deadline'],
      [`${cmd} cases --db ${db} --search coal`, 'cases found by text'],
      [`${cmd} case ${CANNED_MEAT_CASE} --db ${db} --json`, 'the case above as JSON'],
      [`${cmd} verify --db ${db}`, 'check every hash chain and checkpoint'],
      [`${cmd} --help`, 'every command'],
    ];
    const width = Math.max(...tries.map(([c]) => c.length));
    for (const [c, what] of tries) io.print(`  ${c.padEnd(width)}   ${what}`);
  });
}

/** Adds `start` to the program. */
export function registerStart(program: Command, io: Io): void {
  program
    .command('start')
    .description(`build the demo if missing (default ${DEFAULT_DEMO_DB}) and show the canned-meat case`)
    .addOption(new Option('--db <location>', 'the database: an SQLite file, or a postgres:// URL').default(DEFAULT_DEMO_DB))
    .addOption(seedOption())
    .addOption(sizeOption('large'))
    .action((opts: StartOptions) => start(opts, io));
}
