/**
 * Time held per resource in cases imported from another system (issue #7, F4). Such a log records
 * when each step happened and who performed it, not who held the case in between; the rule here
 * (the usual one of process mining's "working time"): between two consecutive events of a case —
 * ordered as the directly-follows graph orders them — the case was with the resource of the later
 * event, who performed the step it was waiting for. A step without a resource goes to '' (nobody
 * named); a pair where either event lacks a timestamp gives no time. Pure; cases added one by one.
 */
import { orderCase } from './directly-follows.js';

/** An event as the rule needs it: its instant (UTC ms, or null) and who performed it. */
export interface HeldEvent {
  readonly timestamp: number | null;
  readonly resource: string | null;
}

/** Time held by one resource (ms) and over how many steps. */
export interface ResourceHeld {
  readonly resource: string;
  readonly ms: number;
  readonly steps: number;
}

/** The totals: all the time the cases spent between events, and each resource's share, most first. Invariant: Σ byResource.ms = totalMs. */
export interface HoursHeldReport {
  readonly cases: number;
  readonly totalMs: number;
  readonly byResource: readonly ResourceHeld[];
}

/** Accumulates cases into the time each resource held them. */
export class HoursHeld {
  private cases = 0;
  private totalMs = 0;
  private readonly held = new Map<string, { ms: number; steps: number }>();

  /** Adds one case: its events in file order (ordered here, as the process map does). */
  addCase(events: readonly HeldEvent[]): void {
    this.addOrderedCase(events.length > 1 ? orderCase(events.map((e) => ({ ...e, activity: '' }))) : events);
  }

  /** Adds one case whose events are already in the order `orderCase` gives (as the process map takes them). */
  addOrderedCase(ordered: readonly HeldEvent[]): void {
    this.cases++;
    for (let i = 1; i < ordered.length; i++) {
      const before = ordered[i - 1] as HeldEvent;
      const e = ordered[i] as HeldEvent;
      if (before.timestamp === null || e.timestamp === null) continue;
      const ms = e.timestamp - before.timestamp;
      const key = e.resource ?? '';
      let h = this.held.get(key);
      if (h === undefined) this.held.set(key, (h = { ms: 0, steps: 0 }));
      h.ms += ms;
      h.steps++;
      this.totalMs += ms;
    }
  }

  /** The totals of the cases added so far. */
  result(): HoursHeldReport {
    const byResource = [...this.held].map(([resource, h]) => ({ resource, ms: h.ms, steps: h.steps })).sort((a, b) => b.ms - a.ms || (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
    return { cases: this.cases, totalMs: this.totalMs, byResource };
  }
}
