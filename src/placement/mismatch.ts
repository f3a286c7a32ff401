/**
 * People whose record says they do worse than their unit in the main domain of the post they hold:
 * confidently worse (the whole 95% interval on the wrong side of the unit's mean, over at least
 * MIN_CASES_FOR_VERDICT verified cases), so that a few cases never make a verdict; what they
 * should learn, and the post where their record says they would deliver best. Pure.
 */
import type { DomainRecord, PostProfile, RateKey } from './people.js';
import { fitnessFor } from './fitness.js';
import { RATE_KEYS, type RatePriors, type Records } from './person-record.js';

/** Fewer verified cases in a domain than this never make a shortfall. */
export const MIN_CASES_FOR_VERDICT = 5;

/** A rate of a domain confidently on the wrong side of the prior. */
export interface Shortfall {
  readonly domain: string;
  readonly key: RateKey;
  readonly shrunk: number;
  readonly low: number;
  readonly high: number;
  readonly prior: number;
}

/** A holder whose record falls short in their post's main domain. */
export interface Mismatch {
  readonly personId: string;
  readonly postId: string;
  /** The post's main domain (its heaviest; ties by name). */
  readonly domain: string;
  /** Their fitness for the post they hold. */
  readonly points: number;
  /** What they should learn, in all the post's domains, worst first. */
  readonly shortfalls: readonly Shortfall[];
  /** The post where their record says they would deliver best (highest fitness, demands met, no shortfall in its main domain, more points than now); null if none. */
  readonly better: { readonly postId: string; readonly points: number } | null;
}

/** Rates where higher is better; for the others (reopened, escalated) lower is. */
const HIGHER_IS_BETTER: Readonly<Record<RateKey, boolean>> = { firstTime: true, onTime: true, reopened: false, escalated: false };

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How far the interval lies beyond the prior, on the wrong side (> 0 for a shortfall). */
function gap(s: Shortfall): number {
  return HIGHER_IS_BETTER[s.key] ? s.prior - s.high : s.low - s.prior;
}

/**
 * The shortfalls of a record against `prior`: none under MIN_CASES_FOR_VERDICT verified cases;
 * otherwise first-time or on-time whose Wilson high bound is below the prior, reopened or
 * escalated whose Wilson low bound is above it. Worst first (the widest gap between the interval
 * and the prior), then in the order firstTime, onTime, reopened, escalated.
 */
export function shortfallsIn(record: DomainRecord, prior: RatePriors): Shortfall[] {
  if (record.verified < MIN_CASES_FOR_VERDICT) return [];
  const out: Shortfall[] = [];
  for (const key of RATE_KEYS) {
    const e = record[key];
    const p = prior[key];
    if (HIGHER_IS_BETTER[key] ? e.high < p : e.low > p) out.push({ domain: record.domain, key, shrunk: e.shrunk, low: e.low, high: e.high, prior: p });
  }
  return out.sort((a, b) => gap(b) - gap(a));
}

/** The post's heaviest domain, ties by name; null for a post without domains. */
export function mainDomain(post: PostProfile): string | null {
  let best: { domain: string; weight: number } | null = null;
  for (const d of post.domains) if (best === null || d.weight > best.weight || (d.weight === best.weight && d.domain < best.domain)) best = d;
  return best?.domain ?? null;
}

/**
 * The holders of `posts` who fall short in first-time or on-time in their post's main domain,
 * against the prior of their unit. Each lists its shortfalls in all the post's domains (reopened
 * and escalated too), worst first, and the better post: among the other posts with domains, the
 * one of highest fitness (ties by postId) whose demands they meet, where they have no shortfall in
 * its main domain, and worth more points than the post they hold. Sorted by the number of
 * shortfalls (most first), then points (fewest first), then personId and postId.
 */
export function findMismatches(records: Records, posts: readonly PostProfile[]): Mismatch[] {
  const priorOf = (personId: string): RatePriors => {
    const record = records.people.get(personId);
    return record === undefined ? records.organisation : records.priorOf(record.unitId);
  };
  const out: Mismatch[] = [];
  for (const post of posts) {
    const personId = post.holderId;
    const domain = mainDomain(post);
    if (personId === null || domain === null) continue;
    const prior = priorOf(personId);
    const inMain = shortfallsIn(records.inDomain(personId, domain), prior);
    if (!inMain.some((s) => HIGHER_IS_BETTER[s.key])) continue;
    const shortfalls = [...new Set(post.domains.map((d) => d.domain))].flatMap((d) => (d === domain ? inMain : shortfallsIn(records.inDomain(personId, d), prior))).sort((a, b) => gap(b) - gap(a));
    const points = fitnessFor(records, personId, post).points;
    let better: { postId: string; points: number } | null = null;
    for (const other of posts) {
      const otherMain = mainDomain(other);
      if (other.postId === post.postId || otherMain === null) continue;
      const fitness = fitnessFor(records, personId, other);
      if (fitness.points <= points || fitness.unmet.length > 0) continue;
      if (better !== null && (fitness.points < better.points || (fitness.points === better.points && other.postId > better.postId))) continue;
      if (shortfallsIn(records.inDomain(personId, otherMain), prior).length > 0) continue;
      better = { postId: other.postId, points: fitness.points };
    }
    out.push({ personId, postId: post.postId, domain, points, shortfalls, better });
  }
  return out.sort((a, b) => b.shortfalls.length - a.shortfalls.length || a.points - b.points || byText(a.personId, b.personId) || byText(a.postId, b.postId));
}
