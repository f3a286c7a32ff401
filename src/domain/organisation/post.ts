/**
 * Posts: a unit, a title, a domain and at most one holder at a time (since when, for tenure); and
 * the profile a post declares for the choice of people (F9): the domains of its work with their
 * weights, the floors its holder's record must reach, the territory it serves.
 */
import type { EventData, StreamEvent } from '../event.js';
import { firstFailure, PASS, requireNotBefore, requireText } from '../guards.js';
import type { PartyRef } from '../ids.js';
import { fail, ok, type Result } from '../result.js';
import type { Instant } from '../time.js';

/** Events of a post stream. */
export type PostEvent =
  | EventData<'post.created', { readonly unitId: string; readonly title: string; readonly domain: string; readonly head: boolean }>
  | EventData<'post.holder-appointed', { readonly personId: string }>
  | EventData<'post.vacated', Record<string, never>>
  | EventData<'post.profile-declared', PostProfileDeclaration>;

/** What a post declares it needs: its domains (weights summing to 1), floors on its holder's record, its territory. */
export interface PostProfileDeclaration {
  readonly domains: readonly { readonly domain: string; readonly weight: number }[];
  readonly minVerified: number;
  readonly minFirstTime: number | null;
  readonly minOnTime: number | null;
  readonly territory: string | null;
}

/** A post as folded from its events. */
export interface PostState {
  readonly unitId: string;
  readonly title: string;
  readonly domain: string;
  readonly head: boolean;
  readonly holderId: string | null;
  /** When the holder was appointed (null while vacant; absent in states folded before it was kept). */
  readonly holderSince?: Instant | null;
  /** The declared profile; absent until one is declared (the post's domain then counts alone, with no floor). */
  readonly profile?: PostProfileDeclaration;
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

/**
 * Decides a post's profile: at least one domain, each named once with a weight above 0; the weights
 * are normalised to sum to 1; floors are rates between 0 and 1 and a count of at least 0.
 */
export function declareProfile(s: PostState, input: PostProfileDeclaration, at: Instant): Result<PostEvent[]> {
  const domains = input.domains.map((d) => ({ domain: d.domain.trim(), weight: d.weight }));
  const names = domains.map((d) => d.domain);
  const rate = (r: number | null): boolean => r === null || (Number.isFinite(r) && r >= 0 && r <= 1);
  const checks = firstFailure(
    () => requireNotBefore(at, s.lastEventAt),
    () => (domains.length > 0 ? PASS : fail('POST_PROFILE_INVALID', 'a post profile names at least one domain')),
    () => (names.every((n) => n !== '') && new Set(names).size === names.length ? PASS : fail('POST_PROFILE_INVALID', 'each domain of a post profile is named, once')),
    () => (domains.every((d) => Number.isFinite(d.weight) && d.weight > 0) ? PASS : fail('POST_PROFILE_INVALID', 'each domain of a post profile weighs more than 0')),
    () => (Number.isInteger(input.minVerified) && input.minVerified >= 0 ? PASS : fail('POST_PROFILE_INVALID', 'the minimum of verified cases is a whole number, 0 or more')),
    () => (rate(input.minFirstTime) && rate(input.minOnTime) ? PASS : fail('POST_PROFILE_INVALID', 'a floor on a rate is between 0 and 1')),
  );
  if (!checks.ok) return checks;
  const sum = domains.reduce((a, d) => a + d.weight, 0);
  const territory = input.territory?.trim() || null;
  const profile: PostProfileDeclaration = { domains: domains.map((d) => ({ domain: d.domain, weight: d.weight / sum })), minVerified: input.minVerified, minFirstTime: input.minFirstTime, minOnTime: input.minOnTime, territory };
  return ok([{ type: 'post.profile-declared', payload: profile }]);
}

/** Folds a post event. */
export function evolvePost(s: PostState | undefined, e: StreamEvent<PostEvent>): PostState {
  if (e.type === 'post.created') return { ...e.payload, holderId: null, holderSince: null, lastEventAt: e.at };
  if (s === undefined) throw new Error(`${e.type} before post.created`);
  switch (e.type) {
    case 'post.holder-appointed':
      return { ...s, holderId: e.payload.personId, holderSince: e.at, lastEventAt: e.at };
    case 'post.vacated':
      return { ...s, holderId: null, holderSince: null, lastEventAt: e.at };
    case 'post.profile-declared':
      return { ...s, profile: e.payload, lastEventAt: e.at };
  }
}

/** Checks the title of a head post (used when a unit is created with its head post). */
export function headPostTitle(unitName: string, title: string | undefined): string {
  return title !== undefined && title.trim() !== '' ? title.trim() : `Head of ${unitName.trim()}`;
}

