/** Expectations on a `proverka` run that every CLI test shares. */
import { expect } from 'vitest';
import type { CliRun } from './run-cli.js';

/** The run failed with `code` (2, bad input, by default) and said so in exactly one line `proverka: …` matching `pattern`, printing nothing on stdout. */
export function expectOneErrorLine(run: CliRun, pattern: RegExp, code = 2): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.errLines).toHaveLength(1);
  expect(run.errLines[0]).toMatch(/^proverka: /);
  expect(run.errLines[0]).toMatch(pattern);
  expect(run.stdout).toBe('');
}
