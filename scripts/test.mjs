#!/usr/bin/env node
// `npm test` after the build: vitest runs every test in the foreground while the type checks and
// lint run one after the other beside it (they need one core, which vitest's one worker leaves
// mostly idle on a 2-core machine — decision 0034). Their output is printed when each ends: a
// line when it passed, everything it said when it failed. The run exits non-zero when anything
// failed, and its last line is `N passed, N failed`, a failed check counting as one failure.
// Arguments are passed to vitest (`npm test -- test/web` runs the checks and those files only).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHECKS = ['typecheck', 'lint'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs a command, its output kept; resolves with its exit code and output. */
function captured(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('error', (error) => resolve({ code: 1, output: String(error) }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal === null ? 1 : 128), output: Buffer.concat(chunks).toString() }));
  });
}

/** The checks one after the other; each one's verdict printed as it ends. Resolves with how many failed. */
async function runChecks() {
  let failed = 0;
  for (const name of CHECKS) {
    const started = Date.now();
    const { code, output } = await captured(npm, ['run', '-s', name]);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (code === 0) process.stdout.write(`\n${name} passed (${seconds} s)\n`);
    else {
      failed += 1;
      process.stdout.write(`\n${name} FAILED (exit ${code}, ${seconds} s):\n${output}\n`);
    }
  }
  return failed;
}

const dir = mkdtempSync(join(tmpdir(), 'proverka-test-'));
const summaryFile = join(dir, 'summary.json');
const checks = runChecks();
const vitest = new Promise((resolve) => {
  const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, NO_COLOR: '1', PROVERKA_TEST_SUMMARY: summaryFile },
  });
  child.on('error', () => resolve(1));
  child.on('close', (code) => resolve(code ?? 1));
});
const [checksFailed, vitestCode] = await Promise.all([checks, vitest]);

let counts;
try {
  counts = JSON.parse(readFileSync(summaryFile, 'utf8'));
} catch {
  counts = undefined;
}
rmSync(dir, { recursive: true, force: true });
if (counts === undefined) {
  process.stdout.write(`vitest ended without its summary (exit ${vitestCode})\n0 passed, ${1 + checksFailed} failed\n`);
  process.exit(1);
}
if (checksFailed > 0) process.stdout.write(`${checksFailed} of the checks (${CHECKS.join(', ')}) failed, counted below\n${counts.passed} passed, ${counts.failed + checksFailed} failed\n`);
process.exit(vitestCode !== 0 || checksFailed > 0 ? 1 : 0);
