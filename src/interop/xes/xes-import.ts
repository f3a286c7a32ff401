/**
 * An XES trace as the record imports it (issue #7): the standard attributes become the imported
 * event's fields — activity (concept:name), instant (time:timestamp, in UTC), lifecycle, resource,
 * group — and every other top-level attribute is kept as text. A timestamp that cannot be read is
 * kept as text too (the event's instant is then null), so nothing the file said is lost.
 */
import { toInstant } from '../../domain/time.js';
import { tableOf, type ImportedEvent, type ImportedTable } from '../../domain/trace/imported-table.js';
import type { XesEventMaker, XesTrace } from './read-xes.js';

/** What the record keeps of an XES trace: its name, its other attributes, and its events in file order — as objects, or (`table`) as the record keeps them. */
export type TraceToImport = { readonly name: string | null; readonly attributes: Record<string, string> } & ({ readonly events: ImportedEvent[] } | { readonly table: ImportedTable });

/**
 * The reader's maker of imported events (`readXes`'s `makeEvent`): each event made once, in the
 * shape the import command takes. An event without other attributes has no `attributes` key, so
 * that its row in the recorded table has five elements, not six.
 */
export const importedEvent: XesEventMaker<ImportedEvent> = (activity, timestamp, lifecycle, resource, group, attributes) => {
  const at = timestamp === null ? null : toInstant(timestamp);
  for (const _ in attributes) return { activity, at, attributes, group, lifecycle, resource };
  return { activity, at, group, lifecycle, resource };
};

/** The trace as the import command takes it: its other attributes in key order; its events (made by `importedEvent`) in file order, as they are. */
export function traceToImport(trace: XesTrace<ImportedEvent>): TraceToImport {
  return { name: trace.name, attributes: otherAttributes(trace), events: trace.events };
}

/** The same, its events already made into the table the record keeps (so that a worker thread does it, and fewer objects cross to the importing thread). */
export function traceToImportAsTable(trace: XesTrace<ImportedEvent>): TraceToImport {
  return { name: trace.name, attributes: otherAttributes(trace), table: tableOf(trace.events) };
}

/** The trace's attributes but its name, keys in code-unit order. */
function otherAttributes(trace: XesTrace<ImportedEvent>): Record<string, string> {
  const keys = Object.keys(trace.attributes).filter((k) => k !== 'concept:name');
  keys.sort();
  const attributes: Record<string, string> = {};
  for (const k of keys) attributes[k] = trace.attributes[k] as string;
  return attributes;
}
