/**
 * What the hours and inquiry reports are checked against, recounted here from the demo database
 * itself (better-sqlite3): each case's events, its life from issue to its last verification or
 * cancellation (or the moment asked) with a plain loop, and its ledger computed from the raw events.
 */
import Database from 'better-sqlite3';
import type { AssignmentEvent } from '../../src/domain/assignment/assignment.events.js';
import type { StreamEvent } from '../../src/domain/event.js';
import { hourLedger, type HourLedger } from '../../src/domain/ledger/hour-ledger.js';

/** One event as the database holds it. */
export interface Row {
  readonly stream_id: string;
  readonly type: string;
  readonly actor: string;
  readonly at: string;
  readonly payload: string;
}

/** The demo's assignment events by case, in order; its units with their parents; the newest event. */
export interface DemoRecord {
  readonly byCase: ReadonlyMap<string, readonly Row[]>;
  readonly parents: ReadonlyMap<string, string | null>;
  readonly lastAt: string;
}

/** Reads the record from the database file. */
export function readDemo(db: string): DemoRecord {
  const sqlite = new Database(db, { readonly: true });
  try {
    const rows = sqlite.prepare("SELECT stream_id, type, actor, at, payload FROM events WHERE stream_id LIKE 'asg\\_%' ESCAPE '\\' ORDER BY stream_id, seq").all() as Row[];
    const units = sqlite.prepare('SELECT id, parent_id FROM units').all() as { id: string; parent_id: string | null }[];
    const lastAt = (sqlite.prepare('SELECT max(at) AS at FROM events').get() as { at: string }).at;
    const byCase = new Map<string, Row[]>();
    for (const r of rows) byCase.set(r.stream_id, [...(byCase.get(r.stream_id) ?? []), r]);
    return { byCase, parents: new Map(units.map((u) => [u.id, u.parent_id])), lastAt };
  } finally {
    sqlite.close();
  }
}

/** A unit and every unit below it, following the parents in the units table. */
export function subtree(parents: ReadonlyMap<string, string | null>, unitId: string): Set<string> {
  const out = new Set([unitId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [id, parent] of parents) {
      if (parent === null || !out.has(parent) || out.has(id)) continue;
      out.add(id);
      grew = true;
    }
  }
  return out;
}

/** A case's life as of `at` (ms), counted plainly: from its issue to its last verification or cancellation not undone later, else to `at`; null when issued after `at`. */
export function plainLife(rows: readonly Row[], at: number): { from: number; to: number } | null {
  const seen = rows.filter((r) => Date.parse(r.at) <= at);
  const first = seen[0];
  if (first === undefined) return null;
  let closedAt: number | null = null;
  for (const r of seen) {
    if (r.type === 'assignment.verified' || r.type === 'assignment.cancelled') closedAt = Date.parse(r.at);
    if (r.type === 'assignment.reopened' || r.type === 'assignment.beneficiary-disputed') closedAt = null;
  }
  return { from: Date.parse(first.at), to: closedAt ?? at };
}

/** How much of [a, b) lies in [from, to). */
export function overlap(a: number, b: number, from: number, to: number): number {
  const lo = a > from ? a : from;
  const hi = b < to ? b : to;
  return hi > lo ? hi - lo : 0;
}

/** The case's ledger from its raw events up to `at` (ms); null when issued after `at`. */
export function ledgerOf(rows: readonly Row[], at: number): HourLedger | null {
  const events = rows.filter((r) => Date.parse(r.at) <= at).map((r) => ({ type: r.type, actor: r.actor, at: r.at, payload: JSON.parse(r.payload) as object }) as unknown as StreamEvent<AssignmentEvent>);
  return events.length === 0 ? null : hourLedger(events, new Date(at).toISOString());
}

/** Figures of one holder as the reports give them. */
export interface Held {
  ms: number;
  overdueMs: number;
  cases: number;
  byRole: Record<string, number>;
}

/** Per key, the time of the intervals of the ledgers inside [from, to), kept by `keep`, counted with a plain loop. */
export function plainHeld(ledgers: readonly HourLedger[], key: (i: HourLedger['intervals'][number]) => string, from: number, to: number, keep: (unitId: string) => boolean = () => true): Map<string, Held> {
  const out = new Map<string, Held & { seen: Set<number> }>();
  ledgers.forEach((l, n) => {
    for (const i of l.intervals) {
      const ms = overlap(Date.parse(i.from), Date.parse(i.to), from, to);
      if (ms === 0 || !keep(i.unitId)) continue;
      const h = out.get(key(i)) ?? { ms: 0, overdueMs: 0, cases: 0, byRole: {}, seen: new Set<number>() };
      h.ms += ms;
      if (i.overdue) h.overdueMs += ms;
      h.byRole[i.role] = (h.byRole[i.role] ?? 0) + ms;
      h.seen.add(n);
      h.cases = h.seen.size;
      out.set(key(i), h);
    }
  });
  return new Map([...out].map(([k, { seen: _seen, ...h }]) => [k, h]));
}
