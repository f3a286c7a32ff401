/** Committees advise; they have a mandate, a chair, members and a sunset date, and can never own work (F2, F8). */
import type { EventData, StreamEvent } from '../event.js';
import { firstFailure, PASS, requireNotBefore, requireText } from '../guards.js';
import type { PartyRef } from '../ids.js';
import { fail, ok, type Result } from '../result.js';
import { isCalendarDate, type CalendarDate, type Instant } from '../time.js';

/** Events of a committee stream. */
export type CommitteeEvent =
  | EventData<
      'committee.created',
      { readonly name: string; readonly mandate: string; readonly chairId: string; readonly memberIds: readonly string[]; readonly sunset: CalendarDate; readonly bodyId: string | null }
    >
  | EventData<'committee.dissolved', { readonly reason: string }>;

/** A committee as folded from its events. */
export interface CommitteeState {
  readonly name: string;
  readonly mandate: string;
  readonly chairId: string;
  readonly memberIds: readonly string[];
  readonly sunset: CalendarDate;
  readonly bodyId: string | null;
  readonly createdAt: Instant;
  readonly dissolvedAt: Instant | null;
  readonly lastEventAt: Instant;
}

/** Decides the creation of a committee: a mandate, a person in the chair, members who are people, a sunset after today. */
export function createCommittee(
  input: { readonly name: string; readonly mandate: string; readonly chair: PartyRef | undefined; readonly members: readonly PartyRef[]; readonly sunset: string; readonly body: PartyRef | null },
  at: Instant,
): Result<CommitteeEvent[]> {
  const { chair } = input;
  const checks = firstFailure(
    () => requireText(input.name, 'NAME_REQUIRED', 'a committee name'),
    () => requireText(input.mandate, 'NAME_REQUIRED', 'a mandate'),
    () => (chair !== undefined && chair.kind === 'person' ? PASS : fail('COMMITTEE_CHAIR_REQUIRED', 'a committee needs a chair who is a person')),
    () => (input.members.every((m) => m.kind === 'person') ? PASS : fail('PARTY_NOT_A_PERSON', 'committee members are people')),
    () => (isCalendarDate(input.sunset) ? PASS : fail('COMMITTEE_SUNSET_INVALID', `not a date (YYYY-MM-DD): ${input.sunset}`)),
    () => (input.sunset > at.slice(0, 10) ? PASS : fail('COMMITTEE_SUNSET_INVALID', 'the sunset date must be after the creation date')),
    () => (input.body === null || input.body.kind === 'body' ? PASS : fail('UNIT_PARENT_INVALID', 'a committee reports to a body')),
  );
  if (!checks.ok || chair === undefined) return checks.ok ? fail('COMMITTEE_CHAIR_REQUIRED', 'a committee needs a chair') : checks;
  const memberIds = [...new Set([chair.id, ...input.members.map((m) => m.id)])];
  return ok([
    {
      type: 'committee.created',
      payload: { name: input.name.trim(), mandate: input.mandate.trim(), chairId: chair.id, memberIds, sunset: input.sunset, bodyId: input.body?.id ?? null },
    },
  ]);
}

/** Decides the dissolution of a committee, with a reason. */
export function dissolveCommittee(s: CommitteeState, reason: string, at: Instant): Result<CommitteeEvent[]> {
  const checks = firstFailure(
    () => requireNotBefore(at, s.lastEventAt),
    () => (s.dissolvedAt === null ? PASS : fail('INVALID_TRANSITION', 'the committee is already dissolved')),
    () => requireText(reason, 'REASON_REQUIRED', 'a reason for the dissolution'),
  );
  return checks.ok ? ok([{ type: 'committee.dissolved', payload: { reason: reason.trim() } }]) : checks;
}

/** Folds a committee event. */
export function evolveCommittee(s: CommitteeState | undefined, e: StreamEvent<CommitteeEvent>): CommitteeState {
  if (e.type === 'committee.created') return { ...e.payload, createdAt: e.at, dissolvedAt: null, lastEventAt: e.at };
  if (s === undefined) throw new Error('committee.dissolved before committee.created');
  return { ...s, dissolvedAt: e.at, lastEventAt: e.at };
}
