/**
 * The process map of Proverka's own record (issue #7): the directly-follows graph of the assignment
 * cases (analytics/directly-follows.ts), one case per assignment, its activities the kinds of its
 * events without `assignment.` (as `proverka export xes` names them), timed by the events' instants.
 *
 * Filters, all optional and combined: a unit (the case's owner's unit at issue, as `assignment.issued`
 * recorded it, that unit or any below it), a domain (the assignment's), and a period: the cases
 * *issued* in [from, to) — whole cases, never cut, so that starts, ends and times stay those of the
 * real paths (docs/decisions/0028-process-map-of-the-record.md).
 *
 * A caller gets only the cases GET /assignments lists for them (the read model's visibility: a
 * party, a role over the case's unit, the secretary of the deciding body); a unit they may not see
 * is NOT_FOUND. The operator (the CLI, `viewer` null) sees every case; an unknown unit is NOT_FOUND.
 *
 * The cases' flows are read from the record in one pass and kept while no event is appended (the
 * cache is checked against the newest position at each call).
 */
import type { AssignmentEvent } from '../../domain/assignment/assignment.events.js';
import type { Principal } from '../../domain/access/access-policy.js';
import type { StreamEvent } from '../../domain/event.js';
import { toMs } from '../../domain/time.js';
import { DirectlyFollows, type DirectlyFollowsGraph, type FlowEvent } from '../../analytics/directly-follows.js';
import type { Store } from '../../store/port.js';
import { readable } from '../access/gate.js';
import { appFail, type AppResult } from '../errors.js';
import { assignmentEvents } from './case-ledgers.js';
import { visibleCaseIds } from './scope.js';

/** One case as the process map needs it: where and when it was issued, and its events as activities. */
export interface CaseFlow {
  readonly caseId: string;
  /** The owner's unit as `assignment.issued` recorded it ('' if it named none). */
  readonly ownerUnitId: string;
  readonly domain: string;
  /** UTC ms of `assignment.issued`. */
  readonly issuedAt: number;
  /** In the stream's order. */
  readonly events: readonly FlowEvent[];
}

/** The activity of an assignment event: its kind without `assignment.` (`issued`, `handover-offered`, …). */
export function activityOf(eventType: string): string {
  return eventType.replace(/^assignment\./, '');
}

/** A case's flow from its events (the first must be `assignment.issued`; a stream without it gives undefined). */
export function caseFlow(caseId: string, events: readonly StreamEvent<AssignmentEvent>[]): CaseFlow | undefined {
  const first = events[0];
  if (first === undefined || first.type !== 'assignment.issued') return undefined;
  const issued = first.payload;
  return {
    caseId,
    ownerUnitId: issued.units[issued.ownerId] ?? '',
    domain: issued.domain,
    issuedAt: toMs(first.at),
    events: events.map((e) => ({ activity: activityOf(e.type), timestamp: toMs(e.at) })),
  };
}

interface Flows {
  readonly position: number;
  readonly cases: readonly CaseFlow[];
}

const cache = new WeakMap<Store, Flows>();

/** Every case's flow, in order of each case's first event; from the cache when no event was appended since it was read. */
export async function caseFlows(store: Store): Promise<readonly CaseFlow[]> {
  const cached = cache.get(store);
  if (cached !== undefined && (await store.reads.eventsAfter(cached.position, 1)).length === 0) return cached.cases;
  const { position, byStream } = await assignmentEvents(store);
  const cases: CaseFlow[] = [];
  for (const [caseId, events] of byStream) {
    const flow = caseFlow(caseId, events);
    if (flow !== undefined) cases.push(flow);
  }
  cache.set(store, { position, cases });
  return cases;
}

/** What the process map is asked: each filter optional. */
export interface ProcessMapQuery {
  /** Only cases whose owner's unit at issue is this unit or one below it. */
  readonly unitId?: string;
  /** Only cases of this domain. */
  readonly domain?: string;
  /** Only cases issued at or after this instant (UTC ms). */
  readonly from?: number;
  /** Only cases issued before this instant (UTC ms). */
  readonly to?: number;
}

/** The graph of the cases that pass the filters, and the domains of all the cases the viewer sees (the choices of the domain filter). */
export interface ProcessMap extends DirectlyFollowsGraph {
  /** Sorted. */
  readonly domains: readonly string[];
}

/**
 * The process map of the cases the viewer sees (every case for `null`, the operator) that pass the
 * filters. NOT_FOUND for a unit that does not exist or that the viewer may not see.
 */
export async function processMap(store: Store, viewer: Principal | null, query: ProcessMapQuery): Promise<AppResult<ProcessMap>> {
  let units: Set<string> | undefined;
  if (query.unitId !== undefined) {
    const unitId = query.unitId;
    if (viewer !== null) {
      const found = await readable(store.reads, viewer, unitId);
      if (!found.ok || found.value.kind !== 'unit') return appFail('NOT_FOUND', `no unit ${unitId}`, { id: unitId });
    }
    units = new Set(await store.reads.unitSubtree(unitId));
    if (units.size === 0) return appFail('NOT_FOUND', `no unit ${unitId}`, { id: unitId });
  }
  const flows = await caseFlows(store);
  const visible = viewer === null ? undefined : await visibleCaseIds(store, viewer);
  const graph = new DirectlyFollows();
  const domains = new Set<string>();
  for (const c of flows) {
    if (visible !== undefined && !visible.has(c.caseId)) continue;
    domains.add(c.domain);
    if (units !== undefined && !units.has(c.ownerUnitId)) continue;
    if (query.domain !== undefined && c.domain !== query.domain) continue;
    if (query.from !== undefined && c.issuedAt < query.from) continue;
    if (query.to !== undefined && c.issuedAt >= query.to) continue;
    graph.addCase(c.events);
  }
  return { ok: true, value: { ...graph.graph(), domains: [...domains].sort() } };
}
