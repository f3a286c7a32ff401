/**
 * `proverka report units --db DB [--from DAY] [--to DAY] [--unit U] [--bodies] [--at T] [--json]`:
 * the unit scorecards (F10) of the record over a period — each unit over its subtree, in league
 * order (see `analytics/scorecards.ts` for the rules) — with the months of the unit at the top of
 * the table; with `--bodies`, decree inflation per body too, with the months of the body at the top
 * of it (decisions dated, cases issued, verified, on time). The operator sees every unit. `--json`
 * gives everything with ids, each figure with the ids of the cases behind it, every body's months
 * too. Writes nothing.
 */
import { Option, type Command } from 'commander';
import { decreeInflation } from '../../analytics/decree-inflation.js';
import { scorecards } from '../../analytics/scorecards.js';
import type { Proverka } from '../../app/proverka.js';
import { periodOf, scoreData } from '../../app/queries/scorecards.js';
import { toMs, type Instant } from '../../domain/time.js';
import { withDatabase } from '../database.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import { atOption, dbOption, integerIn, jsonOption } from '../options.js';
import { renderScorecards, scorecardsJson } from '../render/scorecards.js';

/** The options of `report units`. */
export interface UnitsReportOptions {
  readonly db: string;
  readonly from?: string;
  readonly to?: string;
  readonly unit?: string;
  readonly bodies?: boolean;
  readonly top: number;
  readonly at?: Instant;
  readonly json?: boolean;
}

/** Computes the scorecards (and decree inflation with `bodies`) as of `at` (default now) and prints them (or their JSON). A bad period or an unknown unit is a one-line error (exit 2). */
export async function printUnitsReport(app: Proverka, opts: Omit<UnitsReportOptions, 'db'>, io: Io): Promise<void> {
  const now = opts.at === undefined ? toMs(app.now()) : toMs(opts.at);
  const period = periodOf({ ...(opts.from !== undefined ? { from: opts.from } : {}), ...(opts.to !== undefined ? { to: opts.to } : {}) }, now);
  if (!period.ok) throw new CliError(period.error.message.replace(/'(from|to)'/g, '--$1'));
  const data = await scoreData(app.store);
  let units = data.units;
  if (opts.unit !== undefined) {
    if (!units.some((u) => u.unitId === opts.unit)) throw new CliError(`no unit ${opts.unit}`);
    const within = new Set(await app.store.reads.unitSubtree(opts.unit));
    units = units.filter((u) => within.has(u.unitId));
  }
  const cases = [...data.cases.values()].map((c) => c.facts);
  const all = scorecards({ cases, units: data.units, from: period.value.from, to: period.value.to, now });
  const report = { ...all, units: all.units.filter((u) => units.some((x) => x.unitId === u.unitId)) };
  const bodies = opts.bodies === true ? decreeInflation({ decisions: data.decisions.values(), cases, from: period.value.from, to: period.value.to, now }) : undefined;
  const names = await app.store.reads.names([...report.units.map((u) => u.unitId), ...(bodies ?? []).map((b) => b.bodyId)]);
  if (opts.json) io.print(JSON.stringify(scorecardsJson(report, bodies, now, names), null, 2));
  else for (const line of renderScorecards(report, bodies, now, names, opts.top)) io.print(line);
}

/** Adds the `units` subcommand to the `report` command. */
export function addUnitsReport(report: Command, io: Io): void {
  report
    .command('units')
    .description("unit scorecards: each unit's cases issued and verified, on time, median time to verification, hours held, escalations, rejections, reopenings, extensions; a league table and months; with --bodies, decree inflation per body")
    .addOption(dbOption())
    .addOption(new Option('--from <day>', 'start of the period, included (YYYY-MM-DD or an instant; default: the start of the month eleven months back)'))
    .addOption(new Option('--to <day>', 'end of the period, excluded (YYYY-MM-DD or an instant; default: now)'))
    .addOption(new Option('--unit <id>', "only this unit's subtree"))
    .addOption(new Option('--bodies', 'add decree inflation per body: decisions dated in the period against those carried out, and month by month decisions, cases issued, verified and on time'))
    .addOption(new Option('--top <n>', 'how many units of the league table to print').argParser(integerIn(1, 100_000)).default(30))
    .addOption(atOption())
    .addOption(jsonOption())
    .action((opts: UnitsReportOptions) => withDatabase(opts.db, (app) => printUnitsReport(app, opts, io)));
}
