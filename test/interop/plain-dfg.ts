/**
 * An independent, plain reading of an XES log (IEEE 1849) into its directly-follows graph, to check
 * Proverka's own reader and graph against. It shares no code with `src/`: no XML library, only a
 * scan of the tags with regular expressions.
 *
 * What it decides:
 * - The file is read whole; it is gunzipped when it starts with the gzip magic bytes (0x1f 0x8b).
 * - Comments, CDATA sections, the prolog and a doctype are ignored. A case is a `<trace>` (one with
 *   no event still counts); its events are the `<event>` elements directly inside it. Events
 *   outside traces are ignored.
 * - An event's `concept:name`, `lifecycle:transition` and `time:timestamp` are its top-level
 *   attributes of those keys (nested attributes of `<list>`, `<container>` or any attribute with
 *   children are not the event's); the first one wins if a key is repeated. A missing one takes the
 *   default of the log's `<global scope="event">`. A missing name or timestamp with no default is an
 *   error; a missing lifecycle with no default is the empty string.
 * - Attribute values have their whitespace characters normalised to spaces and their XML entities
 *   decoded once (`&amp;lt;` is `&lt;`).
 * - Timestamps are xs:dateTime, turned into milliseconds since 1970 UTC: the offset (`Z`, `+02:00`,
 *   `-0530`) is honoured, none means UTC; fractional seconds keep all their digits (sub-millisecond
 *   parts become a fraction of a millisecond).
 * - Within a case, events are ordered by timestamp, keeping file order for equal timestamps.
 * - Activity key: classifier `name` is the name; `name+lifecycle` is `${name}+${lifecycle}`, so an
 *   event with no lifecycle (and no global default) is `${name}+` — the empty lifecycle, not
 *   `complete`.
 * - An edge a → b is counted for each pair of consecutive events of a case; its duration is b's
 *   timestamp minus a's. Mean is sum / count; median is the middle duration, or the mean of the two
 *   middle ones for an even count.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** How events are named: by concept:name alone, or by concept:name and lifecycle:transition. */
export type PlainClassifier = 'name' | 'name+lifecycle';

/** One directly-follows edge: how often `to` directly follows `from` in a case, and the durations between them. */
export interface PlainEdge {
  from: string;
  to: string;
  count: number;
  meanMs: number;
  medianMs: number;
}

/** The directly-follows graph of a log: counts per activity, per first and last activity, and per edge (keyed `${from}\u0000${to}`). */
export interface PlainGraph {
  cases: number;
  events: number;
  activities: Map<string, number>;
  starts: Map<string, number>;
  ends: Map<string, number>;
  edges: Map<string, PlainEdge>;
}

const NAME = 'concept:name';
const LIFECYCLE = 'lifecycle:transition';
const TIMESTAMP = 'time:timestamp';
type Wanted = typeof NAME | typeof LIFECYCLE | typeof TIMESTAMP;
type Fields = Partial<Record<Wanted, string>>;

interface RawEvent {
  name: string;
  lifecycle: string;
  ms: number;
}

const TAG = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const IGNORED = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<!DOCTYPE[^>]*>|<\?[\s\S]*?\?>/g;
const WANTED = /concept:name|lifecycle:transition|time:timestamp/;
const ENTITY = /&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

/** An attribute value as XML gives it: whitespace characters normalised to spaces, entities decoded once. */
function decode(raw: string): string {
  if (!/[&\t\n\r]/.test(raw)) return raw;
  return raw.replace(/[\t\n\r]/g, ' ').replace(ENTITY, (_whole, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return NAMED[body] ?? '';
  });
}

function attributesOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(ATTRIBUTE)) out.set(m[1] ?? '', decode(m[2] ?? m[3] ?? ''));
  return out;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** An xs:dateTime as milliseconds since 1970-01-01T00:00Z (a fraction of a millisecond kept). */
export function plainTimestampMs(value: string): number {
  const m = DATE_TIME.exec(value.trim());
  if (!m) throw new Error(`not an xs:dateTime: ${JSON.stringify(value)}`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) throw new Error(`not an xs:dateTime: ${JSON.stringify(value)}`);
  const fraction = m[7] ?? '';
  const wholeMs = fraction === '' ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const subMs = fraction.length > 3 ? Number(`0.${fraction.slice(3)}`) : 0;
  const zone = m[8] ?? 'Z';
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.replace(':', '');
    offsetMinutes = (digits.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const localMs = ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + wholeMs;
  return localMs - offsetMinutes * 60_000 + subMs;
}

/** The cases of an XES file, each its events in file order. */
function readCases(path: string): RawEvent[][] {
  const bytes = readFileSync(path);
  const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8').replace(IGNORED, '');
  const cases: RawEvent[][] = [];
  const defaults: Fields = {};
  const stack: string[] = [];
  let globalDepth = -1; // stack length inside <global scope="event">
  let traceDepth = -1; // stack length inside the current <trace>
  let eventDepth = -1; // stack length inside the current <event>
  let trace: RawEvent[] = [];
  let event: Fields = {};

  const finishEvent = (): void => {
    const name = event[NAME] ?? defaults[NAME];
    const time = event[TIMESTAMP] ?? defaults[TIMESTAMP];
    if (name === undefined) throw new Error(`${path}: an event of case ${cases.length + 1} has no ${NAME}`);
    if (time === undefined) throw new Error(`${path}: an event of case ${cases.length + 1} has no ${TIMESTAMP}`);
    trace.push({ name, lifecycle: event[LIFECYCLE] ?? defaults[LIFECYCLE] ?? '', ms: plainTimestampMs(time) });
    eventDepth = -1;
  };
  const take = (into: Fields, rawAttributes: string): void => {
    if (!WANTED.test(rawAttributes)) return; // a cheap test first: most attributes are not wanted
    const attributes = attributesOf(rawAttributes);
    const key = attributes.get('key');
    const value = attributes.get('value');
    if ((key === NAME || key === LIFECYCLE || key === TIMESTAMP) && value !== undefined && into[key] === undefined) into[key] = value;
  };

  for (const m of text.matchAll(TAG)) {
    const closing = m[1] === '/';
    const tag = m[2] ?? '';
    const selfClosing = m[4] === '/';
    if (closing) {
      const open = stack.pop();
      if (open !== tag) throw new Error(`${path}: </${tag}> closes <${open ?? 'nothing'}>`);
      if (tag === 'event' && stack.length === eventDepth - 1) finishEvent();
      else if (tag === 'trace' && stack.length === traceDepth - 1) {
        cases.push(trace);
        traceDepth = -1;
      } else if (tag === 'global' && stack.length === globalDepth - 1) globalDepth = -1;
      continue;
    }
    const level = stack.length; // the depth this element opens at
    const rawAttributes = m[3] ?? '';
    if (tag === 'trace' && traceDepth < 0) {
      trace = [];
      if (selfClosing) cases.push(trace);
      else traceDepth = level + 1;
    } else if (tag === 'event' && traceDepth >= 0 && level === traceDepth && eventDepth < 0) {
      event = {};
      eventDepth = level + 1;
      if (selfClosing) finishEvent();
    } else if (tag === 'global' && level > 0 && attributesOf(rawAttributes).get('scope') === 'event') {
      if (!selfClosing) globalDepth = level + 1;
    } else if (eventDepth >= 0 && level === eventDepth) take(event, rawAttributes);
    else if (globalDepth >= 0 && level === globalDepth) take(defaults, rawAttributes);
    if (!selfClosing) stack.push(tag);
  }
  if (stack.length > 0) throw new Error(`${path}: <${stack.join('> <')}> never closed`);
  return cases;
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** The directly-follows graph of the XES file at `path` (plain or gzipped), its activities named by `classifier`. */
export function plainDirectlyFollows(path: string, classifier: PlainClassifier): PlainGraph {
  const activityOf = (e: RawEvent): string => (classifier === 'name' ? e.name : `${e.name}+${e.lifecycle}`);
  const graph: PlainGraph = { cases: 0, events: 0, activities: new Map(), starts: new Map(), ends: new Map(), edges: new Map() };
  const durations = new Map<string, { from: string; to: string; ms: number[] }>();
  for (const events of readCases(path)) {
    graph.cases++;
    graph.events += events.length;
    // Stable by timestamp: equal timestamps keep file order (Array.prototype.sort is stable).
    const ordered = events.map((e) => ({ activity: activityOf(e), ms: e.ms })).sort((a, b) => a.ms - b.ms);
    ordered.forEach((e) => bump(graph.activities, e.activity));
    const first = ordered[0];
    const last = ordered[ordered.length - 1];
    if (first) bump(graph.starts, first.activity);
    if (last) bump(graph.ends, last.activity);
    for (let i = 1; i < ordered.length; i++) {
      const a = ordered[i - 1];
      const b = ordered[i];
      if (!a || !b) continue;
      const key = `${a.activity}\u0000${b.activity}`;
      const edge = durations.get(key) ?? { from: a.activity, to: b.activity, ms: [] };
      edge.ms.push(b.ms - a.ms);
      durations.set(key, edge);
    }
  }
  for (const [key, { from, to, ms }] of durations) {
    const sum = ms.reduce((s, x) => s + x, 0);
    graph.edges.set(key, { from, to, count: ms.length, meanMs: sum / ms.length, medianMs: median(ms) });
  }
  return graph;
}
