/**
 * Writer processes for the crash and race tests: spawns test/concurrency/writer.ts, compiled with
 * the sources (run-cli.ts: a start takes a third of what loading it through tsx takes),
 * splits what it prints into lines (a line is handled only once it is complete) and reports how it
 * ended.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { compiledFile, ROOT } from '../cli/run-cli.js';
import { parseWriterLine, type WriterLine } from './writer-protocol.js';

/** How a writer process ended. */
export interface WriterExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The end of what it wrote to stderr, for failure messages. */
  readonly stderr: string;
}

/** One running writer process. */
export class WriterProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private pending = '';
  private stderr = '';
  /** Set once the writer printed its ready line. */
  isReady = false;
  /** True once the process ended. */
  exited = false;
  /** Resolves when the writer printed its ready line; rejects if it ended before. */
  readonly ready: Promise<void>;
  /** Resolves when the process ended. */
  readonly exit: Promise<WriterExit>;

  constructor(location: string, args: readonly string[], onLine: (line: WriterLine, writer: WriterProcess) => void) {
    this.child = spawn(process.execPath, [compiledFile('test/concurrency/writer.ts'), location, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
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
        const line = parseWriterLine(text);
        if ('ready' in line) {
          this.isReady = true;
          readyNow();
        }
        onLine(line, this);
      }
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    this.exit = new Promise<WriterExit>((resolve) => {
      this.child.on('close', (code, signal) => {
        this.exited = true;
        notReady(new Error(`writer ended before it was ready (code ${String(code)}, signal ${String(signal)}): ${this.stderr}`));
        resolve({ code, signal, stderr: this.stderr });
      });
    });
  }

  /** The process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Bytes printed after the last complete line (a torn line; empty when none). */
  get torn(): string {
    return this.pending;
  }

  /** Tells a writer started with --wait-go to begin. */
  go(): void {
    this.child.stdin.write('go\n');
  }

  /** Sends a signal to the process (SIGKILL to crash it, SIGTERM to stop it after its current command). */
  signal(signal: NodeJS.Signals): void {
    if (!this.exited) this.child.kill(signal);
  }
}
