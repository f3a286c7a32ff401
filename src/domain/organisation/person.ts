/** People: the only parties who can own, hold, verify or control work. */
import type { EventData, StreamEvent } from '../event.js';
import { firstFailure, PASS, requireText } from '../guards.js';
import type { PartyRef } from '../ids.js';
import { fail, ok, type Result } from '../result.js';
import type { Instant } from '../time.js';

/** Events of a person stream. */
export type PersonEvent = EventData<'person.registered', { readonly name: string; readonly unitId: string; readonly email: string | null }>;

/** A person as folded from their events. */
export interface PersonState {
  readonly name: string;
  readonly unitId: string;
  readonly email: string | null;
  readonly lastEventAt: Instant;
}

/** Decides the registration of a person in a unit. */
export function registerPerson(input: { readonly name: string; readonly unit: PartyRef; readonly email?: string | null | undefined }): Result<PersonEvent[]> {
  const checks = firstFailure(
    () => requireText(input.name, 'NAME_REQUIRED', "a person's name"),
    () => (input.unit.kind === 'unit' ? PASS : fail('UNIT_PARENT_INVALID', `a person belongs to a unit, not a ${input.unit.kind}`)),
  );
  if (!checks.ok) return checks;
  return ok([{ type: 'person.registered', payload: { name: input.name.trim(), unitId: input.unit.id, email: input.email?.trim() || null } }]);
}

/** Folds a person event. */
export function evolvePerson(_state: PersonState | undefined, e: StreamEvent<PersonEvent>): PersonState {
  return { name: e.payload.name, unitId: e.payload.unitId, email: e.payload.email, lastEventAt: e.at };
}
