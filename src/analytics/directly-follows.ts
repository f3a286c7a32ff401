/**
 * The directly-follows graph of an event log (the process map, issue #7): how often each activity
 * occurs, starts and ends a case, and for each pair a → b how often b directly follows a within a
 * case, with the mean and median time from a to b. Within a case, events are ordered by timestamp,
 * file order kept for equal timestamps; events without a timestamp keep their place after the one
 * before them and give no duration. Pure: cases are added one by one, the graph is read at the end.
 */

/** An event as the graph needs it: its activity and its instant (UTC ms, or null). */
export interface FlowEvent {
  readonly activity: string;
  readonly timestamp: number | null;
}

/** A count per activity name. */
export interface ActivityCount {
  readonly name: string;
  readonly count: number;
}

/** One directly-follows pair: how often, and the mean and median time between the two (ms; null when no pair of the kind had both timestamps). */
export interface FollowsEdge {
  readonly from: string;
  readonly to: string;
  readonly count: number;
  readonly meanMs: number | null;
  readonly medianMs: number | null;
}

/** The graph. Lists are sorted by count (most first), then by name(s). */
export interface DirectlyFollowsGraph {
  readonly cases: number;
  readonly events: number;
  readonly activities: readonly ActivityCount[];
  readonly starts: readonly ActivityCount[];
  readonly ends: readonly ActivityCount[];
  readonly edges: readonly FollowsEdge[];
}

interface EdgeTally {
  count: number;
  durations: number[];
}

function bump(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}

function counts(m: Map<string, number>): ActivityCount[] {
  return [...m].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Orders a case's events by timestamp, stably (file order for ties); an event without a timestamp
 * takes the timestamp of the event before it for ordering (it stays right after it).
 */
export function orderCase<E extends FlowEvent>(events: readonly E[]): E[] {
  // Most logs list a case's events in time order already: then the order is the file's, and nothing is sorted.
  let previous = Number.NEGATIVE_INFINITY;
  let inOrder = true;
  for (const e of events) {
    if (e.timestamp === null) continue;
    if (e.timestamp < previous) {
      inOrder = false;
      break;
    }
    previous = e.timestamp;
  }
  if (inOrder) return events.slice();
  let last = Number.NEGATIVE_INFINITY;
  const keyed = events.map((e, i) => {
    if (e.timestamp !== null) last = e.timestamp;
    return { e, key: e.timestamp ?? last, i };
  });
  keyed.sort((a, b) => a.key - b.key || a.i - b.i);
  return keyed.map((k) => k.e);
}

/** Accumulates cases into a directly-follows graph. */
export class DirectlyFollows {
  private cases = 0;
  private events = 0;
  private readonly activities = new Map<string, number>();
  private readonly starts = new Map<string, number>();
  private readonly ends = new Map<string, number>();
  /** Tallies by the earlier activity, then the later one (no key strings built per event). */
  private readonly edges = new Map<string, Map<string, EdgeTally>>();

  /** Adds one case (its events in file order; ordered here). A case without events counts as a case and adds nothing else. */
  addCase(events: readonly FlowEvent[]): void {
    this.addOrderedCase(events.length > 1 ? orderCase(events) : events);
  }

  /** Adds one case whose events are already in the order `orderCase` gives. */
  addOrderedCase(ordered: readonly FlowEvent[]): void {
    this.cases++;
    if (ordered.length === 0) return;
    this.events += ordered.length;
    bump(this.starts, (ordered[0] as FlowEvent).activity);
    bump(this.ends, (ordered[ordered.length - 1] as FlowEvent).activity);
    let p = ordered[0] as FlowEvent;
    bump(this.activities, p.activity);
    for (let i = 1; i < ordered.length; i++) {
      const e = ordered[i] as FlowEvent;
      bump(this.activities, e.activity);
      let from = this.edges.get(p.activity);
      if (from === undefined) this.edges.set(p.activity, (from = new Map<string, EdgeTally>()));
      let t = from.get(e.activity);
      if (t === undefined) from.set(e.activity, (t = { count: 0, durations: [] }));
      t.count++;
      if (p.timestamp !== null && e.timestamp !== null) t.durations.push(e.timestamp - p.timestamp);
      p = e;
    }
  }

  /** The graph of the cases added so far. */
  graph(): DirectlyFollowsGraph {
    const edges = [...this.edges].flatMap(([from, tos]) => [...tos].map(([to, t]): FollowsEdge => {
      const sorted = [...t.durations].sort((a, b) => a - b);
      const sum = sorted.reduce((a, b) => a + b, 0);
      return { from, to, count: t.count, meanMs: sorted.length === 0 ? null : sum / sorted.length, medianMs: median(sorted) };
    }));
    edges.sort((a, b) => b.count - a.count || (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
    return { cases: this.cases, events: this.events, activities: counts(this.activities), starts: counts(this.starts), ends: counts(this.ends), edges };
  }
}
