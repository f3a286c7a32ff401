/**
 * Exactly once (issue #5): 10,000 due escalations (2,000 open cases, 5 due escalations each, due
 * over the 10 s before the workers start) are run by `proverka worker` processes — 3 on PostgreSQL,
 * 1 on SQLite — while, every 0.5–1 s, one of them is killed with SIGKILL at random and started
 * again, until every item is done. Afterwards every item is done, every case got exactly the
 * escalations it was due (duplicates 0, missed 0), the record verifies, and the test prints the
 * kills, the replays after a crash and the lateness (completion minus due instant, both by the
 * machine's clock).
 */
import { describe, expect, it } from 'vitest';
import type { JobItem } from '../../src/store/jobs.js';
import { openStore } from '../../src/store/open-store.js';
import { runCli } from '../cli/run-cli.js';
import { backends } from '../support/backends.js';
import { prepareDueEscalations, tally } from './due-escalations.js';
import { WorkerProcess, type WorkerLines } from './worker-processes.js';

const CASES = 2_000;
const PER_CASE = 5;
const ITEMS = CASES * PER_CASE;
const WINDOW_MS = 10_000;
/** Short leases, so that the items a killed worker held come back soon. */
const WORKER_ARGS = ['--lease-ms', '2000', '--interval-ms', '50', '--batch', '20'];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

for (const backend of backends()) {
  const WORKERS = backend.name === 'postgres' ? 3 : 1;
  describe(`[${backend.name}] exactly once: ${ITEMS} due escalations, ${WORKERS} worker process(es) killed at random`, () => {
    it('every item done; each case got exactly the escalations it was due (duplicates 0, missed 0); verify ok', { timeout: 480_000 }, async () => {
      const location = backend.newLocation();
      const plan = await prepareDueEscalations(location, CASES, PER_CASE, WINDOW_MS);
      const store = await openStore({ location, mode: 'open' });
      try {
        const lines: WorkerLines = { done: 0, failed: 0, errors: [], results: new Map() };
        const failures: string[] = [];
        const slots: WorkerProcess[] = [];
        const started = Date.now();
        let kills = 0;
        let incarnations = 0;
        let stopping = false;
        const start = (i: number): void => {
          incarnations += 1;
          const w = new WorkerProcess(location, [...WORKER_ARGS, '--id', `w${i}.${incarnations}`], lines);
          slots[i] = w;
          void w.exit.then((exit) => {
            if (exit.signal === 'SIGKILL' && !stopping) start(i);
            else if (!(stopping && exit.code === 0)) failures.push(`worker ${String(w.pid)} ended by itself (code ${String(exit.code)}, signal ${String(exit.signal)}): ${exit.stderr}`);
          });
        };
        for (let i = 0; i < WORKERS; i++) start(i);

        const allDone = async (): Promise<boolean> => (await store.jobs.counts(new Date().toISOString())).done === ITEMS;
        const deadline = Date.now() + 420_000; // a bound on liveness under a loaded CI machine, not a timing assertion (a quiet run takes ~30 s)
        while (failures.length === 0 && Date.now() < deadline && !(await allDone())) {
          // A random worker, at a random moment while it works.
          const victim = slots[Math.floor(Math.random() * WORKERS)] as WorkerProcess;
          await victim.ready.catch(() => undefined);
          await sleep(500 + Math.random() * 500);
          if (victim.exited || (await allDone())) continue;
          victim.signal('SIGKILL');
          kills += 1;
          await victim.exit;
        }
        const seconds = (Date.now() - started) / 1000;
        stopping = true;
        const live = slots.filter((w) => !w.exited);
        for (const w of live) {
          await w.ready.catch(() => undefined);
          w.signal('SIGTERM');
        }
        const exits = await Promise.all(live.map((w) => w.exit));
        expect(failures).toEqual([]);
        expect(exits.map((e) => e.code)).toEqual(live.map(() => 0));
        expect(lines.errors).toEqual([]);

        const items: JobItem[] = [];
        for (let after: string | undefined; ; ) {
          const page = await store.jobs.list({ limit: 5000, ...(after === undefined ? {} : { after }) });
          if (page.length === 0) break;
          items.push(...page);
          after = page[page.length - 1]?.id;
        }
        const notDone = items.filter((i) => i.doneAt === null).map((i) => i.id);
        const results = new Map<string, number>();
        for (const i of items) results.set(i.result ?? 'none', (results.get(i.result ?? 'none') ?? 0) + 1);
        const lateness = items.filter((i) => i.doneAt !== null).map((i) => Date.parse(i.doneAt as string) - Date.parse(i.dueAt)).sort((a, b) => a - b);
        const retried = items.filter((i) => i.attempts > 1).length;
        const t = await tally(store, plan);
        console.log(
          `[${backend.name}] exactly once: ${ITEMS} due escalations, ${WORKERS} worker(s), ${kills} killed with SIGKILL (${incarnations} processes), ${seconds.toFixed(1)} s; ` +
            `duplicates ${t.duplicates}, missed ${t.missed}, strays ${t.strays}, escalations ${t.escalations}; ` +
            `results ${JSON.stringify(Object.fromEntries(results))}, claimed more than once ${retried}, failures logged ${lines.failed}; ` +
            `lateness (done − due) max ${(lateness.at(-1) ?? 0) / 1000} s, p99 ${percentile(lateness, 99) / 1000} s, median ${percentile(lateness, 50) / 1000} s`,
        );
        expect(items).toHaveLength(ITEMS);
        expect(notDone).toEqual([]);
        expect(t).toEqual({ missed: 0, duplicates: 0, strays: 0, escalations: ITEMS });
        // Every item ended in its effect (first run or replay): none was refused.
        expect([...results.keys()].filter((r) => r !== 'done' && r !== 'replayed')).toEqual([]);
        expect(kills).toBeGreaterThan(0);

        const report = await store.verify();
        expect(report.problems).toEqual([]);
        expect(report.ok).toBe(true);
      } finally {
        await store.close();
      }
      const cli = await runCli(['verify', '--db', location]);
      expect(cli.code, cli.stderr).toBe(0);
    });
  });
}
