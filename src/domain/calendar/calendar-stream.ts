/**
 * A calendar as a versioned stream: one stream per scope (the organisation, or one unit), defined
 * once, revised any number of times (each revision a new version), retired when the scope goes back
 * to what it inherits. The record keeps every version; the state holds the one in force.
 */
import type { EventData, StreamEvent } from '../event.js';
import { requireNotBefore, requireText } from '../guards.js';
import type { PartyRef } from '../ids.js';
import { type Result, fail, ok } from '../result.js';
import type { Instant } from '../time.js';
import { checkCalendarDefinition, type CalendarDefinition, type CalendarProblem, type CalendarDefinitionInput, type CalendarSet } from './calendar-definition.js';
import type { DomainError } from '../errors.js';

/** Events of a calendar stream; `version` counts from 1 and grows by one with each revision. */
export type CalendarEvent =
  | EventData<'calendar.defined', { readonly unitId: string | null; readonly version: number; readonly definition: CalendarDefinition }>
  | EventData<'calendar.revised', { readonly version: number; readonly definition: CalendarDefinition }>
  | EventData<'calendar.retired', { readonly reason: string }>;

/** A calendar as folded from its events: its scope (null = the organisation) and the version in force. */
export interface CalendarState {
  readonly unitId: string | null;
  readonly version: number;
  readonly definition: CalendarDefinition;
  readonly definedAt: Instant;
  /** When the calendar was retired; null while it is in force. */
  readonly retiredAt: Instant | null;
  readonly lastEventAt: Instant;
}

/** The decided events of a calendar command. */
export type CalendarDecision = Result<CalendarEvent[], DomainError>;

/**
 * Decides a new calendar for the organisation (scope null) or a unit. `scopeTaken` says whether
 * that scope already has a calendar in force (the application looks it up).
 */
export function defineCalendar(input: { readonly scope: PartyRef | null; readonly definition: CalendarDefinitionInput; readonly scopeTaken: boolean }): CalendarDecision {
  const { scope } = input;
  if (scope !== null && scope.kind !== 'unit')
    return fail('CALENDAR_INVALID', `a calendar belongs to the organisation or to a unit, not to a ${scope.kind}`, {
      problems: [{ path: 'scope', issue: 'SCOPE_NOT_A_UNIT', message: `${scope.id} is a ${scope.kind}` } satisfies CalendarProblem],
    });
  const checked = checkCalendarDefinition(input.definition);
  if (!checked.ok) return checked;
  if (input.scopeTaken) return fail('CALENDAR_SCOPE_TAKEN', `${scope === null ? 'the organisation' : scope.id} already has a calendar: revise it instead`, { unitId: scope?.id ?? null });
  return ok([{ type: 'calendar.defined', payload: { unitId: scope?.id ?? null, version: 1, definition: checked.value } }]);
}

function inForce(s: CalendarState, at: Instant, action: string): Result<void, DomainError> {
  if (s.retiredAt !== null) return fail('INVALID_TRANSITION', `cannot ${action} a calendar retired at ${s.retiredAt}`);
  return requireNotBefore(at, s.lastEventAt);
}

/** Decides a new version of a calendar in force; a revision that changes nothing is refused. */
export function reviseCalendar(s: CalendarState, input: { readonly definition: CalendarDefinitionInput }, at: Instant): CalendarDecision {
  const live = inForce(s, at, 'revise');
  if (!live.ok) return live;
  const checked = checkCalendarDefinition(input.definition);
  if (!checked.ok) return checked;
  if (JSON.stringify(checked.value) === JSON.stringify(s.definition))
    return fail('CALENDAR_INVALID', `the revision is identical to version ${s.version}`, {
      problems: [{ path: '', issue: 'UNCHANGED', message: 'nothing changes' } satisfies CalendarProblem],
    });
  return ok([{ type: 'calendar.revised', payload: { version: s.version + 1, definition: checked.value } }]);
}

/** Decides retiring a calendar, with a reason: its scope goes back to the calendar it inherits. */
export function retireCalendar(s: CalendarState, input: { readonly reason: string }, at: Instant): CalendarDecision {
  const live = inForce(s, at, 'retire');
  if (!live.ok) return live;
  const reason = requireText(input.reason, 'REASON_REQUIRED', 'a reason for retiring the calendar');
  if (!reason.ok) return reason;
  return ok([{ type: 'calendar.retired', payload: { reason: input.reason.trim() } }]);
}

/** Folds a calendar event. Throws only on an event the rules could never have produced. */
export function evolveCalendar(s: CalendarState | undefined, e: StreamEvent<CalendarEvent>): CalendarState {
  if (e.type === 'calendar.defined') {
    if (s !== undefined) throw new Error('calendar.defined on an existing calendar');
    return { unitId: e.payload.unitId, version: e.payload.version, definition: e.payload.definition, definedAt: e.at, retiredAt: null, lastEventAt: e.at };
  }
  if (s === undefined) throw new Error(`${e.type} before calendar.defined`);
  if (e.type === 'calendar.revised') return { ...s, version: e.payload.version, definition: e.payload.definition, lastEventAt: e.at };
  return { ...s, retiredAt: e.at, lastEventAt: e.at };
}

/** The calendars in force among calendar states (retired ones left out; for a scope defined twice, the later definition). */
export function calendarSetFrom(states: readonly CalendarState[]): CalendarSet {
  let organisation: CalendarState | null = null;
  const units: Record<string, CalendarState> = {};
  for (const s of states) {
    if (s.retiredAt !== null) continue;
    if (s.unitId === null) {
      if (organisation === null || s.definedAt >= organisation.definedAt) organisation = s;
    } else {
      const seen = Object.hasOwn(units, s.unitId) ? units[s.unitId] : undefined;
      if (seen === undefined || s.definedAt >= seen.definedAt) units[s.unitId] = s;
    }
  }
  return { organisation: organisation?.definition ?? null, units: Object.fromEntries(Object.entries(units).map(([id, s]) => [id, s.definition])) };
}
