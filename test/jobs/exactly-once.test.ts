/**
 * Exactly once (issue #5): the escalation ladder of 5,000 overdue cases — 10,000 due escalations
 * (to the superior, then to the body) and 5,000 notices to the controller, all due when the workers
 * start — is planned and performed by `proverka worker` processes — 3 on PostgreSQL, 1 on SQLite —
 * while, every 0.5–1 s, one of them is killed with SIGKILL at random and started again, until every
 * item is done. Afterwards every item is done, every case got exactly the steps it was due
 * (duplicates 0, missed 0), each body step put one item on the body's agenda, the record verifies,
 * and the test prints the kills, the replays after a crash and the lateness of the steps
 * (completion minus the later of the due instant and the workers' start, by the machine's clock).
 */
import { describe, expect, it } from 'vitest';
import type { JobItem } from '../../src/store/jobs.js';
import { openStore } from '../../src/store/open-store.js';
import { runCli } from '../cli/run-cli.js';
import { backends } from '../support/backends.js';
import { prepareDueLadder, tally } from './due-escalations.js';
import { WorkerProcess, type WorkerLines } from './worker-processes.js';

const CASES = 5_000;
/** Escalations due: two per case (the superior, the body). */
const ESCALATIONS = 2 * CASES;
/** Steps due: the escalations and the controller's notice of each case. */
const STEPS = 3 * CASES;
const WINDOW_MS = 10_000;
/** Short leases, so that the items a killed worker held come back soon. */
const WORKER_ARGS = ['--lease-ms', '2000', '--interval-ms', '50', '--batch', '20'];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

for (const backend of backends()) {
  const WORKERS = backend.name === 'postgres' ? 3 : 1;
  describe(`[${backend.name}] exactly once: ${ESCALATIONS} due escalations of the ladder, ${WORKERS} worker process(es) killed at random`, () => {
    it('every item done; each case got exactly the steps it was due (duplicates 0, missed 0); verify ok', { timeout: 600_000 }, async () => {
      const location = backend.newLocation();
      const plan = await prepareDueLadder(location, CASES, WINDOW_MS);
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

        // Done when the index holds every step, and nothing is left to do.
        const allDone = async (): Promise<boolean> => {
          const c = await store.jobs.counts(new Date().toISOString());
          return c.due + c.leased + c.scheduled === 0 && c.done >= STEPS;
        };
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
        const steps = items.filter((i) => i.kind === 'ladder-step');
        // Every step was due before the workers started (the body's an hour after the deadline): lateness counts from then.
        const lateness = steps.filter((i) => i.doneAt !== null).map((i) => Date.parse(i.doneAt as string) - Math.max(Date.parse(i.dueAt), started)).sort((a, b) => a - b);
        const retried = items.filter((i) => i.attempts > 1).length;
        const t = await tally(store, plan);
        console.log(
          `[${backend.name}] exactly once: ${ESCALATIONS} due escalations + ${CASES} notices of the ladder, ${WORKERS} worker(s), ${kills} killed with SIGKILL (${incarnations} processes), ${seconds.toFixed(1)} s; ` +
            `duplicates ${t.duplicates}, missed ${t.missed}, strays ${t.strays}, escalations ${t.escalations}, notices ${t.notices}, agenda items ${t.agendaItems}; ` +
            `results ${JSON.stringify(Object.fromEntries(results))}, claimed more than once ${retried}, failures logged ${lines.failed}; ` +
            `lateness (done − max(due, workers' start)) max ${(lateness.at(-1) ?? 0) / 1000} s, p99 ${percentile(lateness, 99) / 1000} s, median ${percentile(lateness, 50) / 1000} s`,
        );
        expect(steps).toHaveLength(STEPS);
        expect(notDone).toEqual([]);
        expect(t).toEqual({ missed: 0, duplicates: 0, strays: 0, escalations: ESCALATIONS, notices: CASES, agendaItems: CASES });
        // Every step ended in its effect (first run or replay): none was refused.
        const stepResults = new Set(steps.map((i) => i.result ?? 'none'));
        expect([...stepResults].filter((r) => r !== 'done' && r !== 'replayed')).toEqual([]);
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
