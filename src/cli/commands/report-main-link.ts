/**
 * `proverka report main-link --db DB [--unit U] [--at T] [--top N] [--json]`: the main link (F15)
 * of the record's cases — the person, unit and step whose current holdings account for the most
 * overdue hours, the dependent cases they block, and the evidence (see analytics/main-link.ts for
 * the rules). The operator sees every case; `--unit` keeps the cases of a unit's subtree. A moment
 * after the last event extends the open holdings to it. Writes nothing.
 */
import { Option, type Command } from 'commander';
import type { Proverka } from '../../app/proverka.js';
import { mainLinkOf } from '../../app/queries/main-link.js';
import { toMs, type Instant } from '../../domain/time.js';
import { withDatabase } from '../database.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import { atOption, dbOption, integerIn, jsonOption } from '../options.js';
import { mainLinkIds, mainLinkJson, renderMainLink } from '../render/main-link.js';

/** The options of `report main-link`. */
export interface MainLinkOptions {
  readonly db: string;
  readonly unit?: string;
  readonly at?: Instant;
  readonly top: number;
  readonly json?: boolean;
}

/** Evidence cases named per row (JSON and text alike). */
const EVIDENCE = 50;

/** Computes the main link of the record as of `at` (default now) and prints it (or its JSON); an unknown unit is a one-line error. */
export async function printMainLink(app: Proverka, opts: Omit<MainLinkOptions, 'db'>, io: Io): Promise<void> {
  const now = app.now();
  const at = opts.at === undefined ? toMs(now) : toMs(opts.at);
  const found = await mainLinkOf(app.store, null, { ...(opts.unit !== undefined ? { unitId: opts.unit } : {}), top: opts.top, evidence: EVIDENCE, at, now: Math.max(at, toMs(now)) });
  if (!found.ok) throw new CliError(found.error.code === 'NOT_FOUND' ? `no unit ${opts.unit ?? ''}` : found.error.message);
  const names = await app.store.reads.names(mainLinkIds(found.value));
  if (opts.json) io.print(JSON.stringify(mainLinkJson(found.value, names), null, 2));
  else for (const line of renderMainLink(found.value, names, opts.top)) io.print(line);
}

/** Adds `main-link` to the `report` command. */
export function addMainLinkReport(report: Command, io: Io): void {
  report
    .command('main-link')
    .description('the main link: the person, unit and step whose current holdings of overdue cases account for the most overdue hours, what they block, and the evidence')
    .addOption(dbOption())
    .addOption(new Option('--unit <id>', "only the cases of this unit's subtree"))
    .addOption(atOption())
    .addOption(new Option('--top <n>', 'how many rows of each ranking').argParser(integerIn(1, 1000)).default(10))
    .addOption(jsonOption())
    .action((opts: MainLinkOptions) => withDatabase(opts.db, (app) => printMainLink(app, opts, io)));
}
