/** The JSON shapes of the escalation ladder in the API: calendars, ladder policies, accountability proposals, the urgent demand's answer. */
import { z } from 'zod';
import type { AssignmentState } from '../../domain/assignment/assignment.state.js';
import { ACCOUNTABILITY_VERDICTS } from '../../domain/ladder/accountability.js';
import { ACCOUNTABILITY_ACTIONS, DELAY_UNITS } from '../../domain/ladder/ladder-policy.js';
import type { StateOf } from '../../domain/streams.js';
import { assignmentSchema } from './assignment.schemas.js';
import { documentSchema, type StreamApi } from './stream-routes.js';

const instant = z.string().describe('ISO-8601 UTC instant');
const version = z.number().int().describe('The sequence of its last event; the ETag is this number in quotes');
const revision = z.number().int().describe('The revision in force: 1 when defined, one more with each revision');

// ————————————————————————————————————————————— calendars

const calendarDefinitionSchema = z.object({
  workingWeekdays: z.array(z.number()).nullable().describe('ISO weekdays worked (1 Monday … 7 Sunday); null: as the calendar below'),
  workingHours: z.object({ start: z.string(), end: z.string() }).nullable().describe('Local HH:MM to HH:MM (the end may be 24:00); null: as the calendar below'),
  utcOffsetMinutes: z.number().nullable().describe('Minutes east of UTC; null: as the calendar below'),
  holidays: z.array(z.string()).describe('Dates (YYYY-MM-DD) not worked'),
  workingDates: z.array(z.string()).describe('Dates (YYYY-MM-DD) worked whatever the weekday'),
});

/** A business calendar: its scope (null: the whole organisation), the revision in force and its definition. */
export const calendarSchema = z.object({
  id: z.string(),
  version,
  unitId: z.string().nullable().describe('The unit whose calendar it is (and of the units below without their own); null: the whole organisation'),
  revision,
  definition: calendarDefinitionSchema,
  definedAt: instant,
  retiredAt: instant.nullable(),
  lastEventAt: instant,
});

/** The calendar API. */
export const CALENDARS: StreamApi<'calendar'> = {
  kind: 'calendar',
  base: '/api/v1/calendars',
  tag: 'calendars',
  noun: 'calendar',
  schema: calendarSchema,
  represent: (cal: string, v: number, s: StateOf<'calendar'>): z.infer<typeof calendarSchema> => ({
    id: cal,
    version: v,
    unitId: s.unitId,
    revision: s.version,
    definition: {
      workingWeekdays: s.definition.workingWeekdays === null ? null : [...s.definition.workingWeekdays],
      workingHours: s.definition.workingHours === null ? null : { ...s.definition.workingHours },
      utcOffsetMinutes: s.definition.utcOffsetMinutes,
      holidays: [...s.definition.holidays],
      workingDates: [...s.definition.workingDates],
    },
    definedAt: s.definedAt,
    retiredAt: s.retiredAt,
    lastEventAt: s.lastEventAt,
  }),
};

// ————————————————————————————————————————————— ladder policies

const delaySchema = z.object({ amount: z.number(), unit: z.enum(DELAY_UNITS) });
const actionSchema = z.enum(ACCOUNTABILITY_ACTIONS).nullable().describe('The accountability action the step proposes (a person decides it); null: none');

/** A ladder policy: its scope, the revision in force and its steps. */
export const ladderPolicySchema = z.object({
  id: z.string(),
  version,
  name: z.string(),
  scope: z.object({
    unitId: z.string().nullable().describe("The unit whose subtree's cases it governs; null: the whole organisation"),
    domain: z.string().nullable().describe('The domain of the cases it governs; null: any'),
  }),
  revision,
  rules: z.object({
    reminders: z.array(delaySchema).describe('Reminders this long before the deadline'),
    superior: z.object({ after: delaySchema, action: actionSchema }).nullable().describe("Escalation to the owner's superior, this long after the deadline"),
    body: z.object({ after: delaySchema, action: actionSchema, bodyId: z.string().nullable() }).nullable().describe('Escalation to a body, this long after the superior'),
  }),
  definedAt: instant,
  revisedAt: instant.describe('When the revision in force was recorded'),
  retiredAt: instant.nullable(),
  lastEventAt: instant,
});

/** The ladder policy API. */
export const LADDER_POLICIES: StreamApi<'ladder'> = {
  kind: 'ladder',
  base: '/api/v1/ladder-policies',
  tag: 'ladder policies',
  noun: 'ladder policy',
  schema: ladderPolicySchema,
  represent: (policy: string, v: number, s: StateOf<'ladder'>): z.infer<typeof ladderPolicySchema> => ({
    id: policy,
    version: v,
    name: s.name,
    scope: { unitId: s.scope.unitId, domain: s.scope.domain },
    revision: s.version,
    rules: {
      reminders: s.rules.reminders.map((d) => ({ ...d })),
      superior: s.rules.superior === null ? null : { after: { ...s.rules.superior.after }, action: s.rules.superior.action },
      body: s.rules.body === null ? null : { after: { ...s.rules.body.after }, action: s.rules.body.action, bodyId: s.rules.body.bodyId },
    },
    definedAt: s.definedAt,
    revisedAt: s.versionAt,
    retiredAt: s.retiredAt,
    lastEventAt: s.lastEventAt,
  }),
};

// ————————————————————————————————————————————— accountability proposals

/** An accountability action a ladder step proposed about a case's owner, and the verdict on it (once given). */
export const accountabilitySchema = z.object({
  id: z.string(),
  version,
  assignmentId: z.string(),
  subjectId: z.string().describe('The person the action concerns: the owner when the step fell due'),
  action: z.enum(ACCOUNTABILITY_ACTIONS),
  stepKey: z.string(),
  level: z.number().int(),
  policyId: z.string().nullable(),
  policyVersion: z.number().int().nullable(),
  addressee: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('person'), personId: z.string() }),
      z.object({ kind: z.literal('unit-head'), unitId: z.string() }),
      z.object({ kind: z.literal('body'), bodyId: z.string().nullable() }),
    ])
    .describe('Whom the escalation went to'),
  reason: z.string(),
  status: z.enum(['proposed', ...ACCOUNTABILITY_VERDICTS]),
  proposedAt: instant,
  proposedBy: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: instant.nullable(),
  decisionReason: z.string().nullable(),
  lastEventAt: instant,
});

/** The accountability proposal API. */
export const ACCOUNTABILITY: StreamApi<'accountability'> = {
  kind: 'accountability',
  base: '/api/v1/accountability-proposals',
  tag: 'accountability',
  noun: 'accountability proposal',
  schema: accountabilitySchema,
  represent: (proposal: string, v: number, s: StateOf<'accountability'>): z.infer<typeof accountabilitySchema> => ({
    id: proposal,
    version: v,
    assignmentId: s.assignmentId,
    subjectId: s.subjectId,
    action: s.action,
    stepKey: s.stepKey,
    level: s.level,
    policyId: s.policyId,
    policyVersion: s.policyVersion,
    addressee: { ...s.addressee },
    reason: s.reason,
    status: s.status,
    proposedAt: s.proposedAt,
    proposedBy: s.proposedBy,
    decidedBy: s.decidedBy,
    decidedAt: s.decidedAt,
    decisionReason: s.decisionReason,
    lastEventAt: s.lastEventAt,
  }),
};

// ————————————————————————————————————————————— the urgent demand

/** An assignment as issuing answers it, with the urgent demand's record (its documents, the copy to the control office, the statement). */
export const urgentAssignmentSchema = assignmentSchema.extend({
  urgentDemand: z
    .object({
      competentUnitId: z.string(),
      documents: z.array(documentSchema),
      copyTo: z.object({ id: z.string(), kind: z.enum(['unit', 'person']) }),
      statement: z.string(),
    })
    .nullable(),
});

/** An urgent assignment as the API answers its creation. */
export function urgentRepresentation(asg: string, v: number, s: AssignmentState): z.infer<typeof urgentAssignmentSchema> {
  const u = s.urgentDemand;
  return {
    ...s,
    id: asg,
    version: v,
    counts: { ...s.counts },
    urgentDemand: u === null ? null : { competentUnitId: u.competentUnitId, documents: u.documents.map((d) => ({ ...d })), copyTo: { ...u.copyTo }, statement: u.statement },
  };
}

