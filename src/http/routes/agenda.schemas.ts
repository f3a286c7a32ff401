/**
 * The shapes of a body's agenda over HTTP: an agenda item, a body's load figures, and a page of
 * its agenda. The routes validate and document with them; the web app infers its types from them.
 */
import { z } from 'zod';
import { evidenceSchema } from './stream-routes.js';

const instant = z.string().describe('ISO-8601 UTC instant');
const date = z.string().describe('Calendar date, YYYY-MM-DD');
/** The statuses of an agenda item. */
export const AGENDA_STATUSES = ['submitted', 'scheduled', 'returned', 'decided', 'withdrawn'] as const;

/** An item on a body's agenda: the question, how it came (by the ladder or with a statement), where it stands, and its stays. */
export const agendaItemSchema = z.object({
  id: z.string(),
  version: z.number().int().describe('The sequence of its last event; the ETag is this number in quotes'),
  bodyId: z.string(),
  question: z.string(),
  route: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('ladder'), assignmentId: z.string(), escalationLevel: z.number().int() }),
      z.object({
        kind: z.literal('statement'),
        options: z.array(z.string()),
        documents: z.array(evidenceSchema),
        alreadyTried: z.array(z.object({ party: z.object({ id: z.string(), kind: z.enum(['unit', 'person']) }), did: z.string() })),
      }),
    ])
    .describe('By the ladder (a case escalated to the body), or with a full statement'),
  status: z.enum(AGENDA_STATUSES),
  submittedBy: z.string(),
  firstSubmittedAt: instant,
  stays: z
    .array(z.object({ submittedAt: instant, endedAt: instant.nullable(), outcome: z.enum(['returned', 'decided', 'withdrawn']).nullable() }))
    .describe('Every stay on the agenda, oldest first; the last is the current'),
  returns: z.number().int().describe('How many times the item was sent back to the competent level'),
  lastReturn: z.object({ toUnitId: z.string(), reason: z.string(), by: z.string(), at: instant }).nullable(),
  session: date.nullable(),
  decisionId: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  lastEventAt: instant,
});

/** A body's load: items, open ones, items per session, the shares returned and brought by the ladder, time on the agenda. */
export const bodyLoadSchema = z.object({
  items: z.number().int().describe('Items submitted at least once'),
  open: z.number().int().describe('Items submitted or scheduled now'),
  perSession: z.array(z.object({ session: date, items: z.number().int() })).describe('Items scheduled for or decided at each session, in date order'),
  returnedShare: z.number().nullable().describe('Items sent back at least once, over items (null without items)'),
  ladderShare: z.number().nullable().describe('Items brought by the ladder, over items (null without items)'),
  timeOnAgenda: z
    .object({ stays: z.number().int(), meanMs: z.number().nullable(), medianMs: z.number().nullable() })
    .describe('Time on the agenda of the stays that ended by a decision or a return'),
});

/** A body's agenda: a page of its items and the body's load figures over every item the caller may see. */
export const bodyAgendaSchema = z.object({
  bodyId: z.string(),
  items: z.array(agendaItemSchema),
  next: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last'),
  load: bodyLoadSchema,
});

