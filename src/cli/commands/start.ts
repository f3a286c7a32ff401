/**
 * `proverka start` (what `npm start` runs): builds the large demo if the database is missing (with
 * demo accounts for the API), then a short welcome — what the database holds, the founding cases,
 * the canned-meat case's hour ledger, the commands to try next — and serves the web app and the API over it
 * (PORT, default 3000; HOST, default 127.0.0.1) until SIGTERM or Ctrl-C, unless --no-serve.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import { PERIOD_END } from '../../demo/city/city-calendar.js';
import { isPostgresUrl } from '../../store/postgres/postgres-url.js';
import { displayLocation, isVacant, withDatabase } from '../database.js';
import { createDemoAccounts, DEMO_PASSWORD, demoAccountsIn, type DemoAccount } from '../demo-accounts.js';
import type { Io } from '../io.js';
import { printCase } from './case.js';
import { buildDemoDatabase, readDemoFacts, renderDemoFacts, seedOption, sizeOption, type DemoSize } from './demo.js';
import { hostFromEnv, hostOption, portFromEnv, portOption, serve } from './serve.js';

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
  /** False with --no-serve: print the welcome and end. */
  readonly serve?: boolean;
  readonly port?: number;
  readonly host?: string;
}

/** The machine's clock, but never earlier than the end of the demo's period (the demo's last events). */
const afterTheDemo = { now: (): number => Math.max(Date.now(), PERIOD_END) };

/** How to sign in over the API with the demo accounts. */
function renderDemoAccounts(accounts: readonly DemoAccount[]): string[] {
  if (accounts.length === 0) return ['No demo accounts in this database: create one with `proverka user add USERNAME --person ID --db DB --password-stdin`.'];
  const width = Math.max(...accounts.map((a) => a.username.length));
  return [
    `Sign in (in the browser, or over the API: POST /api/v1/auth/login) with these DEMO accounts; the password, for the demo only, is: ${DEMO_PASSWORD}`,
    ...accounts.map((a) => `  ${a.username.padEnd(width)}  ${a.personId}: ${a.what}`),
  ];
}

/**
 * Builds the demo if the database is missing (a file, or a PostgreSQL database that does not exist
 * or holds no table) and adds the demo accounts to it, then prints the welcome and serves the API
 * (unless `serve` is false). An existing database is only read by the welcome.
 */
export async function start(opts: StartOptions, io: Io): Promise<void> {
  const location = opts.db;
  const shown = displayLocation(location);
  if (await isVacant(location)) {
    if (!isPostgresUrl(location)) mkdirSync(dirname(location), { recursive: true });
    io.note(`proverka: no database at ${shown}; building the ${opts.size} demo into it (once)`);
    const { seconds } = await buildDemoDatabase(location, opts.size, opts.seed, io);
    io.print(`built the ${opts.size} demo (seed ${opts.seed}) into ${shown} in ${seconds.toFixed(1)} s`);
    await withDatabase(location, (app) => createDemoAccounts(app, afterTheDemo.now()), { clock: afterTheDemo });
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
    if (opts.serve !== false) {
      io.print('');
      for (const line of renderDemoAccounts(await demoAccountsIn(app))) io.print(line);
    }
  });
  if (opts.serve === false) return;
  await serve({ db: location, port: opts.port ?? portFromEnv(), host: opts.host ?? hostFromEnv() }, io, (url) => {
    io.print('');
    io.print(`Open ${url}/ in a browser: the web app. The API is at ${url}/api/v1 (reference: ${url}/api/docs). JSON logs follow; stop with Ctrl-C.`);
  });
}

/** Adds `start` to the program. */
export function registerStart(program: Command, io: Io): void {
  program
    .command('start')
    .description(`build the demo if missing (default ${DEFAULT_DEMO_DB}), show the canned-meat case, and serve the web app and the API over it`)
    .addOption(new Option('--db <location>', 'the database: an SQLite file, or a postgres:// URL').default(DEFAULT_DEMO_DB))
    .addOption(seedOption())
    .addOption(sizeOption('large'))
    .addOption(portOption())
    .addOption(hostOption())
    .option('--no-serve', 'print the welcome and end, without serving')
    .action((opts: StartOptions) => start(opts, io));
}
