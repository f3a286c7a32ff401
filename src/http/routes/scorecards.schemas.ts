/** The JSON shapes of the unit scorecards and decree inflation (F10) in the API, and their queries. */
import { z } from 'zod';
import { BODY_MONTH_KEYS } from '../../analytics/decree-inflation.js';
import { FIGURE_KEYS } from '../../analytics/scorecards.js';

const id = z.string().min(1).max(80);
const count = z.number().int().min(0);
const rate = z.number().min(0).max(1);
const instant = z.string().describe('ISO-8601 UTC instant');
const bound = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}(T[0-9:.]+Z)?$/, 'a day (YYYY-MM-DD) or a UTC instant (YYYY-MM-DDTHH:MM:SS.sssZ)');

/** The period of a report: [from, to), days at UTC midnight or instants. */
const periodQuery = {
  from: bound.optional().describe('Start of the period, included (default: the start of the UTC month eleven months before now)'),
  to: bound.optional().describe('End of the period, excluded (default: now); counting stops at now in any case'),
};

/** A case behind a figure, as listed: enough to name it and link to it. */
const figureCaseSchema = z.object({ id: z.string(), title: z.string(), status: z.enum(['issued', 'in_progress', 'submitted', 'verified', 'cancelled']), deadline: instant, ownerId: z.string() });

/** A month (YYYY-MM, UTC). */
const monthParam = z.string().regex(/^\d{4}-\d{2}$/, 'YYYY-MM');

/** How many items to list. */
const limitParam = z.coerce.number().int().min(1).max(1000).optional().describe('How many to list (default 200)');

/** The scorecards' query. */
export const scorecardQuerySchema = z
  .object({
    ...periodQuery,
    unit: id.optional().describe("Only this unit's subtree"),
  })
  .strict();

/** The figures of a unit (or its subtree) over a span; each that counts cases opens to them (GET /scorecards/cases). */
export const figuresSchema = z.object({
  issued: count.describe('Cases issued in the span'),
  verified: count.describe('Cases verified now whose standing verification falls in the span (each once)'),
  verifiedOnTime: count.describe('Of those, verified by the deadline in force when verified'),
  verifiedLate: count.describe('Of those, verified after it'),
  onTimeRate: rate.nullable().describe('verifiedOnTime / verified; null without verified cases'),
  medianToVerifiedMs: z.number().min(0).nullable().describe('Median of verification − issue over the verified cases (ms)'),
  heldMs: z.number().min(0).describe("Time the unit's people held cases in the span (ms), from the hour ledgers, clipped to the span"),
  escalations: count.describe('Escalation events on the cases in the span'),
  rejections: count.describe('Rejections by the verifier in the span'),
  reopenings: count.describe('Reopenings after verification in the span'),
  extensions: count.describe('Extensions of the deadline granted in the span'),
  caseCounts: z.record(z.enum(FIGURE_KEYS), count).describe('The number of distinct cases behind each figure'),
});

/** One unit's scorecard. */
export const unitScorecardSchema = z.object({
  unitId: z.string(),
  parentId: z.string().nullable(),
  rank: z.number().int().min(1).describe('Place in the league table (1: best)'),
  own: figuresSchema.describe("The unit's own cases (owned, at issue, by someone of the unit), and its own people's time"),
  subtree: figuresSchema.describe('The unit and every unit below it'),
  months: z.array(z.object({ month: z.string().describe('YYYY-MM (UTC)'), figures: figuresSchema })).describe("The subtree's figures month by month"),
});

/** The scorecards: the league table of the units the caller sees. */
export const scorecardsSchema = z.object({
  asOf: instant,
  from: instant,
  to: instant,
  end: instant.describe('Where counting stops: the earlier of `to` and now'),
  unitId: z.string().nullable(),
  months: z.array(z.string()),
  units: z.array(unitScorecardSchema).describe('In league order: on-time rate (highest first, units without verified cases last), then verified, then issued, then id'),
  names: z.record(z.string(), z.string()).describe('Display names of the units'),
});

/** The query of the cases behind one figure. */
export const scorecardCasesQuerySchema = z
  .object({
    ...periodQuery,
    unit: id.describe('The unit'),
    figure: z.enum(FIGURE_KEYS).describe('The figure'),
    scope: z.enum(['own', 'subtree']).optional().describe('The unit alone, or its subtree (default)'),
    month: monthParam.optional().describe('One month of the period (subtree only)'),
    limit: z.coerce.number().int().min(1).max(1000).optional().describe('How many cases to list (default 200)'),
  })
  .strict();

/** The cases behind one figure. */
export const scorecardCasesSchema = z.object({
  unitId: z.string(),
  figure: z.enum(FIGURE_KEYS),
  scope: z.enum(['own', 'subtree']),
  month: z.string().nullable(),
  from: instant,
  to: instant,
  total: count.describe('The cases the figure counts'),
  hidden: count.describe('Of those, the ones the caller may not open (the case sits now where their roles do not reach)'),
  items: z.array(figureCaseSchema).describe('The cases the caller may open, by id, up to the limit'),
  names: z.record(z.string(), z.string()).describe('Display names of the owners'),
});

/** The decree inflation query. */
export const decreeInflationQuerySchema = z.object({ ...periodQuery }).strict();

/** Decree inflation per body. */
export const decreeInflationSchema = z.object({
  asOf: instant,
  from: instant,
  to: instant,
  end: instant.describe('Where the months stop: the earlier of `to` and now'),
  months: z.array(z.string()).describe("The months (YYYY-MM, UTC) of the period up to `end`: those of every body's trend"),
  bodies: z.array(
    z.object({
      bodyId: z.string(),
      decisions: count.describe("Decisions dated in the period"),
      executed: count.describe('Of those, decisions with cases, every one verified'),
      withoutCases: count.describe('Of those, decisions that gave no case'),
      cases: count.describe('Cases given by those decisions (cancelled ones left out)'),
      verified: count.describe('Of those, verified'),
      executedRate: rate.nullable().describe('executed / decisions'),
      inflation: z.number().min(1).nullable().describe('decisions / executed: decisions taken per decision carried out; null when none was'),
      verifiedRate: rate.nullable().describe('verified / cases'),
      items: z.array(z.object({ decisionId: z.string(), date: z.string(), cases: count, verified: count, executed: z.boolean() })).describe('The decisions, by date'),
      months: z
        .array(
          z.object({
            month: z.string().describe('YYYY-MM (UTC)'),
            decisions: count.describe('Decisions of the body dated in the month'),
            issued: count.describe("The body's cases (under any of its decisions, cancelled ones left out) issued in the month"),
            verified: count.describe("The body's cases verified now whose standing verification falls in the month (each once)"),
            verifiedOnTime: count.describe('Of those, verified by the deadline in force when verified'),
          }),
        )
        .describe("The body's flow month by month, one entry per month of `months`: does it decide and issue faster than its work is verified?"),
    }),
  ),
  names: z.record(z.string(), z.string()).describe('Display names of the bodies and the decisions (their numbers)'),
});

/** The query of what is behind one figure of a body's month in decree inflation. */
export const decreeCasesQuerySchema = z
  .object({
    ...periodQuery,
    body: id.describe('The body'),
    month: monthParam.describe('One month of the period'),
    figure: z.enum(BODY_MONTH_KEYS).describe("The figure of the body's month: decisions dated, cases issued, verified, verified on time"),
    limit: limitParam,
  })
  .strict();

/** What is behind one figure of a body's month: the decisions for `decisions`, the cases for the others. */
export const decreeCasesSchema = z.object({
  bodyId: z.string(),
  month: z.string().describe('YYYY-MM (UTC)'),
  figure: z.enum(BODY_MONTH_KEYS),
  from: instant,
  to: instant,
  total: count.describe("What the figure counts: the month's figure in GET /decree-inflation"),
  hidden: count.describe('Of those, the cases the caller may not open (the case sits now where their roles do not reach); decisions are public acts, never hidden'),
  decisions: z
    .array(
      z.object({
        id: z.string(),
        number: z.string(),
        title: z.string(),
        date: z.string().describe('YYYY-MM-DD'),
        cases: count.describe('Cases it gave (cancelled ones left out)'),
        verified: count.describe('Of those, verified'),
        executed: z.boolean().describe('It gave cases, every one verified'),
      }),
    )
    .describe('For `decisions`: the decisions dated in the month, by date then id, up to the limit; empty for the other figures'),
  items: z.array(figureCaseSchema).describe('For the case figures: the cases the caller may open, by id, up to the limit; empty for `decisions`'),
  names: z.record(z.string(), z.string()).describe("Display names of the body and of the cases' owners"),
});
