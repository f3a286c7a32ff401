/**
 * Hours held per person or unit over a period (issue #7, F4), and the cases' ledgers as of a moment
 * that it and the inquiry (`inquiry.ts`) read. Every assignment stream is read in one pass
 * (`assignmentEvents`); each case is cut at the moment asked — its events at or before it, a case
 * issued later left out — and its ledger computed as of then, so that `at` in the past shows the
 * record as it stood. No query per case.
 *
 * Scope: the operator (the CLI, `principal` null) reads every case. A caller reads only the cases
 * GET /assignments lists for them now (a party, a role over the case's unit, the secretary of the
 * deciding body) — whole cases or nothing: the hours held are those of the intervals of those cases
 * only, whoever held them — and a unit they may not see is NOT_FOUND, as an unknown one is.
 */
import { HoursByHolder, type HoursPeriod, type HoursReport } from '../../analytics/hours-by-holder.js';
import type { InquiryCase } from '../../analytics/inquiry.js';
import type { Principal } from '../../domain/access/access-policy.js';
import type { AssignmentEvent } from '../../domain/assignment/assignment.events.js';
import type { StreamEvent } from '../../domain/event.js';
import { hourLedger } from '../../domain/ledger/hour-ledger.js';
import { toInstant, toMs } from '../../domain/time.js';
import type { Store } from '../../store/port.js';
import { readable } from '../access/gate.js';
import { appFail, type AppResult } from '../errors.js';
import { assignmentEvents } from './case-ledgers.js';
import { visibleCaseIds } from './scope.js';

/** Every case issued by `at` (UTC ms), with its ledger from its events up to `at`, in order of each case's first event. */
export async function ledgeredCasesAt(store: Store, at: number): Promise<InquiryCase[]> {
  const { byStream } = await assignmentEvents(store);
  const out: InquiryCase[] = [];
  for (const [caseId, events] of byStream) {
    const first = events[0];
    if (first?.type !== 'assignment.issued' || toMs(first.at) > at) continue;
    let n = 1;
    while (n < events.length && toMs((events[n] as StreamEvent<AssignmentEvent>).at) <= at) n++;
    const ledger = hourLedger(n === events.length ? events : events.slice(0, n), toInstant(at));
    const issued = first.payload;
    out.push({ caseId, title: issued.title, domain: issued.domain, ownerUnitId: issued.units[issued.ownerId] ?? '', issuedAt: toMs(first.at), ledger });
  }
  return out;
}

/** The cases of `ledgeredCasesAt` in the principal's scope: every one for null (the operator), else those GET /assignments lists for them now. */
export async function casesInScopeAt(store: Store, principal: Principal | null, at: number): Promise<InquiryCase[]> {
  const cases = await ledgeredCasesAt(store, at);
  if (principal === null) return cases;
  const visible = await visibleCaseIds(store, principal);
  return cases.filter((c) => visible.has(c.caseId));
}

/** The units of `unitId`'s subtree (itself included); NOT_FOUND when there is no such unit, or when the principal (null: the operator, who sees every unit) may not see it. */
export async function unitSubtreeOf(store: Store, principal: Principal | null, unitId: string): Promise<AppResult<Set<string>>> {
  const missing = appFail('NOT_FOUND', `no unit ${unitId}`, { id: unitId });
  if (principal !== null) {
    const found = await readable(store.reads, principal, unitId);
    if (!found.ok || found.value.kind !== 'unit') return missing;
  }
  const units = new Set(await store.reads.unitSubtree(unitId));
  return units.size === 0 ? missing : { ok: true, value: units };
}

/** A period [from, to) checked: VALIDATION_FAILED unless `to` comes after `from`. */
export function checkedPeriod(from: number | undefined, to: number | undefined): AppResult<HoursPeriod> {
  const period = { from: from ?? Number.NEGATIVE_INFINITY, to: to ?? Number.POSITIVE_INFINITY };
  return period.to > period.from ? { ok: true, value: period } : appFail('VALIDATION_FAILED', "'to' must come after 'from'", { field: 'to' });
}

/** What the hours report is asked: each filter optional; the period [from, to) in UTC ms (no `to`: up to `at`). */
export interface HoursQuery {
  readonly by: 'person' | 'unit';
  /** Only holders whose unit is this unit or one below it. */
  readonly unitId?: string;
  /** Only cases of this domain. */
  readonly domain?: string;
  readonly from?: number;
  readonly to?: number;
  /** The moment (UTC ms) the ledgers are computed for. */
  readonly at: number;
}

/** The hours report with what it was asked: `from` null when the period has no start. */
export interface HoursView extends HoursReport {
  readonly by: 'person' | 'unit';
  readonly from: number | null;
  readonly to: number;
  readonly at: number;
  readonly unitId: string | null;
  readonly domain: string | null;
}

/**
 * Hours held per person or unit over the period, in the cases kept: every case for `principal` null
 * (the operator), else only the intervals of the cases the principal may see (those GET
 * /assignments lists for them). NOT_FOUND for an unknown unit or one the principal may not see;
 * VALIDATION_FAILED when the period ends before it starts (its end being `to`, else `at`).
 */
export async function hoursHeld(store: Store, principal: Principal | null, q: HoursQuery): Promise<AppResult<HoursView>> {
  const period = checkedPeriod(q.from, q.to ?? q.at);
  if (!period.ok) return period;
  let units: Set<string> | undefined;
  if (q.unitId !== undefined) {
    const found = await unitSubtreeOf(store, principal, q.unitId);
    if (!found.ok) return found;
    units = found.value;
  }
  const hours = new HoursByHolder({ by: q.by, period: period.value, ...(units !== undefined ? { units } : {}) });
  for (const c of await casesInScopeAt(store, principal, q.at)) if (q.domain === undefined || c.domain === q.domain) hours.addCase(c.ledger.intervals);
  return {
    ok: true,
    value: { by: q.by, from: q.from ?? null, to: period.value.to, at: q.at, unitId: q.unitId ?? null, domain: q.domain ?? null, ...hours.result() },
  };
}
