/**
 * Runs the `proverka` command as a child process, the way a user does, and captures what it prints.
 *
 * The command runs from JavaScript compiled from the current sources and bundled, as `npm run
 * build` makes it (TypeScript one file at a time — the project is `isolatedModules` — then
 * scripts/bundle-cli.mjs), into a cache keyed by the sources' content and how they are built, so
 * that it is never stale and each run starts in a fraction of the time that loading the TypeScript
 * through tsx takes. The cache lives in node_modules/.cache.
 * The test helpers that run as processes of their own (test/concurrency's writer) are compiled
 * beside the sources, at their places, for the same reason.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import type ts from 'typescript';
import { bundleCli } from '../../scripts/bundle-cli.mjs';

/** The repository root: the CLI runs from there (relative paths in arguments resolve against it). */
export const ROOT = resolve(import.meta.dirname, '../..');

/** What a run printed and how it ended. */
export interface CliRun {
  readonly code: number | null;
  /** The signal that ended the process, if one did. */
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The non-empty lines of stderr. */
  readonly errLines: readonly string[];
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []))
    .sort();
}

/** The folders compiled, relative to the root: the sources, and the test helpers that run as processes of their own. */
const COMPILED_FOLDERS = ['src', 'test/concurrency'] as const;

let compiledRoot: string | undefined;

/** The folder holding the compiled folders at their places (compiling them on first use after a change). */
function compiledTree(): string {
  if (compiledRoot !== undefined) return compiledRoot;
  const files = COMPILED_FOLDERS.flatMap((folder) => sources(join(ROOT, folder))).map((f) => ({ path: relative(ROOT, f), text: readFileSync(f, 'utf8') }));
  const require = createRequire(import.meta.url);
  const typescriptVersion = (JSON.parse(readFileSync(require.resolve('typescript/package.json'), 'utf8')) as { version: string }).version;
  const esbuildVersion = (JSON.parse(readFileSync(require.resolve('esbuild/package.json'), 'utf8')) as { version: string }).version;
  // What the tree is made with counts as much as what it is made from: the compilers, the bundler's settings and the dependencies it leaves external.
  const hash = createHash('sha256').update(`${typescriptVersion}\0${esbuildVersion}\0${readFileSync(join(ROOT, 'scripts', 'bundle-cli.mjs'), 'utf8')}\0${readFileSync(join(ROOT, 'package.json'), 'utf8')}`);
  for (const f of files) hash.update(`\0${f.path}\0${f.text}`);
  const cache = join(ROOT, 'node_modules', '.cache', 'proverka-cli');
  const dir = join(cache, hash.digest('hex').slice(0, 24));
  if (!existsSync(join(dir, 'package.json'))) {
    // Loaded only to compile: a run over compiled sources never pays for it.
    const typescript = require('typescript') as typeof ts;
    const building = `${dir}.${process.pid}-${randomBytes(4).toString('hex')}`;
    const compilerOptions: ts.CompilerOptions = { module: typescript.ModuleKind.ESNext, target: typescript.ScriptTarget.ES2022, verbatimModuleSyntax: true, isolatedModules: true };
    for (const f of files) {
      const out = join(building, f.path.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, typescript.transpileModule(f.text, { compilerOptions, fileName: f.path }).outputText);
    }
    writeFileSync(join(building, 'package.json'), '{ "type": "module" }\n');
    // The command as `npm run build` ships it: bundled (scripts/bundle-cli.mjs).
    bundleCli(join(building, 'src', 'cli', 'main.js'), join(building, 'bundle'), join(ROOT, 'package.json'));
    try {
      renameSync(building, dir);
    } catch {
      // Another test file compiled the same sources at the same moment: theirs is as good.
      rmSync(building, { recursive: true, force: true });
    }
    // Compilations of sources that changed since: removed once no run can still be using them (an hour later).
    for (const old of readdirSync(cache)) {
      const path = join(cache, old);
      if (path !== dir && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
    }
  }
  compiledRoot = dir;
  return dir;
}

/** The compiled form of a source or process helper (`src/…` or `test/concurrency/…`, as a .ts path from the root). */
export function compiledFile(path: string): string {
  if (!COMPILED_FOLDERS.some((folder) => path.startsWith(`${folder}/`))) throw new Error(`${path} is not in a compiled folder (${COMPILED_FOLDERS.join(', ')})`);
  return join(compiledTree(), path.replace(/\.ts$/, '.js'));
}

/** The command compiled and bundled from the current sources, as `npm run build` makes it (compiling them on first use after a change). */
export function compiledMain(): string {
  return join(compiledTree(), 'bundle', 'main.js');
}

/** Starts `proverka ...args` from the repository root with NO_COLOR set and stdin closed; `run` waits for it. */
export function startCli(args: readonly string[], options: { readonly env?: Readonly<Record<string, string>> } = {}): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [compiledMain(), ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const done = new Promise<CliRun>((resolveRun, failed) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', failed);
    child.on('close', (code, signal) => resolveRun({ code, signal, stdout, stderr, errLines: stderr.split('\n').filter((l) => l.trim() !== '') }));
  });
  return { child, done };
}

/** Runs `proverka ...args` from the repository root, with NO_COLOR set and stdin closed. */
export function runCli(args: readonly string[], options: { readonly env?: Readonly<Record<string, string>> } = {}): Promise<CliRun> {
  return startCli(args, options).done;
}
