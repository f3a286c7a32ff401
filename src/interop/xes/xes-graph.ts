/** The directly-follows graph of an XES file, read streaming (read-xes.ts) into the pure graph (src/analytics/directly-follows.ts). */
import { DirectlyFollows, type DirectlyFollowsGraph, type FlowEvent } from '../../analytics/directly-follows.js';
import { readXes, type XesEventMaker } from './read-xes.js';

/** How an event's activity is named: its concept:name, or concept:name and lifecycle:transition (`name+transition`, `name+` without one). */
export type XesClassifier = 'name' | 'name+lifecycle';

/** Reads the XES log at `path` (gzip or not) and returns its directly-follows graph; each trace is a case. */
export async function readXesGraph(path: string, options: { readonly classifier?: XesClassifier; readonly onProgress?: (cases: number, events: number) => void } = {}): Promise<DirectlyFollowsGraph> {
  const classifier = options.classifier ?? 'name';
  const graph = new DirectlyFollows();
  let cases = 0;
  let events = 0;
  // Each event is made as the graph takes it: its activity under the classifier and its instant in milliseconds.
  const makeEvent: XesEventMaker<FlowEvent> =
    classifier === 'name' ? (activity, timestamp) => ({ activity, timestamp }) : (activity, timestamp, lifecycle) => ({ activity: `${activity}+${lifecycle ?? ''}`, timestamp });
  await readXes(
    path,
    (trace) => {
      graph.addCase(trace.events);
      cases++;
      events += trace.events.length;
      if (cases % 1000 === 0) options.onProgress?.(cases, events);
    },
    { makeEvent },
  );
  return graph.graph();
}
