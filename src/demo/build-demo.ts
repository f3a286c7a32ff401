/**
 * The demo organisation: the founding document's own cases replayed as they happened in 1922,
 * then a modern city administration — with its business calendars, escalation ladder policies and
 * the council's secretary — and six months of generated activity, everything issued through the
 * application's commands, exactly as users would, and ending with a checkpoint. The ladder's steps
 * are performed by a scheduler afterwards (`proverka worker`, or `proverka simulate`).
 */
import type { Proverka } from '../app/proverka.js';
import type { ManualClock } from '../domain/clock.js';
import { PERIOD_END } from './city/city-calendar.js';
import { CITY_SIZES } from './city/city-size.js';
import { buildCity } from './city/build-city.js';
import type { FoundingCase } from './founding/founding-case.js';
import { replayFoundingCases } from './founding/founding-cases.js';

/** A founding case: the fixed id of its assignment, a title, and its story in one paragraph citing the seed. */
export type { FoundingCase };

/** How to build the demo. The clock must start no later than 1922-01-02 and is moved forward only. */
export interface DemoOptions {
  readonly app: Proverka;
  readonly clock: ManualClock;
  readonly size: 'small' | 'large';
  readonly seed: number;
  readonly progress?: (done: number, total: number, phase: string) => void;
}

/** What the demo holds once built: the founding cases, and the size of the whole record. */
export interface DemoSummary {
  readonly foundingCases: readonly FoundingCase[];
  readonly units: number;
  readonly people: number;
  readonly assignments: number;
  readonly events: number;
}

/**
 * Builds the demo into an empty store: the 1922 cases one command per transaction, the city in
 * one bulk transaction, then a forced checkpoint dated at the end of the city's period. The same
 * size and seed (with `seededIds(seed)` in the app) give the same record, event for event.
 * Throws ProverkaError if any command is refused.
 */
export async function buildDemo(options: DemoOptions): Promise<DemoSummary> {
  const { app, clock, size, seed, progress } = options;
  const foundingCases = await replayFoundingCases(app, clock, (done, total) => progress?.(done, total, 'founding cases'));
  await buildCity(app, clock, CITY_SIZES[size], seed, progress);
  clock.set(Math.max(clock.now(), PERIOD_END));
  progress?.(0, 1, 'checkpoint');
  await app.checkpoint(true);
  progress?.(1, 1, 'checkpoint');
  const counts = await app.store.reads.counts();
  return { foundingCases, units: counts.units, people: counts.people, assignments: counts.assignments, events: counts.events };
}
