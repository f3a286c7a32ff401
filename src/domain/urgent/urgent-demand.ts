/**
 * The urgent demand (F6): "téléphonez … faites tenir une copie à Tsiouroupa … je considère le
 * marché comme urgent". A documented request to the competent unit, with a person answerable
 * there, a short deadline, a copy to the execution-control office and the requester's statement
 * that delay will be pursued. Without its documents it is refused ("bring the copy of the
 * report"). The output is the data of an urgent `assignment.issued` plus an `urgentDemand` block;
 * the application turns it into events. `urgentLadder` is the ladder such a case climbs: at the
 * first delay.
 */
import { issue, type CommandContext, type IssueInput } from '../assignment/assignment.rules.js';
import type { IssuedPayload, UrgentDemandBlock } from '../assignment/assignment.events.js';
import { checkEvidence, type Evidence } from '../assignment/evidence.js';
import type { DomainError } from '../errors.js';
import type { PartyRef } from '../ids.js';
import { checkLadderRules, type LadderRules } from '../ladder/ladder-policy.js';
import { type Result, fail, ok } from '../result.js';
import { parseInstant, toMs } from '../time.js';

/** An urgent demand as submitted: the assignment's data (urgency aside) and the urgent protocol's own. */
export interface UrgentDemandInput extends Omit<IssueInput, 'urgency'> {
  /** The unit competent for the matter; the owner must sit in it. */
  readonly competentUnit: PartyRef | undefined;
  /** The copies of the reports: only documents with their sha256, at least one. */
  readonly documents: readonly Evidence[];
  /** The execution-control office that receives the copy (a unit or a person). */
  readonly copyTo: PartyRef | undefined;
  /** The requester's statement that delay will be pursued. */
  readonly statement: string;
  /** The longest lead an urgent demand may give, in milliseconds (configured; e.g. 2 working days). */
  readonly maxLeadMs: number;
  /** The lead as the caller measured it (e.g. working ms in the owner's calendar); default: elapsed ms from now to the deadline. */
  readonly leadMs?: number | undefined;
}

/** The urgent protocol's own record, carried by the issued assignment. */
export type { UrgentDemandBlock };

/** What an accepted urgent demand produces: the payload of `assignment.issued` (urgent) and the urgent block. */
export interface UrgentDemand {
  readonly issued: IssuedPayload & { readonly urgency: 'urgent' };
  readonly urgentDemand: UrgentDemandBlock;
}

function documentsOf(items: readonly Evidence[]): Result<UrgentDemandBlock['documents'], DomainError> {
  const docs = items.filter((i): i is Extract<Evidence, { kind: 'document' }> => i.kind === 'document');
  if (docs.length === 0) return fail('DOCUMENTS_REQUIRED', 'an urgent demand comes with its documents: bring the copy of the report');
  if (docs.length !== items.length) return fail('DOCUMENTS_REQUIRED', 'an urgent demand carries documents only (with their sha256), not figures, links or texts: bring the copy of the report');
  const valid = checkEvidence(docs);
  return valid.ok ? ok(docs) : valid;
}

/**
 * Decides an urgent demand. Refused (first failure wins) when the competent unit is missing or not
 * a unit, the documents are missing, the deadline is further than `maxLeadMs`, the copy to the
 * control office or the statement is missing, the owner is not in the competent unit, or the
 * assignment itself could not be issued (the codes of `issue`).
 */
export function demandUrgently(input: UrgentDemandInput, ctx: CommandContext): Result<UrgentDemand, DomainError> {
  if (!(Number.isFinite(input.maxLeadMs) && input.maxLeadMs > 0)) throw new RangeError(`maxLeadMs must be a positive number of milliseconds, not ${input.maxLeadMs}`);
  const unit = input.competentUnit;
  if (unit === undefined || unit.kind !== 'unit') {
    return fail('COMPETENT_UNIT_REQUIRED', unit === undefined ? 'an urgent demand goes to the competent unit: name it' : `the competent level is a unit, not a ${unit.kind} (${unit.id})`);
  }
  const documents = documentsOf(input.documents);
  if (!documents.ok) return documents;
  const deadline = input.deadline === undefined ? undefined : parseInstant(input.deadline);
  if (deadline !== undefined) {
    const lead = input.leadMs ?? toMs(deadline) - toMs(ctx.at);
    if (lead > input.maxLeadMs) {
      return fail('DEADLINE_TOO_LONG_FOR_URGENT', `an urgent demand is due within ${input.maxLeadMs} ms; ${deadline} is ${lead} ms away: shorten it, or issue an ordinary assignment`, {
        deadline,
        leadMs: lead,
        maxLeadMs: input.maxLeadMs,
      });
    }
  }
  const copy = input.copyTo;
  if (copy === undefined || (copy.kind !== 'unit' && copy.kind !== 'person')) {
    return fail('COPY_TO_CONTROL_REQUIRED', copy === undefined ? 'a copy goes to the execution-control office: name it (a unit or a person)' : `the copy goes to a unit or a person, not a ${copy.kind} (${copy.id})`);
  }
  if (input.statement.trim() === '') return fail('STATEMENT_REQUIRED', 'state that delay will be pursued: an urgent demand says so in writing');
  const owner = input.owner;
  if (owner?.kind === 'person' && owner.unitId !== undefined && owner.unitId !== unit.id) {
    return fail('OWNER_NOT_IN_COMPETENT_UNIT', `the person answerable (${owner.id}) sits in ${owner.unitId}, not in the competent unit ${unit.id}`, { ownerId: owner.id, unitId: owner.unitId, competentUnitId: unit.id });
  }
  const issued = issue({ ...input, urgency: 'urgent' }, ctx);
  if (!issued.ok) return issued;
  const event = issued.value[0];
  if (event?.type !== 'assignment.issued') throw new Error('issue produced no assignment.issued');
  return ok({
    issued: { ...event.payload, urgency: 'urgent' },
    urgentDemand: { competentUnitId: unit.id, documents: documents.value, copyTo: { id: copy.id, kind: copy.kind }, statement: input.statement.trim() },
  });
}

/** The default wait, in working hours, between the superior's step and the body's on an urgent case. */
export const URGENT_BODY_AFTER_HOURS = 4;

/**
 * The ladder of an urgent case, derived from the policy in force (or none): the superior is told
 * at the first delay (0 working hours after the deadline), the body `bodyAfterHours` working hours
 * later; the actions and body of the base policy are kept, and only its reminders counted in
 * working hours (a day-ahead reminder makes no sense on a short deadline). Valid LadderRules, or
 * LADDER_POLICY_INVALID (e.g. bodyAfterHours < 1).
 */
export function urgentLadder(base: LadderRules | null, bodyAfterHours: number = URGENT_BODY_AFTER_HOURS): Result<LadderRules, DomainError> {
  return checkLadderRules({
    reminders: (base?.reminders ?? []).filter((r) => r.unit === 'working-hours'),
    superior: { after: { amount: 0, unit: 'working-hours' }, action: base?.superior?.action ?? null },
    body: { after: { amount: bodyAfterHours, unit: 'working-hours' }, action: base?.body?.action ?? null, bodyId: base?.body?.bodyId ?? null },
  });
}
