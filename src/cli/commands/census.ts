/**
 * `proverka census`: the responsible people (holding a post or owning a case) grouped by unit,
 * domain, territory or tenure, with their cases and pooled rates; every entry with `--people`.
 * The CLI is the operator: it sees the whole organisation. Writes nothing.
 */
import { Option, type Command } from 'commander';
import { unwrap } from '../../app/errors.js';
import type { Proverka } from '../../app/proverka.js';
import { census } from '../../app/queries/people-choice.js';
import { toMs, type Instant } from '../../domain/time.js';
import type { CensusDimension } from '../../placement/census.js';
import { withDatabase } from '../database.js';
import type { Io } from '../io.js';
import { atOption, dbOption, jsonOption, readDbOption } from '../options.js';
import { censusJson, idsOfCensus, renderCensusText } from '../render/census.js';
import { operatorPrincipal } from './place.js';

/** The dimensions `--by` accepts. */
export const CENSUS_DIMENSIONS: readonly CensusDimension[] = ['unit', 'domain', 'territory', 'tenure'];

/** The options of `census`, as commander parses them. */
export interface CensusOptions {
  readonly db: string;
  readonly readDb?: string;
  readonly by: CensusDimension;
  readonly unit?: string;
  readonly people?: boolean;
  readonly json?: boolean;
  readonly at?: Instant;
}

/** Prints the census (text, or JSON) through an open application; an unknown unit fails with NOT_FOUND (exit 2). */
export async function printCensus(app: Proverka, opts: Omit<CensusOptions, 'db'>, io: Io): Promise<void> {
  const now = opts.at ?? app.now();
  const found = unwrap(await census(app.store, await operatorPrincipal(app), { by: opts.by, ...(opts.unit !== undefined ? { unitId: opts.unit } : {}), now: toMs(now) }));
  const names = await app.store.reads.names(idsOfCensus(found));
  if (opts.json) io.print(JSON.stringify(censusJson(found, names), null, 2));
  else for (const line of renderCensusText(found, names, { people: opts.people === true })) io.print(line);
}

/** Adds `census` to the program. */
export function registerCensus(program: Command, io: Io): void {
  program
    .command('census')
    .description('the responsible people grouped by unit, domain, territory or tenure: how many, their cases, first-time and on-time rates with their intervals')
    .addOption(dbOption())
    .addOption(readDbOption())
    .addOption(new Option('--by <dimension>', 'group on this dimension (unit: the departments below the root)').choices(CENSUS_DIMENSIONS).default('unit'))
    .option('--unit <id>', "only the people of this unit's subtree")
    .option('--people', 'list every person too')
    .addOption(atOption())
    .addOption(jsonOption())
    .action((opts: CensusOptions) => withDatabase(opts.db, (app) => printCensus(app, opts, io), opts.readDb !== undefined ? { readLocation: opts.readDb } : {}));
}
