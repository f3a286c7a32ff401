/**
 * API read benchmark, SQLite and PostgreSQL in one run. The large demo is built into an SQLite
 * file (and moved into a fresh PostgreSQL database); a viewer over the unit subtree with the most
 * assignments reads, with a read-only API token, through the real server (buildServer, listening
 * on 127.0.0.1, logger off):
 *   - one assignment by id                GET /api/v1/assignments/:id
 *   - the overdue list of the subtree     GET /api/v1/assignments?unit=ROOT&overdue=true&limit=50
 *   - the baseline: a bare route on the same Fastify instance, registered only here, returning a
 *     small constant JSON (no authentication, no database)
 * Load comes from autocannon (in a worker thread, so that it does not share the server's event
 * loop), 10 connections, after a short warm-up; req/s, p50 and p99 (whole milliseconds, as
 * autocannon counts them) are printed with each route's ratio to the bare route of the same server
 * in the same run. The bare route is measured before and after the API routes: its req/s is the
 * mean of the two, its latencies the larger (under 1 ms counts as 1 ms in the p99 ratio). It never
 * asserts a timing; it fails if a measured request was answered with anything but 2xx.
 *
 * Run: npm run bench:api   (BENCH_API_DURATION=seconds per route, default 10, 3 with BENCH_QUICK=1;
 * BENCH_API_CONNECTIONS (10); BENCH_API_WORKERS (1; 0 = autocannon in the server's thread);
 * BENCH_API_UNIT=unit id to read instead of the largest subtree; BENCH_BACKENDS=sqlite|postgres;
 * PROVERKA_BENCH_PG=postgres://… another server)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import { randomIds } from '../src/app/ids.js';
import { Proverka } from '../src/app/proverka.js';
import { buildServer } from '../src/http/server.js';
import type { KyselyStore } from '../src/store/kysely-store.js';
import { openStore } from '../src/store/open-store.js';
import { benchClock, buildReadDemo, dropDatabase, moveToPostgres, viewerToken, type ReadTargets } from './api-setup.js';
import { quick } from './common.js';

const DURATION = Number(process.env['BENCH_API_DURATION'] ?? (quick ? 3 : 10));
const WARMUP = Math.min(2, Math.max(1, Math.round(DURATION / 5)));
const CONNECTIONS = Number(process.env['BENCH_API_CONNECTIONS'] ?? 10);
const WORKERS = Number(process.env['BENCH_API_WORKERS'] ?? 1);
const wanted = (process.env['BENCH_BACKENDS'] ?? 'sqlite,postgres').split(',').map((s) => s.trim());

/** What one route measured. */
interface Figures {
  readonly label: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
}

/** autocannon's options, with `workers`, which its type definitions lack. */
type CannonOptions = autocannon.Options & { workers?: number };

async function cannon(url: string, headers: Record<string, string>, seconds: number): Promise<autocannon.Result> {
  const options: CannonOptions = { url, connections: CONNECTIONS, duration: seconds, headers, ...(WORKERS > 0 ? { workers: WORKERS } : {}) };
  return autocannon(options);
}

async function measure(label: string, url: string, headers: Record<string, string>): Promise<Figures> {
  await cannon(url, headers, WARMUP);
  const r = await cannon(url, headers, DURATION);
  return { label, rps: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors };
}

/** Checks a URL answers 200 before it is measured; returns the parsed body. */
async function probe(url: string, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

/** Serves the store, measures the three routes, closes the server and the store. */
async function runOn(backend: string, store: KyselyStore, targets: ReadTargets, filesDir: string): Promise<Figures[]> {
  const clock = benchClock();
  const app = new Proverka({ store, clock, ids: randomIds });
  let server: FastifyInstance | undefined;
  try {
    const token = await viewerToken(store, clock.now());
    server = await buildServer({ app, clock, filesDir, logger: false });
    server.get('/bench/bare', () => ({ ok: true, id: 'asg_bare', title: 'a constant answer' }));
    const base = await server.listen({ host: '127.0.0.1', port: 0 });
    const auth = { authorization: `Bearer ${token}` };
    const oneUrl = `${base}/api/v1/assignments/${targets.assignmentId}`;
    const listUrl = `${base}/api/v1/assignments?unit=${encodeURIComponent(targets.unitId)}&overdue=true&limit=50`;
    const read = (await probe(oneUrl, auth)) as { id: string };
    const page = (await probe(listUrl, auth)) as { items: unknown[] };
    if (read.id !== targets.assignmentId) throw new Error(`GET one answered ${read.id}`);
    console.log(`  ${backend}: the overdue list answers ${page.items.length} items (limit 50); the one assignment is ${read.id}`);
    // The baseline is measured before and after the API routes: its req/s is the mean of the two, its latencies the larger.
    const bareBefore = await measure('bare route, before', `${base}/bench/bare`, {});
    const one = await measure('GET /api/v1/assignments/:id', oneUrl, auth);
    const list = await measure('GET /api/v1/assignments?unit&overdue=true&limit=50', listUrl, auth);
    const bareAfter = await measure('bare route, after', `${base}/bench/bare`, {});
    const mean = (a: number, b: number): number => (a + b) / 2;
    const bare: Figures = {
      label: 'bare Fastify route (baseline)',
      rps: mean(bareBefore.rps, bareAfter.rps),
      p50: Math.max(bareBefore.p50, bareAfter.p50),
      p99: Math.max(bareBefore.p99, bareAfter.p99),
      requests: bareBefore.requests + bareAfter.requests,
      non2xx: bareBefore.non2xx + bareAfter.non2xx,
      errors: bareBefore.errors + bareAfter.errors,
    };
    console.log(`  ${backend}: bare route ${rate(bareBefore.rps).trim()} req/s before, ${rate(bareAfter.rps).trim()} after (their spread is the noise of this machine)`);
    return [bare, one, list];
  } finally {
    await server?.close();
    await app.close();
  }
}

/** autocannon's latency histogram counts whole milliseconds: 0 means under one. */
const ms = (n: number): string => (n === 0 ? '<1' : n < 10 && !Number.isInteger(n) ? n.toFixed(1) : Math.round(n).toString()).padStart(8);
const rate = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(9);

function printTable(results: ReadonlyArray<{ backend: string; figures: readonly Figures[] }>): void {
  const width = Math.max(...results.flatMap((r) => r.figures.map((f) => f.label.length)));
  console.log('');
  console.log(`${'back end'.padEnd(9)} ${'route'.padEnd(width)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  ${'req/s vs bare'.padStart(13)}  ${'p99 vs bare'.padStart(11)}`);
  for (const { backend, figures } of results) {
    const bare = figures[0];
    if (bare === undefined) continue;
    for (const f of figures) {
      const vsRate = `${((100 * f.rps) / bare.rps).toFixed(1)}%`;
      const vsP99 = `${(Math.max(f.p99, 1) / Math.max(bare.p99, 1)).toFixed(1)}×`;
      const bad = f.non2xx > 0 || f.errors > 0 ? `  !! ${f.non2xx} non-2xx, ${f.errors} errors` : '';
      console.log(`${backend.padEnd(9)} ${f.label.padEnd(width)} ${rate(f.rps)} ${ms(f.p50)} ${ms(f.p99)}  ${vsRate.padStart(13)}  ${vsP99.padStart(11)}${bad}`);
    }
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'proverka-api-bench-'));
  const filesDir = join(dir, 'files');
  let pgName: string | undefined;
  try {
    console.log(`API read benchmark: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, Node ${process.version}`);
    const { file, targets, seconds } = await buildReadDemo(dir, process.env['BENCH_API_UNIT']);
    console.log(`large demo built in ${seconds.toFixed(1)} s: ${targets.demo.assignments.toLocaleString('en-US')} assignments, ${targets.demo.events.toLocaleString('en-US')} events`);
    console.log(
      `reader: a viewer over ${targets.unitId} (${targets.unitName}): ${targets.units} units, ${targets.assignments.toLocaleString('en-US')} assignments, ${targets.overdue} overdue at the demo's end (the server's clock)`,
    );
    console.log(`autocannon: ${CONNECTIONS} connections, ${WORKERS > 0 ? `${WORKERS} worker thread(s)` : "in the server's thread"}, ${WARMUP} s warm-up then ${DURATION} s per route`);
    const results: Array<{ backend: string; figures: Figures[] }> = [];
    if (wanted.includes('sqlite')) {
      const store = await openStore({ location: file, mode: 'open' });
      results.push({ backend: 'sqlite', figures: await runOn('sqlite', store, targets, filesDir) });
    }
    if (wanted.includes('postgres')) {
      const moved = await moveToPostgres(file);
      pgName = moved.name;
      console.log(`  postgres: the record moved into ${moved.name} in ${moved.seconds.toFixed(1)} s`);
      const store = await openStore({ location: moved.url, mode: 'open' });
      results.push({ backend: 'postgres', figures: await runOn('postgres', store, targets, filesDir) });
    }
    printTable(results);
    console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other work on the machine lowers every figure, the bare route's too)`);
    if (results.some((r) => r.figures.some((f) => f.non2xx > 0 || f.errors > 0))) {
      console.error('\nsome measured requests were not answered 2xx: the figures above do not measure what they say');
      process.exitCode = 1;
    }
  } finally {
    if (pgName !== undefined) await dropDatabase(pgName);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
