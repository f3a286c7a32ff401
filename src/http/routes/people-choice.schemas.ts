/** The JSON shapes of the choice of people (F9) in the API: a person's record, the census, mismatches, a placement proposal, and their queries. */
import { z } from 'zod';

const id = z.string().min(1).max(80);
const instant = z.string().describe('ISO-8601 UTC instant');
const rate = z.number().min(0).max(1);

/** A rate with its uncertainty: successes of trials, the 95% Wilson interval, and the estimate shrunk toward the unit's mean (prior). */
export const rateSchema = z.object({
  successes: z.number().int(),
  trials: z.number().int(),
  rate: rate.nullable().describe('successes / trials; null without trials'),
  low: rate.describe('95% Wilson lower bound'),
  high: rate.describe('95% Wilson upper bound'),
  shrunk: rate.describe("Posterior mean with a Beta prior of 8 pseudo-cases at the unit's mean: what fitness uses"),
  prior: rate,
});

/** A person's record in one domain ('*': all domains). Rates count verified cases only. */
export const domainRecordSchema = z.object({
  domain: z.string(),
  owned: z.number().int(),
  verified: z.number().int(),
  open: z.number().int(),
  cancelled: z.number().int(),
  openOverdue: z.number().int(),
  firstTime: rateSchema.describe('Verified at the first submission'),
  onTime: rateSchema.describe('Submitted by the deadline in force'),
  reopened: rateSchema.describe('Reopened after verification (lower is better)'),
  escalated: rateSchema.describe('Escalated at least once (lower is better)'),
  medianLatenessHours: z.number().nullable().describe('Median of last submission − deadline, hours (negative: early)'),
  hoursHeld: z.number().describe('Hours the person held cases of the domain, owned or not (the hour ledgers)'),
});

/** A post's profile as the placement uses it. */
export const postProfileViewSchema = z.object({
  postId: z.string(),
  title: z.string(),
  unitId: z.string(),
  territory: z.string().nullable(),
  domains: z.array(z.object({ domain: z.string(), weight: z.number() })),
  demands: z.object({ minVerified: z.number().int(), minFirstTime: z.number().nullable(), minOnTime: z.number().nullable() }),
  holderId: z.string().nullable(),
  holderSince: instant.nullable(),
});

/** The path of a person's record. */
export const personRecordParams = z.object({ id });

/** A person's record: per domain and overall, with the posts they hold. */
export const personRecordSchema = z.object({
  personId: z.string(),
  name: z.string(),
  unitId: z.string(),
  overall: domainRecordSchema,
  domains: z.array(domainRecordSchema),
  posts: z.array(postProfileViewSchema),
});

/** One term of a fitness. */
export const fitnessTermSchema = z.object({
  domain: z.string(),
  key: z.enum(['firstTime', 'onTime', 'reopened', 'escalated', 'experience']),
  value: z.number().describe('0–1, higher is better'),
  weight: z.number().describe("The domain's weight × the term's weight"),
  points: z.number().describe('value × weight × 100'),
});

/** A candidate's fitness for a post, term by term, and the demands they do not meet. */
export const fitnessSchema = z.object({
  points: z.number().describe('0–100: the sum of the terms'),
  terms: z.array(fitnessTermSchema),
  unmet: z.array(z.object({ demand: z.enum(['minVerified', 'minFirstTime', 'minOnTime']), required: z.number(), actual: z.number() })),
});

/** The census query. */
export const censusQuerySchema = z
  .object({
    by: z.enum(['unit', 'domain', 'territory', 'tenure']).default('unit').describe('The dimension to group on (unit: the departments, the units right below the root)'),
    unit: id.optional().describe("Only this unit's subtree"),
  })
  .strict();

const censusRate = rateSchema;

/** The census: the responsible people the caller sees, and their groups. */
export const censusSchema = z.object({
  asOf: instant,
  by: z.enum(['unit', 'domain', 'territory', 'tenure']),
  groups: z.array(z.object({ key: z.string(), people: z.number().int(), verified: z.number().int(), owned: z.number().int(), firstTime: censusRate, onTime: censusRate })),
  entries: z.array(
    z.object({
      personId: z.string(),
      unitId: z.string(),
      postId: z.string().nullable(),
      domain: z.string().nullable(),
      territory: z.string().nullable(),
      tenure: z.enum(['none', 'under-1', '1-3', '3-5', '5-plus']),
      tenureDays: z.number().nullable(),
      verified: z.number().int(),
      owned: z.number().int(),
      firstTime: censusRate,
      onTime: censusRate,
    }),
  ),
  names: z.record(z.string(), z.string()).describe('Display names of the people, units and posts named'),
});

/** The mismatches query. */
export const mismatchQuerySchema = z.object({ unit: id.optional().describe("Only the posts of this unit's subtree") }).strict();

/** Holders whose record shows they do not master their post's domain. */
export const mismatchesSchema = z.object({
  asOf: instant,
  items: z.array(
    z.object({
      personId: z.string(),
      postId: z.string(),
      domain: z.string(),
      points: z.number(),
      shortfalls: z.array(z.object({ domain: z.string(), key: z.enum(['firstTime', 'onTime', 'reopened', 'escalated']), shrunk: z.number(), low: z.number(), high: z.number(), prior: z.number() })).describe('What they should learn'),
      better: z.object({ postId: z.string(), points: z.number() }).nullable().describe('The post where their record says they would deliver'),
    }),
  ),
  names: z.record(z.string(), z.string()),
});

const pairList = z
  .string()
  .max(20_000)
  .regex(/^[^:,\s]+:[^:,\s]+(,[^:,\s]+:[^:,\s]+)*$/, 'post:person pairs separated by commas')
  .optional();
const idList = z
  .string()
  .max(50_000)
  .regex(/^[^,\s]+(,[^,\s]+)*$/, 'ids separated by commas')
  .optional();

/** The proposal query: which posts, which candidates, and the constraints. */
export const proposalQuerySchema = z
  .object({
    unit: id.optional().describe("The posts (and default candidates) of this unit's subtree; by default every post the caller sees"),
    posts: idList.describe('Only these posts, comma-separated'),
    vacant: z.enum(['true', 'false']).optional().describe('Only vacant posts'),
    candidates: idList.describe('Only these candidates, comma-separated; by default the holders of the posts and the people in scope without a post'),
    pins: pairList.describe('Must stay: post:person pairs, comma-separated'),
    exclude: pairList.describe('Excluded pairs: post:person, comma-separated'),
    sameTerritory: z.enum(['true', 'false']).optional().describe('A candidate who serves a territory only takes posts of that territory (or of none)'),
    moveCost: z.coerce.number().min(0).max(100).optional().describe('Points a holder staying is worth over a move (default 2): a move must gain more'),
  })
  .strict();

/** A placement proposal: per post the person proposed and why, and the proof of optimality. */
export const proposalSchema = z.object({
  asOf: instant,
  kind: z.enum(['dense', 'sparse']),
  total: z.number().describe('The total fitness of the proposal (points)'),
  objective: z.number().describe('What was maximised: the total plus the move cost for each holder who stays'),
  moveCost: z.number().describe('Points a stay is worth over a move'),
  stays: z.number().int().describe('Holders who stay in their post'),
  moves: z.number().int().describe('Posts given to someone other than their holder'),
  holdersTotal: z.number().describe("The holders' total now, over the same posts"),
  allowedPairs: z.number().int(),
  certificate: z.object({ violations: z.number().int().describe('Violations found by the independent check: 0 proves the optimum'), dualTotal: z.number().describe('Σu + Σv + pinned: equals the objective when proven') }),
  unplaced: z.array(z.string()),
  posts: z.array(
    z.object({
      postId: z.string(),
      personId: z.string().nullable(),
      fitness: fitnessSchema.nullable(),
      pinned: z.boolean(),
      holderId: z.string().nullable(),
      holderPoints: z.number().nullable(),
      gainOverHolder: z.number().nullable(),
      runnerUp: z.object({ personId: z.string().nullable(), points: z.number().nullable(), loss: z.number().nullable() }).nullable().describe('Who would take the post if the person proposed could not, and what the total would lose'),
    }),
  ),
  names: z.record(z.string(), z.string()),
});
