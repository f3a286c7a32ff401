/**
 * `proverka worker --db FILE|URL [--interval-ms N] [--id NAME]`: the scheduler alone, until
 * SIGTERM or SIGINT. It claims due reminders and escalations, runs each once and marks it done.
 * Several workers (and servers) may run against one PostgreSQL database; against an SQLite file,
 * one. Each item done or failed is one JSON line on stdout; one line on stderr says it started.
 * On a signal it finishes the item in hand, gives back the rest of its batch, closes the database
 * and exits 0; a second signal ends it at once.
 */
import { hostname } from 'node:os';
import { Option, type Command } from 'commander';
import { systemClock } from '../../domain/clock.js';
import { defaultHandlers } from '../../jobs/handlers.js';
import { notifierLogLine, startNotifier } from '../../jobs/notify/notifier.js';
import { DEFAULT_BATCH, DEFAULT_INTERVAL_MS, DEFAULT_LEASE_MS, startScheduler, type SchedulerEvent } from '../../jobs/scheduler.js';
import { displayLocation, withDatabase } from '../database.js';
import type { Io } from '../io.js';
import { dbOption, integerIn } from '../options.js';

/** How a worker runs. */
export interface WorkerOptions {
  readonly db: string;
  readonly intervalMs?: number;
  readonly leaseMs?: number;
  readonly batch?: number;
  /** The worker's name, unique among the running ones (default `HOST:PID`). */
  readonly id?: string;
}

/** The default name of a scheduler in this process. */
export function defaultWorkerId(prefix = 'worker'): string {
  return `${prefix}:${hostname()}:${process.pid}`;
}

/** A scheduler event as one JSON log line. */
export function schedulerLogLine(worker: string, e: SchedulerEvent): Record<string, unknown> {
  if (e.type === 'error') return { level: 'error', event: 'scheduler-error', worker, error: e.error instanceof Error ? e.error.message : String(e.error) };
  if (e.type === 'done') return { level: 'info', event: 'job-done', worker, id: e.id, kind: e.kind, result: e.result, dueAt: e.dueAt, at: e.at };
  if (e.type === 'failed') return { level: 'warn', event: 'job-failed', worker, id: e.id, kind: e.kind, error: e.error, retryAt: e.retryAt };
  return { level: 'info', event: 'job-lease-lost', worker, id: e.id };
}

/** Runs the scheduler over the database until SIGTERM or SIGINT; resolves once everything is closed. */
export async function runWorker(opts: WorkerOptions, io: Io): Promise<void> {
  const worker = opts.id ?? defaultWorkerId();
  await withDatabase(opts.db, async (app) => {
    let signalled: (() => void) | undefined;
    const stopped = new Promise<void>((resolve) => (signalled = resolve));
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) process.exit(signal === 'SIGINT' ? 130 : 143);
      stopping = true;
      signalled?.();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    try {
      const scheduler = startScheduler({
        app,
        clock: systemClock,
        handlers: defaultHandlers(),
        worker,
        intervalMs: opts.intervalMs ?? DEFAULT_INTERVAL_MS,
        leaseMs: opts.leaseMs ?? DEFAULT_LEASE_MS,
        batch: opts.batch ?? DEFAULT_BATCH,
        onEvent: (e) => io.print(JSON.stringify(schedulerLogLine(worker, e))),
      });
      // And the notifications of the outbox (e-mail when PROVERKA_SMTP_* is set, webhooks), sent after commit.
      const notifier = startNotifier({ outbox: app.store.outbox, clock: systemClock, worker, env: process.env, onEvent: (e) => io.print(JSON.stringify(notifierLogLine(worker, e))) });
      io.note(`proverka: worker ${worker} running the scheduler and the notifications on ${displayLocation(opts.db)} (stop with Ctrl-C)`);
      await stopped;
      await scheduler.stop();
      await notifier.stop();
    } finally {
      process.removeListener('SIGTERM', onSignal);
      process.removeListener('SIGINT', onSignal);
    }
  });
}

/** Adds `worker` to the program. */
export function registerWorker(program: Command, io: Io): void {
  program
    .command('worker')
    .description('run the scheduler alone: claim due reminders and escalations and run each exactly once (stop with SIGTERM or Ctrl-C)')
    .addOption(dbOption())
    .addOption(new Option('--interval-ms <n>', `how long to wait when nothing is due (default ${DEFAULT_INTERVAL_MS})`).argParser(integerIn(10, 3_600_000)))
    .addOption(new Option('--lease-ms <n>', `how long a claimed item is held before another worker may take it over (default ${DEFAULT_LEASE_MS})`).argParser(integerIn(100, 86_400_000)))
    .addOption(new Option('--batch <n>', `how many due items one claim takes (default ${DEFAULT_BATCH})`).argParser(integerIn(1, 10_000)))
    .option('--id <name>', 'this worker\'s name, unique among the running ones (default worker:HOST:PID)')
    .action((opts: { db: string; intervalMs?: number; leaseMs?: number; batch?: number; id?: string }) =>
      runWorker(
        {
          db: opts.db,
          ...(opts.intervalMs !== undefined ? { intervalMs: opts.intervalMs } : {}),
          ...(opts.leaseMs !== undefined ? { leaseMs: opts.leaseMs } : {}),
          ...(opts.batch !== undefined ? { batch: opts.batch } : {}),
          ...(opts.id !== undefined && opts.id.trim() !== '' ? { id: opts.id.trim() } : {}),
        },
        io,
      ),
    );
}
