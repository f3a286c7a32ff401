/**
 * The race: 8 writer processes append to the same 100 assignment streams at once, each command
 * deciding on the head it read. Every lost race must come back as CONFLICT and nothing else, and
 * every chain must stay linear: no two events with one (stream, seq), every prev_hash the hash of
 * the event before. PostgreSQL only: concurrent writers on one server are the point, and SQLite
 * serialises its writers by design (BEGIN IMMEDIATE), which the crash test already exercises.
 */
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { backends } from '../support/backends.js';
import { prepareRecord } from './record-setup.js';
import { WriterProcess } from './writer-processes.js';
import type { WriterLine } from './writer-protocol.js';

const PROCESSES = 8;
const STREAMS = 100;
/** Commands each process runs. */
const ATTEMPTS = 300;

const postgres = backends().find((b) => b.name === 'postgres');

describe.runIf(postgres !== undefined)('[postgres] race: 8 processes append to the same 100 streams (PostgreSQL only: SQLite serialises writers by design)', () => {
  it('no fork in any chain, every refused append is a CONFLICT, every acknowledged append is there', { timeout: 100_000 }, async () => {
    if (postgres === undefined) throw new Error('unreachable');
    const location = postgres.newLocation();
    const streams = await prepareRecord(location, STREAMS);

    const store = await openStore({ location, mode: 'open' });
    try {
      const before = new Map<string, number>();
      for (const id of streams) before.set(id, (await store.reads.streamEvents(id)).length);

      const oks = new Map<string, number>();
      const refused = new Map<string, number>();
      const failures: string[] = [];
      let attempts = 0;
      const onLine = (line: WriterLine, writer: WriterProcess): void => {
        if ('ready' in line) return;
        if ('error' in line) {
          failures.push(`writer ${String(writer.pid)}: ${line.error}`);
          return;
        }
        attempts += 1;
        if (line.ok) oks.set(line.stream, (oks.get(line.stream) ?? 0) + 1);
        else refused.set(line.code, (refused.get(line.code) ?? 0) + 1);
      };
      const writers = Array.from({ length: PROCESSES }, () => new WriterProcess(location, ['--count', String(ATTEMPTS), '--wait-go'], onLine));
      // All start at once, once every one of them has its store open.
      await Promise.all(writers.map((w) => w.ready));
      for (const w of writers) w.go();
      const exits = await Promise.all(writers.map((w) => w.exit));

      const acknowledged = [...oks.values()].reduce((a, b) => a + b, 0);
      const conflicts = refused.get('CONFLICT') ?? 0;
      const report = await store.verify();
      let forks = 0;
      const mismatched: string[] = [];
      for (const id of streams) {
        const events = await store.reads.streamEvents(id);
        let previous: string | undefined;
        events.forEach((e, i) => {
          // A fork shows as a repeated or skipped seq, or an event not chained to the one before.
          if (e.seq !== i + 1 || (previous !== undefined && e.prevHash !== previous)) forks += 1;
          previous = e.hash;
        });
        if (events.length !== (before.get(id) ?? 0) + (oks.get(id) ?? 0)) mismatched.push(`${id}: ${events.length} events, ${before.get(id) ?? 0} + ${oks.get(id) ?? 0} expected`);
      }
      console.log(`[postgres] race: ${PROCESSES} processes, ${STREAMS} streams, ${attempts} appends tried, ${acknowledged} acknowledged, ${conflicts} conflicts, refusals ${JSON.stringify(Object.fromEntries(refused))}, forks ${forks}`);

      expect(failures).toEqual([]);
      expect(exits.map((e) => e.code)).toEqual(writers.map(() => 0));
      expect(attempts).toBe(PROCESSES * ATTEMPTS);
      expect(forks).toBe(0);
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      expect(mismatched).toEqual([]);
      // Every refused append was a conflict, and nothing else.
      expect(Object.fromEntries(refused)).toEqual(conflicts > 0 ? { CONFLICT: conflicts } : {});
      // The race really happened.
      expect(conflicts).toBeGreaterThan(0);
      expect(acknowledged + conflicts).toBe(PROCESSES * ATTEMPTS);
    } finally {
      await store.close();
    }
  });
});
