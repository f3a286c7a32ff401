/** The JSON shapes of assignments in the API: what a read returns, and what each lifecycle step takes. */
import { z } from 'zod';
import { commandSchema, type CommandType } from '../../app/commands/schemas.js';

const instant = z.string().describe('ISO-8601 UTC instant');

const evidence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('document'), name: z.string(), sha256: z.string(), size: z.number().optional(), mediaType: z.string().optional() }),
  z.object({ kind: z.literal('figure'), label: z.string(), value: z.number(), unit: z.string().optional() }),
  z.object({ kind: z.literal('link'), url: z.string(), label: z.string().optional() }),
  z.object({ kind: z.literal('text'), text: z.string() }),
]);

const pending = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('handover'), from: z.string(), to: z.string(), reason: z.string(), at: instant }),
    z.object({ kind: z.literal('transfer'), from: z.string(), to: z.string(), reason: z.string(), at: instant, requestedBy: z.string() }),
    z.object({ kind: z.literal('extension'), by: z.string(), approverId: z.string(), deadline: instant, reason: z.string(), at: instant }),
  ])
  .nullable();

/** An assignment as the API returns it: its id, its version (the ETag), and its whole state. */
export const assignmentSchema = z.object({
  id: z.string(),
  version: z.number().int().describe('The sequence of its last event; the ETag is this number in quotes'),
  decisionId: z.string(),
  parentId: z.string().nullable(),
  title: z.string(),
  definitionOfDone: z.string(),
  domain: z.string(),
  urgency: z.enum(['normal', 'urgent']),
  status: z.enum(['issued', 'in_progress', 'submitted', 'verified', 'cancelled']),
  issuerId: z.string(),
  ownerId: z.string(),
  verifierId: z.string(),
  controllerId: z.string().nullable(),
  coExecutorIds: z.array(z.string()).readonly(),
  holderId: z.string(),
  units: z.record(z.string(), z.string()).readonly(),
  deadline: instant,
  originalDeadline: instant,
  pending,
  submission: z.object({ by: z.string(), holderId: z.string(), at: instant, evidence: z.array(evidence).readonly() }).nullable(),
  escalationLevel: z.number().int(),
  issuedAt: instant,
  lastEventAt: instant,
  closedAt: instant.nullable(),
  verifiedBy: z.string().nullable(),
  counts: z.record(z.string(), z.number().int()),
  deadlineSetAt: instant.describe('When the deadline in force was set: at issue, or when an extension was granted'),
  ladderDone: z.array(z.string()).readonly().describe('Keys of the escalation-ladder steps performed on the case, oldest first'),
  escalatedTo: z.string().nullable().describe('Whom the case was last escalated to (a person or a body)'),
  urgentDemand: z
    .object({
      competentUnitId: z.string(),
      documents: z.array(evidence).readonly(),
      copyTo: z.object({ id: z.string(), kind: z.enum(['unit', 'person']) }),
      statement: z.string(),
    })
    .nullable()
    .describe('The urgent demand (F6) the case was issued as, if any'),
});

/** A page of assignments (summaries), the cursor of the next page, and the names of what the page mentions. */
export const assignmentPageSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      decisionId: z.string(),
      status: z.string(),
      ownerId: z.string(),
      holderId: z.string(),
      holderRole: z.string(),
      verifierId: z.string(),
      issuerId: z.string(),
      controllerId: z.string().nullable(),
      coExecutorIds: z.array(z.string()).describe('In id order'),
      unitId: z.string().nullable().describe("The owner's unit"),
      holderUnitId: z.string().describe('The unit of the person the hours fall on (holderId)'),
      domain: z.string(),
      deadline: instant,
      overdue: z.boolean(),
      escalationLevel: z.number().int(),
    }),
  ),
  next: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last'),
  names: z
    .record(z.string(), z.string())
    .describe(
      "The display name of every person, unit and decision this page's items mention (owner, holder, verifier, issuer, controller, co-executors, unit, holder's unit, decision), by id, and of nothing else: a person's or unit's name, a decision's \"number — title\"",
    ),
});

/** The body of a lifecycle step: the command's own schema, without its type and the assignment id (which the path gives). */
export function stepBody(type: CommandType): z.ZodType {
  const option = commandSchema.options.find((o) => o.shape.type.value === type);
  if (option === undefined) throw new Error(`no command ${type}`);
  const shape = (option as z.ZodObject).shape;
  const mask = Object.fromEntries(['type', 'assignmentId', 'decisionId'].filter((k) => k in shape).map((k) => [k, true]));
  return (option as z.ZodObject).omit(mask as never).strict();
}

const total = z.object({ id: z.string(), ms: z.number(), overdueMs: z.number() });

/** The hour ledger of a case, with the names of everyone and every unit in it. */
export const ledgerSchema = z.object({
  start: instant,
  end: instant,
  open: z.boolean(),
  elapsedMs: z.number(),
  overdueMs: z.number(),
  deadline: instant,
  originalDeadline: instant,
  intervals: z
    .array(z.object({ from: instant, to: instant, ms: z.number(), personId: z.string(), unitId: z.string(), role: z.string(), overdue: z.boolean() }))
    .readonly()
    .describe('Stretches of the case, each held by one person in one role; they tile its life from start to end'),
  byPerson: z.array(total).readonly(),
  byUnit: z.array(total).readonly(),
  requests: z
    .array(
      z.object({
        kind: z.enum(['handover', 'transfer', 'extension']),
        at: instant,
        by: z.string(),
        to: z.string(),
        reason: z.string(),
        outcome: z.enum(['accepted', 'refused', 'pending', 'lapsed']),
        answeredAt: instant.nullable(),
        answer: z.string().nullable(),
        deadline: instant.optional(),
      }),
    )
    .readonly(),
  marks: z.array(z.object({ kind: z.string(), at: instant, actor: z.string(), detail: z.string() })).readonly(),
  names: z.record(z.string(), z.string()),
});

/** One event of a case with its place in the hash chain (GET /assignments/{id}/events). */
export const caseEventSchema = z.object({ seq: z.number(), type: z.string(), actor: z.string(), at: z.string(), payload: z.unknown(), prevHash: z.string(), hash: z.string() });

/** A case's events, oldest first. */
export const caseEventsSchema = z.object({ items: z.array(caseEventSchema) });
