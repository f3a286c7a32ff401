/** Runs the `proverka` command as a child process, the way a user does, and captures what it prints. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The repository root: the CLI runs from there so that tsx finds the sources. */
export const ROOT = resolve(import.meta.dirname, '../..');

/** What a run printed and how it ended. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The non-empty lines of stderr. */
  readonly errLines: readonly string[];
}

/** Runs `proverka ...args` through tsx (no build needed) from the repository root, with NO_COLOR set and stdin closed. */
export function runCli(args: readonly string[], options: { readonly env?: Readonly<Record<string, string>> } = {}): Promise<CliRun> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', failed);
    child.on('close', (code) => done({ code, stdout, stderr, errLines: stderr.split('\n').filter((l) => l.trim() !== '') }));
  });
}
