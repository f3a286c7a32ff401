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
import { parseXesDateSlowly } from '../../src/interop/xes/xes-date.js';
import fc from 'fast-check';
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

  it('reads digit by digit exactly what the general reading (a regular expression and Date.parse) reads', () => {
    const p2 = (n: number) => String(n).padStart(2, '0');
    const zone = fc.constantFrom('', 'Z', '+02:00', '-01:30', '+0200', '-1130', '+23:59', '+24:00', '+02:60', '+2:00', 'z', ' ');
    const fraction = fc.constantFrom('', '.', '.5', '.54', '.546', '.5467891', ',25');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }), fraction, zone, fc.boolean(), (y, mo, d, h, mi, s, f, z, seconds) => {
        const text = `${String(y).padStart(4, '0')}-${p2(mo)}-${p2(d)}T${p2(h)}:${p2(mi)}${seconds ? `:${p2(s)}${f}` : ''}${z}`;
        expect(parseXesDate(text), text).toBe(parseXesDateSlowly(text));
      }),
      { numRuns: 5000, seed: 1849 },
    );
    for (const text of ['2011-02-29T10:00:00Z', '2012-02-29T10:00:00Z', '2011-04-31T10:00:00Z', '2011-10-01T24:00:00Z', ' 2011-10-01T00:00:00Z', '2011-10-01T00:00:00Z ', '0001-01-01T00:00:00+01:00'])
      expect(parseXesDate(text), text).toBe(parseXesDateSlowly(text));
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
        { activity: 'Register <A>', timestamp: Date.UTC(2011, 8, 30, 22, 38, 44, 546), at: '2011-09-30T22:38:44.546Z', lifecycle: 'complete', resource: '112', group: null, attributes: {} },
        { activity: 'UNNAMED', timestamp: Date.UTC(2011, 9, 1, 0, 39, 0, 123), at: '2011-10-01T00:39:00.123Z', lifecycle: 'start', resource: null, group: 'Team A', attributes: {} },
      ]);
      expect(first.attributes).toEqual({ 'concept:name': 'case & one' });
      expect(second.events[0]?.attributes['concept:name-extra']).toBe('x');
    }
  });

  it("keeps an event's other attributes ordered by key, and a timestamp it cannot read as text", async () => {
    const path = join(dir, 'others.xes');
    writeFileSync(
      path,
      `<log><trace><event><string key="zeta" value="z"/><date key="time:timestamp" value="not a date"/><string key="alpha" value="a&#10;b	c"/>` +
        `<string key="lifecycle:transition" value="complete"/><string key="zeta" value="last"/></event></trace></log>`,
    );
    const { traces } = await readAll(path);
    const [event] = (traces[0] as XesTrace).events;
    expect(event).toEqual({ activity: '', timestamp: null, at: null, lifecycle: 'complete', resource: null, group: null, attributes: { alpha: 'a\nb c', 'time:timestamp': 'not a date', zeta: 'last' } });
    expect(Object.keys(event?.attributes ?? {})).toEqual(['alpha', 'time:timestamp', 'zeta']);
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
    await expect(readAll(broken)).rejects.toThrow(/not well-formed XML near character 19: unexpected close tag <\/trace>: <event> is open/);
    const other = join(dir, 'other.xml');
    writeFileSync(other, '<html><body/></html>');
    await expect(readAll(other)).rejects.toThrow(/not an XES log/);
  });
});
