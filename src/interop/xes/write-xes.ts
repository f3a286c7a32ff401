/**
 * Writing an XES event log (IEEE 1849) that process-mining tools read: the standard extensions
 * (concept, time, lifecycle, org) declared, one `<trace>` per case with its events in order, every
 * timestamp in UTC (`Z`), every value escaped. Written to a stream as traces come, so the memory
 * is one trace's whatever the log's size; gzip when the file name ends in `.gz`.
 */
import { createTextFile } from '../text-file-out.js';

/** One event to write: its activity, instant (UTC ms; null: none written), transition (null: none), resource and group, and more attributes as text. */
export interface XesOutEvent {
  readonly activity: string;
  readonly timestamp: number | null;
  readonly lifecycle: string | null;
  readonly resource: string | null;
  readonly group: string | null;
  readonly attributes?: Readonly<Record<string, string>>;
}

/** One case to write: its name, attributes as text, and its events in order. */
export interface XesOutTrace {
  readonly name: string;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly events: readonly XesOutEvent[];
}

/** Escapes a value for an XML attribute. */
export function xmlAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

const str = (key: string, value: string): string => `<string key="${xmlAttr(key)}" value="${xmlAttr(value)}"/>`;

const HEADER = `<?xml version="1.0" encoding="UTF-8" ?>
<log xes.version="1849-2016" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
  <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>
  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
  <global scope="trace">${str('concept:name', '')}</global>
  <global scope="event">${str('concept:name', '')}</global>
  <classifier name="Activity" keys="concept:name"/>
  <classifier name="Activity and transition" keys="concept:name lifecycle:transition"/>
`;

/** The XML of one trace (indented, one line per attribute). */
export function traceXml(t: XesOutTrace): string {
  const lines = ['  <trace>', `    ${str('concept:name', t.name)}`];
  for (const [k, v] of Object.entries(t.attributes ?? {})) lines.push(`    ${str(k, v)}`);
  for (const e of t.events) {
    lines.push('    <event>');
    lines.push(`      ${str('concept:name', e.activity)}`);
    if (e.timestamp !== null) lines.push(`      <date key="time:timestamp" value="${new Date(e.timestamp).toISOString()}"/>`);
    if (e.lifecycle !== null) lines.push(`      ${str('lifecycle:transition', e.lifecycle)}`);
    if (e.resource !== null) lines.push(`      ${str('org:resource', e.resource)}`);
    if (e.group !== null) lines.push(`      ${str('org:group', e.group)}`);
    for (const [k, v] of Object.entries(e.attributes ?? {})) lines.push(`      ${str(k, v)}`);
    lines.push('    </event>');
  }
  lines.push('  </trace>\n');
  return lines.join('\n');
}

/**
 * Writes the traces to a new file at `path` (gzip when it ends in `.gz`; never over an existing
 * file), in the order given, and returns how many traces and events it wrote. The file is complete
 * when the promise resolves; a file that cannot be written rejects it.
 */
export async function writeXes(path: string, traces: AsyncIterable<XesOutTrace> | Iterable<XesOutTrace>): Promise<{ readonly traces: number; readonly events: number }> {
  const out = createTextFile(path);
  let nTraces = 0;
  let nEvents = 0;
  try {
    await out.write(HEADER);
    for await (const t of traces) {
      await out.write(traceXml(t));
      nTraces++;
      nEvents += t.events.length;
    }
    await out.close('</log>\n');
  } catch (error) {
    out.abort();
    throw error;
  }
  return { traces: nTraces, events: nEvents };
}
