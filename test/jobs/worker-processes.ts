/**
 * `proverka worker` processes for the exactly-once test: the real command (compiled from the current
 * sources, as the CLI tests run it), its JSON lines counted as they come, and how it ended.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { compiledMain, ROOT } from '../cli/run-cli.js';

/** How a worker process ended. */
export interface WorkerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The end of what it wrote to stderr. */
  readonly stderr: string;
}

/** What the workers printed, summed over every process. */
export interface WorkerLines {
  done: number;
  failed: number;
  errors: string[];
  /** Results other than `done` (replays after a crash, refusals), by result. */
  readonly results: Map<string, number>;
}

/** One running `proverka worker`. */
export class WorkerProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private pending = '';
  private stderr = '';
  /** True once the process ended. */
  exited = false;
  /** Resolves when the worker said it runs; rejects if it ended before. */
  readonly ready: Promise<void>;
  readonly exit: Promise<WorkerExit>;

  constructor(location: string, args: readonly string[], lines: WorkerLines) {
    this.child = spawn(process.execPath, [compiledMain(), 'worker', '--db', location, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', LOG_LEVEL: 'info' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let readyNow: () => void = () => undefined;
    let notReady: (e: Error) => void = () => undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      readyNow = resolve;
      notReady = reject;
    });
    this.ready.catch(() => undefined);
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.pending += chunk;
      let nl: number;
      while ((nl = this.pending.indexOf('\n')) >= 0) {
        const text = this.pending.slice(0, nl);
        this.pending = this.pending.slice(nl + 1);
        const line = JSON.parse(text) as { event: string; result?: string; error?: string };
        if (line.event === 'job-done') {
          lines.done += 1;
          if (line.result !== 'done') lines.results.set(line.result ?? '?', (lines.results.get(line.result ?? '?') ?? 0) + 1);
        } else if (line.event === 'job-failed') lines.failed += 1;
        else if (line.event === 'scheduler-error') lines.errors.push(line.error ?? text);
      }
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
      if (this.stderr.includes('running the scheduler')) readyNow();
    });
    this.exit = new Promise<WorkerExit>((resolve) => {
      this.child.on('close', (code, signal) => {
        this.exited = true;
        notReady(new Error(`worker ended before it ran (code ${String(code)}, signal ${String(signal)}): ${this.stderr}`));
        resolve({ code, signal, stderr: this.stderr });
      });
    });
  }

  /** The process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends a signal (SIGKILL to crash it, SIGTERM to stop it after the item in hand). */
  signal(signal: NodeJS.Signals): void {
    if (!this.exited) this.child.kill(signal);
  }
}
