/** Posts: a unit, a title, a domain and at most one holder at a time. */
import type { EventData, StreamEvent } from '../event.js';
import { firstFailure, PASS, requireNotBefore, requireText } from '../guards.js';
import type { PartyRef } from '../ids.js';
import { fail, ok, type Result } from '../result.js';
import type { Instant } from '../time.js';

/** Events of a post stream. */
export type PostEvent =
  | EventData<'post.created', { readonly unitId: string; readonly title: string; readonly domain: string; readonly head: boolean }>
  | EventData<'post.holder-appointed', { readonly personId: string }>
  | EventData<'post.vacated', Record<string, never>>;

/** A post as folded from its events. */
export interface PostState {
  readonly unitId: string;
  readonly title: string;
  readonly domain: string;
  readonly head: boolean;
  readonly holderId: string | null;
  readonly lastEventAt: Instant;
}

/** Decides the creation of a post in a unit. */
export function createPost(input: { readonly unit: PartyRef; readonly title: string; readonly domain: string; readonly head: boolean }): Result<PostEvent[]> {
  const checks = firstFailure(
    () => requireText(input.title, 'NAME_REQUIRED', 'a post title'),
    () => (input.unit.kind === 'unit' ? PASS : fail('UNIT_PARENT_INVALID', `a post belongs to a unit, not a ${input.unit.kind}`)),
  );
  if (!checks.ok) return checks;
  return ok([{ type: 'post.created', payload: { unitId: input.unit.id, title: input.title.trim(), domain: input.domain.trim(), head: input.head } }]);
}

/** Decides the appointment of a person to a post (replacing any holder). */
export function appointHolder(s: PostState, holder: PartyRef, at: Instant): Result<PostEvent[]> {
  const checks = firstFailure(
    () => requireNotBefore(at, s.lastEventAt),
    () => (holder.kind === 'person' ? PASS : fail('POST_HOLDER_INVALID', `a post is held by a person, not a ${holder.kind}`)),
  );
  if (!checks.ok) return checks;
  return ok([{ type: 'post.holder-appointed', payload: { personId: holder.id } }]);
}

/** Decides that a post becomes vacant. */
export function vacatePost(s: PostState, at: Instant): Result<PostEvent[]> {
  const checks = firstFailure(
    () => requireNotBefore(at, s.lastEventAt),
    () => (s.holderId !== null ? PASS : fail('INVALID_TRANSITION', 'the post is already vacant')),
  );
  return checks.ok ? ok([{ type: 'post.vacated', payload: {} }]) : checks;
}

/** Folds a post event. */
export function evolvePost(s: PostState | undefined, e: StreamEvent<PostEvent>): PostState {
  if (e.type === 'post.created') return { ...e.payload, holderId: null, lastEventAt: e.at };
  if (s === undefined) throw new Error(`${e.type} before post.created`);
  return e.type === 'post.holder-appointed' ? { ...s, holderId: e.payload.personId, lastEventAt: e.at } : { ...s, holderId: null, lastEventAt: e.at };
}

/** Checks the title of a head post (used when a unit is created with its head post). */
export function headPostTitle(unitName: string, title: string | undefined): string {
  return title !== undefined && title.trim() !== '' ? title.trim() : `Head of ${unitName.trim()}`;
}

