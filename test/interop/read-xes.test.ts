/**
 * The XES reader on small logs written by hand: event-scope globals as defaults, nested attributes
 * left out, XML entities decoded, timestamps with offsets and long fractions in UTC, gzip told by
 * its first bytes, traces handed over in file order, and clear refusals of what is not XES.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseXesDate, readXes, type XesTrace } from '../../src/interop/xes/read-xes.js';
import { readXesGraph } from '../../src/interop/xes/xes-graph.js';
import { tempDir } from '../support/temp.js';

const LOG = `<?xml version="1.0" encoding="UTF-8" ?>
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <global scope="trace"><string key="concept:name" value="TRACE-DEFAULT"/></global>
  <global scope="event">
    <string key="concept:name" value="UNNAMED"/>
    <string key="lifecycle:transition" value="complete"/>
  </global>
  <classifier name="Activity" keys="concept:name"/>
  <string key="concept:name" value="the log itself"/>
  <trace>
    <string key="concept:name" value="case &amp; one"/>
    <event>
      <string key="concept:name" value="Register &lt;A&gt;"/>
      <date key="time:timestamp" value="2011-10-01T00:38:44.546+02:00"/>
      <string key="org:resource" value="112"/>
      <list key="nested"><values><string key="concept:name" value="NOT ME"/></values></list>
    </event>
    <event>
      <date key="time:timestamp" value="2011-10-01T00:39:00.1234567Z"/>
      <string key="lifecycle:transition" value="start"/>
      <string key="org:group" value="Team &#x41;"/>
    </event>
  </trace>
  <trace>
    <string key="concept:name" value="case two"/>
    <event>
      <string key="concept:name" value="Register &lt;A&gt;"/>
      <date key="time:timestamp" value="2011-10-02T10:00:00"/>
      <string key="concept:name-extra" value="x"/>
    </event>
  </trace>
</log>`;

async function readAll(path: string): Promise<{ traces: XesTrace[]; totals: { traces: number; events: number } }> {
  const traces: XesTrace[] = [];
  const totals = await readXes(path, (t) => {
    traces.push(t);
  });
  return { traces, totals };
}

describe('parseXesDate', () => {
  it('honours offsets, keeps milliseconds of any fraction, reads no offset as UTC, and refuses what is not a date', () => {
    expect(parseXesDate('2011-10-01T00:38:44.546+02:00')).toBe(Date.UTC(2011, 8, 30, 22, 38, 44, 546));
    expect(parseXesDate('2011-10-01T00:39:00.1234567Z')).toBe(Date.UTC(2011, 9, 1, 0, 39, 0, 123));
    expect(parseXesDate('2011-10-01T00:39:00-0130')).toBe(Date.UTC(2011, 9, 1, 2, 9, 0));
    expect(parseXesDate('2011-10-02T10:00:00')).toBe(Date.UTC(2011, 9, 2, 10));
    expect(parseXesDate('yesterday')).toBeNull();
  });
});

describe('readXes', () => {
  const dir = tempDir('proverka-xes-');
  it('reads traces in file order with their top-level attributes, globals as defaults, entities decoded; plain and gzip alike', async () => {
    const plain = join(dir, 'log.xes');
    const gz = join(dir, 'log.xes.gz');
    writeFileSync(plain, LOG);
    writeFileSync(gz, gzipSync(Buffer.from(LOG)));
    for (const path of [plain, gz]) {
      const { traces, totals } = await readAll(path);
      expect(totals).toEqual({ traces: 2, events: 3 });
      expect(traces.map((t) => t.name)).toEqual(['case & one', 'case two']);
      const [first, second] = traces as [XesTrace, XesTrace];
      expect(first.events).toEqual([
        {
          activity: 'Register <A>',
          timestamp: Date.UTC(2011, 8, 30, 22, 38, 44, 546),
          lifecycle: 'complete',
          resource: '112',
          group: null,
          attributes: { 'concept:name': 'Register <A>', 'time:timestamp': '2011-10-01T00:38:44.546+02:00', 'org:resource': '112' },
        },
        { activity: 'UNNAMED', timestamp: Date.UTC(2011, 9, 1, 0, 39, 0, 123), lifecycle: 'start', resource: null, group: 'Team A', attributes: { 'time:timestamp': '2011-10-01T00:39:00.1234567Z', 'lifecycle:transition': 'start', 'org:group': 'Team A' } },
      ]);
      expect(second.events[0]?.attributes['concept:name-extra']).toBe('x');
    }
  });

  it('gives the graph of the log: two cases, the pair and its time', async () => {
    const plain = join(dir, 'graph.xes');
    writeFileSync(plain, LOG);
    const g = await readXesGraph(plain);
    expect({ cases: g.cases, events: g.events }).toEqual({ cases: 2, events: 3 });
    // 22:38:44.546Z to 00:39:00.123Z the next day: 2 h 0 min 15.577 s.
    const ms = Date.UTC(2011, 9, 1, 0, 39, 0, 123) - Date.UTC(2011, 8, 30, 22, 38, 44, 546);
    expect(ms).toBe(7_215_577);
    expect(g.edges).toEqual([{ from: 'Register <A>', to: 'UNNAMED', count: 1, meanMs: ms, medianMs: ms }]);
    const withLifecycle = await readXesGraph(plain, { classifier: 'name+lifecycle' });
    expect(withLifecycle.activities).toEqual([
      { name: 'Register <A>+complete', count: 2 },
      { name: 'UNNAMED+start', count: 1 },
    ]);
  });

  it('refuses malformed XML saying where, and a file whose root is not <log>', async () => {
    const broken = join(dir, 'broken.xes');
    writeFileSync(broken, '<log><trace><event></trace></log>');
    await expect(readAll(broken)).rejects.toThrow(/not well-formed XML near character 0: unexpected close tag/);
    const other = join(dir, 'other.xml');
    writeFileSync(other, '<html><body/></html>');
    await expect(readAll(other)).rejects.toThrow(/not an XES log/);
  });
});
