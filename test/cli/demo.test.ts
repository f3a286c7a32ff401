/**
 * The demo through the command line (small size, to stay fast), on each back end: `demo` builds a
 * new database and ends with the founding cases; the canned-meat case's page names who held it and
 * for how long between 11 February and the purchase, the handovers, the refusals and the
 * escalations; `demo --if-missing` and `start` read an existing demo without touching it; a build
 * that fails or is interrupted leaves nothing behind.
 */
import type { ChildProcess } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withNewDatabase } from '../../src/cli/database.js';
import { FOUNDING_CASES } from '../../src/demo/founding/founding-cases.js';
import { backends } from '../support/backends.js';
import { tempDir } from '../support/temp.js';
import { cliBackend, postgresTables } from './databases.js';
import { listing } from './files.js';
import { runCli, startCli, type CliRun } from './run-cli.js';

const CANNED_MEAT = 'asg_canned-meat-1922';

interface JsonInterval {
  from: string;
  to: string;
  ms: number;
  personId: string;
  unitId: string;
  overdue: boolean;
}
interface JsonView {
  ledger: { start: string; end: string; intervals: JsonInterval[]; byPerson: { id: string; ms: number; overdueMs: number }[] };
  names: Record<string, string>;
}

/** The back ends under test, each used once here at the top level: the SQLite one registers the removal of its folder on first use, which runs after this file only if registered here. */
const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

/** A text as a regular expression that matches it literally. */
function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function lastLines(text: string, n: number): string[] {
  return text.trimEnd().split('\n').slice(-n);
}

function expectFoundingCasesLast(stdout: string): void {
  const tail = lastLines(stdout, FOUNDING_CASES.length);
  expect(tail.map((l) => l.trim().split(/\s+/)[0])).toEqual(FOUNDING_CASES.map((c) => c.id));
  for (const [i, c] of FOUNDING_CASES.entries()) expect(tail[i]).toContain(c.title);
}

/** Resolves once a `demo` is building (its first progress line) or has ended. */
function building(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    child.stderr?.once('data', () => resolve());
    child.once('close', () => resolve());
  });
}

/** `N d H h` as the CLI prints it. */
function duration(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

for (const backend of BACKENDS) {
  const cli = cliBackend(backend);

  // Concurrent: once built, the demo is only read, and the tests that check so compare it before and after.
  describe.concurrent(`[${backend.name}] proverka demo (small)`, () => {
    let db: string;
    let built: CliRun;

    beforeAll(async () => {
      db = cli.newLocation();
      built = await runCli(['demo', '--db', db, '--size', 'small', '--seed', '7']);
    }, 600_000);

    it('builds a new database: elapsed time, counts, and last the founding cases with their titles', () => {
      expect(built.code, built.stderr).toBe(0);
      expect(built.stdout).toMatch(new RegExp(`^built the small demo \\(seed 7\\) into ${literally(db)} in \\d+\\.\\d s\\n`));
      expect(built.stdout).toMatch(/^ {2}[\d,]+ units, [\d,]+ people, [\d,]+ assignments, [\d,]+ events$/m);
      expectFoundingCasesLast(built.stdout);
      // Progress went to stderr (plain lines: stderr is not a terminal here), nothing else.
      expect(built.stderr).toMatch(/building the small demo/);
      expect(built.errLines.every((l) => l.startsWith('building the small demo'))).toBe(true);
    });

    it('the demo verifies', async () => {
      const run = await runCli(['verify', '--db', db]);
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toMatch(/^intact: /);
    });

    it('refuses to build over the existing demo', async () => {
      const before = await cli.snapshot(db);
      const run = await runCli(['demo', '--db', db, '--size', 'small']);
      expect(run.code).toBe(2);
      expect(run.errLines).toEqual([expect.stringMatching(/^proverka: .*already (exists|holds a Proverka record).*left untouched/)]);
      expect(await cli.snapshot(db)).toEqual(before);
    });

    it("the canned-meat case: who held it and for how long between 11 February and the purchase, the handovers, the refusals, the escalations", async () => {
      const [text, json] = await Promise.all([runCli(['case', CANNED_MEAT, '--db', db]), runCli(['case', CANNED_MEAT, '--db', db, '--json'])]);
      expect(text.code, text.stderr).toBe(0);
      const out = text.stdout;
      const view = JSON.parse(json.stdout) as JsonView;
      const name = (id: string): string => view.names[id] ?? id;

      // From the decision of 11 February to the purchase, verified in March.
      expect(view.ledger.start.startsWith('1922-02-11')).toBe(true);
      expect(view.ledger.end.startsWith('1922-03')).toBe(true);
      expect(out).toMatch(/decision\s+No\. \S+ of 1922-02-11: /);
      expect(out).toMatch(/status\s+verified 1922-03-\d\d \d\d:\d\d by N\. P\. Gorbunov/);
      expect(out).toMatch(/life\s+1922-02-11 \d\d:\d\d → 1922-03-\d\d \d\d:\d\d: \d+ d \d+ h, of which \d+ d \d+ h overdue/);
      // Every interval of the ledger is a row of the timeline: from, to, holder, duration.
      for (const i of view.ledger.intervals) {
        const row = out.split('\n').find((l) => l.includes(`${i.from.slice(0, 10)} ${i.from.slice(11, 16)}  ${i.to.slice(0, 10)} ${i.to.slice(11, 16)}`));
        expect(row, `${i.from} → ${i.to}`).toBeDefined();
        expect(row).toContain(name(i.personId).slice(0, 30));
        expect(row).toContain(duration(i.ms));
        expect(row?.trimEnd().endsWith('OVERDUE')).toBe(i.overdue);
      }
      // The people who held it, with their total time, and the sentence on whom the overdue hours fall.
      for (const t of view.ledger.byPerson) expect(out).toMatch(new RegExp(`${name(t.id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+.*${duration(t.ms)}`));
      expect(out).toContain('Head of the NKVT import department');
      expect(out).toContain('Head of the MPO purchasing section');
      expect(out).toMatch(/those overdue hours fall on Head of the NKVT import department \(\d+ d \d+ h\)/);
      // The handovers, and the two refusals with their reasons.
      expect(out).toMatch(/HANDOVER: Head of the NKVT import department offered the case to Head of the MPO purchasing section/);
      expect(out).toMatch(/REFUSED by Head of the MPO purchasing section .*envoyé au diable/);
      expect(out).toMatch(/REFUSED by Chairman of the MPO board .*notaire/);
      expect(out).toMatch(/EXTENSION: .* asked A\. D\. Tsiouroupa to extend the deadline/);
      expect(out).toMatch(/TRANSFER: A\. D\. Tsiouroupa asked L\. B\. Krassine to take over ownership/);
      // The escalations: to Kamenev, then to the Political Bureau.
      expect(out).toMatch(/level 1: Chairman of the MPO board raised it to L\. B\. Kamenev/);
      expect(out).toMatch(/level 2: A\. D\. Tsiouroupa raised it to Political Bureau/);
      // The event log.
      expect(out).toMatch(/ {2}1 {2}1922-02-11 \d\d:\d\d {2}assignment\.issued\s+.*[0-9a-f]{12}\n/);
    });

    it('cases --search finds the founding cases in the demo', async () => {
      const run = await runCli(['cases', '--db', db, '--search', 'canned meat']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(CANNED_MEAT);
    });

    it('demo --if-missing leaves the existing demo as it is and prints its founding cases, read from the database', async () => {
      const before = await cli.snapshot(db);
      const run = await runCli(['demo', '--db', db, '--if-missing']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/already exists; left as it is/);
      expect(run.stdout).toMatch(/^ {2}[\d,]+ units, [\d,]+ people, [\d,]+ assignments, [\d,]+ events$/m);
      expectFoundingCasesLast(run.stdout);
      expect(run.stderr).toBe('');
      expect(await cli.snapshot(db)).toEqual(before);
    });

    it('demo --if-missing refuses an existing database that holds no demo, untouched', async () => {
      const empty = cli.newLocation();
      expect((await runCli(['init', '--db', empty])).code).toBe(0);
      const before = await cli.snapshot(empty);
      const run = await runCli(['demo', '--db', empty, '--if-missing']);
      expect(run.code).toBe(2);
      expect(run.errLines).toEqual([expect.stringMatching(/^proverka: .*holds no demo/)]);
      expect(await cli.snapshot(empty)).toEqual(before);
    });

    it('start on an existing demo: the welcome, the founding cases, the canned-meat ledger as `case` prints it, the next commands', async () => {
      const before = await cli.snapshot(db);
      const [run, page] = await Promise.all([runCli(['start', '--db', db, '--no-serve']), runCli(['case', CANNED_MEAT, '--db', db])]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(page.stdout);
      for (const c of FOUNDING_CASES) expect(run.stdout).toContain(c.id);
      expect(run.stdout).toMatch(/Try next:\n.*cases --db/);
      expect(await cli.snapshot(db)).toEqual(before);
    });
  });

  describe(`[${backend.name}] proverka start (small) on a missing database`, () => {
    it(`builds the demo into it (${backend.name === 'sqlite' ? 'creating its folder' : 'creating the database'}), then welcomes with the canned-meat case`, async () => {
      const db = backend.name === 'sqlite' ? join(dirname(cli.newLocation()), 'demo-data', 'proverka.db') : cli.newLocation();
      const run = await runCli(['start', '--db', db, '--size', 'small', '--no-serve']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^built the small demo \(seed 1\) into .* in \d+\.\d s\n/);
      expect(run.stdout).toContain(`CASE ${CANNED_MEAT}: `);
      expect(run.stdout).toMatch(/Try next:/);
      expect(run.errLines[0]).toMatch(/^proverka: no database at .*; building the small demo into it/);
      expect((await runCli(['verify', '--db', db])).code).toBe(0);
    }, 600_000);
  });

  // Concurrent: each test builds at a location of its own.
  describe.concurrent(`[${backend.name}] a build that fails or is interrupted leaves nothing behind`, () => {
    if (backend.name === 'sqlite') {
      it('a build interrupted (SIGTERM) leaves no database under the name, only FILE.building (how a file is built), which the next build replaces (its PostgreSQL counterpart: the database it created is dropped)', async () => {
        const dir = tempDir('proverka-cli-building-');
        const db = join(dir, 'demo.db');
        const { child, done } = startCli(['demo', '--db', db, '--size', 'large']);
        await building(child);
        child.kill('SIGTERM');
        const killed = await done;
        expect(killed.signal).toBe('SIGTERM');
        expect(listing(dir)).toContain('demo.db.building');
        expect(listing(dir)).not.toContain('demo.db');
        const missing = await runCli(['cases', '--db', db]);
        expect(missing.code).toBe(2);
        expect(missing.errLines).toEqual([expect.stringMatching(/^proverka: no database at /)]);
        const run = await runCli(['demo', '--db', db, '--size', 'small']);
        expect(run.code, run.stderr).toBe(0);
        expect(listing(dir)).toEqual(['demo.db']);
      });
    } else {
      it('a build interrupted (SIGTERM) drops the database it created and exits 143 (its SQLite counterpart: a file is built under FILE.building)', async () => {
        const db = cli.newLocation();
        const { child, done } = startCli(['demo', '--db', db, '--size', 'large']);
        await building(child);
        child.kill('SIGTERM');
        const run = await done;
        expect(run.code, run.stderr).toBe(143);
        expect(run.errLines.filter((l) => l.startsWith('proverka: '))).toEqual(['proverka: interrupted (SIGTERM); removing the half-built database']);
        expect(await cli.exists(db)).toBe(false);
      });

      it('an existing database without a table (made empty for us by its owner) counts as missing: demo --if-missing builds into it (PostgreSQL only: an existing file, even empty, is refused)', async () => {
        const empty = await cli.makeEmpty();
        const run = await runCli(['demo', '--db', empty, '--size', 'small', '--if-missing']);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toMatch(/^built the small demo \(seed 1\)/);
        expect((await runCli(['verify', '--db', empty])).code).toBe(0);
      });
    }

    it('demo --if-missing on a missing database builds it', async () => {
      const db = cli.newLocation();
      const run = await runCli(['demo', '--db', db, '--size', 'small', '--if-missing']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^built the small demo \(seed 1\)/);
      expectFoundingCasesLast(run.stdout);
    });

    it('a build that fails removes what it made, and the error comes through', async () => {
      const db = cli.newLocation();
      await expect(withNewDatabase(db, () => Promise.reject(new Error('the generator broke')))).rejects.toThrow('the generator broke');
      expect(await cli.exists(db)).toBe(false);
      if (backend.name === 'sqlite') expect(listing(dirname(db)).filter((f) => f.startsWith(basename(db)))).toEqual([]);
    });

    if (backend.name === 'postgres') {
      it('a failed build into a database it did not create (an empty one, made by its owner) keeps the database and removes only the tables it made (its SQLite counterpart: an existing file is refused before anything is built)', async () => {
        const empty = await cli.makeEmpty();
        await expect(withNewDatabase(empty, () => Promise.reject(new Error('the generator broke')))).rejects.toThrow('the generator broke');
        expect(await cli.exists(empty)).toBe(true);
        expect(await postgresTables(empty)).toEqual([]);
      });
    } else {
      it('a failed build never removes a file it did not make: an existing file is refused before anything is built (a file has no empty-but-existing state to build into)', async () => {
        const other = await cli.makeEmpty();
        await expect(withNewDatabase(other, () => Promise.resolve())).rejects.toThrow(/already exists/);
        expect(await cli.exists(other)).toBe(true);
      });
    }
  });
}
