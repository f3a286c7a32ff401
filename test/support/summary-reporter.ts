/**
 * Ends every test run with a plain summary line, `N passed, N failed`, and before it the count of
 * storage-suite tests per back end (tests whose name carries `[sqlite]` or `[postgres]`). A file
 * that failed without a failed test (its beforeAll threw, or it did not load) counts as one failure.
 * Before both, the ten slowest test files (collect + tests + hooks), so every run's log shows where
 * its time went. With PROVERKA_TEST_SUMMARY set, it also writes `{ passed, failed }` as JSON to
 * that file (scripts/test.mjs reads it).
 */
import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

const BACKENDS = ['sqlite', 'postgres'] as const;

/** Counts test results and prints the closing summary. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const perBackend = new Map<string, { passed: number; failed: number }>();
    for (const m of modules) {
      let failedHere = 0;
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedHere += 1;
        else skipped += 1;
        for (const b of BACKENDS) {
          if (!t.fullName.includes(`[${b}]`)) continue;
          const c = perBackend.get(b) ?? { passed: 0, failed: 0 };
          if (state === 'passed') c.passed += 1;
          if (state === 'failed') c.failed += 1;
          perBackend.set(b, c);
        }
      }
      // A file that failed with no failed test (a beforeAll threw, or it did not load) counts as one failure.
      failed += failedHere === 0 && m.state() === 'failed' ? 1 : failedHere;
    }
    failed += unhandledErrors.length;
    const lines: string[] = ['', 'slowest test files (s, collect + tests):'];
    const timed = modules.map((m) => {
      const d = m.diagnostic();
      return { id: m.moduleId, seconds: (d.collectDuration + d.duration) / 1000 };
    });
    timed.sort((a, b) => b.seconds - a.seconds);
    const root = process.cwd() + '/';
    for (const t of timed.slice(0, 10)) lines.push(`  ${t.seconds.toFixed(1).padStart(7)}  ${t.id.replace(root, '')}`);
    lines.push('');
    for (const [b, c] of perBackend) lines.push(`storage suites on ${b}: ${c.passed} passed, ${c.failed} failed`);
    if (skipped > 0) lines.push(`${skipped} skipped`);
    lines.push(`${passed} passed, ${failed} failed`);
    process.stdout.write(lines.join('\n') + '\n');
    // For scripts/test.mjs, which adds the type checks and lint to the counts when one of them failed.
    const summaryFile = process.env['PROVERKA_TEST_SUMMARY'];
    if (summaryFile !== undefined && summaryFile !== '') writeFileSync(summaryFile, JSON.stringify({ passed, failed }));
  }
}
