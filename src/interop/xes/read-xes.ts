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

/** One trace (a case): its concept:name and attributes, and its events in file order. */
export interface XesTrace {
  readonly name: string | null;
  /** Every top-level attribute of the trace, concept:name included. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly events: readonly XesEvent[];
}

/** What a log's header declared: the defaults of event attributes. */
export interface XesHeader {
  readonly eventDefaults: Readonly<Record<string, string>>;
}

/** Options of `readXes`. */
export interface ReadXesOptions {
  /** Called as the file is read: bytes of the file read so far (compressed, for gzip) and its size. */
  readonly onBytes?: (read: number, size: number) => void;
}

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
class XesBuilder implements XmlSink {
  sawLog = false;
  readonly eventDefaults: Record<string, string> = {};
  done: XesTrace[] = [];
  private depth = 0;
  private globalDepth = -1;
  private globalIsEvent = false;
  private traceDepth = -1;
  private eventDepth = -1;
  private traceAttributes: Record<string, string> = {};
  private events: XesEvent[] = [];
  // The event being read: its standard attributes, and the others as parallel arrays.
  private activity: string | undefined;
  private time: string | undefined;
  private lifecycle: string | undefined;
  private resource: string | undefined;
  private group: string | undefined;
  private readonly otherKeys: string[] = [];
  private readonly otherValues: string[] = [];
  private others = 0;

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

  private event(): XesEvent {
    const d = this.eventDefaults;
    const time = this.time ?? d['time:timestamp'];
    const timestamp = time === undefined ? null : parseXesDate(time);
    if (timestamp === null && this.time !== undefined) this.other('time:timestamp', this.time);
    return {
      activity: this.activity ?? d['concept:name'] ?? '',
      timestamp,
      at: timestamp === null ? null : toInstant(timestamp),
      lifecycle: this.lifecycle ?? d['lifecycle:transition'] ?? null,
      resource: this.resource ?? d['org:resource'] ?? null,
      group: this.group ?? d['org:group'] ?? null,
      attributes: this.otherAttributes(),
    };
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
export async function readXes(
  path: string,
  onTrace: (trace: XesTrace, header: XesHeader) => void | Promise<void>,
  options: ReadXesOptions = {},
): Promise<{ readonly traces: number; readonly events: number }> {
  const builder = new XesBuilder();
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
  const text: Readable = (await openMaybeGzip(path, options.onBytes)).setEncoding('utf8');
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
