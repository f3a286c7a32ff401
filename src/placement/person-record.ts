/**
 * A person's record, built from the verified outcomes of the cases they owned: per domain and over
 * all domains, each rate with its 95% Wilson interval and its estimate shrunk toward the mean of
 * the person's unit (or of the organisation, when the unit has too few verified cases). Pure.
 */
import type { CaseOutcome, DomainRecord, HoursHeld, PersonRecord, RateEstimate, RateKey } from './people.js';

/** Pseudo-cases of the Beta prior that every rate is shrunk with. */
export const PRIOR_STRENGTH = 8;
/** A unit with fewer verified cases than this borrows the organisation's means as its prior. */
export const MIN_UNIT_TRIALS = 20;
/** The z of a two-sided 95% interval. */
const Z95 = 1.959964;
/** The rates of a record, in the order they are listed everywhere. */
export const RATE_KEYS: readonly RateKey[] = ['firstTime', 'onTime', 'reopened', 'escalated'];
/** The domain of the record over all domains. */
export const ALL_DOMAINS = '*';

/**
 * The Wilson score interval of `successes` of `trials` (95% unless `z` says otherwise), within
 * 0–1, with low exactly 0 when there is no success and high exactly 1 when all are; {0, 1}
 * without trials.
 */
export function wilsonInterval(successes: number, trials: number, z: number = Z95): { low: number; high: number } {
  if (trials <= 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom;
  const low = successes <= 0 ? 0 : Math.max(0, Math.min(p, centre - half));
  const high = successes >= trials ? 1 : Math.min(1, Math.max(p, centre + half));
  return { low, high };
}

/**
 * The estimate of a rate: the raw rate (null without trials), its Wilson interval, and the mean
 * shrunk toward `prior` by PRIOR_STRENGTH pseudo-cases — the prior itself without trials, the raw
 * rate in the limit of many.
 */
export function estimateRate(successes: number, trials: number, prior: number): RateEstimate {
  const { low, high } = wilsonInterval(successes, trials);
  return {
    successes,
    trials,
    rate: trials > 0 ? successes / trials : null,
    low,
    high,
    shrunk: (successes + PRIOR_STRENGTH * prior) / (trials + PRIOR_STRENGTH),
    prior,
  };
}

/** The prior mean of each rate. */
export type RatePriors = Readonly<Record<RateKey, number>>;

/** The records of everyone, and the priors they are shrunk toward. */
export interface Records {
  /** Everyone listed in the input's people, and everyone else who owned or held a case. */
  readonly people: ReadonlyMap<string, PersonRecord>;
  /** The organisation's means (all verified cases); 0.5 for a rate with no case at all. */
  readonly organisation: RatePriors;
  /** The prior of a unit: its own means when it has MIN_UNIT_TRIALS verified cases, else the organisation's. */
  priorOf(unitId: string): RatePriors;
  /** A person's record in one domain (`*`: over all): their entry, or an empty one (every rate = the prior of their unit). Unknown person → empty with organisation priors. */
  inDomain(personId: string, domain: string): DomainRecord;
  /** A person's record pooled over several domains (counts summed, rates re-estimated; lateness median over the pooled cases; hours summed). */
  pooled(personId: string, domains: readonly string[]): DomainRecord;
}

/** Counts of one person in one domain (or of a unit, or the organisation), before estimation. */
interface Tally {
  owned: number;
  verified: number;
  open: number;
  cancelled: number;
  openOverdue: number;
  firstTime: number;
  onTime: number;
  reopened: number;
  escalated: number;
  lateness: number[];
  hours: number;
}

function emptyTally(): Tally {
  return { owned: 0, verified: 0, open: 0, cancelled: 0, openOverdue: 0, firstTime: 0, onTime: 0, reopened: 0, escalated: 0, lateness: [], hours: 0 };
}

function addOutcome(t: Tally, o: CaseOutcome): void {
  t.owned++;
  if (o.openOverdue) t.openOverdue++;
  if (o.status === 'cancelled') t.cancelled++;
  else if (o.status !== 'verified') t.open++;
  else {
    t.verified++;
    if (o.firstTime) t.firstTime++;
    if (o.onTime) t.onTime++;
    if (o.reopened) t.reopened++;
    if (o.escalated) t.escalated++;
    if (o.latenessHours !== null) t.lateness.push(o.latenessHours);
  }
}

function addTally(into: Tally, t: Tally): void {
  into.owned += t.owned;
  into.verified += t.verified;
  into.open += t.open;
  into.cancelled += t.cancelled;
  into.openOverdue += t.openOverdue;
  into.firstTime += t.firstTime;
  into.onTime += t.onTime;
  into.reopened += t.reopened;
  into.escalated += t.escalated;
  for (const x of t.lateness) into.lateness.push(x);
  into.hours += t.hours;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function meansOf(t: Tally): RatePriors {
  const mean = (s: number): number => (t.verified > 0 ? s / t.verified : 0.5);
  return { firstTime: mean(t.firstTime), onTime: mean(t.onTime), reopened: mean(t.reopened), escalated: mean(t.escalated) };
}

function recordOf(domain: string, t: Tally, prior: RatePriors): DomainRecord {
  return {
    domain,
    owned: t.owned,
    verified: t.verified,
    open: t.open,
    cancelled: t.cancelled,
    openOverdue: t.openOverdue,
    firstTime: estimateRate(t.firstTime, t.verified, prior.firstTime),
    onTime: estimateRate(t.onTime, t.verified, prior.onTime),
    reopened: estimateRate(t.reopened, t.verified, prior.reopened),
    escalated: estimateRate(t.escalated, t.verified, prior.escalated),
    medianLatenessHours: median(t.lateness),
    hoursHeld: t.hours,
  };
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function tallyIn<K>(map: Map<K, Tally>, key: K): Tally {
  let t = map.get(key);
  if (t === undefined) {
    t = emptyTally();
    map.set(key, t);
  }
  return t;
}

/**
 * Builds everyone's record. Rates count verified cases only; a unit's means are over the cases
 * issued to it (`ownerUnitId`); a person's prior is their unit's (from `people`; for someone not
 * listed, the unit of their latest outcome in input order, or none — the organisation's — when they
 * only held hours). Domains are sorted by verified cases, most first, then by name. `pooled` is
 * memoised per person and set of domains.
 */
export function buildRecords(input: { readonly people: readonly { personId: string; unitId: string }[]; readonly outcomes: readonly CaseOutcome[]; readonly hours: readonly HoursHeld[] }): Records {
  const unitOf = new Map<string, string>();
  for (const p of input.people) unitOf.set(p.personId, p.unitId);
  const tallies = new Map<string, Map<string, Tally>>();
  const units = new Map<string, Tally>();
  const whole = emptyTally();
  const domainsOf = (personId: string): Map<string, Tally> => {
    let m = tallies.get(personId);
    if (m === undefined) {
      m = new Map();
      tallies.set(personId, m);
    }
    return m;
  };
  const latestUnit = new Map<string, string>();
  for (const o of input.outcomes) {
    addOutcome(tallyIn(domainsOf(o.ownerId), o.domain), o);
    addOutcome(tallyIn(units, o.ownerUnitId), o);
    addOutcome(whole, o);
    latestUnit.set(o.ownerId, o.ownerUnitId);
  }
  for (const h of input.hours) tallyIn(domainsOf(h.personId), h.domain).hours += h.hours;
  for (const [personId, unitId] of latestUnit) if (!unitOf.has(personId)) unitOf.set(personId, unitId);

  const organisation = meansOf(whole);
  const priors = new Map<string, RatePriors>();
  const priorOf = (unitId: string): RatePriors => {
    let prior = priors.get(unitId);
    if (prior === undefined) {
      const t = units.get(unitId);
      prior = t !== undefined && t.verified >= MIN_UNIT_TRIALS ? meansOf(t) : organisation;
      priors.set(unitId, prior);
    }
    return prior;
  };
  const priorOfPerson = (personId: string): RatePriors => {
    const unitId = unitOf.get(personId);
    return unitId === undefined ? organisation : priorOf(unitId);
  };

  const people = new Map<string, PersonRecord>();
  const personIds = new Set<string>([...input.people.map((p) => p.personId), ...tallies.keys()]);
  for (const personId of personIds) {
    const prior = priorOfPerson(personId);
    const own = tallies.get(personId) ?? new Map<string, Tally>();
    const overall = emptyTally();
    const domains: DomainRecord[] = [];
    for (const [domain, t] of own) {
      addTally(overall, t);
      domains.push(recordOf(domain, t, prior));
    }
    domains.sort((a, b) => b.verified - a.verified || byText(a.domain, b.domain));
    people.set(personId, { personId, unitId: unitOf.get(personId) ?? '', overall: recordOf(ALL_DOMAINS, overall, prior), domains });
  }

  const indexed = new Map<string, Map<string, DomainRecord>>();
  const entriesOf = (personId: string): Map<string, DomainRecord> | undefined => {
    let m = indexed.get(personId);
    if (m === undefined) {
      const record = people.get(personId);
      if (record === undefined) return undefined;
      m = new Map(record.domains.map((d) => [d.domain, d]));
      m.set(ALL_DOMAINS, record.overall);
      indexed.set(personId, m);
    }
    return m;
  };
  const empties = new Map<RatePriors, Map<string, DomainRecord>>();
  const emptyIn = (domain: string, prior: RatePriors): DomainRecord => {
    let m = empties.get(prior);
    if (m === undefined) {
      m = new Map();
      empties.set(prior, m);
    }
    let r = m.get(domain);
    if (r === undefined) {
      r = recordOf(domain, emptyTally(), prior);
      m.set(domain, r);
    }
    return r;
  };
  const inDomain = (personId: string, domain: string): DomainRecord => entriesOf(personId)?.get(domain) ?? emptyIn(domain, priorOfPerson(personId));

  const pools = new Map<string, DomainRecord>();
  const pooled = (personId: string, domains: readonly string[]): DomainRecord => {
    if (domains.length === 1) return inDomain(personId, domains[0] as string);
    const asGiven = `${personId}\u0000${domains.join('\u0001')}`;
    const seen = pools.get(asGiven);
    if (seen !== undefined) return seen;
    const names = [...new Set(domains)].sort(byText);
    if (names.length === 1) return inDomain(personId, names[0] as string);
    const key = `${personId}\u0000${names.join('\u0001')}`;
    let r = pools.get(key);
    if (r === undefined) {
      const own = tallies.get(personId);
      const sum = emptyTally();
      if (own !== undefined) {
        if (names.includes(ALL_DOMAINS)) for (const t of own.values()) addTally(sum, t);
        else
          for (const name of names) {
            const t = own.get(name);
            if (t !== undefined) addTally(sum, t);
          }
      }
      r = recordOf(names.join('+'), sum, priorOfPerson(personId));
      pools.set(key, r);
    }
    pools.set(asGiven, r);
    return r;
  };

  return { people, organisation, priorOf, inDomain, pooled };
}
