/** Decisions of a body (F1): a number unique within the body, a date, a title and the text. */
import type { EventData, StreamEvent } from './event.js';
import { firstFailure, PASS, requireText } from './guards.js';
import type { PartyRef } from './ids.js';
import { fail, ok, type Result } from './result.js';
import { isCalendarDate, type CalendarDate, type Instant } from './time.js';

/** Events of a decision stream. */
export type DecisionEvent = EventData<
  'decision.registered',
  { readonly bodyId: string; readonly number: string; readonly date: CalendarDate; readonly title: string; readonly text: string }
>;

/** A decision as folded from its events. */
export interface DecisionState {
  readonly bodyId: string;
  readonly number: string;
  readonly date: CalendarDate;
  readonly title: string;
  readonly text: string;
  readonly registeredAt: Instant;
  readonly lastEventAt: Instant;
}

/** Decides the registration of a decision; `numberTaken` tells whether the body already used the number. */
export function registerDecision(input: {
  readonly body: PartyRef;
  readonly number: string;
  readonly date: string;
  readonly title: string;
  readonly text: string;
  readonly numberTaken: boolean;
}): Result<DecisionEvent[]> {
  const checks = firstFailure(
    () => (input.body.kind === 'body' ? PASS : fail('NOT_PERMITTED', `only a body takes decisions, not a ${input.body.kind}`)),
    () => requireText(input.number, 'DECISION_NUMBER_REQUIRED', 'a decision number'),
    () => (isCalendarDate(input.date) ? PASS : fail('DATE_INVALID', `not a date (YYYY-MM-DD): ${input.date}`)),
    () => requireText(input.title, 'TITLE_REQUIRED', 'a title'),
    () => (input.numberTaken ? fail('DECISION_NUMBER_TAKEN', `the body already has a decision numbered ${input.number}`) : PASS),
  );
  if (!checks.ok) return checks;
  return ok([
    { type: 'decision.registered', payload: { bodyId: input.body.id, number: input.number.trim(), date: input.date, title: input.title.trim(), text: input.text.trim() } },
  ]);
}

/** Folds a decision event. */
export function evolveDecision(_s: DecisionState | undefined, e: StreamEvent<DecisionEvent>): DecisionState {
  return { ...e.payload, registeredAt: e.at, lastEventAt: e.at };
}
