/**
 * XES reading benchmark (issue #7): Proverka's streaming XES reader computing the process map of
 * bpic2012.xes.gz and receipt.xes, beside the floor of merely reading (and gunzipping) the same
 * file to text in the same process. Prints MB/s of uncompressed XES and events/s, and the ratio to
 * the floor (issue #7's target for the import, which will add writing: ≥ 25% of the floor).
 * Never asserts a timing. The data folder: PROVERKA_DATA_DIR, else ../shared/data beside the
 * repository, else /work/shared/data.
 *
 * Run: node --import tsx bench/xes.bench.ts   (BENCH_QUICK=1: one round instead of three)
 */
import { createReadStream, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createGunzip } from 'node:zlib';
import { readXesGraph } from '../src/interop/xes/xes-graph.js';

const ROUNDS = process.env['BENCH_QUICK'] === '1' ? 1 : 3;
const FILES = ['bpic2012.xes.gz', 'receipt.xes'] as const;

function dataDir(): string {
  const candidates = [process.env['PROVERKA_DATA_DIR'], resolve(import.meta.dirname, '../../shared/data'), '/work/shared/data'].filter((d): d is string => d !== undefined);
  const found = candidates.find((d) => existsSync(d));
  if (found === undefined) throw new Error(`no data folder among ${candidates.join(', ')}`);
  return found;
}

/** Reads the file to text (gunzipping a .gz), touching every character; returns its uncompressed size in bytes. */
async function floor(path: string): Promise<number> {
  const raw = createReadStream(path);
  const text = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  let bytes = 0;
  let check = 0;
  for await (const chunk of text.setEncoding('utf8')) {
    const s = chunk as string;
    bytes += Buffer.byteLength(s);
    check ^= s.charCodeAt(s.length - 1);
  }
  if (check === -1) console.log('');
  return bytes;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function timed<T>(f: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await f();
  return { seconds: (performance.now() - started) / 1000, value };
}

const dir = dataDir();
console.log(`XES reading (process map) against the floor of reading the file; median of ${ROUNDS}; data: ${dir}`);
for (const name of FILES) {
  const path = join(dir, name);
  const floors: number[] = [];
  const reads: number[] = [];
  let bytes = 0;
  let events = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const f = await timed(() => floor(path));
    floors.push(f.seconds);
    bytes = f.value;
    const g = await timed(() => readXesGraph(path));
    reads.push(g.seconds);
    events = g.value.events;
  }
  const mb = bytes / 1e6;
  const floorS = median(floors);
  const readS = median(reads);
  console.log(`\n${name}: ${mb.toFixed(1)} MB of XES, ${events.toLocaleString('en')} events`);
  console.log(`  ${`floor (read${name.endsWith('.gz') ? ' + gunzip' : ''} to text)`.padEnd(32)}${(mb / floorS).toFixed(1).padStart(7)} MB/s   ${floorS.toFixed(3)} s`);
  console.log(`  ${'Proverka (parse + graph)'.padEnd(32)}${(mb / readS).toFixed(1).padStart(7)} MB/s   ${readS.toFixed(3)} s   ${Math.round(events / readS).toLocaleString('en')} events/s   ${((floorS / readS) * 100).toFixed(1)}% of the floor`);
}
console.log(`\nload average ${loadavg()[0]?.toFixed(2)} at the end: other work on the machine moves these figures`);
