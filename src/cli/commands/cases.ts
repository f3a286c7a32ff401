/** `proverka cases`: the list of cases, as a table or as JSON. */
import { Option, type Command } from 'commander';
import { listCases } from '../../app/queries/cases.js';
import type { Instant } from '../../domain/time.js';
import { withDatabase } from '../database.js';
import type { Io } from '../io.js';
import { atOption, dbOption, integerIn, jsonOption, readDbOption } from '../options.js';
import { casesJson, renderCasesText } from '../render/cases-text.js';

/** The options of `cases`, as commander parses them. */
export interface CasesOptions {
  readonly db: string;
  readonly readDb?: string;
  readonly search?: string;
  readonly overdue?: boolean;
  readonly limit: number;
  readonly json?: boolean;
  readonly at?: Instant;
}

/** Prints the cases matching the options, ordered by deadline; writes nothing to the database. With `readDb` the queries go to that replica. */
export async function printCases(opts: CasesOptions, io: Io): Promise<void> {
  const setup = opts.readDb !== undefined ? { readLocation: opts.readDb } : {};
  await withDatabase(opts.db, async (app) => {
    const now = opts.at ?? app.now();
    const list = await listCases(app.store, { ...(opts.search !== undefined ? { search: opts.search } : {}), ...(opts.overdue ? { overdueAt: now } : {}), limit: opts.limit }, now);
    if (opts.json) io.print(JSON.stringify(casesJson(list), null, 2));
    else for (const line of renderCasesText(list, opts.limit)) io.print(line);
  }, setup);
}

/** Adds `cases` to the program. */
export function registerCases(program: Command, io: Io): void {
  program
    .command('cases')
    .description('list cases by deadline: id, status, deadline, owner, holder, overdue mark, title')
    .addOption(dbOption())
    .addOption(readDbOption())
    .option('--search <text>', 'only cases whose title or definition of done contains this text')
    .option('--overdue', 'only open cases past their deadline')
    .addOption(new Option('--limit <n>', 'at most this many cases (1–1000)').argParser(integerIn(1, 1000)).default(50))
    .addOption(atOption())
    .addOption(jsonOption())
    .action((opts: CasesOptions) => printCases(opts, io));
}
