/** `proverka report process-map`: a log's process map as text and JSON, and one-line refusals of a missing file or a file that is not XES. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { expectOneErrorLine } from './expect-cli.js';
import { runCli } from './run-cli.js';

const dir = tempDir('proverka-report-');

/** Three cases: A→B→C, A→B, A→C; times in minutes from the first event. */
function log(): string {
  const at = (min: number) => new Date(Date.UTC(2026, 0, 5, 9, min)).toISOString();
  const event = (name: string, min: number) => `<event><string key="concept:name" value="${name}"/><date key="time:timestamp" value="${at(min)}"/></event>`;
  const trace = (id: string, events: string[]) => `<trace><string key="concept:name" value="${id}"/>${events.join('')}</trace>`;
  return `<?xml version="1.0"?><log xes.version="1.0">${trace('c1', [event('A', 0), event('B', 10), event('C', 40)])}${trace('c2', [event('A', 0), event('B', 30)])}${trace('c3', [event('A', 0), event('C', 5)])}</log>`;
}

describe('proverka report process-map', () => {
  it('prints the cases, events and pairs with their mean and median times; --json gives the graph', async () => {
    const file = join(dir, 'small.xes');
    writeFileSync(file, log());
    const text = await runCli(['report', 'process-map', '--xes', file]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('3 cases, 7 events, 3 activities, 3 directly-follows pairs');
    expect(text.stdout).toMatch(/A → B\s+2\s+20 min\s+20 min/);
    expect(text.stdout).toMatch(/B → C\s+1\s+30 min\s+30 min/);
    const json = await runCli(['report', 'process-map', '--xes', file, '--json']);
    const graph = JSON.parse(json.stdout) as { cases: number; edges: Array<{ from: string; to: string; count: number; meanMs: number }> };
    expect(graph.cases).toBe(3);
    expect(graph.edges.map((e) => [e.from, e.to, e.count, e.meanMs])).toEqual([
      ['A', 'B', 2, 20 * 60_000],
      ['A', 'C', 1, 5 * 60_000],
      ['B', 'C', 1, 30 * 60_000],
    ]);
  });

  it('refuses a missing file and a file that is not XES in one line, exit 2', async () => {
    expectOneErrorLine(await runCli(['report', 'process-map', '--xes', join(dir, 'nowhere.xes')]), /no file at .*nowhere\.xes/);
    const html = join(dir, 'page.xml');
    writeFileSync(html, '<html/>');
    expectOneErrorLine(await runCli(['report', 'process-map', '--xes', html]), /cannot read .*page\.xml as XES: .*not an XES log/);
  });
});
