/**
 * Read-only queries routed to a streaming replica, with bounded staleness. Before a read, the
 * replica's lag is known from a measurement at most `probeEveryMs` old (see replica-lag.ts); the
 * replica serves the read only if that lag plus the age of the measurement is within `maxLagMs`.
 * Since a replica only moves forward, this bounds what a read can miss: every commit made more than
 * `maxLagMs` before the read is in what it sees. Otherwise — too far behind, unreachable, not a
 * replica, or the query failed there — the primary serves the read. Writes, the reads inside write
 * transactions, migrations, checkpoints and verification never come here: they stay on the primary.
 */
import type { RecordedEvent } from '../record.js';
import type { RoleGrant } from '../../domain/access/roles.js';
import type { StreamKind } from '../../domain/ids.js';
import type { AssignmentFilter, AssignmentSummary, AssignmentWithParties, DecisionLabel, ExecutionCounts, NewestDecisionFilter, OpenCaseFilter, OpenCaseGroup, ReadModel, RecordCounts, StreamFilter, StreamSnapshot } from '../read-model.js';
import type { LagReading } from './replica-lag.js';

/** Which side served a read. */
export type ReadSide = 'replica' | 'primary';

/** How the routing decides. */
export interface ReplicaRoutingOptions {
  /** The most a read from the replica may lag behind the primary, in milliseconds. */
  readonly maxLagMs: number;
  /** Measure the lag again when the last measurement is this old (default: a fifth of maxLagMs, at most 1,000). */
  readonly probeEveryMs?: number;
  /** This process's clock (epoch milliseconds). */
  readonly clock?: () => number;
}

/** A ReadModel that serves each read from the replica when it is recent enough, else from the primary. */
export class ReplicaReadModel implements ReadModel {
  private reading: LagReading | undefined;
  private probing: Promise<LagReading> | undefined;
  private readonly probeEveryMs: number;
  private readonly clock: () => number;
  /** Which side served the most recent read. */
  lastServedBy: ReadSide | undefined;
  /** How many reads each side served. */
  readonly served: Record<ReadSide, number> = { replica: 0, primary: 0 };

  constructor(
    private readonly primary: ReadModel,
    private readonly replica: ReadModel,
    private readonly measure: () => Promise<LagReading>,
    private readonly options: ReplicaRoutingOptions,
  ) {
    if (!(options.maxLagMs >= 0)) throw new RangeError(`maxLagMs must be a number of milliseconds, not ${options.maxLagMs}`);
    this.probeEveryMs = options.probeEveryMs ?? Math.min(1000, options.maxLagMs / 5);
    this.clock = options.clock ?? Date.now;
  }

  /** The latest lag measurement, taking a new one if it is older than `probeEveryMs`. One measurement runs at a time. */
  async lag(): Promise<LagReading> {
    const current = this.reading;
    if (current !== undefined && this.clock() - current.at < this.probeEveryMs) return current;
    this.probing ??= this.measure().then(
      (r) => {
        this.reading = r;
        this.probing = undefined;
        return r;
      },
      (error: unknown) => {
        this.probing = undefined;
        throw error;
      },
    );
    return this.probing;
  }

  /** Where a read made now would go: the replica only if its lag plus the age of the measurement is within the bound. */
  async route(): Promise<ReadSide> {
    const r = await this.lag();
    return r.lagMs + (this.clock() - r.at) <= this.options.maxLagMs ? 'replica' : 'primary';
  }

  private async run<T>(read: (model: ReadModel) => Promise<T>): Promise<T> {
    if ((await this.route()) === 'replica') {
      try {
        const value = await read(this.replica);
        this.note('replica');
        return value;
      } catch (error) {
        // Reads change nothing, so the primary may simply answer instead; the replica waits for the next measurement.
        this.reading = { at: this.clock(), lagMs: Infinity, state: 'unreachable', detail: `a read failed there: ${String((error as { message?: unknown } | null)?.message ?? error)}` };
      }
    }
    const value = await read(this.primary);
    this.note('primary');
    return value;
  }

  private note(side: ReadSide): void {
    this.lastServedBy = side;
    this.served[side] += 1;
  }

  streamEvents(streamId: string): Promise<RecordedEvent[]> {
    return this.run((m) => m.streamEvents(streamId));
  }

  eventsAfter(position: number, limit: number): Promise<RecordedEvent[]> {
    return this.run((m) => m.eventsAfter(position, limit));
  }

  names(ids: readonly string[]): Promise<Map<string, string>> {
    return this.run((m) => m.names(ids));
  }

  assignments(filter: AssignmentFilter): Promise<AssignmentSummary[]> {
    return this.run((m) => m.assignments(filter));
  }

  assignmentsWithParties(filter: AssignmentFilter): Promise<AssignmentWithParties[]> {
    return this.run((m) => m.assignmentsWithParties(filter));
  }

  decisionLabels(ids: readonly string[]): Promise<Map<string, DecisionLabel>> {
    return this.run((m) => m.decisionLabels(ids));
  }

  decisionsNewest(filter: NewestDecisionFilter): Promise<StreamSnapshot[]> {
    return this.run((m) => m.decisionsNewest(filter));
  }

  openCaseGroups(filter: OpenCaseFilter): Promise<OpenCaseGroup[]> {
    return this.run((m) => m.openCaseGroups(filter));
  }

  decisionExecution(decisionIds: readonly string[], now: string): Promise<Map<string, ExecutionCounts>> {
    return this.run((m) => m.decisionExecution(decisionIds, now));
  }

  counts(): Promise<RecordCounts> {
    return this.run((m) => m.counts());
  }

  snapshot(id: string): Promise<StreamSnapshot | undefined> {
    return this.run((m) => m.snapshot(id));
  }

  streams(kind: StreamKind, filter: StreamFilter): Promise<StreamSnapshot[]> {
    return this.run((m) => m.streams(kind, filter));
  }

  // Who may do what is decided on the primary: a revoked role must not live on in a lagging replica.
  grants(personId: string): Promise<RoleGrant[]> {
    return this.primary.grants(personId);
  }

  unitChain(unitId: string): Promise<string[]> {
    return this.primary.unitChain(unitId);
  }

  unitSubtree(unitId: string): Promise<string[]> {
    return this.primary.unitSubtree(unitId);
  }
}
