/**
 * Large XES import benchmark (issue #7): generates a synthetic XES log of about BENCH_XES_MB
 * megabytes (default 1,000) — cases of 5 to 40 events over 25 activities, 300 resources and 12
 * groups, seeded — then imports it into a new SQLite record with `proverka import xes` in a child
 * process, and prints the import's rate beside the floor of merely reading the file to text, and
 * the importing process's peak resident memory (issue #7's target: under 300 MB). Never asserts.
 *
 * Run: npm run bench:xes-large    (it builds first: the import runs the compiled CLI; BENCH_XES_MB=200 for a shorter run)
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { writeXes, type XesOutTrace } from '../src/interop/xes/write-xes.js';

const ROOT = resolve(import.meta.dirname, '..');
const TARGET_MB = Number(process.env['BENCH_XES_MB'] ?? '1000');
/** Roughly the bytes one generated event takes in the file (measured on the output, used only to size the log). */
const BYTES_PER_EVENT = 345;

/** The synthetic log's cases, seeded: about `targetBytes` of XES. */
function* syntheticTraces(targetBytes: number): Generator<XesOutTrace> {
  const rng = xoroshiro128plus(1922);
  const activities = Array.from({ length: 25 }, (_, i) => `Activity ${String.fromCharCode(65 + (i % 26))}${i}`);
  let bytes = 0;
  let time = Date.parse('2020-01-01T00:00:00Z');
  for (let c = 0; bytes < targetBytes; c++) {
    const n = uniformInt(rng, 5, 40);
    const events = [];
    let at = time;
    let a = uniformInt(rng, 0, 4);
    for (let e = 0; e < n; e++) {
      at += uniformInt(rng, 1, 72 * 3600) * 1000;
      a = (a + uniformInt(rng, 1, 3)) % activities.length;
      events.push({
        activity: activities[a] as string,
        timestamp: at,
        lifecycle: e % 2 === 0 ? 'start' : 'complete',
        resource: `R${uniformInt(rng, 1, 300)}`,
        group: `G${uniformInt(rng, 1, 12)}`,
        attributes: { amount: String(uniformInt(rng, 1, 100_000)) },
      });
    }
    bytes += n * BYTES_PER_EVENT + 120;
    time += uniformInt(rng, 1, 3600) * 1000;
    yield { name: `case-${c}`, attributes: { channel: c % 3 === 0 ? 'web' : 'desk' }, events };
  }
}

/** Reads the file to text, touching every character: the floor any import stands on. */
async function floorSeconds(path: string): Promise<number> {
  const started = performance.now();
  let check = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }).setEncoding('utf8')) check ^= (chunk as string).charCodeAt(0);
  if (check === -1) console.log('');
  return (performance.now() - started) / 1000;
}

const dir = tmpdir();
const xes = join(dir, `proverka-synthetic-${process.pid}.xes`);
const db = join(dir, `proverka-synthetic-${process.pid}.db`);
try {
  console.log(`Generating a synthetic XES log of about ${TARGET_MB.toLocaleString('en')} MB in ${xes} …`);
  let started = performance.now();
  const written = await writeXes(xes, syntheticTraces(TARGET_MB * 1e6));
  const size = statSync(xes).size;
  const mb = size / 1e6;
  console.log(`  ${mb.toFixed(0)} MB, ${written.traces.toLocaleString('en')} cases, ${written.events.toLocaleString('en')} events, written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const floor = await floorSeconds(xes);
  console.log(`  floor (read to text)           ${(mb / floor).toFixed(1).padStart(7)} MB/s   ${floor.toFixed(2)} s`);

  execute(['init', '--db', db]);
  started = performance.now();
  const run = execute(['import', 'xes', xes, '--db', db, '--json'], true);
  const seconds = (performance.now() - started) / 1000;
  const imported = JSON.parse(run.stdout) as { cases: number; events: number };
  console.log(
    `  Proverka import (SQLite record) ${(mb / seconds).toFixed(1).padStart(7)} MB/s   ${seconds.toFixed(1)} s   ${Math.round(imported.events / seconds).toLocaleString('en')} events/s   ${((floor / seconds) * 100).toFixed(1)}% of the floor`,
  );
  console.log(`  imported ${imported.cases.toLocaleString('en')} cases, ${imported.events.toLocaleString('en')} events (the file has ${written.traces.toLocaleString('en')} and ${written.events.toLocaleString('en')})`);
  console.log(`  peak resident memory of the importing process: ${(run.maxRssKb / 1024).toFixed(0)} MB (target < 300 MB); database ${(statSync(db).size / 1e6).toFixed(0)} MB`);
  console.log(`\nload average ${loadavg()[0]?.toFixed(2)} at the end: other work on the machine moves these figures`);
} finally {
  for (const f of [xes, db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
}

/** Runs the compiled CLI (`npm run build` first); with `measure`, under GNU time for the child's peak memory. */
function execute(args: readonly string[], measure = false): { stdout: string; maxRssKb: number } {
  const cli = [join(ROOT, 'bin', 'proverka.js'), ...args];
  const r = measure ? spawnSync('/usr/bin/time', ['-f', 'maxrss %M', process.execPath, ...cli], { encoding: 'utf8', maxBuffer: 1 << 26 }) : spawnSync(process.execPath, cli, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`proverka ${args.join(' ')} exited with ${String(r.status)}: ${r.stderr}`);
  const rss = /maxrss (\d+)/.exec(r.stderr);
  return { stdout: r.stdout, maxRssKb: rss === null ? Number.NaN : Number(rss[1]) };
}
