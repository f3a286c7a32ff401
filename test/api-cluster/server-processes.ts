/**
 * API server processes for the cluster test: spawns test/api-cluster/server-process.ts through
 * tsx, waits for its ready line and reports how it ended.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { ROOT } from '../cli/run-cli.js';

/** How a server process ended. */
export interface ServerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The end of what it wrote to stderr and stdout, for failure messages. */
  readonly output: string;
}

/** One running API server process on 127.0.0.1. */
export class ServerProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private pending = '';
  private output = '';
  /** The base URL (http://127.0.0.1:PORT) once it is ready, else undefined. */
  url: string | undefined;
  /** True once the process ended. */
  exited = false;
  /** Resolves with the base URL once the server listens; rejects if it ended or failed before. */
  readonly ready: Promise<string>;
  /** Resolves when the process ended. */
  readonly exit: Promise<ServerExit>;

  constructor(location: string, filesDir: string) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'test/api-cluster/server-process.ts', location, '--port', '0', '--files', filesDir], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let readyNow: (url: string) => void = () => undefined;
    let failed: (e: Error) => void = () => undefined;
    this.ready = new Promise<string>((resolve, reject) => {
      readyNow = resolve;
      failed = reject;
    });
    this.ready.catch(() => undefined);
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.output = (this.output + chunk).slice(-4000);
      this.pending += chunk;
      let nl: number;
      while ((nl = this.pending.indexOf('\n')) >= 0) {
        const text = this.pending.slice(0, nl);
        this.pending = this.pending.slice(nl + 1);
        let line: { ready?: boolean; port?: number; error?: string };
        try {
          line = JSON.parse(text) as typeof line;
        } catch {
          continue;
        }
        if (line.ready === true && typeof line.port === 'number') {
          this.url = `http://127.0.0.1:${line.port}`;
          readyNow(this.url);
        } else if (line.error !== undefined) failed(new Error(`server ${String(this.pid)}: ${line.error}`));
      }
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.output = (this.output + chunk).slice(-4000);
    });
    this.exit = new Promise<ServerExit>((resolve) => {
      this.child.on('close', (code, signal) => {
        this.exited = true;
        this.url = undefined;
        failed(new Error(`server ended before it was ready (code ${String(code)}, signal ${String(signal)}): ${this.output}`));
        resolve({ code, signal, output: this.output });
      });
    });
  }

  /** The process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True while it listens and has not ended. */
  get up(): boolean {
    return this.url !== undefined && !this.exited;
  }

  /** Sends a signal (SIGKILL to crash it, SIGTERM to stop it gracefully). */
  signal(signal: NodeJS.Signals): void {
    if (this.exited) return;
    // Out of the rotation at once: nothing new is sent to a server being stopped.
    this.url = undefined;
    this.child.kill(signal);
  }

  /** Stops it with SIGTERM and waits for it to end (SIGKILL after `graceMs`). */
  async stop(graceMs = 10_000): Promise<ServerExit> {
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      return await this.exit;
    } finally {
      clearTimeout(timer);
    }
  }
}
