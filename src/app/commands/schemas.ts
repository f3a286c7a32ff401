/**
 * The commands, as data, with the zod schemas that validate them at every edge (CLI, HTTP,
 * imports, the demo). The schemas check shape and types; what the rules require (an owner, a
 * deadline, a definition of done …) is left to the domain, so that it fails with its own code.
 */
import { z } from 'zod';
import { ROLES } from '../../domain/access/roles.js';

const id = z.string().trim().min(1).max(80);
const text = z.string().max(20_000);
const optionalText = z.string().max(20_000).optional();

const evidence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('document'), name: z.string().max(500), sha256: z.string().max(64), size: z.number().int().nonnegative().optional(), mediaType: z.string().max(200).optional() }),
  z.object({ kind: z.literal('figure'), label: z.string().max(500), value: z.number(), unit: z.string().max(50).optional() }),
  z.object({ kind: z.literal('link'), url: z.string().max(2000), label: z.string().max(500).optional() }),
  z.object({ kind: z.literal('text'), text }),
]);

/** An assignment to issue, alone or as part of a decision. */
export const assignmentSpec = z.object({
  id: id.optional(),
  parentId: id.optional(),
  title: z.string().max(500).default(''),
  definitionOfDone: text.default(''),
  domain: z.string().max(100).default('general'),
  deadline: z.string().max(40).optional(),
  /** Instead of a deadline: due at the end of the n-th working day from now, in the calendar of the owner's unit. */
  deadlineWorkingDays: z.number().int().min(1).max(366).optional(),
  urgency: z.enum(['normal', 'urgent']).default('normal'),
  ownerId: id.optional(),
  verifierId: id.optional(),
  controllerId: id.optional(),
  coExecutorIds: z.array(id).max(50).default([]),
});

const delay = z.object({ amount: z.number(), unit: z.string().max(40) });
const action = z.string().max(40).nullish();

/** The steps of a ladder policy as submitted (the domain checks amounts, units and actions). */
export const ladderRulesSpec = z.object({
  reminders: z.array(delay).max(20).nullish(),
  superior: z.object({ after: delay, action }).nullish(),
  body: z.object({ after: delay, action, bodyId: id.nullish() }).nullish(),
});

/** A business calendar layer as submitted (the domain checks weekdays, hours, offset and dates). */
export const calendarSpec = z.object({
  workingWeekdays: z.array(z.number()).max(7).nullish(),
  workingHours: z.object({ start: z.string().max(10), end: z.string().max(10) }).nullish(),
  utcOffsetMinutes: z.number().nullish(),
  holidays: z.array(z.string().max(20)).max(1000).nullish(),
  workingDates: z.array(z.string().max(20)).max(1000).nullish(),
});

/** Who already tried at a lower level, and what they did. */
const attempt = z.object({ partyId: id, did: z.string().max(5000) });

/** A question's statement for a body's agenda (F7). */
const statementSpec = z.object({
  question: z.string().max(5000),
  options: z.array(z.string().max(2000)).max(20).default([]),
  documents: z.array(evidence).max(50).default([]),
  alreadyTried: z.array(attempt).max(50).default([]),
});

/** One event of a case imported from another system (see domain/trace/imported-table.ts), as an object. */
const importedEvent = z.object({
  activity: z.string().max(10_000),
  at: z.string().max(40).nullable(),
  attributes: z.record(z.string(), z.string()).optional(),
  group: z.string().max(10_000).nullable(),
  lifecycle: z.string().max(10_000).nullable(),
  resource: z.string().max(10_000).nullable(),
});

/** The same events as a table (domain/trace/imported-table.ts): indexes into `texts`, the instant, and other attributes if any. */
const textIndex = z.number().int().min(0);
const importedRowHead = [textIndex, z.string().max(40).nullable(), textIndex.nullable(), textIndex.nullable(), textIndex.nullable()] as const;
const importedTable = z.object({
  rows: z
    .array(z.union([z.tuple([...importedRowHead]).readonly(), z.tuple([...importedRowHead, z.record(z.string(), z.string())]).readonly()]))
    .max(100_000)
    .readonly(),
  texts: z.array(z.string().max(10_000)).readonly(),
});

/** Every command the application accepts. */
export const commandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('unit.create'), id: id.optional(), name: z.string().max(300), parentId: id.optional(), headPostId: id.optional(), headTitle: z.string().max(300).optional() }),
  z.object({ type: z.literal('person.register'), id: id.optional(), name: z.string().max(300), unitId: id, email: z.string().max(300).optional() }),
  z.object({ type: z.literal('person.grant-role'), personId: id, role: z.enum(ROLES), scopeId: id }),
  z.object({ type: z.literal('person.revoke-role'), personId: id, role: z.enum(ROLES), scopeId: id }),
  z.object({ type: z.literal('post.create'), id: id.optional(), unitId: id, title: z.string().max(300), domain: z.string().max(100).default('general'), holderId: id.optional() }),
  z.object({ type: z.literal('post.appoint'), postId: id, personId: id }),
  z.object({ type: z.literal('post.vacate'), postId: id }),
  z.object({
    type: z.literal('post.declare-profile'),
    postId: id,
    domains: z.array(z.object({ domain: z.string().max(100), weight: z.number().positive().max(1000) })).min(1).max(20),
    minVerified: z.number().int().min(0).max(100_000).default(0),
    minFirstTime: z.number().min(0).max(1).nullable().default(null),
    minOnTime: z.number().min(0).max(1).nullable().default(null),
    territory: z.string().max(200).nullable().default(null),
  }),
  z.object({ type: z.literal('body.create'), id: id.optional(), name: z.string().max(300), level: z.number().int(), parentId: id.optional() }),
  z.object({
    type: z.literal('committee.create'),
    id: id.optional(),
    name: z.string().max(300),
    mandate: text,
    chairId: id.optional(),
    memberIds: z.array(id).max(500).default([]),
    sunset: z.string().max(20),
    bodyId: id.optional(),
  }),
  z.object({ type: z.literal('committee.dissolve'), committeeId: id, reason: text }),
  z.object({
    type: z.literal('decision.register'),
    id: id.optional(),
    bodyId: id,
    number: z.string().max(100),
    date: z.string().max(20),
    title: z.string().max(500),
    text: text.default(''),
    assignments: z.array(assignmentSpec).max(500).default([]),
  }),
  assignmentSpec.extend({ type: z.literal('assignment.issue'), decisionId: id }),
  z.object({ type: z.literal('assignment.accept'), assignmentId: id }),
  z.object({ type: z.literal('assignment.handover.offer'), assignmentId: id, toId: id, reason: text }),
  z.object({ type: z.literal('assignment.handover.accept'), assignmentId: id }),
  z.object({ type: z.literal('assignment.handover.refuse'), assignmentId: id, reason: text }),
  z.object({ type: z.literal('assignment.transfer.request'), assignmentId: id, toId: id, reason: text }),
  z.object({ type: z.literal('assignment.transfer.accept'), assignmentId: id }),
  z.object({ type: z.literal('assignment.transfer.refuse'), assignmentId: id, reason: text }),
  z.object({ type: z.literal('assignment.extension.request'), assignmentId: id, deadline: z.string().max(40), reason: text }),
  z.object({ type: z.literal('assignment.extension.grant'), assignmentId: id }),
  z.object({ type: z.literal('assignment.extension.refuse'), assignmentId: id, reason: text }),
  z.object({ type: z.literal('assignment.submit'), assignmentId: id, evidence: z.array(evidence).max(100), note: optionalText }),
  z.object({ type: z.literal('assignment.verify'), assignmentId: id, note: optionalText }),
  z.object({ type: z.literal('assignment.reject'), assignmentId: id, reasons: z.array(text).max(50) }),
  z.object({ type: z.literal('assignment.cancel'), assignmentId: id, reason: text }),
  z.object({ type: z.literal('assignment.reopen'), assignmentId: id, reason: text }),
  z.object({ type: z.literal('assignment.escalate'), assignmentId: id, toId: id, reason: text }),
  assignmentSpec.omit({ urgency: true }).extend({
    type: z.literal('urgent.demand'),
    decisionId: id,
    competentUnitId: id.optional(),
    documents: z.array(evidence).max(50).default([]),
    copyToId: id.optional(),
    statement: text.default(''),
  }),
  z.object({ type: z.literal('calendar.define'), id: id.optional(), unitId: id.optional(), definition: calendarSpec }),
  z.object({ type: z.literal('calendar.revise'), calendarId: id, definition: calendarSpec }),
  z.object({ type: z.literal('calendar.retire'), calendarId: id, reason: text }),
  z.object({ type: z.literal('ladder.define'), id: id.optional(), name: z.string().max(300), unitId: id.optional(), domain: z.string().max(100).optional(), rules: ladderRulesSpec }),
  z.object({ type: z.literal('ladder.revise'), policyId: id, name: z.string().max(300).optional(), rules: ladderRulesSpec }),
  z.object({ type: z.literal('ladder.retire'), policyId: id, reason: text }),
  z.object({ type: z.literal('ladder.step'), assignmentId: id, stepKey: z.string().max(200) }),
  z.object({ type: z.literal('accountability.decide'), proposalId: id, verdict: z.string().max(40), reason: text }),
  statementSpec.extend({ type: z.literal('agenda.submit'), id: id.optional(), bodyId: id, fromUnitId: id.optional(), assignmentId: id.optional() }),
  statementSpec.extend({ type: z.literal('agenda.resubmit'), itemId: id }),
  z.object({ type: z.literal('agenda.return'), itemId: id, toUnitId: id, reason: text }),
  z.object({ type: z.literal('agenda.schedule'), itemId: id, session: z.string().max(20) }),
  z.object({ type: z.literal('agenda.decide'), itemId: id, decisionId: id }),
  z.object({ type: z.literal('agenda.withdraw'), itemId: id, reason: text }),
  z.object({
    type: z.literal('trace.import'),
    id: id.optional(),
    importId: z.string().max(80),
    source: z.string().max(10_000),
    format: z.enum(['xes', 'csv']),
    name: z.string().max(10_000).nullable(),
    attributes: z.record(z.string(), z.string()).default({}),
    /** The events as objects, or (`table`) as a table; exactly one of the two. */
    events: z.array(importedEvent).max(100_000).optional(),
    table: importedTable.optional(),
  }),
  z.object({
    type: z.literal('assignment.beneficiary.answer'),
    assignmentId: id,
    linkId: z.string().max(100),
    beneficiary: z.string().max(300),
    verdict: z.enum(['confirmed', 'disputed']),
    comment: z.string().max(5000).default(''),
  }),
]);

/** A command as validated input. */
export type Command = z.infer<typeof commandSchema>;
/** A command as callers may write it (defaults not yet applied). */
export type CommandInput = z.input<typeof commandSchema>;
/** The type names of commands. */
export type CommandType = Command['type'];
/** The command of a given type. */
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
/** An assignment spec as validated input. */
export type AssignmentSpec = z.infer<typeof assignmentSpec>;
