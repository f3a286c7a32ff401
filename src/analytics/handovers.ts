/**
 * The handover network of the record's cases (issue #7, F4): who passes cases to whom, how often,
 * and how long a case then stays with the one who received it; ping-pong (a case that comes back
 * to a holder it already left); refused handovers and transfers. Computed from each case's hour
 * ledger, by person or by unit. Pure: cases are added one by one, the report is read at the end.
 *
 * Rules:
 * - A case's *stints*: its ledger intervals in order, with the 'closed' role left out (the time
 *   after verification or cancellation), and consecutive intervals of the same key merged — the key
 *   is the person, or with `by: 'unit'` the person's unit (consecutive intervals of the same unit
 *   merged, whoever held them). A stint's `ms` is the sum of its intervals' ms; the last stint of
 *   an open case runs to the moment the ledger was computed. The ledger gives the time a request
 *   waits for an answer to the one asked (handover, transfer, extension) and the time a submission
 *   waits to the verifier, so those are stints too: a refused handover A → B → A, an extension asked
 *   of a controller and answered, a rejection by the verifier each make passes there and back.
 * - A *pass* A → B: two consecutive stints (their keys always differ). The network gives, for each
 *   (A, B), the number of passes and the mean and median `ms` of B's stint after the pass — how long
 *   the case then waits with B.
 * - A *return* (ping-pong): a stint whose key already held an earlier stint of the same case (never
 *   the adjacent one, whose key differs): A → B → A, and A → B → C → A too. Each return counts once,
 *   for the unordered pair of the returning key and the key that passed the case back (A → B → A:
 *   {A, B}; A → B → C → A: {A, C}); pairs are reported with their keys sorted. Per case: its count
 *   of returns; in all: the cases with at least one return, the total of returns, the pairs.
 * - *Refusals*: the case's handover and transfer requests that were refused, by (who asked → who
 *   refused), keyed as the stints are.
 * - Per key: the cases and stints it held, the time it held them (sum of its stints' ms), and its
 *   passes in and out.
 * Lists are sorted by their count or time (most first), then by key(s).
 */
import type { HourLedger, LedgerRequest } from '../domain/ledger/hour-ledger.js';

/** What the network is keyed by: people, or their units. */
export type HandoverKeying = 'person' | 'unit';

/** One uninterrupted stretch of a case with one key: when it began (UTC ms) and how long it was held (ms). */
export interface Stint {
  readonly key: string;
  readonly from: number;
  readonly ms: number;
}

/** A ledger interval as stints need it (a `LedgerInterval` is one). */
export interface StintInterval {
  readonly personId: string;
  readonly unitId: string;
  readonly role: string;
  readonly from: string;
  readonly ms: number;
}

/** A refused handover or transfer: who asked (from) and who refused (to), as keys. */
export interface Refusal {
  readonly from: string;
  readonly to: string;
}

/** Passes from one key to another: how many, and the mean and median time the case then stayed with `to` (ms). */
export interface PassEdge {
  readonly from: string;
  readonly to: string;
  readonly count: number;
  readonly meanWaitMs: number;
  readonly medianWaitMs: number;
}

/** Ping-pong between two keys (`a` < `b`): the returns counted for the pair and the cases they happened in. */
export interface PingPongPair {
  readonly a: string;
  readonly b: string;
  readonly returns: number;
  readonly cases: number;
}

/** A case that came back to an earlier holder: its returns and the keys of its stints in order. */
export interface ReturningCase {
  readonly caseId: string;
  readonly returns: number;
  readonly keys: readonly string[];
}

/** Refused requests from one key to another. */
export interface RefusalEdge {
  readonly from: string;
  readonly to: string;
  readonly count: number;
}

/** What one key did: the cases and stints it held, for how long in all (ms), and its passes in and out. */
export interface HolderFigures {
  readonly key: string;
  readonly cases: number;
  readonly stints: number;
  readonly heldMs: number;
  readonly passesIn: number;
  readonly passesOut: number;
}

/** The whole report. Invariants: `passes` = Σ edges' counts = Σ over cases (stints − 1); `returns` = Σ pairs' returns = Σ returning cases' returns. */
export interface HandoverReport {
  readonly cases: number;
  readonly stints: number;
  readonly passes: number;
  readonly casesWithPass: number;
  readonly casesWithReturns: number;
  readonly returns: number;
  readonly refusals: number;
  readonly edges: readonly PassEdge[];
  readonly pingPong: readonly PingPongPair[];
  readonly returning: readonly ReturningCase[];
  readonly refused: readonly RefusalEdge[];
  readonly holders: readonly HolderFigures[];
}

const SEP = '\u0000';

function keyOf(i: StintInterval, by: HandoverKeying): string {
  return by === 'person' ? i.personId : i.unitId;
}

/** The stints of a case from its ledger intervals (in order): 'closed' left out, consecutive intervals of the same key merged. */
export function stintsOf(intervals: readonly StintInterval[], by: HandoverKeying): Stint[] {
  const out: Stint[] = [];
  for (const i of intervals) {
    if (i.role === 'closed') continue;
    const key = keyOf(i, by);
    const last = out[out.length - 1];
    if (last !== undefined && last.key === key) out[out.length - 1] = { ...last, ms: last.ms + i.ms };
    else out.push({ key, from: Date.parse(i.from), ms: i.ms });
  }
  return out;
}

/** The refused handovers and transfers among a case's requests, keyed by person or by the unit `unitOf` gives ('' when it gives none). */
export function refusalsOf(requests: readonly LedgerRequest[], by: HandoverKeying, unitOf: (personId: string) => string | undefined): Refusal[] {
  const key = (personId: string): string => (by === 'person' ? personId : (unitOf(personId) ?? ''));
  return requests.filter((r) => r.outcome === 'refused' && (r.kind === 'handover' || r.kind === 'transfer')).map((r) => ({ from: key(r.by), to: key(r.to) }));
}

/** A case's stints and refusals read from its hour ledger (units from the case's own record of them). */
export function caseFlow(ledger: HourLedger, by: HandoverKeying): { stints: Stint[]; refusals: Refusal[] } {
  return { stints: stintsOf(ledger.intervals, by), refusals: refusalsOf(ledger.requests, by, (p) => ledger.state.units[p]) };
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface HolderTally {
  cases: number;
  stints: number;
  heldMs: number;
  passesIn: number;
  passesOut: number;
}

/** Accumulates cases into a handover report. */
export class HandoverNetwork {
  private cases = 0;
  private stints = 0;
  private casesWithPass = 0;
  private refusalCount = 0;
  private readonly waits = new Map<string, number[]>();
  private readonly pairs = new Map<string, { returns: number; cases: number }>();
  private readonly returning: ReturningCase[] = [];
  private readonly refused = new Map<string, number>();
  private readonly holders = new Map<string, HolderTally>();

  private holder(key: string): HolderTally {
    let t = this.holders.get(key);
    if (t === undefined) this.holders.set(key, (t = { cases: 0, stints: 0, heldMs: 0, passesIn: 0, passesOut: 0 }));
    return t;
  }

  /** Adds one case: its stints in order (consecutive keys must differ, as `stintsOf` gives them) and its refusals. */
  addCase(caseId: string, stints: readonly Stint[], refusals: readonly Refusal[]): void {
    this.cases++;
    this.stints += stints.length;
    if (stints.length > 1) this.casesWithPass++;
    const seen = new Set<string>();
    const pairsHere = new Set<string>();
    let returns = 0;
    stints.forEach((s, i) => {
      const h = this.holder(s.key);
      if (!seen.has(s.key)) h.cases++;
      h.stints++;
      h.heldMs += s.ms;
      const prev = stints[i - 1];
      if (prev !== undefined) {
        if (prev.key === s.key) throw new Error(`case ${caseId}: consecutive stints of the same key ${s.key}`);
        this.holder(prev.key).passesOut++;
        h.passesIn++;
        const edge = `${prev.key}${SEP}${s.key}`;
        let w = this.waits.get(edge);
        if (w === undefined) this.waits.set(edge, (w = []));
        w.push(s.ms);
        if (seen.has(s.key)) {
          returns++;
          const pair = [prev.key, s.key].sort(compare).join(SEP);
          let p = this.pairs.get(pair);
          if (p === undefined) this.pairs.set(pair, (p = { returns: 0, cases: 0 }));
          p.returns++;
          if (!pairsHere.has(pair)) p.cases++;
          pairsHere.add(pair);
        }
      }
      seen.add(s.key);
    });
    if (returns > 0) this.returning.push({ caseId, returns, keys: stints.map((s) => s.key) });
    for (const r of refusals) {
      this.refusalCount++;
      const key = `${r.from}${SEP}${r.to}`;
      this.refused.set(key, (this.refused.get(key) ?? 0) + 1);
    }
  }

  /** The report of the cases added so far. */
  result(): HandoverReport {
    const edges = [...this.waits].map(([key, w]): PassEdge => {
      const [from, to] = key.split(SEP) as [string, string];
      const sorted = [...w].sort((a, b) => a - b);
      return { from, to, count: w.length, meanWaitMs: sorted.reduce((a, b) => a + b, 0) / sorted.length, medianWaitMs: median(sorted) };
    });
    edges.sort((x, y) => y.count - x.count || compare(x.from, y.from) || compare(x.to, y.to));
    const pingPong = [...this.pairs].map(([key, p]): PingPongPair => {
      const [a, b] = key.split(SEP) as [string, string];
      return { a, b, ...p };
    });
    pingPong.sort((x, y) => y.returns - x.returns || y.cases - x.cases || compare(x.a, y.a) || compare(x.b, y.b));
    const refused = [...this.refused].map(([key, count]): RefusalEdge => {
      const [from, to] = key.split(SEP) as [string, string];
      return { from, to, count };
    });
    refused.sort((x, y) => y.count - x.count || compare(x.from, y.from) || compare(x.to, y.to));
    const holders = [...this.holders].map(([key, t]): HolderFigures => ({ key, ...t }));
    holders.sort((x, y) => y.heldMs - x.heldMs || compare(x.key, y.key));
    const returning = [...this.returning].sort((x, y) => y.returns - x.returns || compare(x.caseId, y.caseId));
    return {
      cases: this.cases,
      stints: this.stints,
      passes: edges.reduce((n, e) => n + e.count, 0),
      casesWithPass: this.casesWithPass,
      casesWithReturns: returning.length,
      returns: returning.reduce((n, c) => n + c.returns, 0),
      refusals: this.refusalCount,
      edges,
      pingPong,
      returning,
      refused,
      holders,
    };
  }
}
