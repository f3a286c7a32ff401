/**
 * Analytics benchmark (issue #7): a record holding BENCH_EVENTS (default 10,000,000) events of
 * imported cases — seeded synthetic cases of 20 to 80 events over 30 activities and 400 resources,
 * brought in through the application's `trace.import` command in one bulk transaction — then, on
 * the same rows in the same run: a plain scan (read every event of the record page by page, as the
 * analytics do, and touch each imported event's activity, instant and resource), and Proverka's
 * directly-follows graph with the hours each resource held the cases (`importedAnalytics`).
 * Prints events/s of both and the ratio (issue #7's target: ≥ 50% of the scan's rate). Never asserts.
 *
 * Run: npm run bench:analytics   (BENCH_EVENTS=1000000 for a shorter run; BENCH_ROUNDS, default 3)
 */
import { rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { randomIds } from '../src/app/ids.js';
import { Proverka } from '../src/app/proverka.js';
import { importedAnalytics, importedTraces } from '../src/app/queries/imported-traces.js';
import { systemClock } from '../src/domain/clock.js';
import { SYSTEM_ACTOR } from '../src/domain/event.js';
import { toInstant } from '../src/domain/time.js';
import { forEachImportedEvent, type ImportedEvent } from '../src/domain/trace/trace.js';
import type { Store } from '../src/store/port.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? '10000000');
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? '3');

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Fills the record with about `target` events of seeded synthetic imported cases; returns cases and events written. */
async function fill(app: Proverka, target: number): Promise<{ cases: number; events: number }> {
  const rng = xoroshiro128plus(1922);
  const activities = Array.from({ length: 30 }, (_, i) => `step ${i + 1}`);
  let cases = 0;
  let events = 0;
  let start = Date.parse('2020-01-01T00:00:00Z');
  let shown = 0;
  await app.bulk(
    async (run) => {
      while (events < target) {
        const n = Math.min(uniformInt(rng, 20, 80), target - events);
        const list: ImportedEvent[] = [];
        let at = start;
        let a = uniformInt(rng, 0, 5);
        for (let e = 0; e < n; e++) {
          at += uniformInt(rng, 60, 96 * 3600) * 1000;
          a = (a + uniformInt(rng, 1, 4)) % activities.length;
          list.push({ activity: activities[a] as string, at: toInstant(at), lifecycle: 'complete', resource: `R${uniformInt(rng, 1, 400)}`, group: null });
        }
        const r = await run(SYSTEM_ACTOR, { type: 'trace.import', importId: 'imp-bench', source: 'synthetic', format: 'xes', name: `case-${cases}`, attributes: {}, events: list });
        if (!r.ok) throw new Error(r.error.message);
        cases++;
        events += n;
        start += uniformInt(rng, 1, 600) * 1000;
        if (events - shown >= target / 10) {
          shown = events;
          process.stdout.write(`  … ${events.toLocaleString('en')} events\n`);
        }
      }
    },
    { flushEvery: 1000, maxCachedStreams: 5000 },
  );
  return { cases, events };
}

/** The plain scan: every event row of the record, page by page, each imported event's fields touched. */
async function plainScan(store: Store): Promise<number> {
  let n = 0;
  let check = 0;
  for await (const { trace } of importedTraces(store)) {
    // The events as recorded (a table since decision 0036), read in place.
    forEachImportedEvent(trace, (activity, at, _lifecycle, resource) => {
      n++;
      check ^= activity.length ^ (at?.length ?? 0) ^ (resource?.length ?? 0);
    });
  }
  if (check === -1) console.log('');
  return n;
}

const file = join(tmpdir(), `proverka-analytics-bench-${process.pid}.db`);
try {
  const store = await openSqliteStore({ file, mode: 'create' });
  const app = new Proverka({ store, clock: systemClock, ids: randomIds });
  console.log(`Filling a record with ${EVENTS.toLocaleString('en')} events of imported cases (${file}) …`);
  let t = performance.now();
  const filled = await fill(app, EVENTS);
  console.log(`  ${filled.cases.toLocaleString('en')} cases, ${filled.events.toLocaleString('en')} events in ${((performance.now() - t) / 1000).toFixed(0)} s`);

  const scans: number[] = [];
  const runs: number[] = [];
  let held = 0;
  let edges = 0;
  for (let r = 0; r < ROUNDS; r++) {
    t = performance.now();
    const n = await plainScan(store);
    scans.push((performance.now() - t) / 1000);
    if (n !== filled.events) throw new Error(`the scan read ${n} events, not ${filled.events}`);
    t = performance.now();
    const result = await importedAnalytics(store);
    runs.push((performance.now() - t) / 1000);
    if (result.graph.events !== filled.events) throw new Error(`the graph counted ${result.graph.events} events, not ${filled.events}`);
    held = result.held.totalMs;
    edges = result.graph.edges.length;
  }
  const scanS = median(scans);
  const runS = median(runs);
  const rate = (s: number): string => `${Math.round(filled.events / s).toLocaleString('en')} events/s`;
  console.log(`\nmedian of ${ROUNDS}, ${filled.events.toLocaleString('en')} events:`);
  console.log(`  plain scan of the rows                 ${scanS.toFixed(2).padStart(7)} s   ${rate(scanS)}`);
  console.log(`  process map + hours held (Proverka)    ${runS.toFixed(2).padStart(7)} s   ${rate(runS)}   ${((scanS / runS) * 100).toFixed(1)}% of the scan's rate`);
  console.log(`  (${edges} directly-follows pairs; ${(held / 3_600_000).toLocaleString('en', { maximumFractionDigits: 0 })} hours held in all)`);
  console.log(`\nload average ${loadavg()[0]?.toFixed(2)} at the end: other work on the machine moves these figures`);
  await app.close();
} finally {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}
