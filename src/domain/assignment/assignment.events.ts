/** The facts of an assignment's life. Each is appended to the assignment's own stream. */
import type { EventData } from '../event.js';
import type { Instant } from '../time.js';
import type { Evidence } from './evidence.js';

/** How urgent an assignment is. */
export type Urgency = 'normal' | 'urgent';

/** The urgent protocol's own record (F6), carried by the `assignment.issued` of an urgent demand. */
export interface UrgentDemandBlock {
  /** The unit competent for the matter; the owner sits in it. */
  readonly competentUnitId: string;
  /** The copies of the reports the demand came with. */
  readonly documents: readonly Extract<Evidence, { kind: 'document' }>[];
  /** The execution-control office that received the copy. */
  readonly copyTo: { readonly id: string; readonly kind: 'unit' | 'person' };
  /** The requester's statement that delay will be pursued. */
  readonly statement: string;
}

/** Payload of `assignment.issued`: everything that defines the work and its parties. */
export interface IssuedPayload {
  readonly decisionId: string;
  readonly parentId: string | null;
  readonly title: string;
  readonly definitionOfDone: string;
  readonly domain: string;
  readonly deadline: Instant;
  readonly urgency: Urgency;
  readonly issuerId: string;
  readonly ownerId: string;
  readonly verifierId: string;
  readonly controllerId: string | null;
  readonly coExecutorIds: readonly string[];
  /** The unit of each person named above, as it stood at issue: hours are counted against it. */
  readonly units: Readonly<Record<string, string>>;
  /** Present when the assignment was issued as an urgent demand (F6). */
  readonly urgentDemand?: UrgentDemandBlock;
}

/** Every event an assignment stream can hold. */
export type AssignmentEvent =
  | EventData<'assignment.issued', IssuedPayload>
  | EventData<'assignment.accepted', Record<string, never>>
  | EventData<'assignment.handover-offered', { readonly to: string; readonly toUnit: string; readonly reason: string }>
  | EventData<'assignment.handover-accepted', Record<string, never>>
  | EventData<'assignment.handover-refused', { readonly reason: string }>
  | EventData<'assignment.transfer-requested', { readonly to: string; readonly toUnit: string; readonly reason: string }>
  | EventData<'assignment.transfer-accepted', Record<string, never>>
  | EventData<'assignment.transfer-refused', { readonly reason: string }>
  | EventData<'assignment.extension-requested', { readonly deadline: Instant; readonly reason: string }>
  | EventData<'assignment.extension-granted', { readonly deadline: Instant }>
  | EventData<'assignment.extension-refused', { readonly reason: string }>
  | EventData<'assignment.submitted', { readonly evidence: readonly Evidence[]; readonly note?: string }>
  | EventData<'assignment.verified', { readonly note?: string }>
  | EventData<'assignment.rejected', { readonly reasons: readonly string[] }>
  | EventData<'assignment.cancelled', { readonly reason: string }>
  | EventData<'assignment.reopened', { readonly reason: string }>
  /** `stepKey`: the ladder step that escalated it (absent when a person did). */
  | EventData<'assignment.escalated', { readonly level: number; readonly to: string; readonly toUnit: string | null; readonly reason: string; readonly stepKey?: string }>
  /** The ladder told someone: a reminder before the deadline to the holder, or the controller at the deadline (F5). */
  | EventData<'assignment.reminded', { readonly stepKey: string; readonly step: string; readonly to: string }>
  /** A beneficiary, through a signed link, says the work reached them. */
  | EventData<'assignment.beneficiary-confirmed', { readonly linkId: string; readonly beneficiary: string; readonly comment: string }>
  /** A beneficiary says it did not: the question goes back to the verifier. */
  | EventData<'assignment.beneficiary-disputed', { readonly linkId: string; readonly beneficiary: string; readonly comment: string }>;

/** The type names of assignment events. */
export type AssignmentEventType = AssignmentEvent['type'];
