/** Bodies take decisions; each has a level, and a body may sit above others (level 1 is the top). */
import type { EventData, StreamEvent } from '../event.js';
import { firstFailure, PASS, requireText } from '../guards.js';
import type { PartyRef } from '../ids.js';
import { fail, ok, type Result } from '../result.js';
import type { Instant } from '../time.js';

/** Events of a body stream. */
export type BodyEvent = EventData<'body.created', { readonly name: string; readonly level: number; readonly parentId: string | null }>;

/** A body as folded from its events. */
export interface BodyState {
  readonly name: string;
  readonly level: number;
  readonly parentId: string | null;
  readonly lastEventAt: Instant;
}

/** Decides the creation of a body at a level, under an optional body above it (of a smaller level). */
export function createBody(input: { readonly name: string; readonly level: number; readonly parent: { readonly ref: PartyRef; readonly level: number } | null }): Result<BodyEvent[]> {
  const { parent } = input;
  const checks = firstFailure(
    () => requireText(input.name, 'NAME_REQUIRED', 'a body name'),
    () => (Number.isInteger(input.level) && input.level >= 1 ? PASS : fail('BODY_LEVEL_INVALID', 'a body level is a whole number from 1 (the top)')),
    () => (parent === null || parent.ref.kind === 'body' ? PASS : fail('BODY_LEVEL_INVALID', `the body above must be a body, not a ${parent.ref.kind}`)),
    () => (parent === null || parent.level < input.level ? PASS : fail('BODY_LEVEL_INVALID', `the body above sits at level ${parent.level}; this one must be below it`)),
  );
  if (!checks.ok) return checks;
  return ok([{ type: 'body.created', payload: { name: input.name.trim(), level: input.level, parentId: parent?.ref.id ?? null } }]);
}

/** Folds a body event. */
export function evolveBody(_s: BodyState | undefined, e: StreamEvent<BodyEvent>): BodyState {
  return { ...e.payload, lastEventAt: e.at };
}
