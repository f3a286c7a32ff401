/**
 * The cases imported from other systems (issue #7), read back from the record: every `trace`
 * stream's history in one pass over the events (in position order, so in the order they were
 * imported), optionally of one import only; how many cases and events each import holds; and the
 * directly-follows graph of imported cases (the same graph `report process-map` draws for a file)
 * with the time each resource held them.
 */
import { DirectlyFollows, orderCase, type DirectlyFollowsGraph } from '../../analytics/directly-follows.js';
import { HoursHeld, type HoursHeldReport } from '../../analytics/hours-held.js';
import type { StreamEvent } from '../../domain/event.js';
import { kindOfId } from '../../domain/ids.js';
import { toMs } from '../../domain/time.js';
import { forEachImportedEvent, importedEventCount, type RecordedCase, type TraceEvent } from '../../domain/trace/trace.js';
import type { Store } from '../../store/port.js';

const EVENT_PAGE = 2000;

/** One imported case: its stream id and what was imported, as recorded (read it with trace.ts's `importedCase`, `forEachImportedEvent`, `importedEventCount`). */
export interface ImportedTrace {
  readonly id: string;
  readonly trace: RecordedCase;
}

/** Every imported case in the order it was imported, optionally of one import only. */
export async function* importedTraces(store: Store, importId?: string): AsyncGenerator<ImportedTrace> {
  let position = 0;
  for (;;) {
    const page = await store.reads.eventsAfter(position, EVENT_PAGE);
    for (const e of page) {
      if (kindOfId(e.streamId) !== 'trace') continue;
      const trace = (e as unknown as StreamEvent<TraceEvent>).payload;
      if (importId === undefined || trace.importId === importId) yield { id: e.streamId, trace };
    }
    const last = page[page.length - 1];
    if (last !== undefined) position = last.position;
    if (page.length < EVENT_PAGE) return;
  }
}

/** One import: its id, source and format, and the cases and events it brought. */
export interface ImportSummary {
  readonly importId: string;
  readonly source: string;
  readonly format: 'xes' | 'csv';
  readonly cases: number;
  readonly events: number;
}

/** Every import in the record, in the order they were made, with their counts. */
export async function imports(store: Store): Promise<ImportSummary[]> {
  const found = new Map<string, { importId: string; source: string; format: 'xes' | 'csv'; cases: number; events: number }>();
  for await (const { trace } of importedTraces(store)) {
    let s = found.get(trace.importId);
    if (s === undefined) found.set(trace.importId, (s = { importId: trace.importId, source: trace.source, format: trace.format, cases: 0, events: 0 }));
    s.cases++;
    s.events += importedEventCount(trace);
  }
  return [...found.values()];
}

/** How an imported event's activity is named: by its activity, or by activity and lifecycle transition (`name+transition`). */
export type ImportedClassifier = 'name' | 'name+lifecycle';

/** The activity of an imported event under a classifier (the same naming as an XES file's). */
export function importedActivity(activity: string, lifecycle: string | null, classifier: ImportedClassifier): string {
  return classifier === 'name' ? activity : `${activity}+${lifecycle ?? ''}`;
}

/** The directly-follows graph of the imported cases (of one import, or all). */
export async function importedGraph(store: Store, options: { readonly importId?: string; readonly classifier?: ImportedClassifier } = {}): Promise<DirectlyFollowsGraph> {
  return (await importedAnalytics(store, options)).graph;
}

/** The process map and the time each resource held the imported cases (analytics/hours-held.ts), in one pass over the record. */
export async function importedAnalytics(
  store: Store,
  options: { readonly importId?: string; readonly classifier?: ImportedClassifier } = {},
): Promise<{ readonly graph: DirectlyFollowsGraph; readonly held: HoursHeldReport }> {
  const classifier = options.classifier ?? 'name';
  const graph = new DirectlyFollows();
  const held = new HoursHeld();
  for await (const { trace } of importedTraces(store, options.importId)) {
    const events: { activity: string; timestamp: number | null; resource: string | null }[] = [];
    forEachImportedEvent(trace, (activity, at, lifecycle, resource) => {
      events.push({ activity: importedActivity(activity, lifecycle, classifier), timestamp: at === null ? null : toMs(at), resource });
    });
    const ordered = events.length > 1 ? orderCase(events) : events;
    graph.addOrderedCase(ordered);
    held.addOrderedCase(ordered);
  }
  return { graph: graph.graph(), held: held.result() };
}
