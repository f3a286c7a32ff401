/**
 * An XES trace as the record imports it (issue #7): the standard attributes become the imported
 * event's fields — activity (concept:name), instant (time:timestamp, in UTC), lifecycle, resource,
 * group — and every other top-level attribute is kept as text. A timestamp that cannot be read is
 * kept as text too (the event's instant is then null), so nothing the file said is lost.
 */
import type { ImportedEvent } from '../../domain/trace/trace.js';
import { toInstant } from '../../domain/time.js';
import type { XesTrace } from './read-xes.js';

/** The attributes an imported event carries as fields of its own. */
const STANDARD_EVENT_KEYS = new Set(['concept:name', 'time:timestamp', 'lifecycle:transition', 'org:resource', 'org:group']);

/** What the record keeps of an XES trace: its name, its other attributes, and its events in file order. */
export interface TraceToImport {
  readonly name: string | null;
  readonly attributes: Readonly<Record<string, string>>;
  readonly events: readonly ImportedEvent[];
}

/** The trace as imported events; the file's order of events is kept (ordering by time is the analytics' business). */
export function traceToImport(trace: XesTrace): TraceToImport {
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(trace.attributes)) if (k !== 'concept:name') attributes[k] = v;
  const events = trace.events.map((e): ImportedEvent => {
    const rest: Record<string, string> = {};
    let any = false;
    for (const [k, v] of Object.entries(e.attributes)) {
      if (STANDARD_EVENT_KEYS.has(k) && !(k === 'time:timestamp' && e.timestamp === null)) continue;
      rest[k] = v;
      any = true;
    }
    const event = { activity: e.activity, at: e.timestamp === null ? null : toInstant(e.timestamp), lifecycle: e.lifecycle, resource: e.resource, group: e.group };
    return any ? { ...event, attributes: rest } : event;
  });
  return { name: trace.name, attributes, events };
}
