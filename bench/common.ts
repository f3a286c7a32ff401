/**
 * What both halves of the ingest benchmark share: running the workload through the application
 * on a store of either back end, and the medians and number formats of the printout.
 */
import { createHash } from 'node:crypto';
import { unwrap } from '../src/app/errors.js';
import { seededIds } from '../src/app/ids.js';
import { Proverka } from '../src/app/proverka.js';
import { ManualClock } from '../src/domain/clock.js';
import type { EventRow as StoredEventRow } from '../src/store/kysely-read-model.js';
import type { AppendedEvent, Store } from '../src/store/port.js';
import type { Step } from './workload.js';

/** Whether the run is the short one (BENCH_QUICK=1). */
export const quick = process.env['BENCH_QUICK'] === '1';

/** How many interleaved rounds each figure is the median of. */
export const ROUNDS = quick ? 1 : 3;

/** An events row as it is read back, without its position: what the raw baselines insert. */
export type EventRow = Omit<StoredEventRow, 'position'>;

/** The columns the raw baselines insert, in this order. */
export const EVENT_COLUMNS = ['stream_id', 'seq', 'type', 'actor', 'at', 'payload', 'prev_hash', 'hash'] as const;

/** How the workload goes through the application: one command per transaction, or all in one bulk transaction. */
export type AppMode = 'single' | 'bulk';

/** What one run through the application measured, with write counters taken before and after the timed part. */
export interface AppRun {
  readonly rate: number;
  readonly events: number;
  /** `mark()` before the setup, before the timed steps and after them. */
  readonly marks: readonly [number, number, number];
}

/**
 * Runs the workload through the application on `store` (which it closes): the setup in one bulk
 * transaction, then the timed steps one command per transaction or in one bulk transaction.
 * Returns events/s over the timed steps. Checkpoints the application appends on its own
 * (every 1,000 events by default) happen inside the timed part, so their cost is in the figure.
 */
export async function throughApp(store: Store, setup: readonly Step[], steps: readonly Step[], mode: AppMode, mark: () => number = () => 0): Promise<AppRun> {
  const base = mark();
  const clock = new ManualClock(0);
  const app = new Proverka({ store, clock, ids: seededIds(1) });
  await app.bulk(async (run) => {
    for (const s of setup) {
      clock.set(s.at);
      unwrap(await run(s.actor, s.command));
    }
  });
  let events = 0;
  const from = mark();
  const t0 = process.hrtime.bigint();
  if (mode === 'single') {
    for (const s of steps) {
      clock.set(s.at);
      events += unwrap(await app.execute(s.actor, s.command)).events.length;
    }
  } else {
    await app.bulk(async (run) => {
      for (const s of steps) {
        clock.set(s.at);
        events += unwrap(await run(s.actor, s.command)).events.length;
      }
    });
  }
  const seconds = secondsSince(t0);
  const to = mark();
  await store.close();
  return { rate: events / seconds, events, marks: [base, from, to] };
}

/** Seconds since a `process.hrtime.bigint()` reading. */
export function secondsSince(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** The median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** A rate, rounded, with thousands separators, right-aligned. */
export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US').padStart(9);
}

/** `a` as a percentage of `b`, one decimal. */
export function pct(a: number, b: number): string {
  return `${((100 * a) / b).toFixed(1)}%`;
}

/** A digest of event rows (every column), to show two back ends wrote the very same rows. */
export function rowsDigest(rows: readonly EventRow[]): string {
  const h = createHash('sha256');
  for (const r of rows) h.update(EVENT_COLUMNS.map((c) => String(r[c])).join('\u0001') + '\u0002');
  return h.digest('hex').slice(0, 16);
}

/**
 * The bulk import path for recorded events (what restore and moves use): the rows fed to
 * `store.importRecord` into an empty store, which checks every event's chain and hash and builds
 * the projections as it goes. Returns events/s. The rows must form whole streams (from seq 1).
 */
export async function importRows(store: Store, rows: readonly EventRow[]): Promise<number> {
  function* events(): Generator<AppendedEvent> {
    for (const r of rows) {
      yield { streamId: r.stream_id, seq: Number(r.seq), type: r.type, actor: r.actor, at: r.at, payload: JSON.parse(r.payload) as unknown, prevHash: r.prev_hash, hash: r.hash };
    }
  }
  const t0 = process.hrtime.bigint();
  const report = await store.importRecord(toAsync(events()));
  const seconds = secondsSince(t0);
  if (report.events !== rows.length) throw new Error(`imported ${report.events} of ${rows.length} events`);
  return rows.length / seconds;
}

/** An async iterable over a synchronous one. */
function toAsync<T>(items: Iterable<T>): AsyncIterable<T> {
  const it = items[Symbol.iterator]();
  return { [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve(it.next()) }) };
}
