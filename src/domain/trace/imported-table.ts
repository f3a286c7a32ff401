/**
 * The events of an imported case as the record keeps them (decision 0036): each distinct text of
 * the case once, in `texts`, and each event a row of indexes into it — `[activity, at, lifecycle,
 * resource, group]`, with a sixth element, the event's other attributes, when it has any. An
 * instant stays a canonical instant; an absent lifecycle, resource, group or instant is null. A
 * log of 262,200 events is then ~40 bytes of JSON per event instead of ~104, and everything the
 * record does per byte (serialising, hashing, writing, reading back) shrinks with it.
 */
import type { Instant } from '../time.js';

/** One event of an imported case, as the other system recorded it. */
export interface ImportedEvent {
  /** The activity (XES concept:name); '' when the log named none. */
  readonly activity: string;
  /** When it happened, in UTC; null when the log gave no (readable) instant. */
  readonly at: Instant | null;
  /** XES lifecycle:transition (start, complete, schedule …), or null. */
  readonly lifecycle: string | null;
  /** Who did it (XES org:resource), or null. */
  readonly resource: string | null;
  /** Their unit or team (XES org:group), or null. */
  readonly group: string | null;
  /** Any other attribute, as text. */
  readonly attributes?: Readonly<Record<string, string>>;
}

/** An event as a row of the table: indexes into `texts` (null: absent), its instant, and its other attributes if any. */
export type ImportedRow =
  | readonly [activity: number, at: Instant | null, lifecycle: number | null, resource: number | null, group: number | null]
  | readonly [activity: number, at: Instant | null, lifecycle: number | null, resource: number | null, group: number | null, attributes: Readonly<Record<string, string>>];

/** The events of an imported case: the texts they use, and one row per event in the order given. Keys in code-unit order. */
export interface ImportedTable {
  readonly rows: readonly ImportedRow[];
  readonly texts: readonly string[];
}

/** Called for each event of a table, in order, without making an object of it. */
export type ImportedEventVisitor = (activity: string, at: Instant | null, lifecycle: string | null, resource: string | null, group: string | null, attributes: Readonly<Record<string, string>> | undefined) => void;

/** The table of the events, each distinct text once, in order of first use. */
export function tableOf(events: readonly ImportedEvent[]): ImportedTable {
  const texts: string[] = [];
  const index = new Map<string, number>();
  const indexOf = (text: string): number => {
    let i = index.get(text);
    if (i === undefined) {
      i = texts.length;
      texts.push(text);
      index.set(text, i);
    }
    return i;
  };
  const rows: ImportedRow[] = new Array<ImportedRow>(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as ImportedEvent;
    const activity = indexOf(e.activity);
    const lifecycle = e.lifecycle === null ? null : indexOf(e.lifecycle);
    const resource = e.resource === null ? null : indexOf(e.resource);
    const group = e.group === null ? null : indexOf(e.group);
    rows[i] = e.attributes === undefined ? [activity, e.at, lifecycle, resource, group] : [activity, e.at, lifecycle, resource, group, e.attributes];
  }
  return { rows, texts };
}

/** The text at an index of the table, or null; throws on an index the table does not have (a table the domain did not make). */
function textAt(texts: readonly string[], i: number | null): string | null {
  if (i === null) return null;
  const t = texts[i];
  if (t === undefined) throw new Error(`an imported case's table has no text ${i}`);
  return t;
}

/** Visits each event of the table in order. */
export function forEachRow(table: ImportedTable, visit: ImportedEventVisitor): void {
  const { rows, texts } = table;
  for (const row of rows) visit(textAt(texts, row[0]) as string, row[1], textAt(texts, row[2]), textAt(texts, row[3]), textAt(texts, row[4]), row[5]);
}

/** The events of the table as objects, as they were given to `tableOf`. */
export function eventsOf(table: ImportedTable): ImportedEvent[] {
  const out: ImportedEvent[] = [];
  forEachRow(table, (activity, at, lifecycle, resource, group, attributes) => {
    out.push(attributes === undefined ? { activity, at, lifecycle, resource, group } : { activity, at, lifecycle, resource, group, attributes });
  });
  return out;
}
