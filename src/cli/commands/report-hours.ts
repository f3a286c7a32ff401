/**
 * `proverka report hours --db DB [--by person|unit] [--unit U] [--from T] [--to T] [--domain D]
 * [--at T] [--top N] [--json]`: hours held (F4) per person or per unit over a period — each case's
 * hour ledger as of `--at` (default now), only the part of each interval inside [from, to) counted
 * (default: from the start to `--at`) — with the overdue part, the time per role and the cases, most
 * first, and a totals line (see analytics/hours-by-holder.ts for the rules). `--unit` keeps the
 * holders of that unit's subtree, `--domain` the cases of that domain. The operator sees every case.
 * `--json` gives every holder with ids and a names map. Writes nothing.
 */
import { Option, type Command } from 'commander';
import type { Proverka } from '../../app/proverka.js';
import { hoursHeld } from '../../app/queries/hours-report.js';
import { toMs, type Instant } from '../../domain/time.js';
import { withDatabase } from '../database.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import { atOption, dbOption, instantArg, integerIn, jsonOption } from '../options.js';
import { hoursIds, hoursJson, renderHours } from '../render/hours.js';

/** The options of `report hours`. */
export interface HoursReportOptions {
  readonly db: string;
  readonly by: 'person' | 'unit';
  readonly unit?: string;
  readonly domain?: string;
  readonly from?: Instant;
  readonly to?: Instant;
  readonly at?: Instant;
  readonly top: number;
  readonly json?: boolean;
}

/** A refusal of a report's query as one line naming the options (`'from'` → `--from`). */
export function optionsMessage(message: string): string {
  return message.replace(/'(from|to)'/g, '--$1');
}

/** Computes the hours held as of `at` (default now) and prints them (or their JSON). An unknown unit or a period that ends before it starts is a one-line error (exit 2). */
export async function printHoursReport(app: Proverka, opts: Omit<HoursReportOptions, 'db'>, io: Io): Promise<void> {
  const at = toMs(opts.at ?? app.now());
  if (opts.from !== undefined && opts.to === undefined && toMs(opts.from) >= at) throw new CliError('--from must come before --at (or now): the period ends there unless --to says otherwise');
  const found = await hoursHeld(app.store, null, {
    by: opts.by,
    at,
    ...(opts.unit !== undefined ? { unitId: opts.unit } : {}),
    ...(opts.domain !== undefined ? { domain: opts.domain } : {}),
    ...(opts.from !== undefined ? { from: toMs(opts.from) } : {}),
    ...(opts.to !== undefined ? { to: toMs(opts.to) } : {}),
  });
  if (!found.ok) throw new CliError(optionsMessage(found.error.message));
  const names = await app.store.reads.names(hoursIds(found.value));
  if (opts.json) io.print(JSON.stringify(hoursJson(found.value, names), null, 2));
  else for (const line of renderHours(found.value, names, opts.top)) io.print(line);
}

/** Adds the `hours` subcommand to the `report` command. */
export function addHoursReport(report: Command, io: Io): void {
  report
    .command('hours')
    .description('hours held per person or per unit over a period, from the cases\' hour ledgers: of which overdue, by role, the cases, and the totals')
    .addOption(dbOption())
    .addOption(new Option('--by <key>', 'per person or per unit').choices(['person', 'unit']).default('person'))
    .addOption(new Option('--unit <id>', "only holders whose unit is this unit or one below it"))
    .addOption(new Option('--from <instant>', 'count time from this moment, included (ISO-8601 or YYYY-MM-DD; default: all time)').argParser(instantArg))
    .addOption(new Option('--to <instant>', 'count time up to this moment, excluded (ISO-8601 or YYYY-MM-DD; default: --at or now)').argParser(instantArg))
    .addOption(new Option('--domain <domain>', 'only cases of this domain'))
    .addOption(atOption())
    .addOption(new Option('--top <n>', 'how many holders to print').argParser(integerIn(1, 100_000)).default(30))
    .addOption(jsonOption())
    .action((opts: HoursReportOptions) => withDatabase(opts.db, (app) => printHoursReport(app, opts, io)));
}
