/** The JSON shapes of the process map of the record in the API (GET /api/v1/process-map) and of its query. */
import { z } from 'zod';

const count = z.number().int().min(0);
/** A day (midnight UTC) or an instant with its zone. */
const moment = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** The process map's query: every filter optional. */
export const processMapQuerySchema = z
  .object({
    unit: z.string().min(1).max(80).optional().describe("Only cases whose owner's unit at issue is this unit or one below it"),
    domain: z.string().min(1).max(100).optional().describe('Only cases of this domain'),
    from: moment.optional().describe('Only cases issued at or after this moment (YYYY-MM-DD: midnight UTC)'),
    to: moment.optional().describe('Only cases issued before this moment (YYYY-MM-DD: midnight UTC); after `from`'),
  })
  .strict();

const activityCount = z.object({ name: z.string(), count });

/** The directly-follows graph of the cases the caller sees that pass the filters. */
export const processMapSchema = z.object({
  unitId: z.string().nullable().describe('The unit asked for, or null'),
  domain: z.string().nullable().describe('The domain asked for, or null'),
  from: z.string().nullable().describe('ISO-8601 UTC instant: the start of the period asked for, or null'),
  to: z.string().nullable().describe('ISO-8601 UTC instant: the end (excluded) of the period asked for, or null'),
  cases: count.describe('Cases that pass the filters'),
  events: count.describe('Their events'),
  activities: z.array(activityCount).describe("Each activity (an event's kind without `assignment.`) and how often it occurs; most first, then by name"),
  starts: z.array(activityCount).describe('How often each activity starts a case'),
  ends: z.array(activityCount).describe('How often each activity ends a case (so far: open cases end where they stand)'),
  edges: z
    .array(
      z.object({
        from: z.string(),
        to: z.string(),
        count: count.describe('How often `to` directly follows `from` within a case'),
        meanMs: z.number().nullable().describe('Mean time from `from` to `to`, ms'),
        medianMs: z.number().nullable().describe('Median time from `from` to `to`, ms'),
      }),
    )
    .describe('Directly-follows pairs; most frequent first, then by names'),
  domains: z.array(z.string()).describe('The domains of every case the caller sees, whatever the filters (the choices of the domain filter); sorted'),
});
