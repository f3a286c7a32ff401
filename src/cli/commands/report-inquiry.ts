/**
 * `proverka report inquiry --db DB [--domain D] [--search TEXT] [--unit U] [--from T] [--to T]
 * [--at T] [--top N] [--json]`: the inquiry across many cases (F4) — "where did the food purchases
 * of this quarter stall?" — over the cases selected (of the domain, whose title contains the text,
 * whose owner's unit at issue is in the unit's subtree, issued in [from, to)), their ledgers as of
 * `--at` (default now): how they stand, where their time went by holder unit and role and by
 * person, the longest single waits, handovers, refusals and ping-pong among them (see
 * analytics/inquiry.ts for the rules). The operator sees every case. Writes nothing.
 */
import { Option, type Command } from 'commander';
import type { Proverka } from '../../app/proverka.js';
import { inquiryOf } from '../../app/queries/inquiry.js';
import { toMs, type Instant } from '../../domain/time.js';
import { withDatabase } from '../database.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import { atOption, dbOption, instantArg, integerIn, jsonOption } from '../options.js';
import { inquiryIds, inquiryJson, renderInquiry } from '../render/inquiry.js';
import { optionsMessage } from './report-hours.js';

/** The options of `report inquiry`. */
export interface InquiryReportOptions {
  readonly db: string;
  readonly domain?: string;
  readonly search?: string;
  readonly unit?: string;
  readonly from?: Instant;
  readonly to?: Instant;
  readonly at?: Instant;
  readonly top: number;
  readonly json?: boolean;
}

/** Runs the inquiry as of `at` (default now) and prints it (or its JSON). An unknown unit or `--to` not after `--from` is a one-line error (exit 2). */
export async function printInquiry(app: Proverka, opts: Omit<InquiryReportOptions, 'db'>, io: Io): Promise<void> {
  const found = await inquiryOf(app.store, null, {
    at: toMs(opts.at ?? app.now()),
    top: opts.top,
    ...(opts.domain !== undefined ? { domain: opts.domain } : {}),
    ...(opts.search !== undefined ? { search: opts.search } : {}),
    ...(opts.unit !== undefined ? { unitId: opts.unit } : {}),
    ...(opts.from !== undefined ? { from: toMs(opts.from) } : {}),
    ...(opts.to !== undefined ? { to: toMs(opts.to) } : {}),
  });
  if (!found.ok) throw new CliError(optionsMessage(found.error.message));
  const names = await app.store.reads.names(inquiryIds(found.value));
  if (opts.json) io.print(JSON.stringify(inquiryJson(found.value, names), null, 2));
  else for (const line of renderInquiry(found.value, names, opts.top)) io.print(line);
}

/** Adds the `inquiry` subcommand to the `report` command. */
export function addInquiryReport(report: Command, io: Io): void {
  report
    .command('inquiry')
    .description('where did these cases stall? For the cases selected: how they stand, hours by holder unit and role and by person, the longest waits, handovers, refusals and ping-pong')
    .addOption(dbOption())
    .addOption(new Option('--domain <domain>', 'only cases of this domain'))
    .addOption(new Option('--search <text>', 'only cases whose title contains this text (case-insensitive)'))
    .addOption(new Option('--unit <id>', "only cases whose owner's unit at issue is this unit or one below it"))
    .addOption(new Option('--from <instant>', 'only cases issued at or after this moment (ISO-8601 or YYYY-MM-DD)').argParser(instantArg))
    .addOption(new Option('--to <instant>', 'only cases issued before this moment (ISO-8601 or YYYY-MM-DD)').argParser(instantArg))
    .addOption(atOption())
    .addOption(new Option('--top <n>', 'how many rows of each list').argParser(integerIn(1, 100_000)).default(10))
    .addOption(jsonOption())
    .action((opts: InquiryReportOptions) => withDatabase(opts.db, (app) => printInquiry(app, opts, io)));
}
