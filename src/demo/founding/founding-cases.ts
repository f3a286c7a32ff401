/** The cases of the founding document, replayed in one time line through the application. */
import type { Proverka } from '../../app/proverka.js';
import type { ManualClock } from '../../domain/clock.js';
import { runScript, type ScriptStep } from '../script.js';
import { CANNED_MEAT_CASE, cannedMeatSteps } from './canned-meat.js';
import { COMMISSIONS_PURGE_CASE, commissionsPurgeSteps, commissionsSteps } from './commissions-purge.js';
import { DONETZ_COAL_CASE, donetzCoalSteps } from './donetz-coal.js';
import type { FoundingCase } from './founding-case.js';
import { foundingOrganisationSteps } from './founding-organisation.js';

/** The founding cases, in the order the demo lists them. */
export const FOUNDING_CASES: readonly FoundingCase[] = [CANNED_MEAT_CASE, COMMISSIONS_PURGE_CASE, DONETZ_COAL_CASE];

/** Every step of 1922: the organisation first, then the three cases merged by instant. */
export function foundingSteps(): ScriptStep[] {
  return [...foundingOrganisationSteps(), ...commissionsSteps(), ...donetzCoalSteps(), ...cannedMeatSteps(), ...commissionsPurgeSteps()];
}

/**
 * Replays 1922 through `app.execute`, one command per transaction, moving the clock forward to
 * each step (the clock must not be past 2 January 1922). Returns the cases; throws on any refusal.
 */
export async function replayFoundingCases(app: Proverka, clock: ManualClock, progress?: (done: number, total: number) => void): Promise<readonly FoundingCase[]> {
  await runScript(app, clock, foundingSteps(), progress);
  return FOUNDING_CASES;
}
