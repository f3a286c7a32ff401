/**
 * The server the browser tests talk to, run as a user runs it: `proverka start --no-serve` builds
 * a demo with its accounts (`admin`, `executor`) into a temporary folder, then `proverka serve`
 * serves the API and the web app over it on a free port, as a child process, until the test file
 * ends. Accounts for other people are added with `proverka user add`. The commands run the
 * compiled code in dist/ (bin/proverka.js), with the web app in dist/web: `npm run build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/cli/demo-accounts.js';
import { cachedDemo } from '../../support/demo-cache.js';
import { tempDir } from '../../support/temp.js';

/** The repository root, where the commands run from. */
export const ROOT = resolve(import.meta.dirname, '../../..');

/** The password of the demo accounts and of every account the tests add. */
export const PASSWORD = DEMO_PASSWORD;

/** How long the server may take to answer /readyz once it listens. */
const READY_TIMEOUT_MS = 30_000;

/** What a finished command printed. */
interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `proverka ...args` to its end (stdin: `input`, if given); fails with what it printed unless it exits 0. */
export async function proverka(args: readonly string[], input?: string): Promise<Finished> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'proverka.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (input !== undefined) child.stdin?.end(input);
  const done = await ended(child);
  if (done.code !== 0) throw new Error(`proverka ${args.join(' ')} exited with ${String(done.code)}:\n${done.stderr}${done.stdout.slice(-2000)}`);
  return done;
}

function ended(child: ChildProcess): Promise<Finished> {
  return new Promise((resolveRun, fail) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', fail);
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
  });
}

/** A demo database served over HTTP. */
export interface DemoServer {
  /** Where the server listens, e.g. http://127.0.0.1:40123 (no trailing slash). */
  readonly url: string;
  /** The database file. */
  readonly db: string;
  /** The person behind an account, by username. */
  personOf(username: string): Promise<string>;
  /** Adds an account with PASSWORD for a person (`proverka user add`). */
  addAccount(username: string, personId: string): Promise<void>;
}

/** The size of the demo: `small` builds in seconds, `large` in about a minute. */
export type DemoSize = 'small' | 'large';

/** Fails early, with what to do, when the compiled app is missing. */
function requireBuild(): void {
  for (const file of ['dist/bundle/main.js', 'dist/web/index.html']) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: the browser tests run the built server and web app; run \`npm run build\` first`);
  }
}

/** Starts `proverka serve` on a free port and resolves with its URL once /readyz answers 200. */
async function startServing(db: string): Promise<{ child: ChildProcess; url: string; exited: Promise<Finished> }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'proverka.js'), 'serve', '--db', db, '--port', '0', '--no-scheduler'], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', LOG_LEVEL: 'warn', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = ended(child);
  let said = '';
  const url = await new Promise<string>((found, fail) => {
    child.stderr?.on('data', (s: Buffer | string) => {
      said += String(s);
      const m = /serving .* at (http:\/\/\S+?:\d+)/.exec(said);
      if (m?.[1] !== undefined) found(m[1]);
    });
    void exited.then((run) => fail(new Error(`proverka serve ended before listening (exit ${String(run.code)}):\n${said}${run.stdout.slice(-2000)}`)));
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`${url}/readyz did not answer 200 within ${READY_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url, exited };
}

/**
 * A demo of the given size built and served for the current test file (in beforeAll, with
 * `timeoutMs` for building and starting), stopped after it. Read its fields inside tests.
 */
export function useDemoServer(size: DemoSize, timeoutMs = 120_000): DemoServer {
  const dir = tempDir('proverka-web-');
  const db = join(dir, 'demo.db');
  let served: { child: ChildProcess; url: string; exited: Promise<Finished> } | undefined;
  const people = new Map<string, string>();
  beforeAll(async () => {
    requireBuild();
    await cachedDemo(`start-${size}`, db, async (file) => void (await proverka(['start', '--db', file, '--size', size, '--no-serve'])), timeoutMs);
    served = await startServing(db);
  }, timeoutMs);
  afterAll(async () => {
    if (served === undefined) return;
    if (served.child.exitCode === null && served.child.signalCode === null) served.child.kill('SIGTERM');
    await served.exited;
  }, 30_000);
  return {
    get url() {
      if (served === undefined) throw new Error('the demo server is not started yet (read its url inside tests)');
      return served.url;
    },
    db,
    async personOf(username) {
      const known = people.get(username);
      if (known !== undefined) return known;
      const { stdout } = await proverka(['user', 'list', '--db', db, '--json']);
      for (const a of JSON.parse(stdout) as { username: string; personId: string }[]) people.set(a.username, a.personId);
      const found = people.get(username);
      if (found === undefined) throw new Error(`no account ${username} in ${db}`);
      return found;
    },
    async addAccount(username, personId) {
      await proverka(['user', 'add', username, '--person', personId, '--db', db, '--password-stdin'], PASSWORD);
      people.set(username, personId);
    },
  };
}
