/**
 * The shapes the API answers with, inferred from the very zod schemas that the server validates
 * and documents them with (type-only imports: nothing of the server is bundled).
 */
import type { z } from 'zod';
import type { assignmentPageSchema, assignmentSchema, caseEventSchema, caseEventsSchema, ledgerSchema } from '../../../src/http/routes/assignment.schemas.js';
import type { recordStatusSchema } from '../../../src/http/routes/record.schemas.js';
import type { bodySchema, decisionSchema, personSchema, unitSchema } from '../../../src/http/routes/organisation.schemas.js';
import type { censusSchema, domainRecordSchema, fitnessSchema, mismatchesSchema, personRecordSchema, proposalSchema, rateSchema } from '../../../src/http/routes/people-choice.schemas.js';

/** One assignment as GET /assignments/{id} gives it. */
export type Assignment = z.infer<typeof assignmentSchema>;
/** A page of assignments. */
export type AssignmentPage = z.infer<typeof assignmentPageSchema>;
/** The hour ledger of a case. */
export type Ledger = z.infer<typeof ledgerSchema>;
/** One event of a case with its hash chain. */
export type CaseEvent = z.infer<typeof caseEventSchema>;
/** A case's events (GET /assignments/{id}/events). */
export type CaseEvents = z.infer<typeof caseEventsSchema>;
/** The record's verification status (GET /record/status). */
export type RecordStatus = z.infer<typeof recordStatusSchema>;
/** A decision. */
export type Decision = z.infer<typeof decisionSchema>;
/** A person, with their roles. */
export type Person = z.infer<typeof personSchema>;
/** A unit. */
export type Unit = z.infer<typeof unitSchema>;
/** A body. */
export type Body = z.infer<typeof bodySchema>;
/** A rate with its 95% Wilson interval and its estimate shrunk toward the unit's mean. */
export type RateEstimate = z.infer<typeof rateSchema>;
/** A person's record in one domain ('*': every domain). */
export type DomainRecord = z.infer<typeof domainRecordSchema>;
/** A person's record per domain with the posts they hold (GET /people/{id}/record). */
export type PersonRecord = z.infer<typeof personRecordSchema>;
/** The census of responsible people and their groups (GET /census). */
export type Census = z.infer<typeof censusSchema>;
/** Holders who do not master their post's domain (GET /mismatches). */
export type Mismatches = z.infer<typeof mismatchesSchema>;
/** A candidate's fitness for a post, term by term. */
export type Fitness = z.infer<typeof fitnessSchema>;
/** A placement proposal with its proof (GET /placement). */
export type Proposal = z.infer<typeof proposalSchema>;
/** A page of anything listed by id. */
export interface Page<T> {
  readonly items: T[];
  readonly next: string | null;
}

/** Who is signed in. */
export interface SessionInfo {
  readonly personId: string;
  readonly accountId: string;
  readonly via: 'session' | 'token';
  readonly csrfToken: string | null;
}
