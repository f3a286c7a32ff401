/**
 * The choice of people (F9) as a caller sees it: a person's record, the census, the mismatches and
 * a placement proposal. Records are computed over the whole organisation (people-facts.ts); what a
 * caller gets is limited to the people and posts of the units their roles cover (and their own
 * record). A unit asked for that the caller may not see is NOT_FOUND, like everywhere else.
 */
import type { Principal } from '../../domain/access/access-policy.js';
import { toInstant, type Instant } from '../../domain/time.js';
import { censusEntries, censusGroups, type CensusDimension, type CensusEntry, type CensusGroup } from '../../placement/census.js';
import { findMismatches, type Mismatch } from '../../placement/mismatch.js';
import type { PersonRecord, PostProfile } from '../../placement/people.js';
import { proposePlacement, type Candidate, type PostPerson, type Proposal } from '../../placement/proposal.js';
import type { Store } from '../../store/port.js';
import { readable } from '../access/gate.js';
import { visibilityOf } from '../access/principal.js';
import { appFail, type AppResult } from '../errors.js';
import { peopleFacts, type PeopleFacts, type PersonFact } from './people-facts.js';
import { visibleUnitsWithin } from './scope.js';

/** The people and posts a caller may see, within a unit's subtree when one is asked for. */
interface Scope {
  readonly facts: PeopleFacts;
  readonly people: readonly PersonFact[];
  readonly posts: readonly PostProfile[];
}

async function scopeOf(store: Store, principal: Principal, unitId: string | undefined, now: Instant): Promise<AppResult<Scope>> {
  const units = await visibleUnitsWithin(store, principal, unitId);
  if (!units.ok) return units;
  const visible = units.value;
  const facts = await peopleFacts(store, now);
  return {
    ok: true,
    value: { facts, people: facts.people.filter((p) => visible.has(p.unitId)), posts: facts.posts.filter((p) => visible.has(p.unitId)) },
  };
}

/** A person's record per domain and the posts they hold that the caller sees: NOT_FOUND unless the caller may see the person (themself, or a role over their unit). */
export async function personRecord(store: Store, principal: Principal, personId: string, now: number): Promise<AppResult<{ readonly name: string; readonly record: PersonRecord; readonly posts: readonly PostProfile[] }>> {
  const found = await readable(store.reads, principal, personId);
  if (!found.ok || found.value.kind !== 'person') return appFail('NOT_FOUND', `no person ${personId}`, { id: personId });
  const facts = await peopleFacts(store, toInstant(now));
  const person = facts.people.find((p) => p.personId === personId);
  const record = facts.records.people.get(personId) ?? { personId, unitId: person?.unitId ?? '', overall: facts.records.inDomain(personId, '*'), domains: [] };
  // Their posts: all of them for the person themself; for anyone else, those in units the caller sees.
  const visible = personId === principal.personId ? undefined : new Set((await visibilityOf(store, principal)).unitIds);
  const posts = facts.posts.filter((p) => p.holderId === personId && (visible === undefined || visible.has(p.unitId)));
  return { ok: true, value: { name: person?.name ?? personId, record, posts } };
}

/** What the census is asked: the dimension to group on, and optionally a unit's subtree. */
export interface CensusQuery {
  readonly by: CensusDimension;
  readonly unitId?: string;
  readonly now: number;
}

/** The census: the responsible people the caller sees (holding a post or owning a case), one entry each, and their groups. */
export interface Census {
  readonly asOf: Instant;
  readonly by: CensusDimension;
  readonly entries: readonly CensusEntry[];
  readonly groups: readonly CensusGroup[];
}

/** The census of the responsible people the caller sees; units are grouped under the top-most unit below the organisation's root. */
export async function census(store: Store, principal: Principal, query: CensusQuery): Promise<AppResult<Census>> {
  const now = toInstant(query.now);
  const scope = await scopeOf(store, principal, query.unitId, now);
  if (!scope.ok) return scope;
  const { facts, people, posts } = scope.value;
  // Only the posts the caller sees: a person of theirs holding a post elsewhere is counted without it.
  const entries = censusEntries(people, posts, facts.records, now);
  const groups = censusGroups(entries, query.by, facts.records, (unitId) => departmentOf(facts, unitId));
  return { ok: true, value: { asOf: now, by: query.by, entries, groups } };
}

/** The unit directly below the root that holds `unitId` (the root itself for the root). */
function departmentOf(facts: PeopleFacts, unitId: string): string {
  let at = facts.units.get(unitId);
  for (let guard = 0; at !== undefined && guard < facts.units.size; guard++) {
    const parent = at.parentId === null ? undefined : facts.units.get(at.parentId);
    if (parent === undefined || parent.parentId === null) return at.unitId;
    at = parent;
  }
  return unitId;
}

/** The holders the caller sees whose record shows they do not master their post's domain. */
export async function mismatches(store: Store, principal: Principal, query: { readonly unitId?: string; readonly now: number }): Promise<AppResult<{ readonly asOf: Instant; readonly items: readonly Mismatch[] }>> {
  const now = toInstant(query.now);
  const scope = await scopeOf(store, principal, query.unitId, now);
  if (!scope.ok) return scope;
  const { facts, posts } = scope.value;
  const visiblePosts = new Set(posts.map((p) => p.postId));
  // The better post may be any the caller sees; the holders judged are those of the posts in scope.
  const items = findMismatches(facts.records, posts).filter((m) => visiblePosts.has(m.postId));
  return { ok: true, value: { asOf: now, items } };
}

/** What a placement proposal is asked. */
export interface ProposalQuery {
  /** The unit whose subtree's posts are filled (default: every post the caller sees). */
  readonly unitId?: string;
  /** Only these posts (each must be in scope). */
  readonly postIds?: readonly string[];
  /** Only vacant posts. */
  readonly vacantOnly?: boolean;
  /** The candidates (each must be seen by the caller); default: the holders of the posts and the people in scope who hold no post. */
  readonly candidateIds?: readonly string[];
  readonly pins?: readonly PostPerson[];
  readonly excluded?: readonly PostPerson[];
  readonly sameTerritory?: boolean;
  readonly moveCost?: number;
  readonly now: number;
}

/** A proposal with the moment it was computed for. */
export interface ProposalView extends Proposal {
  readonly asOf: Instant;
}

/**
 * The best placement of the candidates in the posts (see proposePlacement). NOT_FOUND for a unit,
 * post or candidate the caller may not see; PLACEMENT_PINS_INFEASIBLE or PLACEMENT_INSTANCE_INVALID
 * when the constraints cannot hold.
 */
export async function placementProposal(store: Store, principal: Principal, query: ProposalQuery): Promise<AppResult<ProposalView>> {
  const now = toInstant(query.now);
  const scope = await scopeOf(store, principal, query.unitId, now);
  if (!scope.ok) return scope;
  const { facts } = scope.value;
  let posts = scope.value.posts;
  if (query.postIds !== undefined) {
    const byId = new Map(posts.map((p) => [p.postId, p]));
    const missing = query.postIds.find((id) => !byId.has(id));
    if (missing !== undefined) return appFail('NOT_FOUND', `no post ${missing} in scope`, { id: missing });
    posts = [...new Set(query.postIds)].map((id) => byId.get(id) as PostProfile);
  }
  if (query.vacantOnly === true) posts = posts.filter((p) => p.holderId === null);
  const seen = new Map(scope.value.people.map((p) => [p.personId, p]));
  const holding = new Map<string, PostProfile>();
  for (const p of facts.posts) if (p.holderId !== null && !holding.has(p.holderId)) holding.set(p.holderId, p);
  let candidateIds: string[];
  if (query.candidateIds !== undefined) {
    const missing = query.candidateIds.find((id) => !seen.has(id));
    if (missing !== undefined) return appFail('NOT_FOUND', `no person ${missing} in scope`, { id: missing });
    candidateIds = [...new Set(query.candidateIds)];
  } else {
    const holders = posts.flatMap((p) => (p.holderId !== null && seen.has(p.holderId) ? [p.holderId] : []));
    const free = [...seen.keys()].filter((id) => !holding.has(id));
    candidateIds = [...new Set([...holders, ...free])];
  }
  const candidates: Candidate[] = candidateIds.map((personId) => ({ personId, territory: holding.get(personId)?.territory ?? null }));
  const proposed = proposePlacement({
    posts,
    candidates,
    records: facts.records,
    ...(query.pins !== undefined ? { pins: query.pins } : {}),
    ...(query.excluded !== undefined ? { excluded: query.excluded } : {}),
    ...(query.sameTerritory !== undefined ? { sameTerritory: query.sameTerritory } : {}),
    ...(query.moveCost !== undefined ? { moveCost: query.moveCost } : {}),
  });
  if (!proposed.ok) return appFail(proposed.error.code, proposed.error.message, proposed.error.details);
  return { ok: true, value: { ...proposed.value, asOf: now } };
}
