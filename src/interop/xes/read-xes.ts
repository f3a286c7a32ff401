/**
 * Reading an XES event log (IEEE 1849), streaming: the file (gzip or not, told by its first bytes)
 * goes through a strict XML scanner (../xml-scanner.ts) and each trace is handed over as soon as it
 * closes, so a log of any size is read in the memory of one trace. Only a trace's and an event's
 * top-level attributes are kept (nested lists and containers are skipped); an event without one of
 * the standard attributes takes the default that the log's `<global scope="event">` declares.
 */
import type { Readable } from 'node:stream';
import { toInstant, type Instant } from '../../domain/time.js';
import { openMaybeGzip } from '../open-maybe-gzip.js';
import { XmlError, XmlScanner, type XmlAttributes, type XmlSink } from '../xml-scanner.js';
import { parseXesDate } from './xes-date.js';

export { parseXesDate } from './xes-date.js';

/** One event of a trace: the standard attributes (concept, time, lifecycle, org extensions) and its other top-level attributes as text. */
export interface XesEvent {
  /** concept:name (or the global default; '' when neither). */
  readonly activity: string;
  /** time:timestamp in UTC milliseconds (its offset honoured); null when absent or unreadable. */
  readonly timestamp: number | null;
  /** The same instant in the record's canonical form, or null. */
  readonly at: Instant | null;
  readonly lifecycle: string | null;
  readonly resource: string | null;
  readonly group: string | null;
  /**
   * The event's own attributes other than the five standard ones, ordered by key — and its own
   * time:timestamp when that cannot be read as a date, so that nothing the file said is lost.
   */
  readonly attributes: Readonly<Record<string, string>>;
}

/**
 * Makes an event as its reader wants it from what the file said of it: the five standard
 * attributes (defaults applied; the instant in UTC milliseconds, null when absent or unreadable)
 * and the others as text, keys in code-unit order. Called once per event, with no object between.
 */
export type XesEventMaker<E> = (activity: string, timestamp: number | null, lifecycle: string | null, resource: string | null, group: string | null, attributes: Readonly<Record<string, string>>) => E;

/** One trace (a case): its concept:name and attributes, and its events in file order (a new array each time). */
export interface XesTrace<E = XesEvent> {
  readonly name: string | null;
  /** Every top-level attribute of the trace, concept:name included. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly events: E[];
}

/** What a log's header declared: the defaults of event attributes. */
export interface XesHeader {
  readonly eventDefaults: Readonly<Record<string, string>>;
}

/** Options of `readXes`. */
export interface ReadXesOptions<E = XesEvent> {
  /** Called as the file is read: bytes of the file read so far (compressed, for gzip) and its size. */
  readonly onBytes?: (read: number, size: number) => void;
  /** How each event is made (default: an XesEvent). */
  readonly makeEvent?: XesEventMaker<E>;
}

/** The default event: an XesEvent, its instant given both ways. */
const xesEvent: XesEventMaker<XesEvent> = (activity, timestamp, lifecycle, resource, group, attributes) => ({
  activity,
  timestamp,
  at: timestamp === null ? null : toInstant(timestamp),
  lifecycle,
  resource,
  group,
  attributes,
});

const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

/** The typed attribute elements of XES whose `key`/`value` we read. */
function isAttributeTag(name: string): boolean {
  switch (name) {
    case 'string':
    case 'date':
    case 'int':
    case 'float':
    case 'boolean':
    case 'id':
      return true;
    default:
      return false;
  }
}

/** Builds traces from the scanner's elements, tracking depth instead of a stack of names. */
class XesBuilder<E> implements XmlSink {
  sawLog = false;
  readonly eventDefaults: Record<string, string> = {};
  done: XesTrace<E>[] = [];
  private depth = 0;
  private globalDepth = -1;
  private globalIsEvent = false;
  private traceDepth = -1;
  private eventDepth = -1;
  private traceAttributes: Record<string, string> = {};
  private events: E[] = [];
  // The event being read: its standard attributes, and the others as parallel arrays.
  private activity: string | undefined;
  private time: string | undefined;
  private lifecycle: string | undefined;
  private resource: string | undefined;
  private group: string | undefined;
  private readonly otherKeys: string[] = [];
  private readonly otherValues: string[] = [];
  private others = 0;

  constructor(private readonly makeEvent: XesEventMaker<E>) {}

  open(name: string, attributes: XmlAttributes): void {
    const depth = ++this.depth;
    if (isAttributeTag(name)) {
      const parent = depth - 1;
      if (parent !== this.eventDepth && parent !== this.traceDepth && parent !== this.globalDepth) return;
      const key = attributes.get('key');
      const value = attributes.get('value');
      if (key === undefined || value === undefined) return;
      // Only attributes directly under the event, the trace or an event-scope global.
      if (parent === this.eventDepth) this.eventAttribute(key, value);
      else if (parent === this.traceDepth && this.eventDepth < 0) this.traceAttributes[key] = value;
      else if (parent === this.globalDepth && this.globalIsEvent) this.eventDefaults[key] = value;
      return;
    }
    // Attributes nested in a list, a container or another attribute have another parent: skipped.
    if (name === 'event') {
      if (this.traceDepth < 0 || this.eventDepth >= 0) return;
      this.eventDepth = depth;
      this.activity = this.time = this.lifecycle = this.resource = this.group = undefined;
      this.others = 0;
    } else if (name === 'trace') {
      if (this.traceDepth >= 0) return;
      this.traceDepth = depth;
      this.traceAttributes = {};
      this.events = [];
    } else if (name === 'global') {
      if (this.globalDepth >= 0) return;
      this.globalDepth = depth;
      this.globalIsEvent = (attributes.get('scope') ?? 'event') === 'event';
    } else if (name === 'log' && depth === 1) this.sawLog = true;
  }

  close(): void {
    const depth = this.depth--;
    if (depth === this.eventDepth) {
      this.events.push(this.event());
      this.eventDepth = -1;
    } else if (depth === this.traceDepth) {
      this.done.push({ name: this.traceAttributes['concept:name'] ?? null, attributes: this.traceAttributes, events: this.events });
      this.traceDepth = -1;
      this.events = [];
    } else if (depth === this.globalDepth) this.globalDepth = -1;
  }

  private eventAttribute(key: string, value: string): void {
    switch (key) {
      case 'concept:name':
        this.activity = value;
        return;
      case 'time:timestamp':
        this.time = value;
        return;
      case 'lifecycle:transition':
        this.lifecycle = value;
        return;
      case 'org:resource':
        this.resource = value;
        return;
      case 'org:group':
        this.group = value;
        return;
    }
    this.other(key, value);
  }

  /** Keeps an attribute beside the standard ones; a key given twice keeps its last value, as an object's would. */
  private other(key: string, value: string): void {
    for (let k = 0; k < this.others; k++) {
      if (this.otherKeys[k] === key) {
        this.otherValues[k] = value;
        return;
      }
    }
    this.otherKeys[this.others] = key;
    this.otherValues[this.others] = value;
    this.others++;
  }

  private event(): E {
    const d = this.eventDefaults;
    const time = this.time ?? d['time:timestamp'];
    const timestamp = time === undefined ? null : parseXesDate(time);
    if (timestamp === null && this.time !== undefined) this.other('time:timestamp', this.time);
    return this.makeEvent(
      this.activity ?? d['concept:name'] ?? '',
      timestamp,
      this.lifecycle ?? d['lifecycle:transition'] ?? null,
      this.resource ?? d['org:resource'] ?? null,
      this.group ?? d['org:group'] ?? null,
      this.otherAttributes(),
    );
  }

  /** The other attributes of the event, keys in code-unit order (the record's canonical order). */
  private otherAttributes(): Readonly<Record<string, string>> {
    const n = this.others;
    if (n === 0) return NO_ATTRIBUTES;
    const keys = this.otherKeys;
    const values = this.otherValues;
    // Insertion sort: an event has a handful of attributes.
    for (let i = 1; i < n; i++) {
      const k = keys[i] as string;
      const v = values[i] as string;
      let j = i - 1;
      while (j >= 0 && (keys[j] as string) > k) {
        keys[j + 1] = keys[j] as string;
        values[j + 1] = values[j] as string;
        j--;
      }
      keys[j + 1] = k;
      values[j + 1] = v;
    }
    const out: Record<string, string> = {};
    for (let i = 0; i < n; i++) out[keys[i] as string] = values[i] as string;
    return out;
  }
}

/**
 * Reads the XES log at `path` and calls `onTrace` with each trace as it closes (awaited before the
 * reader goes on, so the caller may write it somewhere at its own pace). Events outside any trace
 * are ignored. Throws when the file is not well-formed XML (naming the character offset) and when
 * it is not an XES log (no `<log>` root).
 */
export function readXes(path: string, onTrace: (trace: XesTrace, header: XesHeader) => void | Promise<void>, options?: ReadXesOptions): Promise<XesTotals>;
export function readXes<E>(path: string, onTrace: (trace: XesTrace<E>, header: XesHeader) => void | Promise<void>, options: ReadXesOptions<E> & { readonly makeEvent: XesEventMaker<E> }): Promise<XesTotals>;
export async function readXes<E>(path: string, onTrace: (trace: XesTrace<E>, header: XesHeader) => void | Promise<void>, options: ReadXesOptions<E> = {}): Promise<XesTotals> {
  return read(path, onTrace, options.makeEvent ?? (xesEvent as XesEventMaker<unknown> as XesEventMaker<E>), options.onBytes);
}

/** How many traces and events a log held. */
export interface XesTotals {
  readonly traces: number;
  readonly events: number;
}

async function read<E>(path: string, onTrace: (trace: XesTrace<E>, header: XesHeader) => void | Promise<void>, makeEvent: XesEventMaker<E>, onBytes: ReadXesOptions['onBytes']): Promise<XesTotals> {
  const builder = new XesBuilder<E>(makeEvent);
  const scanner = new XmlScanner(builder);
  const header: XesHeader = { eventDefaults: builder.eventDefaults };
  let nTraces = 0;
  let nEvents = 0;
  const flush = async (): Promise<void> => {
    const ready = builder.done;
    builder.done = [];
    for (const t of ready) {
      nTraces++;
      nEvents += t.events.length;
      await onTrace(t, header);
    }
  };
  const fail = (e: unknown): never => {
    if (e instanceof XmlError) throw new Error(`${path} is not well-formed XML near character ${e.offset.toLocaleString('en')}: ${e.message}`);
    throw e;
  };
  const text: Readable = (await openMaybeGzip(path, onBytes)).setEncoding('utf8');
  for await (const chunk of text) {
    try {
      scanner.write(chunk as string);
    } catch (e) {
      fail(e);
    }
    if (builder.done.length > 0) await flush();
  }
  try {
    scanner.close();
  } catch (e) {
    fail(e);
  }
  await flush();
  if (!builder.sawLog) throw new Error(`${path} is not an XES log: its root element is not <log>`);
  return { traces: nTraces, events: nEvents };
}
