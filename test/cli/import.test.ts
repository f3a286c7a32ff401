/**
 * `proverka import xes` and `import list` as a person runs them: the running example imported into
 * a new record, its counts and its process map (`report process-map --db --imported`) equal to the
 * independent plain script's reading of the file; the record verifies; the export imports again
 * to the same; a file that is not XES, a missing file and an unknown import are one-line refusals
 * (exit 2) that leave the record as it was.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { differences } from '../interop/compare-graphs.js';
import { findDataDir } from '../interop/data-dir.js';
import { plainDirectlyFollows } from '../interop/plain-dfg.js';
import { tempDir } from '../support/temp.js';
import { expectOneErrorLine } from './expect-cli.js';
import { runCli } from './run-cli.js';

const dir = tempDir('proverka-import-');
const db = join(dir, 'record.db');
const found = findDataDir();
const example = 'dir' in found ? join(found.dir, 'running-example.xes') : '';

/** Runs the CLI and returns its stdout, failing with its stderr unless it exits 0. */
async function ok(args: readonly string[]): Promise<string> {
  const run = await runCli(args);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

describe('proverka import xes', () => {
  beforeAll(async () => {
    if ('problem' in found) throw new Error(found.problem);
    await ok(['init', '--db', db]);
  });

  it('imports the running example with its cases and events, lists it, and maps it as the plain script does', async () => {
    const imported = JSON.parse(await ok(['import', 'xes', example, '--db', db, '--json'])) as { importId: string; cases: number; events: number; source: string };
    expect(imported).toMatchObject({ cases: 6, events: 42, source: 'running-example.xes' });
    expect(imported.importId).toMatch(/^imp-\d{4}-\d{2}-\d{2}-[a-z0-9]{8}$/);
    expect(JSON.parse(await ok(['import', 'list', '--db', db, '--json']))).toEqual([{ importId: imported.importId, source: 'running-example.xes', format: 'xes', cases: 6, events: 42 }]);
    const graph = JSON.parse(await ok(['report', 'process-map', '--db', db, '--imported', imported.importId, '--json'])) as Parameters<typeof differences>[1] & { held: { totalMs: number } };
    expect(differences(plainDirectlyFollows(example, 'name'), graph)).toEqual([]);
    expect(graph.held.totalMs).toBeGreaterThan(0);
    expect(await ok(['report', 'process-map', '--db', db, '--imported'])).toMatch(/6 cases, 42 events/);
    expect(await ok(['verify', '--db', db])).toMatch(/intact/);
  });

  it('exports the imported cases and imports the export again to the same numbers', async () => {
    const out = join(dir, 'out.xes.gz');
    expect(await ok(['export', 'xes', '--db', db, '--to', out])).toMatch(/6 cases, 42 events/);
    const again = join(dir, 'again.db');
    await ok(['init', '--db', again]);
    expect(JSON.parse(await ok(['import', 'xes', out, '--db', again, '--json']))).toMatchObject({ cases: 6, events: 42 });
    const graph = JSON.parse(await ok(['report', 'process-map', '--db', again, '--imported', '--json'])) as Parameters<typeof differences>[1];
    expect(differences(plainDirectlyFollows(example, 'name'), graph)).toEqual([]);
  });

  it('refuses a file that is not XES, a missing file and an unknown import in one line, importing nothing', async () => {
    const before = await ok(['import', 'list', '--db', db, '--json']);
    const broken = join(dir, 'broken.xes');
    writeFileSync(broken, '<?xml version="1.0"?><log><trace><event><string key="concept:name" value="x"/></event></trace><trace>');
    // The progress lines (stderr) may come before the refusal; the refusal is one line.
    const refused = await runCli(['import', 'xes', broken, '--db', db]);
    expectOneErrorLine({ ...refused, errLines: refused.errLines.filter((l) => !/^importing broken\.xes \(bytes read\): \d+%/.test(l)) }, /cannot import .*broken\.xes as XES: .*nothing was imported/);
    expectOneErrorLine(await runCli(['import', 'xes', join(dir, 'nowhere.xes'), '--db', db]), /no file at .*nowhere\.xes/);
    expectOneErrorLine(await runCli(['report', 'process-map', '--db', db, '--imported', 'imp-nope']), /no import imp-nope/);
    expect(await ok(['import', 'list', '--db', db, '--json'])).toBe(before);
  });
});
