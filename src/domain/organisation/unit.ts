/** Units form a tree; each has a head post. A unit never owns work (F2). */
import type { EventData, StreamEvent } from '../event.js';
import { firstFailure, PASS, requireText } from '../guards.js';
import type { PartyRef } from '../ids.js';
import { fail, ok, type Result } from '../result.js';
import type { Instant } from '../time.js';

/** Events of a unit stream. */
export type UnitEvent = EventData<'unit.created', { readonly name: string; readonly parentId: string | null; readonly headPostId: string }>;

/** A unit as folded from its events. */
export interface UnitState {
  readonly name: string;
  readonly parentId: string | null;
  readonly headPostId: string;
  readonly lastEventAt: Instant;
}

/** Decides the creation of a unit under an optional parent unit, with the id of its head post. */
export function createUnit(input: { readonly name: string; readonly parent: PartyRef | null; readonly headPostId: string }): Result<UnitEvent[]> {
  const checks = firstFailure(
    () => requireText(input.name, 'NAME_REQUIRED', 'a unit name'),
    () => (input.parent === null || input.parent.kind === 'unit' ? PASS : fail('UNIT_PARENT_INVALID', `a unit's parent must be a unit, not a ${input.parent.kind}`)),
  );
  if (!checks.ok) return checks;
  return ok([{ type: 'unit.created', payload: { name: input.name.trim(), parentId: input.parent?.id ?? null, headPostId: input.headPostId } }]);
}

/** Folds a unit event. */
export function evolveUnit(_state: UnitState | undefined, e: StreamEvent<UnitEvent>): UnitState {
  return { name: e.payload.name, parentId: e.payload.parentId, headPostId: e.payload.headPostId, lastEventAt: e.at };
}
