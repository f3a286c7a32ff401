/**
 * The scheduler as a user runs it, on each back end: `proverka worker` plans and performs the due
 * steps of the escalation ladder and logs each item as a JSON line, exits 0 on SIGTERM; `proverka
 * serve` runs the scheduler beside the API (a `job-done` log line per item) unless
 * `--no-scheduler`, and stops it on shutdown.
 */
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { runCli, startCli } from '../cli/run-cli.js';
import { backends } from '../support/backends.js';
import { tempDir } from '../support/temp.js';
import { prepareDueLadder, tally } from './due-escalations.js';

/** What the ladder of `n` overdue cases appends: two escalations and one notice each, and one agenda item. */
const ladderOf = (n: number): object => ({ missed: 0, duplicates: 0, strays: 0, escalations: 2 * n, notices: n, agendaItems: n });
const STEP_DONE = /"event":"job-done"[^\n]*"kind":"ladder-step"|"kind":"ladder-step"[^\n]*"event":"job-done"/;

const files = tempDir('proverka-jobs-files-');

/** Starts a command and resolves once its output (stdout + stderr) holds `count` matches of `pattern`. */
function startUntil(args: readonly string[], pattern: RegExp, count: number): { stop: () => Promise<{ code: number | null; stdout: string; stderr: string }>; reached: Promise<void> } {
  const { child, done } = startCli(args, { env: { LOG_LEVEL: 'info' } });
  let out = '';
  const reached = new Promise<void>((resolve, reject) => {
    const check = (s: string): void => {
      out += s;
      if ((out.match(new RegExp(pattern.source, 'g')) ?? []).length >= count) resolve();
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    void done.then((run) => reject(new Error(`ended early (code ${String(run.code)}): ${run.stderr}`)));
  });
  reached.catch(() => undefined);
  return {
    reached,
    stop: async () => {
      child.kill('SIGTERM');
      return done;
    },
  };
}

for (const backend of backends()) {
  describe(`[${backend.name}] proverka worker and serve run the scheduler`, () => {
    it('worker: plans and performs every due step once, one JSON line each, and exits 0 on SIGTERM', { timeout: 60_000 }, async () => {
      const location = backend.newLocation();
      const plan = await prepareDueLadder(location, 5, 1000);
      const worker = startUntil(['worker', '--db', location, '--interval-ms', '20', '--id', 'cli-worker'], STEP_DONE, 15);
      await worker.reached;
      const run = await worker.stop();
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/worker cli-worker running the scheduler/);
      const lines = run.stdout
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const steps = lines.filter((l) => l['kind'] === 'ladder-step');
      expect(steps).toHaveLength(15);
      expect(lines.every((l) => l['event'] === 'job-done' && l['worker'] === 'cli-worker')).toBe(true);
      expect(steps.every((l) => l['result'] === 'done')).toBe(true);
      const store = await openStore({ location, mode: 'open' });
      try {
        expect(await tally(store, plan)).toEqual(ladderOf(5));
      } finally {
        await store.close();
      }
    });

    it('worker: a bad option is a usage error (exit 2)', async () => {
      const run = await runCli(['worker', '--db', backend.newLocation(), '--interval-ms', 'soon']);
      expect(run.code).toBe(2);
      expect(run.errLines.join('\n')).toMatch(/interval-ms/);
    });

    it('serve: runs due work beside the API and stops it on SIGTERM; --no-scheduler leaves it to a worker', { timeout: 60_000 }, async () => {
      const withScheduler = backend.newLocation();
      const plan = await prepareDueLadder(withScheduler, 3, 1000);
      const serving = startUntil(['serve', '--db', withScheduler, '--port', '0', '--files', files], STEP_DONE, 9);
      await serving.reached;
      const run = await serving.stop();
      expect(run.code, run.stderr).toBe(0);

      const without = backend.newLocation();
      await prepareDueLadder(without, 3, 1000);
      const quiet = startUntil(['serve', '--db', without, '--port', '0', '--files', files, '--no-scheduler'], /serving .* at http/, 1);
      await quiet.reached;
      const stopped = await quiet.stop();
      expect(stopped.code, stopped.stderr).toBe(0);
      expect(stopped.stdout).not.toMatch(/job-done/);

      for (const [location, ran] of [
        [withScheduler, true],
        [without, false],
      ] as const) {
        const store = await openStore({ location, mode: 'open' });
        try {
          const done = (await store.jobs.counts(new Date().toISOString())).done;
          if (ran) {
            expect(done).toBeGreaterThanOrEqual(9);
            expect(await tally(store, plan)).toEqual(ladderOf(3));
          } else expect(done).toBe(0);
        } finally {
          await store.close();
        }
      }
    });
  });
}
