/** The JSON shapes of the main link (F15) in the API (GET /api/v1/main-link) and of its query. */
import { z } from 'zod';
import { LINK_STEPS } from '../../analytics/main-link.js';

const instant = z.string().describe('ISO-8601 UTC instant');
const count = z.number().int().min(0);
const ms = z.number().min(0);
const step = z.enum(LINK_STEPS as unknown as [string, ...string[]]).describe('What the case waits for: the owner to accept, the executor to work, a handover or a transfer to be accepted, an extension to be decided, the verifier to verify');

/** The query: a unit's subtree, how many rows and evidence cases, and the moment. */
export const mainLinkQuerySchema = z
  .object({
    unit: z.string().min(1).max(80).optional().describe("Only the cases of this unit's subtree (a case sits in its owner's unit)"),
    top: z.coerce.number().int().min(1).max(1000).optional().describe('Rows of each ranking, 1 to 1,000 (default 10)'),
    evidence: z.coerce.number().int().min(1).max(1000).optional().describe('Evidence cases (and blocked cases) named per row at most, 1 to 1,000 (default 50)'),
    at: z
      .string()
      .max(40)
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, 'an ISO-8601 date-time with its zone')
      .optional()
      .describe('Compute as of this moment, no later than now (default now): the events after it are left out'),
  })
  .strict();

/** One person, unit or step of a ranking. */
export const mainLinkRowSchema = z.object({
  key: z.string().describe("The person's or unit's id ('' for a holder whose unit the case does not record), or the step"),
  overdueMs: ms.describe('Σ over its overdue cases of the current holding\'s time past the deadline (ms)'),
  cases: count.describe('Its overdue cases'),
  blocked: count.describe('Distinct open cases waiting on them: the open ancestors (parent, its parent, …) of its overdue cases'),
  caseIds: z.array(z.string()).describe('Its overdue cases, most overdue first (the first `evidence` of them)'),
  blockedIds: z.array(z.string()).describe('The cases it blocks, in id order (the first `evidence` of them)'),
});

const ranking = z.object({ count: count.describe('How many rows the whole ranking has'), rows: z.array(mainLinkRowSchema).describe('Its first `top` rows: most overdue time, then most blocked, then most cases') });

/** The main link of the cases the caller sees. */
export const mainLinkSchema = z.object({
  asOf: instant,
  unitId: z.string().nullable(),
  totals: z.object({ cases: count.describe('Open cases past their deadline'), overdueMs: ms.describe("Σ of their current holdings' time past the deadline (ms)"), blocked: count.describe('Distinct open cases they block') }),
  mainLink: z
    .object({ person: z.string().nullable(), unit: z.string().nullable(), step: step.nullable() })
    .describe('The first of each ranking: the main link by person, by unit and by step (null when nothing is overdue)'),
  persons: ranking,
  units: ranking,
  steps: ranking,
  cases: z
    .array(
      z.object({
        caseId: z.string(),
        title: z.string(),
        personId: z.string().describe('Who holds it now'),
        unitId: z.string().describe("The holder's unit as the case records it ('' if none)"),
        step,
        since: instant.describe('When the current holding began'),
        deadline: instant.describe('The deadline in force'),
        heldOverdueMs: ms.describe('Time past the deadline within the current holding (ms)'),
        caseOverdueMs: ms.describe('Time past the deadline in all, whoever held it (ms)'),
        blockedIds: z.array(z.string()).describe('Its open ancestors, nearest first'),
      }),
    )
    .describe('Every evidence case the rows name, most overdue first'),
  titles: z.record(z.string(), z.string()).describe('Titles of the blocked cases named'),
  names: z.record(z.string(), z.string()).describe('Display names of the people and units named'),
});
