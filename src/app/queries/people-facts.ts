/**
 * What the choice of people (F9) reads from the record: every person and unit, every post with
 * its profile, every case's outcome, and the hours each person held cases of each domain (from the
 * cases' hour ledgers). Read whole — records are organisation-wide (a unit's mean is the prior of
 * its people) — and kept while the record does not change: the cache is checked against the
 * newest event position and refreshed when `now` moved by more than a minute.
 */
import type { AssignmentState } from '../../domain/assignment/assignment.state.js';
import { hourLedger } from '../../domain/ledger/hour-ledger.js';
import type { StateOf } from '../../domain/streams.js';
import { toMs, type Instant } from '../../domain/time.js';
import type { CaseOutcome, HoursHeld, PostProfile } from '../../placement/people.js';
import { buildRecords, type Records } from '../../placement/person-record.js';
import { assignmentEvents } from './case-ledgers.js';
import type { Store } from '../../store/port.js';
import { allStreams } from './scope.js';

const HOUR_MS = 3_600_000;
/** How long (ms of `now`) a computation stays valid when no event was appended. */
const FRESH_MS = 60_000;

/** A person as the choice of people sees them. */
export interface PersonFact {
  readonly personId: string;
  readonly name: string;
  readonly unitId: string;
}

/** A unit, its name and the unit above it. */
export interface UnitFact {
  readonly unitId: string;
  readonly name: string;
  readonly parentId: string | null;
}

/** Everything the choice of people computes from, as of `now` and the record's `position`. */
export interface PeopleFacts {
  readonly now: Instant;
  readonly position: number;
  readonly people: readonly PersonFact[];
  readonly units: ReadonlyMap<string, UnitFact>;
  readonly posts: readonly PostProfile[];
  readonly outcomes: readonly CaseOutcome[];
  readonly hours: readonly HoursHeld[];
  readonly records: Records;
}

/** The profile a post is placed with: its declared one, or its own domain alone with no floor and no territory. */
export function profileOf(postId: string, s: StateOf<'post'>): PostProfile {
  const p = s.profile;
  return {
    postId,
    title: s.title,
    unitId: s.unitId,
    territory: p?.territory ?? null,
    domains: p?.domains ?? [{ domain: s.domain, weight: 1 }],
    demands: { minVerified: p?.minVerified ?? 0, minFirstTime: p?.minFirstTime ?? null, minOnTime: p?.minOnTime ?? null },
    holderId: s.holderId,
    holderSince: s.holderSince ?? null,
  };
}

/** A case's outcome as the records count it (see CaseOutcome). */
export function outcomeOf(assignmentId: string, s: AssignmentState, now: Instant, unitOfPerson: (personId: string) => string | undefined): CaseOutcome {
  const submittedAt = s.submission?.at ?? null;
  const verified = s.status === 'verified';
  const open = s.status !== 'verified' && s.status !== 'cancelled';
  return {
    assignmentId,
    ownerId: s.ownerId,
    ownerUnitId: s.units[s.ownerId] ?? unitOfPerson(s.ownerId) ?? '',
    domain: s.domain,
    status: s.status,
    firstTime: verified && s.counts.rejections === 0,
    onTime: verified && submittedAt !== null && toMs(submittedAt) <= toMs(s.deadline),
    latenessHours: verified && submittedAt !== null ? (toMs(submittedAt) - toMs(s.deadline)) / HOUR_MS : null,
    reopened: s.counts.reopenings > 0,
    escalated: s.counts.escalations > 0,
    openOverdue: open && toMs(s.deadline) < toMs(now),
  };
}

const cache = new WeakMap<Store, PeopleFacts>();

/** The facts as of `now`, from the cache when no event was appended since and `now` moved by less than a minute. */
export async function peopleFacts(store: Store, now: Instant): Promise<PeopleFacts> {
  const cached = cache.get(store);
  if (cached !== undefined && Math.abs(toMs(now) - toMs(cached.now)) < FRESH_MS && (await store.reads.eventsAfter(cached.position, 1)).length === 0) return cached;
  const facts = await readFacts(store, now);
  cache.set(store, facts);
  return facts;
}

async function readFacts(store: Store, now: Instant): Promise<PeopleFacts> {
  // Events first: the position read is then at most as new as the snapshots after it, so a later event is never missed by the cache check.
  const { position, byStream } = await assignmentEvents(store);
  const people = (await allStreams(store, 'person')).map((s): PersonFact => {
    const p = s.state as StateOf<'person'>;
    return { personId: s.id, name: p.name, unitId: p.unitId };
  });
  const unitOf = new Map(people.map((p) => [p.personId, p.unitId]));
  const units = new Map(
    (await allStreams(store, 'unit')).map((s): [string, UnitFact] => {
      const u = s.state as StateOf<'unit'>;
      return [s.id, { unitId: s.id, name: u.name, parentId: u.parentId }];
    }),
  );
  const posts = (await allStreams(store, 'post')).map((s) => profileOf(s.id, s.state as StateOf<'post'>));
  const outcomes: CaseOutcome[] = [];
  const hoursBy = new Map<string, number>();
  for (const s of await allStreams(store, 'assignment')) {
    const state = s.state as AssignmentState;
    outcomes.push(outcomeOf(s.id, state, now, (id) => unitOf.get(id)));
    const events = byStream.get(s.id);
    if (events === undefined) continue;
    for (const interval of hourLedger(events, now).intervals) {
      const key = `${interval.personId}\u0000${state.domain}`;
      hoursBy.set(key, (hoursBy.get(key) ?? 0) + interval.ms / HOUR_MS);
    }
  }
  const hours = [...hoursBy].map(([key, h]): HoursHeld => {
    const [personId, domain] = key.split('\u0000') as [string, string];
    return { personId, domain, hours: h };
  });
  const records = buildRecords({ people: people.map((p) => ({ personId: p.personId, unitId: p.unitId })), outcomes, hours });
  return { now, position, people, units, posts, outcomes, hours, records };
}

