/**
 * The choice of people (F9), its vocabulary: what a case's verified outcome says of its owner, a
 * person's record per domain with the uncertainty of every rate, what a post declares it needs,
 * and a candidate's fitness for a post, term by term. The rules are in person-record.ts,
 * fitness.ts, proposal.ts, mismatch.ts and census.ts (docs/decisions/0024-choice-of-people.md).
 */
import type { Instant } from '../domain/time.js';

/** One assignment as the record sees it: its owner, domain and outcome. Built from the case's folded state. */
export interface CaseOutcome {
  readonly assignmentId: string;
  readonly ownerId: string;
  /** The owner's unit when the case was issued to them. */
  readonly ownerUnitId: string;
  readonly domain: string;
  readonly status: 'issued' | 'in_progress' | 'submitted' | 'verified' | 'cancelled';
  /** Verified without a rejection (only meaningful when verified). */
  readonly firstTime: boolean;
  /** Submitted (last submission) at or before the deadline in force (only meaningful when verified). */
  readonly onTime: boolean;
  /** Hours from the deadline in force to the last submission: negative when early (verified cases only; null otherwise). */
  readonly latenessHours: number | null;
  /** Reopened after a verification at least once. */
  readonly reopened: boolean;
  /** Escalated at least once (by the ladder or by hand). */
  readonly escalated: boolean;
  /** Still open and past its deadline at the time of the record. */
  readonly openOverdue: boolean;
}

/** Hours a person held cases of a domain, from the cases' hour ledgers (every case, owned or not). */
export interface HoursHeld {
  readonly personId: string;
  readonly domain: string;
  readonly hours: number;
}

/**
 * A rate with its uncertainty: `successes` of `trials`; `rate` is null without trials; `low`–`high`
 * is the 95% Wilson score interval (0–1 without trials); `shrunk` is the posterior mean with a
 * Beta prior of `PRIOR_STRENGTH` pseudo-cases centred on the prior mean (the unit's), so that two
 * cases never make a verdict: with no trials it is the prior mean itself.
 */
export interface RateEstimate {
  readonly successes: number;
  readonly trials: number;
  readonly rate: number | null;
  readonly low: number;
  readonly high: number;
  readonly shrunk: number;
  /** What it was shrunk toward (the mean of the person's unit, or of the organisation when the unit has too few cases). */
  readonly prior: number;
}

/** The record of a person in one domain (or over all domains: domain `*`). Rates count verified cases only. */
export interface DomainRecord {
  readonly domain: string;
  /** Cases owned, whatever their status. */
  readonly owned: number;
  readonly verified: number;
  readonly open: number;
  readonly cancelled: number;
  /** Open cases past their deadline now (not in the rates: they have no verified outcome yet). */
  readonly openOverdue: number;
  /** Verified at the first submission. */
  readonly firstTime: RateEstimate;
  /** Submitted by the deadline in force. */
  readonly onTime: RateEstimate;
  /** Reopened after verification (lower is better). */
  readonly reopened: RateEstimate;
  /** Escalated at least once (lower is better). */
  readonly escalated: RateEstimate;
  /** Median of (last submission − deadline) over verified cases, in hours; null without any. */
  readonly medianLatenessHours: number | null;
  /** Hours the person held cases of this domain, owned or not. */
  readonly hoursHeld: number;
}

/** A person's record: one entry per domain they owned or held cases in (sorted by verified, most first), and the whole. */
export interface PersonRecord {
  readonly personId: string;
  readonly unitId: string;
  readonly overall: DomainRecord;
  readonly domains: readonly DomainRecord[];
}

/** The four rates a post may set a floor on, and fitness weighs. */
export type RateKey = 'firstTime' | 'onTime' | 'reopened' | 'escalated';

/** What a post asks of whoever holds it; each floor is checked against the candidate's record in the post's domains together. */
export interface PostDemands {
  /** At least this many verified cases in the post's domains. */
  readonly minVerified: number;
  /** The lower Wilson bound of first-time verification must reach this (0–1); null: no floor. */
  readonly minFirstTime: number | null;
  /** The lower Wilson bound of on-time submission must reach this (0–1); null: no floor. */
  readonly minOnTime: number | null;
}

/** One of a post's domains and its share of the post's work (the weights of a post sum to 1). */
export interface WeightedDomain {
  readonly domain: string;
  readonly weight: number;
}

/** A post as the placement sees it: where it is, what it needs, who holds it and since when. */
export interface PostProfile {
  readonly postId: string;
  readonly title: string;
  readonly unitId: string;
  /** The territory the post serves (a district, the city); null when it serves none in particular. */
  readonly territory: string | null;
  readonly domains: readonly WeightedDomain[];
  readonly demands: PostDemands;
  readonly holderId: string | null;
  readonly holderSince: Instant | null;
}

/** One term of a fitness: a rate (or experience) in one domain, its value 0–1, its weight, and what it adds in points. */
export interface FitnessTerm {
  readonly domain: string;
  readonly key: RateKey | 'experience';
  /** The value used, 0–1, higher is better (1 − rate for reopened and escalated). */
  readonly value: number;
  /** The term's weight in the post's total: the domain's weight × the key's weight. */
  readonly weight: number;
  /** value × weight × 100, in points. */
  readonly points: number;
}

/** A demand the candidate's record does not meet, with what the record shows. */
export interface UnmetDemand {
  readonly demand: keyof PostDemands;
  readonly required: number;
  readonly actual: number;
}

/** A candidate's fitness for a post: 0–100 points, the sum of its terms; `unmet` non-empty means the pair is not allowed. */
export interface Fitness {
  readonly points: number;
  readonly terms: readonly FitnessTerm[];
  readonly unmet: readonly UnmetDemand[];
}
