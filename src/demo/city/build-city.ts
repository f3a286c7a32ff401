/** The generated city: its organisation and escalation ladder, and six months of its activity, in one bulk transaction. */
import type { Proverka } from '../../app/proverka.js';
import type { ManualClock } from '../../domain/clock.js';
import { Rng } from '../random.js';
import { CityActivity, type ActivityReport } from './city-activity.js';
import { registerCityLadder } from './city-ladder.js';
import { registerCityOrganisation } from './city-organisation.js';
import { declareCityProfiles } from './city-profiles.js';
import type { CitySize } from './city-size.js';
import { CommandDriver } from './command-driver.js';

/** What building the city did. */
export interface CityReport extends ActivityReport {
  readonly units: number;
  readonly people: number;
  readonly commands: number;
  readonly events: number;
}

/**
 * Registers the city with its calendars and ladder policies, and simulates its activity through
 * `app.bulk`, every command checked (the bulk leaves one item that plans every open case's ladder;
 * a scheduler performs the steps). The same size and seed give the same commands at the same
 * instants. The clock must not be past the city's setup instant (27 April 2026); it ends at the
 * last action before 1 November 2026.
 */
export async function buildCity(
  app: Proverka,
  clock: ManualClock,
  size: CitySize,
  seed: number,
  progress?: (done: number, total: number, phase: string) => void,
): Promise<CityReport> {
  const rng = new Rng(seed ^ 0x5eed_2026);
  return app.bulk(async (run) => {
    const driver = new CommandDriver(run, clock);
    const org = await registerCityOrganisation(driver, rng, size);
    // Its calendars, ladder policies and the council's secretary, before any decision is taken.
    await registerCityLadder(driver, org, clock.now() + 1000);
    progress?.(1, 1, 'city organisation');
    const activity = await new CityActivity(driver, rng, org, size).run((done, total) => progress?.(done, total, 'city activity'));
    // The posts' profiles for the choice of people, declared once the period's record exists.
    await declareCityProfiles(driver, org, clock.now());
    return { ...activity, units: org.units.length, people: org.people.length, commands: driver.commands, events: driver.events };
  });
}
