/**
 * The inquiry across many cases (issue #7, F4): "where did these cases stall?" — for the cases
 * selected, how many there are and how they stand, where their time went (by holder unit and
 * role, by holder person), the longest single waits, and the handovers, refusals and ping-pong
 * among them. Pure: it reads each case's hour ledger and nothing else.
 *
 * Rules:
 * - Selection (`selects`), every filter optional and combined: the domain; a text the title
 *   contains (case-insensitive); the owner's unit at issue within a set (a unit's subtree); issued
 *   in [from, to). Selected cases count whole — their whole life up to the ledger's end — never
 *   clipped to the period, which only chooses them.
 * - Standing: verified, cancelled, open; *overdue now*: open with its deadline in force before the
 *   ledger's end; *late*: any overdue time in its ledger (it ran past a deadline, closed or not).
 * - Time: every ledger interval, by (holder unit, role) and by holder person, as
 *   `HoursByHolder` counts it (analytics/hours-by-holder.ts); Σ of either = totalMs.
 * - A *wait*: consecutive ledger intervals of one case with the same person, unit and role merged
 *   (the ledger's cut at the deadline joined again), the 'closed' role left out; its overdue part
 *   is the overdue intervals' time. The longest are listed (most first, then case, then start).
 * - Handovers, refusals and ping-pong: the handover network (analytics/handovers.ts) of the
 *   selected cases only, by person and by unit.
 */
import type { HoldingRole } from '../domain/assignment/assignment.state.js';
import type { HourLedger } from '../domain/ledger/hour-ledger.js';
import { toMs, type Instant } from '../domain/time.js';
import { caseFlow, HandoverNetwork, type HandoverKeying, type HandoverReport } from './handovers.js';
import { HoursByHolder, type HeldInterval, type HolderHours } from './hours-by-holder.js';

/** A case as the inquiry reads it: what selection needs, and its hour ledger. */
export interface InquiryCase {
  readonly caseId: string;
  readonly title: string;
  readonly domain: string;
  /** The owner's unit as `assignment.issued` recorded it ('' when it named none). */
  readonly ownerUnitId: string;
  /** UTC ms of `assignment.issued`. */
  readonly issuedAt: number;
  readonly ledger: HourLedger;
}

/** Which cases the inquiry is about; each filter optional. */
export interface InquirySelection {
  readonly domain?: string;
  /** Text the title contains, case-insensitive. */
  readonly search?: string;
  /** The owner's unit at issue is one of these. */
  readonly units?: ReadonlySet<string>;
  /** Issued at or after (UTC ms). */
  readonly from?: number;
  /** Issued before (UTC ms). */
  readonly to?: number;
}

/** Time held by one holder unit in one role: ms, of which overdue, over how many cases. */
export interface UnitRoleHours {
  readonly unitId: string;
  readonly role: HoldingRole;
  readonly ms: number;
  readonly overdueMs: number;
  readonly cases: number;
}

/** One uninterrupted wait of a case with one holder in one role. */
export interface Wait {
  readonly caseId: string;
  readonly personId: string;
  readonly unitId: string;
  readonly role: HoldingRole;
  readonly from: Instant;
  readonly to: Instant;
  readonly ms: number;
  readonly overdueMs: number;
}

/** The inquiry's answer. Invariants: verified + cancelled + open = cases; Σ byUnitRole ms = Σ byPerson ms = totalMs. */
export interface InquiryReport {
  readonly cases: number;
  readonly verified: number;
  readonly cancelled: number;
  readonly open: number;
  readonly overdueNow: number;
  readonly late: number;
  readonly totalMs: number;
  readonly overdueMs: number;
  readonly byUnitRole: readonly UnitRoleHours[];
  readonly byPerson: readonly HolderHours[];
  /** How many waits the cases had; `longestWaits` holds the first `top` of them. */
  readonly waits: number;
  readonly longestWaits: readonly Wait[];
  readonly handovers: Readonly<Record<HandoverKeying, HandoverReport>>;
}

/** True when the case passes every filter of the selection. */
export function selects(s: InquirySelection, c: InquiryCase): boolean {
  if (s.domain !== undefined && c.domain !== s.domain) return false;
  if (s.search !== undefined && !c.title.toLowerCase().includes(s.search.toLowerCase())) return false;
  if (s.units !== undefined && !s.units.has(c.ownerUnitId)) return false;
  if (s.from !== undefined && c.issuedAt < s.from) return false;
  return s.to === undefined || c.issuedAt < s.to;
}

/** A case's waits from its ledger intervals (in order): same person, unit and role merged, 'closed' left out. */
export function waitsOf(caseId: string, intervals: readonly (HeldInterval & { readonly ms: number })[]): Wait[] {
  const out: Wait[] = [];
  for (const i of intervals) {
    if (i.role === 'closed') continue;
    const last = out[out.length - 1];
    const overdueMs = i.overdue ? i.ms : 0;
    if (last !== undefined && last.personId === i.personId && last.unitId === i.unitId && last.role === i.role && toMs(last.to) === toMs(i.from)) {
      out[out.length - 1] = { ...last, to: i.to, ms: last.ms + i.ms, overdueMs: last.overdueMs + overdueMs };
    } else out.push({ caseId, personId: i.personId, unitId: i.unitId, role: i.role, from: i.from, to: i.to, ms: i.ms, overdueMs });
  }
  return out;
}

const SEP = '\u0000';

/** The inquiry over the cases given (select them first with `selects`), listing the `top` longest waits. */
export function inquiry(cases: Iterable<InquiryCase>, top: number): InquiryReport {
  const counts = { cases: 0, verified: 0, cancelled: 0, open: 0, overdueNow: 0, late: 0 };
  const byPerson = new HoursByHolder({ by: 'person' });
  const byUnitRole = new HoursByHolder({ by: (i) => `${i.unitId}${SEP}${i.role}` });
  const networks = { person: new HandoverNetwork(), unit: new HandoverNetwork() };
  const waits: Wait[] = [];
  for (const c of cases) {
    const l = c.ledger;
    counts.cases++;
    if (l.state.status === 'verified') counts.verified++;
    else if (l.state.status === 'cancelled') counts.cancelled++;
    if (l.open) counts.open++;
    if (l.open && toMs(l.deadline) < toMs(l.end)) counts.overdueNow++;
    if (l.overdueMs > 0) counts.late++;
    byPerson.addCase(l.intervals);
    byUnitRole.addCase(l.intervals);
    waits.push(...waitsOf(c.caseId, l.intervals));
    for (const by of ['person', 'unit'] as const) {
      const flow = caseFlow(l, by);
      networks[by].addCase(c.caseId, flow.stints, flow.refusals);
    }
  }
  waits.sort((a, b) => b.ms - a.ms || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0) || toMs(a.from) - toMs(b.from));
  const persons = byPerson.result();
  const unitRoles = byUnitRole.result().holders.map((h): UnitRoleHours => {
    const [unitId, role] = h.key.split(SEP) as [string, HoldingRole];
    return { unitId, role, ms: h.ms, overdueMs: h.overdueMs, cases: h.cases };
  });
  return {
    ...counts,
    totalMs: persons.totalMs,
    overdueMs: persons.overdueMs,
    byUnitRole: unitRoles,
    byPerson: persons.holders,
    waits: waits.length,
    longestWaits: waits.slice(0, top),
    handovers: { person: networks.person.result(), unit: networks.unit.result() },
  };
}
