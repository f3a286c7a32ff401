/**
 * `proverka demo`: builds the demo organisation into a new database — the founding document's
 * cases replayed, plus generated activity — with a progress bar, then prints the elapsed time,
 * the counts and, last, the ids of the founding document's cases with their titles.
 */
import { Option, type Command } from 'commander';
import { seededIds } from '../../app/ids.js';
import type { Proverka } from '../../app/proverka.js';
import type { DemoSummary, FoundingCase } from '../../demo/build-demo.js';
import { ManualClock } from '../../domain/clock.js';
import { displayLocation, isVacant, withDatabase, withNewDatabase } from '../database.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import { dbOption, integerIn } from '../options.js';
import { formatCount } from '../render/format.js';
import { foundingCasesIn } from '../founding-cases.js';

/** Where the demo's clock starts: the founding document's year. */
export const DEMO_EPOCH = Date.parse('1922-01-01T00:00:00Z');

/** The sizes of demo the generator knows. */
export type DemoSize = 'small' | 'large';

/** What a demo database holds, as printed. */
export interface DemoFacts {
  readonly units: number;
  readonly people: number;
  readonly assignments: number;
  readonly events: number;
  readonly foundingCases: readonly Pick<FoundingCase, 'id' | 'title'>[];
}

/** Builds the demo into a new database (refused if one is there; removed if building fails); returns what it built and how long it took. */
export async function buildDemoDatabase(location: string, size: DemoSize, seed: number, io: Io): Promise<{ summary: DemoSummary; seconds: number }> {
  const clock = new ManualClock(DEMO_EPOCH);
  const started = performance.now();
  const summary = await withNewDatabase(
    location,
    async (app) => {
      // Loaded on demand: the other commands never pay for the generator and its texts.
      const { buildDemo } = await import('../../demo/build-demo.js');
      const progress = io.progress(`building the ${size} demo`);
      try {
        return await buildDemo({ app, clock, size, seed, progress: (done, total, phase) => progress.update(done, total, phase) });
      } finally {
        progress.stop();
      }
    },
    { clock, ids: seededIds(seed) },
  );
  return { summary, seconds: (performance.now() - started) / 1000 };
}

/** What an existing database holds: its counts and the founding cases found in it. */
export async function readDemoFacts(app: Proverka): Promise<DemoFacts> {
  const counts = await app.store.reads.counts();
  return { units: counts.units, people: counts.people, assignments: counts.assignments, events: counts.events, foundingCases: await foundingCasesIn(app) };
}

/** The counts line and the founding cases, the latter last; the location is shown without a password. */
export function renderDemoFacts(location: string, facts: DemoFacts): string[] {
  const shown = displayLocation(location);
  const lines = [
    `  ${formatCount(facts.units)} units, ${formatCount(facts.people)} people, ${formatCount(facts.assignments)} assignments, ${formatCount(facts.events)} events`,
    '',
  ];
  if (facts.foundingCases.length === 0) return [...lines, `no case of the founding document in ${shown}`];
  const width = Math.max(...facts.foundingCases.map((c) => c.id.length));
  return [
    ...lines,
    `The founding document's cases (open one with: proverka case ID --db ${shown}):`,
    ...facts.foundingCases.map((c) => `  ${c.id.padEnd(width)}  ${c.title}`),
  ];
}

/** The options of `demo`, as commander parses them. */
export interface DemoCommandOptions {
  readonly db: string;
  readonly seed: number;
  readonly size: DemoSize;
  readonly ifMissing?: boolean;
}

/**
 * Builds the demo, or with `ifMissing` leaves an existing database as it is and prints what it
 * holds. A PostgreSQL database without a single table counts as missing: the demo is built into it.
 */
export async function runDemo(opts: DemoCommandOptions, io: Io): Promise<void> {
  const shown = displayLocation(opts.db);
  if (opts.ifMissing && !(await isVacant(opts.db))) {
    const facts = await withDatabase(opts.db, readDemoFacts);
    if (facts.foundingCases.length === 0) throw new CliError(`${shown} exists but holds no demo (no case of the founding document); it was left untouched`);
    io.print(`${shown} already exists; left as it is`);
    for (const line of renderDemoFacts(opts.db, facts)) io.print(line);
    return;
  }
  const { summary, seconds } = await buildDemoDatabase(opts.db, opts.size, opts.seed, io);
  io.print(`built the ${opts.size} demo (seed ${opts.seed}) into ${shown} in ${seconds.toFixed(1)} s`);
  for (const line of renderDemoFacts(opts.db, summary)) io.print(line);
}

/** The `--size` option of demo and start. */
export function sizeOption(fallback: DemoSize): Option {
  return new Option('--size <size>', 'how much generated activity').choices(['small', 'large']).default(fallback);
}

/** The `--seed` option of demo and start. */
export function seedOption(): Option {
  return new Option('--seed <n>', 'seed of the generator: the same seed builds the same demo').argParser(integerIn(0, 2 ** 31 - 1)).default(1);
}

/** Adds `demo` to the program. */
export function registerDemo(program: Command, io: Io): void {
  program
    .command('demo')
    .description('build the demo organisation into a new database (the founding cases replayed, plus generated activity)')
    .addOption(dbOption())
    .addOption(seedOption())
    .addOption(sizeOption('large'))
    .option('--if-missing', 'if the database exists, leave it as it is and print what it holds')
    .action((opts: DemoCommandOptions) => runDemo(opts, io));
}
