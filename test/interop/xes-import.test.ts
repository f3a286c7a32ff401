/**
 * Issue #7: every real log of the shared data folder imported into the record as cases. The record
 * then holds the README's numbers of cases and events; the directly-follows graph of the imported
 * cases equals the one the independent plain script (`plain-dfg.ts`) computes on the file; the
 * record verifies and rebuilds to the same projections; the log exported from the record
 * (`export xes`) imports again into a new record to the same numbers and the same graph. A file
 * that is not XES leaves the record as it was. The large logs are read on the worker thread the
 * built command uses (compiled from the current sources), the small ones on the test's own thread,
 * as the command does; the refusals are checked on both.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { seededIds } from '../../src/app/ids.js';
import { Proverka } from '../../src/app/proverka.js';
import { importedGraph, imports } from '../../src/app/queries/imported-traces.js';
import { importedCaseTraces } from '../../src/cli/commands/export.js';
import { importXesFile as importXes, type ImportResult, type ImportXesOptions } from '../../src/cli/commands/import.js';
import { ManualClock } from '../../src/domain/clock.js';
import { writeXes } from '../../src/interop/xes/write-xes.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { compiledFile } from '../cli/run-cli.js';
import { backends } from '../support/backends.js';
import { dumpProjections, eventCount } from '../support/dump.js';
import { tempDir } from '../support/temp.js';
import { differences } from './compare-graphs.js';
import { findDataDir, README_TABLE, WITH_LIFECYCLE } from './data-dir.js';
import { plainDirectlyFollows, type PlainClassifier, type PlainGraph } from './plain-dfg.js';

const sqlite = backends().find((b) => b.name === 'sqlite');
/** The XES reader's worker thread, compiled from the current sources as the built command has it. */
const worker = pathToFileURL(compiledFile('src/interop/xes/xes-reader-worker.ts'));

/** Imports as the built command does: on the worker thread when the file is large. */
function importXesFile(app: Proverka, path: string, source: string, options: ImportXesOptions = {}): Promise<ImportResult> {
  return importXes(app, path, source, { worker, ...options });
}
const dir = tempDir('proverka-xes-import-');
const opened: Proverka[] = [];

afterAll(async () => {
  for (const app of opened) await app.close().catch(() => undefined);
});

async function freshApp(): Promise<{ app: Proverka; store: KyselyStore }> {
  if (sqlite === undefined) throw new Error('the SQLite back end is always there');
  const store = await sqlite.fresh();
  const app = new Proverka({ store, clock: new ManualClock(Date.parse('2026-11-26T12:00:00Z')), ids: seededIds(7) });
  opened.push(app);
  return { app, store };
}

function classifiersOf(file: string): readonly PlainClassifier[] {
  return WITH_LIFECYCLE.has(file) ? ['name', 'name+lifecycle'] : ['name'];
}

describe('importing the real XES logs as cases', () => {
  const found = findDataDir();
  if ('problem' in found) {
    it('needs the data folder', () => {
      expect.fail(found.problem);
    });
    return;
  }
  const files = readdirSync(found.dir)
    .filter((f) => /\.xes(\.gz)?$/.test(f))
    .sort();

  it("finds exactly the README's logs", () => {
    expect(files).toEqual(Object.keys(README_TABLE).sort());
  });

  for (const file of files) {
    it(`${file}: the record holds the file's cases and events, its graph is the plain script's, and its export imports again to the same`, async () => {
      const path = join(found.dir, file);
      const plain = new Map<PlainClassifier, PlainGraph>(classifiersOf(file).map((c) => [c, plainDirectlyFollows(path, c)]));
      const expected = README_TABLE[file];

      const first = await freshApp();
      const imported = await importXesFile(first.app, path, file);
      expect({ cases: imported.cases, events: imported.events }).toEqual(expected);
      // Counted again from the record, not from what the import said.
      expect(await imports(first.store)).toEqual([{ importId: imported.importId, source: file, format: 'xes', ...expected }]);
      for (const [classifier, graph] of plain) {
        expect(differences(graph, await importedGraph(first.store, { importId: imported.importId, classifier }))).toEqual([]);
      }
      expect((await first.store.verify()).ok).toBe(true);

      const exported = join(dir, `${file}.exported.xes.gz`);
      const written = await writeXes(exported, importedCaseTraces(first.app));
      expect({ cases: written.traces, events: written.events }).toEqual(expected);

      const second = await freshApp();
      const again = await importXesFile(second.app, exported, `${file} (exported)`);
      expect({ cases: again.cases, events: again.events }).toEqual(expected);
      for (const [classifier, graph] of plain) {
        expect(differences(graph, await importedGraph(second.store, { classifier }))).toEqual([]);
      }
    });
  }

  it('rebuilding a record with imported cases gives back the same projections', async () => {
    const { app, store } = await freshApp();
    await importXesFile(app, join(found.dir, 'receipt.xes'), 'receipt');
    await importXesFile(app, join(found.dir, 'running-example.xes'), 'running example');
    const before = await dumpProjections(store);
    expect(before.traces).toHaveLength(1434 + 6);
    await store.rebuild();
    expect(await dumpProjections(store)).toEqual(before);
  });

  it('a file that is not well-formed XES imports nothing and leaves what was imported before', async () => {
    const { app, store } = await freshApp();
    await importXesFile(app, join(found.dir, 'running-example.xes'), 'running example');
    const events = await eventCount(store);
    const broken = join(dir, 'broken.xes');
    // Two complete traces, then the file stops inside a third: the two must not be kept either.
    writeFileSync(
      broken,
      `<?xml version="1.0"?><log><trace><string key="concept:name" value="a"/><event><string key="concept:name" value="x"/></event></trace>
      <trace><string key="concept:name" value="b"/></trace><trace><event><string key="concept:name" value="y"/>`,
    );
    for (const workerFromBytes of [Number.POSITIVE_INFINITY, 0]) {
      // On this thread, then on the worker: the same refusal, naming the place in the file.
      await expect(importXesFile(app, broken, 'broken', { workerFromBytes })).rejects.toThrow(/broken\.xes is not well-formed XML near character 2\d\d: /);
      expect(await eventCount(store)).toBe(events);
      expect((await imports(store)).map((i) => i.source)).toEqual(['running example']);
    }
  });

  it('a small file read on the worker gives the same cases as on this thread; a worker that stops midway imports nothing', async () => {
    const path = join(found.dir, 'running-example.xes');
    const here = await freshApp();
    const there = await freshApp();
    await importXesFile(here.app, path, 'running example', { workerFromBytes: Number.POSITIVE_INFINITY });
    await importXesFile(there.app, path, 'running example', { workerFromBytes: 0 });
    const payloads = async (store: KyselyStore): Promise<unknown[]> => (await store.reads.eventsAfter(0, 10_000)).filter((e) => e.type === 'trace.imported').map((e) => ({ ...(e.payload as object), importId: null }));
    expect(await payloads(there.store)).toEqual(await payloads(here.store));
    expect(await payloads(here.store)).toHaveLength(6);

    const events = await eventCount(there.store);
    const dying = join(dir, 'dying-worker.mjs');
    writeFileSync(dying, "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ kind: 'traces', traces: [], bytes: null });\nprocess.exit(3);\n");
    await expect(importXes(there.app, path, 'dying', { worker: pathToFileURL(dying), workerFromBytes: 0 })).rejects.toThrow(/worker thread stopped before the end of .*running-example\.xes \(exit code 3\)/);
    expect(await eventCount(there.store)).toBe(events);
  });
});
