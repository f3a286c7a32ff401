/** The JSON shapes of the control board in the API (GET /api/v1/board) and of its query. */
import { z } from 'zod';

const count = z.number().int().min(0);

/** Open cases counted; each figure is the length of the list GET /api/v1/assignments gives with the filters named. */
export const caseFiguresSchema = z.object({
  open: count.describe('Open cases: issued, in progress or submitted (list: open=true)'),
  overdue: count.describe('Open and past their deadline (list: overdue=true)'),
  dueSoon: count.describe('Open and due between now and soonDays days from now, both included (list: dueWithinDays=soonDays)'),
  submitted: count.describe('Submitted, waiting for verification (list: status=submitted)'),
  escalated: count.describe('Open at escalation level 1 or more (list: escalated=true)'),
});

/** The board's query: the unit whose children make the rows, and the soon window. */
export const boardQuerySchema = z
  .object({
    unit: z.string().min(1).max(80).optional().describe('The unit whose children make the rows (each counted over its subtree), and whose subtree the totals cover; by default the top-most units the caller sees, and everything they see'),
    soonDays: z.coerce.number().int().min(1).max(60).optional().describe('The soon window in days, 1 to 60 (default 7)'),
  })
  .strict();

/** The control board of the caller: open cases counted over what they may see, by unit and escalation level, and the agenda load of the bodies whose agenda they read. */
export const boardSchema = z.object({
  asOf: z.string().describe('ISO-8601 UTC instant: the server clock the figures are counted at'),
  unitId: z.string().nullable().describe('The unit asked for, or null'),
  soonDays: z.number().int(),
  totals: caseFiguresSchema.describe('Over every case the caller sees (within the unit asked for, if any)'),
  units: z
    .array(caseFiguresSchema.extend({ unitId: z.string(), name: z.string() }))
    .describe('One row per child of the unit asked for (or per top-most unit the caller sees), counted over its whole subtree (list: unit=unitId); by overdue, most first, then name'),
  escalations: z.array(z.object({ level: z.number().int().min(1), count })).describe('Open cases by current escalation level, 1 and up (list: escalated=true&level=N); by level'),
  bodies: z
    .array(
      z.object({
        bodyId: z.string(),
        name: z.string(),
        level: z.number().int(),
        open: count.describe('Items submitted or scheduled now'),
        scheduled: count.describe('Items scheduled for a session now'),
        returnedShare: z.number().nullable().describe('Items sent back at least once, over items (null without items)'),
        byLadderShare: z.number().nullable().describe('Items brought by the ladder, over items (null without items)'),
        meanHoursOnAgenda: z.number().nullable().describe('Mean time on the agenda of the stays that ended by a decision or a return, in hours (null without such stays)'),
      }),
    )
    .describe("The agenda load of each body whose agenda the caller reads (its secretary; every body for an administrator of the whole organisation); by level, then name"),
});
