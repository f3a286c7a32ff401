/**
 * Hours held per holder over a period (issue #7, F4): the cases' hour ledgers added up per person,
 * per unit, or per any key of an interval. Pure: cases are added one by one, the report read at the end.
 *
 * Rules:
 * - Every ledger interval counts, whatever its role ('closed' too: the ledger tiles a case's life,
 *   and so do these hours), but only the part of it inside the period [from, to): an interval is
 *   clipped at both edges (`clippedMs`); one wholly outside counts nothing.
 * - Overdue: the clipped part of an interval the ledger marks overdue. The ledger cuts intervals at
 *   the deadline in force, so an interval is overdue whole or not at all and clipping keeps that.
 * - `units`, when given: only the intervals whose holder's unit (as the ledger attributes it) is
 *   in the set — the holders of a unit's subtree.
 * - Keyed by the holder person, the holder's unit ('' when the ledger names none), or a function.
 * - Per key: time held, of which overdue, the time per role, and the cases with any time counted
 *   for the key. Totals: the same over every key, and the cases with any time counted at all.
 * Invariants: Σ holders' ms = totalMs = Σ of the kept intervals' clipped parts; the same holds for
 * overdue and for each role; Σ of a holder's roles = its ms. Holders are sorted by time held (most
 * first), then by key; a key with no time counted is not listed.
 */
import type { HoldingRole } from '../domain/assignment/assignment.state.js';
import type { LedgerInterval } from '../domain/ledger/hour-ledger.js';
import { toMs } from '../domain/time.js';

/** The roles of a ledger interval, in the order of a case's life: the order reports list them in. */
export const HOLDING_ROLES: readonly HoldingRole[] = ['accepting', 'executing', 'handover', 'transfer', 'extension', 'verifying', 'closed'];

/** What the hours are keyed by: the holder person, the holder's unit, or a key of the caller's. */
export type HoursKeying = 'person' | 'unit' | ((i: HeldInterval) => string);

/** A ledger interval as the hours need it (a `LedgerInterval` is one). */
export type HeldInterval = Pick<LedgerInterval, 'from' | 'to' | 'personId' | 'unitId' | 'role' | 'overdue'>;

/** A period [from, to) in UTC ms; `from` may be -Infinity and `to` Infinity (no bound). */
export interface HoursPeriod {
  readonly from: number;
  readonly to: number;
}

/** Every moment: the period of a report over all time. */
export const ALL_TIME: HoursPeriod = { from: Number.NEGATIVE_INFINITY, to: Number.POSITIVE_INFINITY };

/** Time (ms) per role; a role with no time is absent. */
export type RoleHours = Partial<Record<HoldingRole, number>>;

/** What one key held in the period: time (ms), of which overdue, per role, and over how many cases. */
export interface HolderHours {
  readonly key: string;
  readonly ms: number;
  readonly overdueMs: number;
  readonly byRole: RoleHours;
  readonly cases: number;
}

/** The report: the totals and each key's share, most first. Invariant: the holders' ms, overdueMs and byRole sum to the totals. */
export interface HoursReport {
  readonly totalMs: number;
  readonly overdueMs: number;
  readonly byRole: RoleHours;
  readonly cases: number;
  readonly holders: readonly HolderHours[];
}

/** The part of an interval inside the period, in ms (0 when they do not overlap). */
export function clippedMs(i: Pick<HeldInterval, 'from' | 'to'>, period: HoursPeriod): number {
  return Math.max(0, Math.min(toMs(i.to), period.to) - Math.max(toMs(i.from), period.from));
}

interface Tally {
  ms: number;
  overdueMs: number;
  byRole: RoleHours;
  cases: number;
}

function add(t: Tally, role: HoldingRole, ms: number, overdue: boolean): void {
  t.ms += ms;
  if (overdue) t.overdueMs += ms;
  t.byRole[role] = (t.byRole[role] ?? 0) + ms;
}

/** The roles of a tally in the order of a case's life (so that reports and JSON list them alike). */
function ordered(byRole: RoleHours): RoleHours {
  const out: RoleHours = {};
  for (const role of HOLDING_ROLES) if (byRole[role] !== undefined) out[role] = byRole[role];
  return out;
}

/** Accumulates cases' ledger intervals into hours per key over a period. */
export class HoursByHolder {
  private readonly keyOf: (i: HeldInterval) => string;
  private readonly total: Tally = { ms: 0, overdueMs: 0, byRole: {}, cases: 0 };
  private readonly tallies = new Map<string, Tally>();

  constructor(private readonly opts: { readonly by: HoursKeying; readonly period?: HoursPeriod; readonly units?: ReadonlySet<string> }) {
    const by = opts.by;
    this.keyOf = by === 'person' ? (i) => i.personId : by === 'unit' ? (i) => i.unitId : by;
  }

  /** Adds one case: its ledger intervals (in any order). */
  addCase(intervals: readonly HeldInterval[]): void {
    const period = this.opts.period ?? ALL_TIME;
    const touched = new Set<Tally>();
    for (const i of intervals) {
      if (this.opts.units !== undefined && !this.opts.units.has(i.unitId)) continue;
      const ms = clippedMs(i, period);
      if (ms <= 0) continue;
      const key = this.keyOf(i);
      let t = this.tallies.get(key);
      if (t === undefined) this.tallies.set(key, (t = { ms: 0, overdueMs: 0, byRole: {}, cases: 0 }));
      add(t, i.role, ms, i.overdue);
      add(this.total, i.role, ms, i.overdue);
      touched.add(t);
    }
    for (const t of touched) t.cases++;
    if (touched.size > 0) this.total.cases++;
  }

  /** The hours of the cases added so far. */
  result(): HoursReport {
    const holders = [...this.tallies].map(([key, t]): HolderHours => ({ key, ms: t.ms, overdueMs: t.overdueMs, byRole: ordered(t.byRole), cases: t.cases }));
    holders.sort((a, b) => b.ms - a.ms || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { totalMs: this.total.ms, overdueMs: this.total.overdueMs, byRole: ordered(this.total.byRole), cases: this.total.cases, holders };
  }
}
