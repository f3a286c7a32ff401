/**
 * The census of the responsible people: who holds which post since when, in which domain and
 * territory, with their verified record; and the same grouped by unit, domain, territory or
 * tenure, with pooled rates. Pure: the time is taken as `now`.
 */
import { toMs, type Instant } from '../domain/time.js';
import { mainDomain } from './mismatch.js';
import type { PostProfile, RateEstimate } from './people.js';
import { ALL_DOMAINS, estimateRate, type Records } from './person-record.js';

/** What the census can be grouped on. */
export type CensusDimension = 'unit' | 'domain' | 'territory' | 'tenure';

/** Years in the post held now; 'none' = holds no post (or the start of the holding is unknown). */
export const TENURE_BANDS = ['none', 'under-1', '1-3', '3-5', '5-plus'] as const;

/** One responsible person: their post (the one held longest), its main domain and territory, tenure, and overall record. */
export interface CensusEntry {
  readonly personId: string;
  readonly unitId: string;
  readonly postId: string | null;
  readonly domain: string | null;
  readonly territory: string | null;
  readonly tenure: (typeof TENURE_BANDS)[number];
  readonly tenureDays: number | null;
  readonly verified: number;
  readonly owned: number;
  readonly firstTime: RateEstimate;
  readonly onTime: RateEstimate;
}

/** The entries of one key of a dimension, counted and pooled. */
export interface CensusGroup {
  readonly key: string;
  readonly people: number;
  readonly verified: number;
  readonly owned: number;
  readonly firstTime: RateEstimate;
  readonly onTime: RateEstimate;
}

/** The key of an entry without a value on the dimension. */
export const NO_KEY = '—';

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.25;

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function bandOf(days: number | null): (typeof TENURE_BANDS)[number] {
  if (days === null) return 'none';
  const years = days / YEAR_DAYS;
  return years < 1 ? 'under-1' : years < 3 ? '1-3' : years < 5 ? '3-5' : '5-plus';
}

/** Of a person's posts, the one held longest: the earliest holderSince (an unknown start last), then by postId. */
function heldLongest(held: readonly PostProfile[]): PostProfile | null {
  let best: PostProfile | null = null;
  for (const p of held) {
    if (best === null) best = p;
    else if (p.holderSince !== null && (best.holderSince === null || toMs(p.holderSince) < toMs(best.holderSince))) best = p;
    else if (p.holderSince === best.holderSince && p.postId < best.postId) best = p;
  }
  return best;
}

/**
 * The responsible people among `people` (and only them: the caller's scope): those who hold a
 * post or own at least one case, sorted by personId. The post is the one
 * held longest (earliest holderSince); domain = that post's main domain, else their record's top
 * domain, else null; territory = the post's; tenure = whole days from holderSince to `now` (never
 * below 0) and its band in years of 365.25 days. The unit is the listed one, else the record's,
 * else the post's. Verified, owned and the two rates are their record over all domains.
 */
export function censusEntries(people: readonly { personId: string; unitId: string }[], posts: readonly PostProfile[], records: Records, now: Instant): CensusEntry[] {
  const postsOf = new Map<string, PostProfile[]>();
  for (const post of posts) {
    if (post.holderId === null) continue;
    const list = postsOf.get(post.holderId);
    if (list === undefined) postsOf.set(post.holderId, [post]);
    else list.push(post);
  }
  const unitOf = new Map<string, string>();
  for (const p of people) if (!unitOf.has(p.personId)) unitOf.set(p.personId, p.unitId);
  const ids = new Set<string>(people.map((p) => p.personId));
  const nowMs = toMs(now);
  const out: CensusEntry[] = [];
  for (const personId of [...ids].sort(byText)) {
    const record = records.people.get(personId);
    const post = heldLongest(postsOf.get(personId) ?? []);
    const overall = records.inDomain(personId, ALL_DOMAINS);
    if (post === null && overall.owned === 0) continue;
    const since = post?.holderSince ?? null;
    const tenureDays = since !== null ? Math.max(0, Math.floor((nowMs - toMs(since)) / DAY_MS)) : null;
    out.push({
      personId,
      unitId: unitOf.get(personId) ?? (record !== undefined && record.unitId !== '' ? record.unitId : (post?.unitId ?? '')),
      postId: post?.postId ?? null,
      domain: (post !== null ? mainDomain(post) : null) ?? record?.domains[0]?.domain ?? null,
      territory: post?.territory ?? null,
      tenure: bandOf(tenureDays),
      tenureDays,
      verified: overall.verified,
      owned: overall.owned,
      firstTime: overall.firstTime,
      onTime: overall.onTime,
    });
  }
  return out;
}

/**
 * The entries grouped on one dimension; `unitKey` may map the unit (e.g. to the top-level unit);
 * null keys become '—'. Counts are summed; the group's rates pool the successes and trials of its
 * people, estimated with the organisation's prior. Sorted by people (most first), then key.
 */
export function censusGroups(entries: readonly CensusEntry[], by: CensusDimension, records: Records, unitKey?: (unitId: string) => string): CensusGroup[] {
  const keyOf = (e: CensusEntry): string => {
    switch (by) {
      case 'unit':
        return unitKey !== undefined ? unitKey(e.unitId) : e.unitId;
      case 'domain':
        return e.domain ?? NO_KEY;
      case 'territory':
        return e.territory ?? NO_KEY;
      case 'tenure':
        return e.tenure;
    }
  };
  const groups = new Map<string, { people: number; verified: number; owned: number; firstTime: number; onTime: number; firstTimeTrials: number; onTimeTrials: number }>();
  for (const e of entries) {
    const key = keyOf(e);
    let g = groups.get(key);
    if (g === undefined) {
      g = { people: 0, verified: 0, owned: 0, firstTime: 0, onTime: 0, firstTimeTrials: 0, onTimeTrials: 0 };
      groups.set(key, g);
    }
    g.people++;
    g.verified += e.verified;
    g.owned += e.owned;
    g.firstTime += e.firstTime.successes;
    g.firstTimeTrials += e.firstTime.trials;
    g.onTime += e.onTime.successes;
    g.onTimeTrials += e.onTime.trials;
  }
  const { organisation } = records;
  return [...groups.entries()]
    .map(([key, g]) => ({
      key,
      people: g.people,
      verified: g.verified,
      owned: g.owned,
      firstTime: estimateRate(g.firstTime, g.firstTimeTrials, organisation.firstTime),
      onTime: estimateRate(g.onTime, g.onTimeTrials, organisation.onTime),
    }))
    .sort((a, b) => b.people - a.people || byText(a.key, b.key));
}
