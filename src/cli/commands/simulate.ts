/**
 * `proverka simulate --db FILE|URL --days N [--step-hours H] [--seed S] [--json]`: runs the
 * organisation of a record (the demo) forward for N days on a manual clock starting at its latest
 * event — the scheduler performing the ladder's steps as they fall due, simulated people working,
 * verifying, bringing questions and keeping the top body's agenda — writing into the record, then
 * prints the figures of the period. It exits 1 if an item on the top body's agenda arrived neither
 * by the ladder nor with a full statement (the rules allow none).
 */
import { Option, type Command } from 'commander';
import { seededIds } from '../../app/ids.js';
import { ManualClock } from '../../domain/clock.js';
import { displayLocation, withDatabase } from '../database.js';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';
import { dbOption, integerIn, jsonOption } from '../options.js';
import { renderSimulation } from '../simulation/render-simulation.js';
import { runSimulation, type SimulationReport } from '../simulation/run-simulation.js';

/** The longest simulation: ten years. */
export const MAX_DAYS = 3650;

/** The options of `simulate`, as commander parses them. */
export interface SimulateOptions {
  readonly db: string;
  readonly days: number;
  readonly stepHours: number;
  readonly seed: number;
  readonly json?: boolean;
}

/** Mixed into the seed of the new ids, so that they never follow the demo's own sequence (which used the same seed). */
const ID_SALT = 0x0051_3a7e;

/** Simulates the period on the database and prints its figures; resolves with them. */
export async function runSimulate(opts: SimulateOptions, io: Io): Promise<SimulationReport> {
  const clock = new ManualClock(0);
  const report = await withDatabase(
    opts.db,
    async (app) => {
      const progress = io.progress(`simulating ${opts.days} days`);
      try {
        return await runSimulation(app, clock, { days: opts.days, stepHours: opts.stepHours, seed: opts.seed }, (done, total) => progress.update(done, total, 'days'));
      } finally {
        progress.stop();
      }
    },
    { clock, ids: seededIds((opts.seed ^ ID_SALT) | 0) },
  );
  if (opts.json === true) io.print(JSON.stringify(report, null, 2));
  else for (const line of renderSimulation(displayLocation(opts.db), report)) io.print(line);
  if (report.agenda !== null && report.agenda.neither > 0) {
    throw new CliError(`${report.agenda.neither} item(s) on the agenda of ${report.agenda.bodyId} arrived neither by the ladder nor with a full statement`, EXIT.VERIFY_FAILED);
  }
  return report;
}

/** Adds `simulate` to the program. */
export function registerSimulate(program: Command, io: Io): void {
  program
    .command('simulate')
    .description('run the organisation of a record (the demo) forward N days on a manual clock: the ladder steps as it falls due, simulated people act; prints the figures')
    .addOption(dbOption())
    .addOption(new Option('--days <n>', `how many days to simulate (1–${MAX_DAYS})`).argParser(integerIn(1, MAX_DAYS)).makeOptionMandatory())
    .addOption(new Option('--step-hours <n>', 'how far the clock moves between two scheduler passes, in hours').argParser(integerIn(1, 168)).default(1))
    .addOption(new Option('--seed <n>', 'seed of the simulated people: the same seed on the same record gives the same figures').argParser(integerIn(0, 2 ** 31 - 1)).default(1))
    .addOption(jsonOption())
    .action(async (opts: SimulateOptions) => {
      await runSimulate(opts, io);
    });
}
