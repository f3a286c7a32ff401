/**
 * Fixtures of the choice of people (F9), all reads. A person's record is read by the person
 * themself and by a role over their unit (a person of A, a person of B, one who does not exist, and
 * a person of A holding a post of B: a role over A sees them, not that post).
 * The census, the mismatches and a placement proposal are every signed-in caller's, holding only
 * the people and posts of the units their roles cover (a secretary's role covers none): each answer
 * is inspected against where the record places every person and post it names. A unit they may not
 * see, or one that does not exist, is 404; so is a post of B for a caller who does not see it.
 */
import type { StreamKind } from '../../../src/domain/ids.js';
import type { Answer } from '../../support/api-world.js';
import { op, type OperationFixture, type Prepared, type Verdict } from './fixture.js';
import { adminOfAll, canSee, roleAllows, signedIn, type Thing } from './policy.js';
import { B_PARTIES, callerOf, partyId, UNITS, type CallerKey } from './roles.js';
import { freshPerson } from './targets.js';
import type { AuthzWorld } from './world.js';

const anyoneSignedIn = (caller: CallerKey): Verdict => (signedIn(caller) ? 'allow' : 'deny');
const seeing =
  (t: Thing) =>
  (caller: CallerKey): Verdict =>
    canSee(caller, t) ? 'allow' : 'deny';

const owner = partyId('owner');
const ownerOfA: Thing = { kind: 'person', id: owner, unitId: UNITS.aSub };
const ownerOfB: Thing = { kind: 'person', id: B_PARTIES.owner, unitId: UNITS.bSub };
const unitA: Thing = { kind: 'unit', id: UNITS.aTop };
/** The person made by crossHolder (not a caller: their id does not matter to the verdict). */
const personOfA: Thing = { kind: 'person', id: 'per_zqa-cross', unitId: UNITS.aSub };
const POST_OF_B = 'post_zqb-sub-head';
const postOfB: Thing = { kind: 'post', id: POST_OF_B, unitId: UNITS.bSub };

/** Where the record places every unit, person and post now: read from the store, not from the answer judged. */
interface Where {
  readonly parentOf: ReadonlyMap<string, string | null>;
  readonly unitOf: ReadonlyMap<string, string>;
}

async function all(w: AuthzWorld, kind: StreamKind): Promise<Array<{ readonly id: string; readonly state: unknown }>> {
  const out: Array<{ id: string; state: unknown }> = [];
  let after: string | undefined;
  for (;;) {
    const page = await w.store.reads.streams(kind, { limit: 1000, ...(after !== undefined ? { after } : {}) });
    out.push(...page);
    const last = page[page.length - 1];
    if (last === undefined || page.length < 1000) return out;
    after = last.id;
  }
}

async function whereNow(w: AuthzWorld): Promise<Where> {
  const parentOf = new Map<string, string | null>();
  for (const u of await all(w, 'unit')) parentOf.set(u.id, (u.state as { parentId: string | null }).parentId);
  const unitOf = new Map<string, string>();
  for (const kind of ['person', 'post'] as const) for (const s of await all(w, kind)) unitOf.set(s.id, (s.state as { unitId: string }).unitId);
  return { parentOf, unitOf };
}

/** The units above a unit, itself first (from the store: units made by other fixtures included). */
function chainOf(where: Where, unitId: string): string[] {
  const out: string[] = [];
  for (let at: string | null | undefined = unitId; at !== null && at !== undefined && !out.includes(at); at = where.parentOf.get(at)) out.push(at);
  return out;
}

/**
 * Whether the caller may see the person or post of this id: a role reading its unit, or (a person)
 * being them; the administrator of everything sees the root units other fixtures made too. Unknown
 * ids are not seen.
 */
function sees(caller: CallerKey, where: Where, id: string): boolean {
  const unitId = where.unitOf.get(id);
  if (unitId === undefined) return false;
  if (adminOfAll(caller) || (id.startsWith('per_') && id === callerOf(caller).personId)) return true;
  return roleAllows(caller, 'read', { units: chainOf(where, unitId) });
}

/** A problem when some id named is one the caller may not see, or is outside `within` (the unit's subtree asked for). */
function unseen(caller: CallerKey, where: Where, ids: Iterable<string | null>, what: string, within?: string): string | undefined {
  for (const id of ids) {
    if (id === null) continue;
    if (!sees(caller, where, id)) return `${what} names ${id}, which the caller may not see`;
    const unitId = where.unitOf.get(id);
    if (within !== undefined && unitId !== undefined && !chainOf(where, unitId).includes(within)) return `${what} names ${id}, outside ${within}`;
  }
  return undefined;
}

interface CensusAnswer {
  readonly entries?: ReadonlyArray<{ readonly personId: string; readonly postId: string | null }>;
  readonly groups?: ReadonlyArray<{ readonly people: number }>;
}
interface MismatchAnswer {
  readonly items?: ReadonlyArray<{ readonly personId: string; readonly postId: string; readonly better: { readonly postId: string } | null }>;
}
interface ProposalAnswer {
  readonly certificate?: { readonly violations: number };
  readonly unplaced?: readonly string[];
  readonly posts?: ReadonlyArray<{ readonly postId: string; readonly personId: string | null; readonly holderId: string | null; readonly runnerUp: { readonly personId: string | null } | null }>;
}

function onOk<T>(check: (body: T) => string | undefined): (answer: Answer) => string | undefined {
  return (answer) => (answer.status === 200 ? check(answer.body as T) : undefined);
}

/** The census: every entry's person and post seen by the caller, the groups counting the entries. */
function census(where: Where, caller: CallerKey, within?: string): (answer: Answer) => string | undefined {
  return onOk<CensusAnswer>((c) => {
    const entries = c.entries ?? [];
    const grouped = (c.groups ?? []).reduce((n, g) => n + g.people, 0);
    if (grouped !== entries.length) return `census groups count ${grouped} people, its entries ${entries.length}`;
    if (new Set(entries.map((e) => e.personId)).size !== entries.length) return 'a census lists a person twice';
    return unseen(caller, where, entries.map((e) => e.personId), 'the census', within) ?? unseen(caller, where, entries.map((e) => e.postId), 'the census');
  });
}

/** The mismatches: every post and better post seen by the caller (the holder of a post seen is shown as GET /posts/{id} shows them). */
function mismatches(where: Where, caller: CallerKey, within?: string): (answer: Answer) => string | undefined {
  return onOk<MismatchAnswer>((m) => {
    const items = m.items ?? [];
    return unseen(caller, where, items.map((x) => x.postId), 'the mismatches', within) ?? unseen(caller, where, items.map((x) => x.better?.postId ?? null), 'the mismatches');
  });
}

/** The proposal: proven optimal, every post and candidate it names seen by the caller (holders as for the mismatches), nobody placed twice. */
function proposal(where: Where, caller: CallerKey, within?: string): (answer: Answer) => string | undefined {
  return onOk<ProposalAnswer>((p) => {
    if (p.certificate?.violations !== 0) return `a proposal whose certificate has ${p.certificate?.violations} violations`;
    const posts = p.posts ?? [];
    const placed = posts.flatMap((x) => (x.personId === null ? [] : [x.personId]));
    if (new Set(placed).size !== placed.length) return 'a proposal places a person twice';
    const people = [...placed, ...(p.unplaced ?? []), ...posts.map((x) => x.runnerUp?.personId ?? null)];
    return unseen(caller, where, posts.map((x) => x.postId), 'the proposal', within) ?? unseen(caller, where, people, 'the proposal');
  });
}

const crossHolders = new WeakMap<AuthzWorld, Promise<string>>();

/**
 * A new person of A holding a new post of B (made once per world, its title a marker of B): a role
 * over A sees the person, not the post, so neither their record nor the census may name it.
 */
function crossHolder(w: AuthzWorld): Promise<string> {
  let made = crossHolders.get(w);
  if (made === undefined) {
    made = (async () => {
      const person = await freshPerson(w);
      const n = w.next();
      const id = `post_zqb-x${n}`;
      const title = `zqb-posttitle-x${n}`;
      await w.run('system', { type: 'post.create', id, unitId: UNITS.bSub, title, holderId: person.id });
      w.markers.plant({ kind: 'post', id, unitId: UNITS.bSub }, [id, title]);
      return person.id;
    })();
    crossHolders.set(w, made);
  }
  return made;
}

/** A read of the whole organisation as the caller sees it, inspected by `check` (built on the record as it stands just before the call). */
function scoped(url: string, check: (where: Where, caller: CallerKey, within?: string) => (answer: Answer) => string | undefined, within?: string): (w: AuthzWorld, caller: CallerKey) => Promise<Prepared> {
  return async (w, caller) => ({ url, inspect: check(await whereNow(w), caller, within) });
}

/** The record's answer is about the person asked for, and lists only posts the caller sees (of someone else's record: whether one's own posts show is left to the leak scan). */
function recordOf(personId: string, where: Where, caller: CallerKey): (answer: Answer) => string | undefined {
  return onOk<{ personId?: string; overall?: { domain?: string }; posts?: ReadonlyArray<{ postId: string }> }>((r) => {
    if (r.personId !== personId || r.overall?.domain !== '*') return `the record of ${personId} is about ${String(r.personId)}`;
    return personId === callerOf(caller).personId ? undefined : unseen(caller, where, (r.posts ?? []).map((p) => p.postId), `the record of ${personId}`);
  });
}

/** A person's record, inspected. */
function record(personId: string | ((w: AuthzWorld) => Promise<string>)): (w: AuthzWorld, caller: CallerKey) => Promise<Prepared> {
  return async (w, caller) => {
    const id = typeof personId === 'string' ? personId : await personId(w);
    return { url: `/api/v1/people/${id}/record`, inspect: recordOf(id, await whereNow(w), caller) };
  };
}

/** The fixtures of the choice of people operations. */
export const CHOICE_OPERATIONS: readonly OperationFixture[] = [
  op({
    operationId: 'getPersonRecord',
    method: 'GET',
    path: '/api/v1/people/{id}/record',
    prepare: record(owner),
    verdict: seeing(ownerOfA),
  }),
  op({
    operationId: 'getPersonRecord',
    variant: 'a person of B',
    method: 'GET',
    path: '/api/v1/people/{id}/record',
    prepare: record(B_PARTIES.owner),
    verdict: seeing(ownerOfB),
  }),
  op({
    operationId: 'getPersonRecord',
    variant: 'a person of A holding a post of B',
    method: 'GET',
    path: '/api/v1/people/{id}/record',
    prepare: record(crossHolder),
    verdict: seeing(personOfA),
  }),
  op({
    operationId: 'getPersonRecord',
    variant: 'a person who does not exist',
    method: 'GET',
    path: '/api/v1/people/{id}/record',
    prepare: () => Promise.resolve({ url: '/api/v1/people/per_nobody/record' }),
    verdict: () => 'deny',
  }),

  op({ operationId: 'getCensus', method: 'GET', path: '/api/v1/census', prepare: scoped('/api/v1/census?by=tenure', census), verdict: anyoneSignedIn }),
  op({ operationId: 'getCensus', variant: 'a unit of A', method: 'GET', path: '/api/v1/census', prepare: scoped(`/api/v1/census?unit=${UNITS.aTop}`, census, UNITS.aTop), verdict: seeing(unitA) }),
  op({
    operationId: 'getCensus',
    variant: 'a person of A holding a post of B',
    method: 'GET',
    path: '/api/v1/census',
    async prepare(w, caller) {
      await crossHolder(w);
      return scoped(`/api/v1/census?unit=${UNITS.aSub}`, census, UNITS.aSub)(w, caller);
    },
    verdict: (caller) => (canSee(caller, { kind: 'unit', id: UNITS.aSub }) ? 'allow' : 'deny'),
  }),
  op({ operationId: 'getCensus', variant: 'a unit that does not exist', method: 'GET', path: '/api/v1/census', prepare: () => Promise.resolve({ url: '/api/v1/census?unit=unit_nowhere' }), verdict: () => 'deny' }),

  op({ operationId: 'listMismatches', method: 'GET', path: '/api/v1/mismatches', prepare: scoped('/api/v1/mismatches', mismatches), verdict: anyoneSignedIn }),
  op({ operationId: 'listMismatches', variant: 'a unit of A', method: 'GET', path: '/api/v1/mismatches', prepare: scoped(`/api/v1/mismatches?unit=${UNITS.aTop}`, mismatches, UNITS.aTop), verdict: seeing(unitA) }),
  op({ operationId: 'listMismatches', variant: 'a unit that does not exist', method: 'GET', path: '/api/v1/mismatches', prepare: () => Promise.resolve({ url: '/api/v1/mismatches?unit=unit_nowhere' }), verdict: () => 'deny' }),

  op({ operationId: 'proposePlacement', method: 'GET', path: '/api/v1/placement', prepare: scoped('/api/v1/placement', proposal), verdict: anyoneSignedIn }),
  op({ operationId: 'proposePlacement', variant: 'a unit of A', method: 'GET', path: '/api/v1/placement', prepare: scoped(`/api/v1/placement?unit=${UNITS.aTop}`, proposal, UNITS.aTop), verdict: seeing(unitA) }),
  op({ operationId: 'proposePlacement', variant: 'a post of B', method: 'GET', path: '/api/v1/placement', prepare: scoped(`/api/v1/placement?posts=${POST_OF_B}`, proposal), verdict: seeing(postOfB) }),
  op({ operationId: 'proposePlacement', variant: 'a unit that does not exist', method: 'GET', path: '/api/v1/placement', prepare: () => Promise.resolve({ url: '/api/v1/placement?unit=unit_nowhere' }), verdict: () => 'deny' }),
];
