/**
 * The main link (F15) as a caller sees it: the analysis of analytics/main-link.ts over the cases
 * the caller may see (as the lists of cases decide it: a party, a role over the case's unit, the
 * secretary of the deciding body), optionally only the overdue cases of one unit's subtree (the case's
 * unit: its owner's), as of a moment no later than now. The record's assignment events are read
 * in one pass and kept per store; later calls read only the events appended since. No query per
 * case: each case's ledger is computed from its events cut at the moment asked.
 */
import type { Principal } from '../../domain/access/access-policy.js';
import { isParty } from '../../domain/access/access-policy.js';
import { linkCaseOf, mainLink, type LinkCase, type LinkEvidence, type LinkRow, type LinkStep } from '../../analytics/main-link.js';
import type { AssignmentEvent } from '../../domain/assignment/assignment.events.js';
import { attributedHolder, evolveAssignment, type AssignmentState } from '../../domain/assignment/assignment.state.js';
import type { StreamEvent } from '../../domain/event.js';
import { kindOfId } from '../../domain/ids.js';
import { hourLedger } from '../../domain/ledger/hour-ledger.js';
import { toInstant, toMs, type Instant } from '../../domain/time.js';
import type { Store } from '../../store/port.js';
import { readable } from '../access/gate.js';
import { visibilityOf } from '../access/principal.js';
import { appFail, type AppResult } from '../errors.js';

const EVENT_PAGE = 5000;
const PAGE = 1000;

/** What the main link is asked. */
export interface MainLinkQuery {
  /** Only the cases of this unit's subtree. */
  readonly unitId?: string;
  /** How many rows of each ranking to give. */
  readonly top: number;
  /** How many evidence cases (and blocked cases) to give per row at most. */
  readonly evidence: number;
  /** The moment (UTC ms) to compute for; at most `now`. */
  readonly at?: number;
  readonly now: number;
}

/** A row of a ranking as given: its figures, and its first evidence and blocked cases (the analysis's row, its lists cut to the evidence asked for). */
export type MainLinkRowView = LinkRow;

/** An evidence case as given: the analysis's evidence with the case's title and instants as text. */
export interface MainLinkCaseView {
  readonly caseId: string;
  readonly title: string;
  readonly personId: string;
  readonly unitId: string;
  readonly step: LinkStep;
  readonly since: Instant;
  readonly deadline: Instant;
  readonly heldOverdueMs: number;
  readonly caseOverdueMs: number;
  readonly blockedIds: readonly string[];
}

/** One ranking: how many keys it has, and its top rows. */
export interface MainLinkRanking {
  readonly count: number;
  readonly rows: readonly MainLinkRowView[];
}

/** The answer: the totals, the main link of each kind, the three rankings, the evidence cases they name, and the titles of the blocked cases they name. */
export interface MainLinkView {
  readonly asOf: Instant;
  readonly unitId: string | null;
  readonly totals: { readonly cases: number; readonly overdueMs: number; readonly blocked: number };
  readonly mainLink: { readonly person: string | null; readonly unit: string | null; readonly step: LinkStep | null };
  readonly persons: MainLinkRanking;
  readonly units: MainLinkRanking;
  readonly steps: MainLinkRanking;
  readonly cases: readonly MainLinkCaseView[];
  readonly titles: Readonly<Record<string, string>>;
}

/** Every assignment event read so far, by stream, and the position read up to. */
interface EventCache {
  position: number;
  readonly byStream: Map<string, StreamEvent<AssignmentEvent>[]>;
}

const caches = new WeakMap<Store, EventCache>();

/** The record's assignment events by stream in order, brought up to date with one read of what was appended since the last call. */
async function eventsByStream(store: Store): Promise<Map<string, StreamEvent<AssignmentEvent>[]>> {
  let cache = caches.get(store);
  if (cache === undefined) caches.set(store, (cache = { position: 0, byStream: new Map() }));
  for (;;) {
    const page = await store.reads.eventsAfter(cache.position, EVENT_PAGE);
    for (const e of page) {
      if (kindOfId(e.streamId) !== 'assignment') continue;
      let list = cache.byStream.get(e.streamId);
      if (list === undefined) cache.byStream.set(e.streamId, (list = []));
      list.push(e as unknown as StreamEvent<AssignmentEvent>);
    }
    const last = page[page.length - 1];
    if (last !== undefined) cache.position = last.position;
    if (page.length < EVENT_PAGE) return cache.byStream;
  }
}

/** A case as of the moment asked (what the analysis needs, its title), and as it stands now (who sees it, its unit: the owner's), as the lists of cases place it. */
interface CaseAt {
  readonly link: LinkCase;
  readonly title: string;
  readonly current: AssignmentState;
  readonly unitId: string | null;
}

/** Every case issued by `at`: its ledger from its events up to `at` (UTC ms), and its state after all of them. */
async function casesAt(store: Store, at: number): Promise<CaseAt[]> {
  const out: CaseAt[] = [];
  for (const [caseId, events] of await eventsByStream(store)) {
    let n = 0;
    while (n < events.length && toMs((events[n] as StreamEvent<AssignmentEvent>).at) <= at) n++;
    if (n === 0) continue;
    const ledger = hourLedger(n === events.length ? events : events.slice(0, n), toInstant(at));
    let current = ledger.state;
    for (const e of events.slice(n)) current = evolveAssignment(current, e);
    out.push({ link: linkCaseOf(caseId, ledger), title: ledger.state.title, current, unitId: current.units[current.ownerId] ?? null });
  }
  return out;
}

/** The decisions of the bodies (all pages). */
async function decisionsOf(store: Store, bodyIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const bodyId of bodyIds) {
    let after: string | undefined;
    for (;;) {
      const page = await store.reads.streams('decision', { bodyId, limit: PAGE, ...(after !== undefined ? { after } : {}) });
      for (const s of page) out.add(s.id);
      const last = page[page.length - 1];
      if (last === undefined || page.length < PAGE) break;
      after = last.id;
    }
  }
  return out;
}

/** Whether the principal sees the case, as the lists of cases decide it (party, unit role, body secretary). */
async function seer(store: Store, principal: Principal): Promise<(c: CaseAt) => boolean> {
  const visibility = await visibilityOf(store, principal);
  const units = new Set(visibility.unitIds);
  const decisions = await decisionsOf(store, visibility.bodyIds);
  return (c) => {
    const s = c.current;
    const holder = attributedHolder(s).personId;
    const parties = { ownerId: s.ownerId, holderId: s.holderId, verifierId: s.verifierId, issuerId: s.issuerId, controllerId: s.controllerId, coExecutorIds: s.coExecutorIds };
    return isParty(principal, parties) || holder === principal.personId || (c.unitId !== null && units.has(c.unitId)) || decisions.has(s.decisionId);
  };
}

function rowView(row: LinkRow, evidence: number): MainLinkRowView {
  return { key: row.key, overdueMs: row.overdueMs, cases: row.cases, blocked: row.blocked, caseIds: row.caseIds.slice(0, evidence), blockedIds: row.blockedIds.slice(0, evidence) };
}

function caseView(e: LinkEvidence, title: string): MainLinkCaseView {
  return {
    caseId: e.caseId,
    title,
    personId: e.personId,
    unitId: e.unitId,
    step: e.step,
    since: toInstant(e.since),
    deadline: toInstant(e.deadline),
    heldOverdueMs: e.heldOverdueMs,
    caseOverdueMs: e.caseOverdueMs,
    blockedIds: e.blockedIds,
  };
}

/**
 * The main link over the cases in scope: every case when `principal` is null (the operator, the
 * CLI), else those the principal sees. NOT_FOUND for a unit the principal may not see or that does
 * not exist; VALIDATION_FAILED for a moment after now. The rows of each ranking are its `top`
 * first; each names its first `evidence` cases, all of which `cases` describes.
 */
export async function mainLinkOf(store: Store, principal: Principal | null, query: MainLinkQuery): Promise<AppResult<MainLinkView>> {
  const at = query.at ?? query.now;
  if (at > query.now) return appFail('VALIDATION_FAILED', `the main link is computed as of now or earlier, not ${toInstant(at)}`, { at: toInstant(at) });
  let subtree: Set<string> | undefined;
  if (query.unitId !== undefined) {
    const found = principal === null ? await store.reads.snapshot(query.unitId) : await readable(store.reads, principal, query.unitId).then((r) => (r.ok ? r.value : undefined));
    if (found === undefined || found.kind !== 'unit') return appFail('NOT_FOUND', `no unit ${query.unitId}`, { id: query.unitId });
    subtree = new Set(await store.reads.unitSubtree(query.unitId));
  }
  const sees = principal === null ? () => true : await seer(store, principal);
  const seen = (await casesAt(store, at)).filter(sees);
  const inUnit = new Set(seen.filter((c) => subtree === undefined || (c.unitId !== null && subtree.has(c.unitId))).map((c) => c.link.caseId));
  const report = mainLink(
    seen.map((c) => c.link),
    at,
    (c) => inUnit.has(c.caseId),
  );
  const titleOf = new Map(seen.map((c) => [c.link.caseId, c.title]));
  const ranking = (rows: readonly LinkRow[]): MainLinkRanking => ({ count: rows.length, rows: rows.slice(0, query.top).map((r) => rowView(r, query.evidence)) });
  const persons = ranking(report.persons);
  const units = ranking(report.units);
  const steps = ranking(report.steps);
  const named = new Set<string>();
  const blockedNamed = new Set<string>();
  for (const r of [...persons.rows, ...units.rows, ...steps.rows]) {
    for (const id of r.caseIds) named.add(id);
    for (const id of r.blockedIds) blockedNamed.add(id);
  }
  const cases = [...named].map((id) => caseView(report.evidence.get(id) as LinkEvidence, titleOf.get(id) ?? id)).sort((a, b) => b.heldOverdueMs - a.heldOverdueMs || (a.caseId < b.caseId ? -1 : 1));
  for (const c of cases) for (const id of c.blockedIds) blockedNamed.add(id);
  const titles: Record<string, string> = {};
  for (const id of [...blockedNamed].sort()) titles[id] = titleOf.get(id) ?? id;
  return {
    ok: true,
    value: {
      asOf: toInstant(at),
      unitId: query.unitId ?? null,
      totals: { cases: report.cases, overdueMs: report.overdueMs, blocked: report.blocked },
      mainLink: { person: report.persons[0]?.key ?? null, unit: report.units[0]?.key ?? null, step: (report.steps[0]?.key as LinkStep | undefined) ?? null },
      persons,
      units,
      steps,
      cases,
      titles,
    },
  };
}
