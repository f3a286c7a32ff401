/**
 * A candidate's fitness for a post: in each of the post's domains, the shrunk rates and the
 * experience of their record, weighed by the domain's share and the key's weight, in points out of
 * 100; and the post's demands, checked on their record over the post's domains together. Pure.
 */
import type { Fitness, FitnessTerm, PostProfile, RateKey, UnmetDemand } from './people.js';
import type { Records } from './person-record.js';

/** The weight of each term within a domain (they sum to 1). */
export const TERM_WEIGHTS: Readonly<Record<RateKey | 'experience', number>> = { firstTime: 0.4, onTime: 0.3, reopened: 0.1, escalated: 0.1, experience: 0.1 };
/** Verified cases for the full experience value. */
export const EXPERIENCE_FULL = 20;

const TERM_KEYS: readonly (RateKey | 'experience')[] = ['firstTime', 'onTime', 'reopened', 'escalated', 'experience'];

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The value of experience, 0–1: log(1 + n) / log(1 + EXPERIENCE_FULL), 0 for no case, capped at 1 from EXPERIENCE_FULL cases. */
export function experienceValue(verified: number): number {
  if (verified <= 0) return 0;
  return Math.min(1, Math.log1p(verified) / Math.log1p(EXPERIENCE_FULL));
}

/**
 * The fitness of a person for a post: one term per (post domain, key), in the post's order of
 * domains and TERM_WEIGHTS' order of keys; each term's points = value × weight × 100 rounded to 2
 * decimals, the total their sum rounded to 2 decimals (0–100, give or take the terms' rounding,
 * when the post's weights sum to 1; 0 for a post without domains). `unmet` lists each demand their pooled record over the post's
 * domains fails (verified cases, the low Wilson bound of first-time and on-time), with the value checked.
 */
export function fitnessFor(records: Records, personId: string, post: PostProfile): Fitness {
  const terms: FitnessTerm[] = [];
  let sum = 0;
  for (const { domain, weight } of post.domains) {
    const r = records.inDomain(personId, domain);
    const values: Record<RateKey | 'experience', number> = {
      firstTime: r.firstTime.shrunk,
      onTime: r.onTime.shrunk,
      reopened: 1 - r.reopened.shrunk,
      escalated: 1 - r.escalated.shrunk,
      experience: experienceValue(r.verified),
    };
    for (const key of TERM_KEYS) {
      const w = weight * TERM_WEIGHTS[key];
      const points = round2(values[key] * w * 100);
      sum += points;
      terms.push({ domain, key, value: values[key], weight: w, points });
    }
  }
  const pooled = records.pooled(
    personId,
    post.domains.map((d) => d.domain),
  );
  const { minVerified, minFirstTime, minOnTime } = post.demands;
  const unmet: UnmetDemand[] = [];
  if (pooled.verified < minVerified) unmet.push({ demand: 'minVerified', required: minVerified, actual: pooled.verified });
  if (minFirstTime !== null && pooled.firstTime.low < minFirstTime) unmet.push({ demand: 'minFirstTime', required: minFirstTime, actual: pooled.firstTime.low });
  if (minOnTime !== null && pooled.onTime.low < minOnTime) unmet.push({ demand: 'minOnTime', required: minOnTime, actual: pooled.onTime.low });
  return { points: round2(sum), terms, unmet };
}
