/**
 * The main link (issue #7, F15): the person, unit or step whose *current* holdings account for the
 * most overdue hours, and how many dependent cases they block — with the evidence. Pure: the cases
 * are given as of one moment `now` (see docs/decisions/0027-main-link.md for the rules' reasons).
 *
 * Rules:
 * - An *overdue case*: open, and its deadline in force is before `now`.
 * - Its *current holding*: the last stretch of its hour ledger with one holder, one unit and one
 *   role (consecutive ledger intervals with the same person, unit and role, counted back from
 *   `now`). `since` is when that stretch began. Its *current overdue time* is the part of the
 *   holding after the deadline: `now − max(deadline, since)` (the deadline cannot change within one
 *   holding: a granted extension ends the approver's holding). Overdue time of earlier holders is
 *   history (the handover network and the inquiry show it); it is not attributed here.
 * - The holding is attributed to its holder (a person), the holder's unit as the case records it
 *   ('' when it records none) and its *step*, the holding role: what the case waits for — the owner
 *   to accept, the executor to work, a handover or a transfer to be accepted, an extension to be
 *   decided, the verifier to verify.
 * - *Blocked*: a case blocks its open ancestors — the assignment it is a part of, the one above
 *   that, and so on up while they are open — since a whole is not done while a part is open. A
 *   key blocks the union of what its overdue cases block (a parent counted once however many of
 *   its parts the key holds). Ancestors absent from the cases given are not known, so not counted.
 * - Rows per person, unit and step: overdue time (sum over its overdue cases), cases, blocked;
 *   ranked by overdue time, then blocked, then cases (most first), then key. The first row of each
 *   ranking is *the main link* of that kind. Invariant: each ranking's overdue times and cases sum
 *   to the totals (every overdue case has exactly one holder, unit and step).
 */
import type { HoldingRole } from '../domain/assignment/assignment.state.js';
import { currentHolding, isOpen } from '../domain/assignment/assignment.state.js';
import type { HourLedger } from '../domain/ledger/hour-ledger.js';
import { toMs } from '../domain/time.js';

/** What an open case waits for: the role of its current holding. */
export type LinkStep = Exclude<HoldingRole, 'closed'>;

/** Every step, in the order of a case's life. */
export const LINK_STEPS: readonly LinkStep[] = ['accepting', 'executing', 'handover', 'transfer', 'extension', 'verifying'];

/** The kinds of link. */
export type LinkKind = 'person' | 'unit' | 'step';

/** One case as the main link needs it, as of `now` (UTC ms). */
export interface LinkCase {
  readonly caseId: string;
  readonly parentId: string | null;
  readonly open: boolean;
  /** The deadline in force (UTC ms). */
  readonly deadline: number;
  /** The current holding; null for a closed case. */
  readonly holding: { readonly personId: string; readonly unitId: string; readonly step: LinkStep; readonly since: number } | null;
  /** All the overdue time of the case so far, whoever held it (ms): context for the evidence. */
  readonly overdueMs: number;
}

/** An overdue case as evidence: its current holding, the overdue time of that holding, and the open cases it blocks. */
export interface LinkEvidence {
  readonly caseId: string;
  readonly personId: string;
  readonly unitId: string;
  readonly step: LinkStep;
  /** When the current holding began (UTC ms). */
  readonly since: number;
  /** The deadline in force (UTC ms). */
  readonly deadline: number;
  /** The overdue time of the current holding (ms). */
  readonly heldOverdueMs: number;
  /** The case's overdue time since its deadline, whoever held it (ms). */
  readonly caseOverdueMs: number;
  /** Its open ancestors, nearest first. */
  readonly blockedIds: readonly string[];
}

/** One person, unit or step: its overdue time, its overdue cases (most overdue first) and the cases they block (in id order). */
export interface LinkRow {
  readonly key: string;
  readonly overdueMs: number;
  readonly cases: number;
  readonly blocked: number;
  readonly caseIds: readonly string[];
  readonly blockedIds: readonly string[];
}

/** The whole analysis. Invariant: for each kind, Σ rows' overdueMs = overdueMs and Σ rows' cases = cases. */
export interface MainLinkReport {
  readonly now: number;
  /** Overdue cases. */
  readonly cases: number;
  /** Σ of their current holdings' overdue time (ms). */
  readonly overdueMs: number;
  /** Distinct open cases blocked by the overdue cases. */
  readonly blocked: number;
  readonly persons: readonly LinkRow[];
  readonly units: readonly LinkRow[];
  readonly steps: readonly LinkRow[];
  /** Every overdue case, by id. */
  readonly evidence: ReadonlyMap<string, LinkEvidence>;
}

/**
 * Since when the case's current holding runs (UTC ms): the start of the last stretch of ledger
 * intervals with the holding's person, unit and role; the ledger's end when the holding began at
 * that very moment (a zero-length stretch has no interval).
 */
export function holdingSince(ledger: HourLedger): number {
  const h = currentHolding(ledger.state);
  const list = ledger.intervals;
  const same = (i: number): boolean => {
    const x = list[i];
    return x !== undefined && x.personId === h.personId && x.unitId === h.unitId && x.role === h.role;
  };
  let i = list.length - 1;
  if (!same(i)) return toMs(ledger.end);
  while (i > 0 && same(i - 1)) i--;
  return toMs(list[i]?.from ?? ledger.end);
}

/** A case as the main link needs it, read from its hour ledger (computed as of the same `now`); the holding is the state's. */
export function linkCaseOf(caseId: string, ledger: HourLedger): LinkCase {
  const s = ledger.state;
  const open = isOpen(s);
  const h = currentHolding(s);
  const holding = open && h.role !== 'closed' ? { personId: h.personId, unitId: h.unitId, step: h.role, since: holdingSince(ledger) } : null;
  return { caseId, parentId: s.parentId, open, deadline: toMs(s.deadline), holding, overdueMs: ledger.overdueMs };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Tally {
  overdueMs: number;
  readonly cases: LinkEvidence[];
  readonly blocked: Set<string>;
}

/** The open ancestors of a case, nearest first, up to the first one missing or closed. */
function openAncestors(c: LinkCase, byId: ReadonlyMap<string, LinkCase>): string[] {
  const out: string[] = [];
  const seen = new Set<string>([c.caseId]);
  for (let id = c.parentId; id !== null; ) {
    const parent = byId.get(id);
    if (parent === undefined || !parent.open || seen.has(id)) break;
    out.push(id);
    seen.add(id);
    id = parent.parentId;
  }
  return out;
}

function rows(tallies: ReadonlyMap<string, Tally>): LinkRow[] {
  const out = [...tallies].map(([key, t]): LinkRow => {
    const cases = [...t.cases].sort((a, b) => b.heldOverdueMs - a.heldOverdueMs || compare(a.caseId, b.caseId));
    return { key, overdueMs: t.overdueMs, cases: cases.length, blocked: t.blocked.size, caseIds: cases.map((c) => c.caseId), blockedIds: [...t.blocked].sort(compare) };
  });
  return out.sort((a, b) => b.overdueMs - a.overdueMs || b.blocked - a.blocked || b.cases - a.cases || compare(a.key, b.key));
}

/**
 * The main-link analysis of the cases as of `now` (UTC ms). Cases are told apart by id; a repeated
 * id is an error. Only the overdue cases `counts` accepts (default: all) are attributed; ancestors
 * are looked for among all the cases given (a unit's case blocks a whole of another unit).
 */
export function mainLink(cases: readonly LinkCase[], now: number, counts: (c: LinkCase) => boolean = () => true): MainLinkReport {
  const byId = new Map<string, LinkCase>();
  for (const c of cases) {
    if (byId.has(c.caseId)) throw new Error(`case ${c.caseId} given twice`);
    byId.set(c.caseId, c);
  }
  const evidence = new Map<string, LinkEvidence>();
  const tallies: Record<LinkKind, Map<string, Tally>> = { person: new Map(), unit: new Map(), step: new Map() };
  const allBlocked = new Set<string>();
  let overdueMs = 0;
  for (const c of cases) {
    const h = c.holding;
    if (!c.open || h === null || !(c.deadline < now) || !counts(c)) continue;
    const held = Math.max(0, now - Math.max(c.deadline, h.since));
    const e: LinkEvidence = {
      caseId: c.caseId,
      personId: h.personId,
      unitId: h.unitId,
      step: h.step,
      since: h.since,
      deadline: c.deadline,
      heldOverdueMs: held,
      caseOverdueMs: c.overdueMs,
      blockedIds: openAncestors(c, byId),
    };
    evidence.set(c.caseId, e);
    overdueMs += held;
    for (const id of e.blockedIds) allBlocked.add(id);
    for (const [kind, key] of [
      ['person', h.personId],
      ['unit', h.unitId],
      ['step', h.step],
    ] as const) {
      let t = tallies[kind].get(key);
      if (t === undefined) tallies[kind].set(key, (t = { overdueMs: 0, cases: [], blocked: new Set() }));
      t.overdueMs += held;
      t.cases.push(e);
      for (const id of e.blockedIds) t.blocked.add(id);
    }
  }
  return {
    now,
    cases: evidence.size,
    overdueMs,
    blocked: allBlocked.size,
    persons: rows(tallies.person),
    units: rows(tallies.unit),
    steps: rows(tallies.step),
    evidence,
  };
}
