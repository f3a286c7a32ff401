/**
 * The crash test: several writer processes append through real commands while, at random moments,
 * one of them is killed with SIGKILL (and started again), until 10,000 appends were acknowledged.
 * An append is acknowledged when the writer printed it, which it does only after `execute` returned
 * ok. Afterwards every acknowledged append is in the database with its hash, the database's own
 * integrity check passes, and `proverka verify` passes.
 */
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { runCli } from '../cli/run-cli.js';
import { backends } from '../support/backends.js';
import { prepareRecord } from './record-setup.js';
import { WriterProcess } from './writer-processes.js';
import type { Acknowledged, WriterLine } from './writer-protocol.js';

const WRITERS = 4;
const KILLS = 20;
const ACKNOWLEDGED = 10_000;
const ASSIGNMENTS = 100;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

for (const backend of backends()) {
  describe(`[${backend.name}] crash test: writers killed with SIGKILL`, () => {
    it(`${ACKNOWLEDGED} acknowledged appends from ${WRITERS} writers, ${KILLS} of them killed at random: none lost, integrity ok, verify ok`, { timeout: 300_000 }, async () => {
      const location = backend.newLocation();
      await prepareRecord(location, ASSIGNMENTS);

      const acknowledged = new Map<string, Acknowledged>();
      const refusals = new Map<string, number>();
      const failures: string[] = [];
      let forks = 0;
      const onLine = (line: WriterLine, writer: WriterProcess): void => {
        if ('error' in line) failures.push(`writer ${String(writer.pid)}: ${line.error}`);
        else if ('ready' in line) return;
        else if (line.ok) {
          const key = `${line.stream}#${line.seq}`;
          const earlier = acknowledged.get(key);
          // Two acknowledgements of one (stream, seq) with different hashes would be a fork.
          if (earlier !== undefined && earlier.hash !== line.hash) forks += 1;
          acknowledged.set(key, line);
        } else refusals.set(line.code, (refusals.get(line.code) ?? 0) + 1);
      };

      let kills = 0;
      let stopping = false;
      const slots: WriterProcess[] = [];
      const start = (i: number): void => {
        const w = new WriterProcess(location, [], onLine);
        slots[i] = w;
        void w.exit.then((exit) => {
          if (w.torn !== '') failures.push(`writer ${String(w.pid)} left a torn line: ${w.torn}`);
          if (exit.signal === 'SIGKILL') {
            if (!stopping) start(i);
          } else if (!(stopping && exit.code === 0)) failures.push(`writer ${String(w.pid)} ended by itself (code ${String(exit.code)}, signal ${String(exit.signal)}): ${exit.stderr}`);
        });
      };
      for (let i = 0; i < WRITERS; i++) start(i);

      // Long enough for a loaded machine; the loop ends as soon as both counts are reached.
      const deadline = Date.now() + 240_000;
      while ((kills < KILLS || acknowledged.size < ACKNOWLEDGED) && failures.length === 0 && Date.now() < deadline) {
        if (kills >= KILLS) {
          await sleep(50);
          continue;
        }
        // A random writer, at a random moment while it is appending.
        const victim = slots[Math.floor(Math.random() * WRITERS)] as WriterProcess;
        await victim.ready.catch(() => undefined);
        await sleep(50 + Math.random() * 900);
        if (victim.exited) continue;
        victim.signal('SIGKILL');
        kills += 1;
        await victim.exit;
      }
      stopping = true;
      const live = slots.filter((w) => !w.exited);
      for (const w of live) {
        await w.ready.catch(() => undefined);
        w.signal('SIGTERM');
      }
      const exits = await Promise.all(live.map((w) => w.exit));
      expect(failures).toEqual([]);
      expect(exits.map((e) => e.code)).toEqual(live.map(() => 0));
      expect(kills).toBe(KILLS);
      expect(acknowledged.size).toBeGreaterThanOrEqual(ACKNOWLEDGED);

      const store = await openStore({ location, mode: 'open' });
      try {
        const rows = await store.db.selectFrom('events').select(['stream_id', 'seq', 'hash']).execute();
        const stored = new Map(rows.map((r) => [`${r.stream_id}#${Number(r.seq)}`, r.hash]));
        const lost = [...acknowledged.entries()].filter(([key, a]) => stored.get(key) !== a.hash);
        const conflicts = refusals.get('CONFLICT') ?? 0;
        const appended = rows.filter((r) => r.stream_id.startsWith('asg_w') && Number(r.seq) > 1).length;
        console.log(
          `[${backend.name}] crash test: acknowledged ${acknowledged.size}, killed ${kills}, lost ${lost.length}, conflicts ${conflicts}, ` +
            `other refusals ${JSON.stringify(Object.fromEntries([...refusals].filter(([code]) => code !== 'CONFLICT')))}, ` +
            `appends in the database ${appended} (committed but not acknowledged before a kill: ${appended - acknowledged.size})`,
        );
        expect(forks).toBe(0);
        expect(lost.map(([key]) => key)).toEqual([]);
        // Refusal codes are the race test's business (race.test.ts); here what was acknowledged must be kept.

        const report = await store.verify();
        expect(report.problems).toEqual([]);
        expect(report.ok).toBe(true);
        expect(report.integrity).toBe('ok');
      } finally {
        await store.close();
      }
      const cli = await runCli(['verify', '--db', location]);
      expect(cli.code, cli.stderr).toBe(0);
    });
  });
}
