/**
 * Issue #7: Proverka's XES reader and directly-follows graph (`readXesGraph`) checked against an
 * independent plain reading (`plain-dfg.ts`, no XML library, no code from `src/`) — on every real log
 * of the shared data folder, whose case and event counts must be those of its README, and on a small
 * hand-made log with what the real logs lack: XML entities, nested attributes, event-scope global
 * defaults, offsets, long fractions of a second, equal timestamps, an event with no lifecycle, an
 * empty case, gzip.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { readXesGraph } from '../../src/interop/xes/xes-graph.js';
import { tempDir } from '../support/temp.js';
import { differences, edgeKey } from './compare-graphs.js';
import { findDataDir, README_TABLE, WITH_LIFECYCLE } from './data-dir.js';
import { plainDirectlyFollows, plainTimestampMs, type PlainClassifier, type PlainGraph } from './plain-dfg.js';

const plainCache = new Map<string, PlainGraph>();
function plain(path: string, classifier: PlainClassifier): PlainGraph {
  const key = `${classifier} ${path}`;
  const cached = plainCache.get(key);
  if (cached) return cached;
  const graph = plainDirectlyFollows(path, classifier);
  plainCache.set(key, graph);
  return graph;
}

describe('the real XES logs of the data folder', () => {
  const found = findDataDir();
  if ('problem' in found) {
    it('are there', () => {
      expect.fail(found.problem);
    });
    return;
  }
  const files = readdirSync(found.dir)
    .filter((f) => /\.xes(\.gz)?$/.test(f))
    .sort();

  it("are exactly the README table's", () => {
    expect(files).toEqual(Object.keys(README_TABLE).sort());
  });

  for (const file of files) {
    const path = join(found.dir, file);

    it(`${file}: the plain reading has the README's cases and events`, () => {
      const { cases, events } = plain(path, 'name');
      expect({ cases, events }).toEqual(README_TABLE[file]);
    });

    for (const classifier of WITH_LIFECYCLE.has(file) ? (['name', 'name+lifecycle'] as const) : (['name'] as const)) {
      it(`${file}: Proverka's graph by ${classifier} is the plain one`, async () => {
        const theirs = await readXesGraph(path, { classifier });
        expect(differences(plain(path, classifier), theirs)).toEqual([]);
      });
    }
  }
});

/** Three cases; the second event of the first one is the earliest; a name decodes to A_NAME. */
const HAND_MADE = `<?xml version="1.0" encoding="UTF-8"?>
<!-- an <event> in a comment is not an event -->
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <global scope="trace"><string key="concept:name" value="trace default"/></global>
  <global scope="event">
    <string key="concept:name" value="default &amp; name"/>
  </global>
  <classifier name="Activity" keys="concept:name lifecycle:transition"/>
  <trace>
    <string key="concept:name" value="t1"/>
    <event>
      <string key="concept:name" value="A &lt;1&gt; &quot;x&quot; &#233;&#x4E2D; &amp;amp;"/>
      <string key="lifecycle:transition" value="start"/>
      <date key="time:timestamp" value="2020-01-01T12:00:00.000+02:00"/>
    </event>
    <event>
      <container key="details">
        <string key="concept:name" value="nested, not the name"/>
        <date key="time:timestamp" value="1999-01-01T00:00:00Z"/>
      </container>
      <string key="note" value="a > b"/>
      <string key="concept:name" value="B"/>
      <date key="time:timestamp" value="2020-01-01T09:00:00Z"/>
    </event>
    <event>
      <date key="time:timestamp" value="2020-01-01T10:00:00.000+00:00"/>
    </event>
  </trace>
  <trace>
    <string key="concept:name" value="t2"/>
    <event>
      <string key='concept:name' value='C'/>
      <date key="time:timestamp" value="2020-01-02T00:00:00.123000000Z"/>
    </event>
    <event>
      <list key="items">
        <values>
          <string key="concept:name" value="in a list"/>
          <string key="lifecycle:transition" value="in a list"/>
        </values>
      </list>
      <string key="concept:name" value="B"/>
      <date key="time:timestamp" value="2020-01-01T19:30:01.5-05:00"/>
    </event>
    <event>
      <string key="concept:name" value="A &lt;1&gt; &quot;x&quot; &#233;&#x4E2D; &amp;amp;"/>
      <string key="lifecycle:transition" value="complete"/>
      <date key="time:timestamp" value="2020-01-02T01:30:01.500+01:00"/>
    </event>
  </trace>
  <trace>
    <string key="concept:name" value="t3, with no event"/>
  </trace>
</log>
`;
const A_NAME = 'A <1> "x" é中 &amp;';
const D_NAME = 'default & name';
const HOUR = 3_600_000;
/** From C (00:00:00.123Z) to B (19:30:01.5-05:00, that is 00:30:01.5Z). */
const C_TO_B = 1_800_000 + 1500 - 123;

describe('a small hand-made XES log', () => {
  const dir = tempDir('proverka-xes-');
  const xml = join(dir, 'hand-made.xes');
  const gz = join(dir, 'hand-made.xes.gz');
  beforeAll(() => {
    writeFileSync(xml, HAND_MADE);
    writeFileSync(gz, gzipSync(Buffer.from(HAND_MADE)));
  });

  it('the plain timestamps honour offsets and every digit of the fraction', () => {
    const base = Date.UTC(2020, 0, 2);
    expect(plainTimestampMs('2020-01-02T00:00:00Z')).toBe(base);
    expect(plainTimestampMs('2020-01-02T02:00:00.5+02:00')).toBe(base + 500);
    expect(plainTimestampMs('2020-01-01T18:30:00-05:30')).toBe(base);
    expect(plainTimestampMs('2020-01-02T00:00:00')).toBe(base);
    expect(plainTimestampMs('2020-01-02T00:00:00.1234567Z')).toBeCloseTo(base + 123.4567, 3);
    expect(plainTimestampMs('2011-10-01T00:38:44.546+02:00')).toBe(Date.parse('2011-10-01T00:38:44.546+02:00'));
    expect(() => plainTimestampMs('2020-13-01T00:00:00Z')).toThrow(/xs:dateTime/);
  });

  it('the plain reading by name is the one worked out by hand, gzipped or not', () => {
    const graph = plain(xml, 'name');
    expect(graph).toEqual({
      cases: 3,
      events: 6,
      activities: new Map([['B', 2], [A_NAME, 2], [D_NAME, 1], ['C', 1]]),
      starts: new Map([['B', 1], ['C', 1]]),
      ends: new Map([[D_NAME, 1], [A_NAME, 1]]),
      edges: new Map([
        [edgeKey('B', A_NAME), { from: 'B', to: A_NAME, count: 2, meanMs: HOUR / 2, medianMs: HOUR / 2 }],
        [edgeKey(A_NAME, D_NAME), { from: A_NAME, to: D_NAME, count: 1, meanMs: 0, medianMs: 0 }],
        [edgeKey('C', 'B'), { from: 'C', to: 'B', count: 1, meanMs: C_TO_B, medianMs: C_TO_B }],
      ]),
    });
    expect(plain(gz, 'name')).toEqual(graph);
  });

  it('the plain reading by name and lifecycle is the one worked out by hand (no lifecycle: `name+`)', () => {
    const [aStart, aComplete, b, c, d] = [`${A_NAME}+start`, `${A_NAME}+complete`, 'B+', 'C+', `${D_NAME}+`];
    expect(plain(xml, 'name+lifecycle')).toEqual({
      cases: 3,
      events: 6,
      activities: new Map([[b, 2], [aStart, 1], [aComplete, 1], [c, 1], [d, 1]]),
      starts: new Map([[b, 1], [c, 1]]),
      ends: new Map([[d, 1], [aComplete, 1]]),
      edges: new Map([
        [edgeKey(b, aStart), { from: b, to: aStart, count: 1, meanMs: HOUR, medianMs: HOUR }],
        [edgeKey(aStart, d), { from: aStart, to: d, count: 1, meanMs: 0, medianMs: 0 }],
        [edgeKey(c, b), { from: c, to: b, count: 1, meanMs: C_TO_B, medianMs: C_TO_B }],
        [edgeKey(b, aComplete), { from: b, to: aComplete, count: 1, meanMs: 0, medianMs: 0 }],
      ]),
    });
  });

  it('the comparison with Proverka sees each kind of difference', () => {
    const mine = plain(xml, 'name');
    const listed = (counts: Map<string, number>): { name: string; count: number }[] => [...counts].map(([name, count]) => ({ name, count }));
    const same = { cases: mine.cases, events: mine.events, activities: listed(mine.activities), starts: listed(mine.starts), ends: listed(mine.ends), edges: [...mine.edges.values()].map((e) => ({ ...e })) };
    expect(differences(mine, same)).toEqual([]);
    expect(differences(mine, { ...same, edges: same.edges.filter((e) => e.from !== 'C') })).toEqual(['edge "C → B": Proverka lacks it']);
    const [bToA, aToD, cToB] = [...mine.edges.values()];
    if (!bToA || !aToD || !cToB) throw new Error('the hand-made log has three edges');
    const other = {
      ...same,
      cases: 4,
      activities: same.activities.map((a) => (a.name === 'C' ? { name: 'C', count: 2 } : a)),
      starts: same.starts.filter((s) => s.name !== 'C'),
      ends: [...same.ends, { name: 'B', count: 1 }],
      edges: [{ ...bToA, meanMs: bToA.meanMs + 2 }, { ...aToD, medianMs: 0.01, count: 2 }, { ...bToA, meanMs: bToA.meanMs + 2 }, { ...cToB, medianMs: null }, { from: 'C', to: 'D', count: 1, meanMs: 0, medianMs: 0 }],
    };
    expect(differences(mine, other)).toEqual([
      'cases: Proverka 4, plain 3',
      'activity "C": Proverka 2, plain 1',
      'start "C": Proverka none, plain 1',
      'end "B": Proverka 1, plain none',
      `edge ${JSON.stringify(`B → ${A_NAME}`)}: listed twice by Proverka`,
      `edge ${JSON.stringify(`B → ${A_NAME}`)} mean ms: Proverka 1800002, plain 1800000`,
      `edge ${JSON.stringify(`${A_NAME} → ${D_NAME}`)} count: Proverka 2, plain 1`,
      `edge ${JSON.stringify(`${A_NAME} → ${D_NAME}`)} median ms: Proverka 0.01, plain 0`,
      'edge "C → B" median ms: Proverka null, plain 1801377',
      'edge "C → D": only Proverka has it',
    ]);
  });

  for (const classifier of ['name', 'name+lifecycle'] as const) {
    it(`Proverka's graph by ${classifier} is the plain one, gzipped or not`, async () => {
      expect(differences(plain(xml, classifier), await readXesGraph(xml, { classifier }))).toEqual([]);
      expect(differences(plain(xml, classifier), await readXesGraph(gz, { classifier }))).toEqual([]);
    });
  }
});
