/**
 * An XES trace as the record imports it (issue #7): the standard attributes become the imported
 * event's fields — activity (concept:name), instant (time:timestamp, in UTC), lifecycle, resource,
 * group — and every other top-level attribute is kept as text. A timestamp that cannot be read is
 * kept as text too (the event's instant is then null), so nothing the file said is lost.
 */
import type { ImportedEvent } from '../../domain/trace/trace.js';
import type { XesEvent, XesTrace } from './read-xes.js';

/** What the record keeps of an XES trace: its name, its other attributes, and its events in file order. */
export interface TraceToImport {
  readonly name: string | null;
  readonly attributes: Record<string, string>;
  /** A new array, the command's own. */
  readonly events: ImportedEvent[];
}

/** An event as imported, its keys in code-unit order: the record's canonical order, which its hash chain serialises without sorting. */
function importedEvent(e: XesEvent): ImportedEvent {
  return Object.keys(e.attributes).length > 0
    ? { activity: e.activity, at: e.at, attributes: e.attributes, group: e.group, lifecycle: e.lifecycle, resource: e.resource }
    : { activity: e.activity, at: e.at, group: e.group, lifecycle: e.lifecycle, resource: e.resource };
}

/** The trace as imported events; the file's order of events is kept (ordering by time is the analytics' business). */
export function traceToImport(trace: XesTrace): TraceToImport {
  const keys = Object.keys(trace.attributes).filter((k) => k !== 'concept:name');
  keys.sort();
  const attributes: Record<string, string> = {};
  for (const k of keys) attributes[k] = trace.attributes[k] as string;
  return { name: trace.name, attributes, events: trace.events.map(importedEvent) };
}
