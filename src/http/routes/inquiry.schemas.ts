/** The JSON shapes of the inquiry across many cases and of the hours held (issue #7, F4) in the API (GET /api/v1/inquiry, GET /api/v1/hours), and of their queries. */
import { z } from 'zod';
import { HOLDING_ROLES } from '../../analytics/hours-by-holder.js';

const count = z.number().int().min(0);
const ms = z.number().min(0);
const instant = z.string().describe('ISO-8601 UTC instant');
const role = z.enum(HOLDING_ROLES as unknown as [string, ...string[]]).describe('What the holder was doing: accepting, executing, deciding on a handover, a transfer or an extension, verifying; closed');
/** A day (midnight UTC) or an instant with its zone. */
const moment = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
const at = z.iso.datetime({ offset: true }).optional().describe('Compute the ledgers as of this moment, no later than now (default now): the events after it are left out');
const unit = z.string().min(1).max(80);
const domain = z.string().min(1).max(100).optional().describe('Only cases of this domain');
const byRole = z.partialRecord(role, ms).describe('Time per role (ms); a role with no time is absent');

/** The inquiry's query: every filter optional. */
export const inquiryQuerySchema = z
  .object({
    domain,
    search: z.string().min(1).max(200).optional().describe("Only cases whose title contains this text (case-insensitive)"),
    unit: unit.optional().describe("Only cases whose owner's unit at issue is this unit or one below it"),
    from: moment.optional().describe('Only cases issued at or after this moment (YYYY-MM-DD: midnight UTC)'),
    to: moment.optional().describe('Only cases issued before this moment (YYYY-MM-DD: midnight UTC); after `from`'),
    at,
    top: z.coerce.number().int().min(1).max(1000).optional().describe('How many rows of each list to give, 1 to 1,000 (default 20); `lengths` says how many each whole list has'),
  })
  .strict();

/** The handover network of the cases selected, keyed by person or by unit; each list cut to its first `top` rows. */
export const handoverReportSchema = z.object({
  cases: count,
  stints: count.describe('Uninterrupted holdings by one key (the closed part left out)'),
  passes: count.describe('Passes from one key to another: Σ over cases of (stints − 1)'),
  casesWithPass: count,
  casesWithReturns: count.describe('Cases that came back to a key that had held them'),
  returns: count,
  refusals: count.describe('Handovers and transfers refused'),
  edges: z.array(z.object({ from: z.string(), to: z.string(), count, meanWaitMs: ms, medianWaitMs: ms })).describe('Passes from one key to the next, most first; the wait is the time the case spent with `to`'),
  pingPong: z.array(z.object({ a: z.string(), b: z.string(), returns: count, cases: count })).describe('Pairs a case went back and forth between, most returns first'),
  returning: z.array(z.object({ caseId: z.string(), returns: count, keys: z.array(z.string()).describe('The path of keys the case took') })).describe('The cases that came back to a key, most returns first'),
  refused: z.array(z.object({ from: z.string(), to: z.string(), count })).describe('Refusals by who asked (`from`) and who refused (`to`), most first'),
  holders: z.array(z.object({ key: z.string(), cases: count, stints: count, heldMs: ms, passesIn: count, passesOut: count })).describe('Per key: cases, stints, time held and passes in and out; most time first'),
  lengths: z.object({ edges: count, pingPong: count, returning: count, refused: count, holders: count }).describe('How many rows each whole list has'),
});

/** The inquiry across the cases the caller sees that the filters select. */
export const inquirySchema = z.object({
  at: instant.describe('The moment the ledgers are computed for'),
  selection: z
    .object({ domain: z.string().nullable(), search: z.string().nullable(), unitId: z.string().nullable(), from: instant.nullable(), to: instant.nullable() })
    .describe('What was asked (null: not filtered)'),
  domains: z.array(z.string()).describe('The domains of every case the caller sees, whatever the filters (the choices of the domain filter); sorted'),
  cases: count.describe('Cases selected'),
  verified: count,
  cancelled: count,
  open: count,
  overdueNow: count.describe('Open with the deadline in force passed'),
  late: count.describe('Ran past a deadline at some time, closed or not'),
  totalMs: ms.describe('Time in hand over the whole life of the cases selected (ms)'),
  overdueMs: ms.describe('Of which past the deadline in force (ms)'),
  byUnitRole: z.array(z.object({ unitId: z.string().describe("The holder's unit ('' when the case records none)"), role, ms, overdueMs: ms, cases: count })).describe('Where the time went, by holder unit and role, most first (the first `top`; over the whole list Σ ms = totalMs)'),
  byPerson: z.array(z.object({ key: z.string().describe("The holder's id"), ms, overdueMs: ms, byRole, cases: count })).describe('Where the time went, by holder, most first (the first `top`; over the whole list Σ ms = totalMs)'),
  lengths: z.object({ byUnitRole: count, byPerson: count }).describe('How many rows each whole list has (`waits` for the longest waits)'),
  waits: count.describe('Uninterrupted waits with one holder in one role, in all'),
  longestWaits: z
    .array(z.object({ caseId: z.string(), personId: z.string(), unitId: z.string(), role, from: instant, to: instant, ms, overdueMs: ms }))
    .describe('The `top` longest waits, longest first'),
  handovers: z.object({ person: handoverReportSchema, unit: handoverReportSchema }),
  names: z.record(z.string(), z.string()).describe('Display names of the people and units named, and the titles of the cases named'),
});

/** The hours report's query. */
export const hoursQuerySchema = z
  .object({
    by: z.enum(['person', 'unit']).optional().describe('Per person (default) or per unit'),
    from: moment.optional().describe('Count time from this moment, included (YYYY-MM-DD: midnight UTC; default: all time)'),
    to: moment.optional().describe('Count time up to this moment, excluded (YYYY-MM-DD: midnight UTC; default: `at`)'),
    unit: unit.optional().describe('Only holders whose unit is this unit or one below it'),
    domain,
    at,
  })
  .strict();

const hoursFigures = { ms, overdueMs: ms, byRole, cases: count };

/** Hours held per person or unit over a period, in the cases the caller sees. */
export const hoursSchema = z.object({
  by: z.enum(['person', 'unit']),
  from: instant.nullable().describe('The start of the period (null: all time)'),
  to: instant.describe('The end of the period, excluded'),
  at: instant.describe('The moment the ledgers are computed for'),
  unitId: z.string().nullable(),
  domain: z.string().nullable(),
  totalMs: ms.describe('Time held in the period by every holder kept, each interval clipped to the period (ms)'),
  overdueMs: ms,
  byRole,
  cases: count.describe('Cases with any time counted'),
  holders: z.array(z.object({ key: z.string().describe("The person's or unit's id ('' for a holder whose unit the case does not record)"), ...hoursFigures })).describe('Most time first, then by key; Σ ms = totalMs'),
  names: z.record(z.string(), z.string()).describe('Display names of the people and units named'),
});
