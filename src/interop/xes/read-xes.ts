/**
 * Reading an XES event log (IEEE 1849), streaming: the file (gzip or not, told by its first bytes)
 * goes through a SAX parser (saxes) and each trace is handed over as soon as it closes, so a log of
 * any size is read in the memory of one trace. Only a trace's and an event's top-level attributes
 * are kept (nested lists and containers are skipped); an event without one of the standard
 * attributes takes the default that the log's `<global scope="event">` declares.
 */
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { openMaybeGzip } from '../open-maybe-gzip.js';

/** One event of a trace: the standard attributes (concept, time, lifecycle, org extensions) and every top-level attribute as text. */
export interface XesEvent {
  /** concept:name (or the global default; '' when neither). */
  readonly activity: string;
  /** time:timestamp in UTC milliseconds (its offset honoured); null when absent or unreadable. */
  readonly timestamp: number | null;
  readonly lifecycle: string | null;
  readonly resource: string | null;
  readonly group: string | null;
  readonly attributes: Readonly<Record<string, string>>;
}

/** One trace (a case): its concept:name and attributes, and its events in file order. */
export interface XesTrace {
  readonly name: string | null;
  readonly attributes: Readonly<Record<string, string>>;
  readonly events: readonly XesEvent[];
}

/** What a log's header declared: the defaults of event attributes. */
export interface XesHeader {
  readonly eventDefaults: Readonly<Record<string, string>>;
}

/** The typed attribute elements of XES whose `key`/`value` we read. */
const ATTRIBUTE_TAGS = new Set(['string', 'date', 'int', 'float', 'boolean', 'id']);

/**
 * Parses an XES date (xs:dateTime) to UTC milliseconds: fractions of a second of any length (kept
 * to the millisecond), offsets `Z`, `±hh:mm` or `±hhmm`; no offset is read as UTC. NaN-free: null
 * when the text is not a date.
 */
export function parseXesDate(text: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:[.,](\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (m === null) return null;
  const fraction = (m[2] ?? '').padEnd(3, '0').slice(0, 3);
  const offset = m[3] === undefined || m[3] === 'Z' ? 'Z' : m[3].length === 5 ? `${m[3].slice(0, 3)}:${m[3].slice(3)}` : m[3];
  const ms = Date.parse(`${m[1]}.${fraction}${offset}`);
  return Number.isNaN(ms) ? null : ms;
}

/** Options of `readXes`. */
export interface ReadXesOptions {
  /** Called as the file is read: bytes of the file read so far (compressed, for gzip) and its size. */
  readonly onBytes?: (read: number, size: number) => void;
}

/** A readable stream of the file's text, gunzipped when the file is gzip. */
async function openText(path: string, onBytes?: (read: number, size: number) => void): Promise<Readable> {
  return (await openMaybeGzip(path, onBytes)).setEncoding('utf8');
}

/** An event under construction. */
interface Building {
  attributes: Record<string, string>;
}

function toEvent(attributes: Record<string, string>, defaults: Readonly<Record<string, string>>): XesEvent {
  const pick = (key: string): string | null => attributes[key] ?? defaults[key] ?? null;
  const time = pick('time:timestamp');
  return {
    activity: pick('concept:name') ?? '',
    timestamp: time === null ? null : parseXesDate(time),
    lifecycle: pick('lifecycle:transition'),
    resource: pick('org:resource'),
    group: pick('org:group'),
    attributes,
  };
}

/**
 * Reads the XES log at `path` and calls `onTrace` with each trace as it closes (awaited before the
 * parser goes on, so the caller may write it somewhere at its own pace). Events outside any trace
 * are ignored. Throws on malformed XML (naming where, to the chunk of text), and when the file is
 * not an XES log (no `<log>` root).
 */
export async function readXes(
  path: string,
  onTrace: (trace: XesTrace, header: XesHeader) => void | Promise<void>,
  options: ReadXesOptions = {},
): Promise<{ readonly traces: number; readonly events: number }> {
  // Without line and column tracking saxes is a third faster; a failure names the chunk's offset instead.
  const parser = new SaxesParser({ xmlns: false, position: false });
  const stack: string[] = [];
  const eventDefaults: Record<string, string> = {};
  let globalScope: string | null = null;
  let trace: Building | null = null;
  let event: Building | null = null;
  let events: XesEvent[] = [];
  let done: XesTrace[] = [];
  let sawLog = false;
  let nTraces = 0;
  let nEvents = 0;
  const header: XesHeader = { eventDefaults };

  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = tag.name;
    const parent = stack[stack.length - 1];
    stack.push(name);
    if (name === 'log' && stack.length === 1) sawLog = true;
    else if (name === 'global') globalScope = tag.attributes['scope'] ?? 'event';
    else if (name === 'trace') {
      trace = { attributes: {} };
      events = [];
    } else if (name === 'event' && trace !== null) event = { attributes: {} };
    else if (ATTRIBUTE_TAGS.has(name)) {
      const key = tag.attributes['key'];
      const value = tag.attributes['value'];
      if (key === undefined || value === undefined) return;
      // Only attributes directly under the event, the trace or an event-scope global.
      if (parent === 'event' && event !== null) event.attributes[key] = value;
      else if (parent === 'trace' && trace !== null) trace.attributes[key] = value;
      else if (parent === 'global' && globalScope === 'event') eventDefaults[key] = value;
    }
    // Attributes nested in a list, a container or another attribute have another parent: skipped.
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    stack.pop();
    if (tag.name === 'global') globalScope = null;
    else if (tag.name === 'event' && event !== null && trace !== null) {
      events.push(toEvent(event.attributes, eventDefaults));
      event = null;
    } else if (tag.name === 'trace' && trace !== null) {
      const t: Building = trace;
      done.push({ name: t.attributes['concept:name'] ?? null, attributes: t.attributes, events });
      trace = null;
      events = [];
    }
  });

  const flush = async (): Promise<void> => {
    const ready = done;
    done = [];
    for (const t of ready) {
      nTraces++;
      nEvents += t.events.length;
      await onTrace(t, header);
    }
  };

  const text = await openText(path, options.onBytes);
  let offset = 0;
  const fail = (e: unknown): never => {
    throw new Error(`${path} is not well-formed XML near character ${offset.toLocaleString('en')}: ${e instanceof Error ? e.message : String(e)}`);
  };
  for await (const chunk of text) {
    const s = chunk as string;
    try {
      parser.write(s);
    } catch (e) {
      fail(e);
    }
    offset += s.length;
    if (done.length > 0) await flush();
  }
  try {
    parser.close();
  } catch (e) {
    fail(e);
  }
  await flush();
  if (!sawLog) throw new Error(`${path} is not an XES log: its root element is not <log>`);
  return { traces: nTraces, events: nEvents };
}
