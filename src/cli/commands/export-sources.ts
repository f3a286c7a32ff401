/**
 * What the OCEL and CSV exports read from the record: the record's own cases (assignments), one at
 * a time with their events in order, and the unit every person is in now (the unit an export
 * gives an actor, as `export xes` does). The imported cases come from app/queries/imported-traces.ts.
 */
import type { Proverka } from '../../app/proverka.js';
import { allStreams, eachStream } from '../../app/queries/scope.js';
import type { AssignmentState } from '../../domain/assignment/assignment.state.js';
import type { StateOf } from '../../domain/streams.js';
import type { RecordedEvent } from '../../store/record.js';

/** One of the record's own cases: the assignment's id, its state now, and every event of its stream in order. */
export interface OwnCase {
  readonly id: string;
  readonly state: AssignmentState;
  readonly events: readonly RecordedEvent[];
}

/** Every assignment in id order, read a page of snapshots at a time and one stream's events at a time. */
export async function* ownCases(app: Proverka): AsyncGenerator<OwnCase> {
  for await (const s of eachStream(app.store, 'assignment')) yield { id: s.id, state: s.state as AssignmentState, events: await app.store.reads.streamEvents(s.id) };
}

/** The unit of every person in the record, by person id. */
export async function unitsOfPeople(app: Proverka): Promise<Map<string, string>> {
  return new Map((await allStreams(app.store, 'person')).map((p) => [p.id, (p.state as StateOf<'person'>).unitId]));
}

/** An assignment event's activity as the exports name it: its kind without `assignment.`. */
export function ownActivity(e: RecordedEvent): string {
  return e.type.replace(/^assignment\./, '');
}
