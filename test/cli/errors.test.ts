/**
 * Every refusal of the command, on each back end: one line on stderr starting with `proverka: `, a
 * non-zero exit, and nothing written — no database created by accident, an existing one left as it
 * was (a file byte for byte, a PostgreSQL database row for row), no password ever printed.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { backends, PG_SERVER } from '../support/backends.js';
import { tempDir } from '../support/temp.js';
import { cliBackend, postgresDatabaseExists, postgresTables, type CliBackend } from './databases.js';
import { fingerprint, listing } from './files.js';
import { expectOneErrorLine } from './expect-cli.js';
import { runCli } from './run-cli.js';
import { buildSmallDatabase } from './small-db.js';

/** The back ends under test, each used once here at the top level: the SQLite one registers the removal of its folder on first use, which runs after this file only if registered here. */
const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();


/** What a location left behind: the files named after it (a database and its companions), or the PostgreSQL database of that name. */
async function leftovers(cli: CliBackend, location: string): Promise<string[]> {
  if (cli.name === 'sqlite') return listing(dirname(location)).filter((f) => f.startsWith(basename(location)));
  return (await cli.exists(location)) ? [location] : [];
}

/** The commands that open an existing database. */
function commands(db: string): string[][] {
  return [
    ['cases', '--db', db],
    ['case', 'asg_canned-meat-1922', '--db', db],
    ['verify', '--db', db],
    ['rebuild', '--db', db],
    ['checkpoint', '--db', db],
    ['simulate', '--db', db, '--days', '1'],
  ];
}

/** The same URL with a password in it (the server trusts local logins: the password is not checked). */
function withPassword(url: string, password: string): string {
  return url.replace(/^postgres:\/\/postgres@/, `postgres://postgres:${password}@`);
}

for (const backend of BACKENDS) {
  const cli = cliBackend(backend);
  /** How the refusal of an existing database reads on this back end. */
  const exists = backend.name === 'sqlite' ? /already exists/ : /already holds (a Proverka record|other tables)/;

  // Concurrent: each test makes databases of its own.
  describe.concurrent(`[${backend.name}] proverka init`, () => {
    it('creates a new empty database that verifies', async () => {
      const db = cli.newLocation();
      const run = await runCli(['init', '--db', db]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(db);
      const verify = await runCli(['verify', '--db', db]);
      expect(verify.code, verify.stderr).toBe(0);
      expect(verify.stdout).toMatch(/^intact: .*0 events/);
    });

    it('refuses an existing database and leaves it untouched', async () => {
      const db = cli.newLocation();
      expect((await runCli(['init', '--db', db])).code).toBe(0);
      const before = await cli.snapshot(db);
      const run = await runCli(['init', '--db', db]);
      expectOneErrorLine(run, exists, 2);
      expect(run.errLines[0]).toMatch(/left untouched/);
      expect(await cli.snapshot(db)).toEqual(before);
      expect(await leftovers(cli, db)).toEqual(backend.name === 'sqlite' ? [basename(db)] : [db]);
    });

    if (backend.name === 'sqlite') {
      it('refuses an existing empty file and any other file, and leaves them untouched (on PostgreSQL: a database holding other tables)', async () => {
        const empty = await cli.makeEmpty();
        const foreign = await cli.makeForeign();
        for (const file of [empty, foreign]) {
          const before = fingerprint(file);
          expectOneErrorLine(await runCli(['init', '--db', file]), /already exists/, 2);
          expect(fingerprint(file)).toEqual(before);
        }
      });

      it('refuses a folder that does not exist, creating nothing (a path of its own; on PostgreSQL: a server that does not answer)', async () => {
        const dir = tempDir('proverka-cli-init-');
        const run = await runCli(['init', '--db', join(dir, 'no', 'such', 'x.db')]);
        expectOneErrorLine(run, /does not exist/, 2);
        expect(listing(join(dir, 'no'))).toEqual([]);
      });
    } else {
      it('refuses a database holding other tables, leaves it untouched and never drops it (a file: an existing empty or other file)', async () => {
        const foreign = await cli.makeForeign();
        const before = await cli.snapshot(foreign);
        expectOneErrorLine(await runCli(['init', '--db', foreign]), /already holds other tables.*left untouched/, 2);
        expect(await cli.snapshot(foreign)).toEqual(before);
        expect(await postgresTables(foreign)).toEqual(['customers']);
      });

      it('initialises an existing database without a table (made empty for us by its owner), which it keeps', async () => {
        const empty = await cli.makeEmpty();
        const run = await runCli(['init', '--db', empty]);
        expect(run.code, run.stderr).toBe(0);
        expect(await postgresTables(empty)).toContain('events');
        expect((await runCli(['verify', '--db', empty])).code).toBe(0);
      });

      it("refuses PostgreSQL's own databases, touching nothing (a file has no such thing)", async () => {
        for (const name of ['postgres', 'template1']) {
          const url = `${PG_SERVER}/${name}`;
          const tables = await postgresTables(url);
          expectOneErrorLine(await runCli(['init', '--db', url]), new RegExp(`${name} is PostgreSQL's own database`), 2);
          expect(await postgresTables(url)).toEqual(tables);
        }
      });

      it('a server that does not answer: exit 2, one line, nothing created (a file has no server; its counterpart is a missing folder)', async () => {
        const run = await runCli(['init', '--db', 'postgres://postgres@127.0.0.1:1/proverka_nowhere']);
        expectOneErrorLine(run, /cannot reach PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/proverka_nowhere \(ECONNREFUSED\)/, 2);
      });
    }
  });

  // Concurrent: the databases shared here are only read, and each test checks that they were.
  describe.concurrent(`[${backend.name}] commands on a database that is not there or not usable`, () => {
    let foreign: string;
    let empty: string;
    beforeAll(async () => {
      foreign = await cli.makeForeign();
      empty = await cli.makeEmpty();
    });

    it('a missing database: exit 2, one line, and nothing created', async () => {
      const missing = cli.newLocation();
      const runs = await Promise.all(commands(missing).map((args) => runCli(args)));
      for (const run of runs) expectOneErrorLine(run, new RegExp(`no database ${backend.name === 'sqlite' ? 'at' : '\\S+ at'} .*${basename(missing)}`), 2);
      expect(await leftovers(cli, missing)).toEqual([]);
    });

    it('a database of another kind, and one that holds nothing: exit 2, one line, left as it was', async () => {
      for (const db of [foreign, empty]) {
        const before = await cli.snapshot(db);
        const runs = await Promise.all(commands(db).map((args) => runCli(args)));
        for (const run of runs) expectOneErrorLine(run, /not a Proverka database.*left untouched/, 2);
        expect(await cli.snapshot(db)).toEqual(before);
      }
      if (backend.name === 'sqlite') expect(listing(dirname(foreign)).filter((f) => f.endsWith('-wal') || f.endsWith('-shm') || f.endsWith('-journal'))).toEqual([]);
    });

    it('demo refuses an existing database of any kind, leaving it untouched', async () => {
      const record = cli.newLocation();
      expect((await runCli(['init', '--db', record])).code).toBe(0);
      // An SQLite file that exists is refused even empty; a PostgreSQL database without a table is a place to build (see the demo suite).
      for (const db of backend.name === 'sqlite' ? [foreign, empty, record] : [foreign, record]) {
        const before = await cli.snapshot(db);
        expectOneErrorLine(await runCli(['demo', '--db', db, '--size', 'small']), exists, 2);
        expect(await cli.snapshot(db)).toEqual(before);
      }
    });

    it('demo --if-missing on a foreign database refuses it, untouched', async () => {
      const before = await cli.snapshot(foreign);
      expectOneErrorLine(await runCli(['demo', '--db', foreign, '--size', 'small', '--if-missing']), /not a Proverka database/, 2);
      expect(await cli.snapshot(foreign)).toEqual(before);
    });

    if (backend.name === 'sqlite') {
      it('a corrupt file and a folder: exit 2, one line, left byte for byte (files only: PostgreSQL keeps no file of ours to corrupt, and a URL names no folder)', async () => {
        const corrupt = cli.newLocation();
        const folder = cli.newLocation();
        writeFileSync(corrupt, Buffer.from('this is not an SQLite database at all, just bytes '.repeat(200)));
        mkdirSync(folder);
        const before = fingerprint(corrupt);
        const runs = await Promise.all([...commands(corrupt), ['demo', '--db', corrupt, '--size', 'small', '--if-missing']].map((args) => runCli(args)));
        for (const run of runs) expectOneErrorLine(run, /not a readable SQLite database/, 2);
        expectOneErrorLine(await runCli(['demo', '--db', corrupt, '--size', 'small']), /already exists/, 2);
        expect(fingerprint(corrupt)).toEqual(before);
        expectOneErrorLine(await runCli(['cases', '--db', folder]), /directory/, 2);
        expect(existsSync(`${corrupt}-wal`)).toBe(false);
      });
    } else {
      it('a server that does not answer: exit 2, one line naming it without its password (PostgreSQL only: a file has no server)', async () => {
        const url = 'postgres://postgres:hunter2@127.0.0.1:1/proverka_nowhere';
        const runs = await Promise.all([...commands(url), ['demo', '--db', url, '--size', 'small'], ['demo', '--db', url, '--if-missing'], ['start', '--db', url]].map((args) => runCli(args)));
        for (const run of runs) {
          expectOneErrorLine(run, /^proverka: cannot reach PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/proverka_nowhere \(ECONNREFUSED\)$/, 2);
          expect(run.stderr).not.toContain('hunter2');
        }
      });

      it('a malformed URL, a URL without a database, a role that does not exist: exit 2, one line, nothing created (PostgreSQL only: a file path has no URL syntax or login)', async () => {
        const cases: [string, RegExp][] = [
          ['postgres://postgres@127.0.0.1:99999/proverka_bad', /not a valid PostgreSQL URL/],
          [`${PG_SERVER}/`, /the URL names no database/],
          ['postgres://proverka_no_such_role:hunter2@127.0.0.1:5432/proverka_bad', /refused the login.*role "proverka_no_such_role" does not exist/],
        ];
        for (const [url, pattern] of cases) {
          const runs = await Promise.all([['init', '--db', url], ['cases', '--db', url]].map((args) => runCli(args)));
          for (const run of runs) {
            expectOneErrorLine(run, pattern, 2);
            expect(run.stderr).not.toContain('hunter2');
          }
        }
        expect(await postgresDatabaseExists(`${PG_SERVER}/proverka_bad`)).toBe(false);
      });

      it('a password in the URL is never printed: not in results, not in refusals (PostgreSQL only: a file path holds no password)', async () => {
        const db = withPassword(cli.newLocation(), 'hunter2');
        const runs = [await runCli(['init', '--db', db])];
        runs.push(...(await Promise.all([['init', '--db', db], ['verify', '--db', db], ['demo', '--db', db, '--if-missing'], ['case', 'asg_none', '--db', db]].map((args) => runCli(args)))));
        // Apart: verify reads the record in several statements, so one that runs while a checkpoint is appended can see half of it.
        runs.push(await runCli(['checkpoint', '--db', db]));
        expect(runs[0]?.stdout).toContain('postgres://postgres:***@');
        expect(runs.map((r) => r.code)).toEqual([0, 2, 0, 2, 2, 0]);
        for (const run of runs) expect(`${run.stdout}${run.stderr}`).not.toContain('hunter2');
      });
    }
  });

  describe(`[${backend.name}] unknown ids and bad flags`, () => {
    let db: string;
    beforeAll(async () => {
      db = cli.newLocation();
      await buildSmallDatabase(db);
    });

    it('an unknown or malformed case id: exit 2, one line, the database unchanged', async () => {
      const before = await cli.snapshot(db);
      const runs = await Promise.all([
        runCli(['case', 'asg_no-such-case', '--db', db]),
        runCli(['case', 'per_ivanov', '--db', db]),
        runCli(['case', 'not an id', '--db', db, '--json']),
      ]);
      expectOneErrorLine(runs[0], /no assignment with id asg_no-such-case/, 2);
      expectOneErrorLine(runs[1], /no assignment with id per_ivanov/, 2);
      expectOneErrorLine(runs[2], /no assignment with id not an id/, 2);
      expect(await cli.snapshot(db)).toEqual(before);
    });

    it.concurrent.each([
      [['cases', '--db', 'X', '--bogus'], /unknown option '--bogus'/],
      [['case', '--db', 'X'], /missing required argument 'id'/],
      [['case', 'a', 'b', '--db', 'X'], /too many arguments/],
      [['cases'], /required option '--db <location>' not specified/],
      [['cases', '--db', 'X', '--limit', 'ten'], /--limit.*not a whole number/],
      [['cases', '--db', 'X', '--limit', '0'], /--limit.*out of range/],
      [['cases', '--db', 'X', '--at', 'yesterday'], /--at.*not a date-time/],
      [['cases', '--db', 'X', '--read-db', 'replica.db'], /--read-db.*not a PostgreSQL URL/],
      [['demo', '--db', 'X', '--size', 'medium'], /--size.*small, large/],
      [['demo', '--db', 'X', '--seed', '-1'], /--seed.*out of range/],
      [['verify', '--db'], /argument missing/],
      [['cas', '--db', 'X'], /unknown command 'cas'.*Did you mean case/],
    ])('%j: exit 2, one line, no database created', async (args, pattern) => {
      const x = cli.newLocation();
      const run = await runCli(args.map((a) => (a === 'X' ? x : a)));
      expectOneErrorLine(run, pattern, 2);
      expect(await leftovers(cli, x)).toEqual([]);
    });
  });
}

describe('help (no database involved)', () => {
  it('help is not an error', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: proverka');
    expect(run.stdout).toContain('Exit codes:');
    expect(run.stderr).toBe('');
  });

  it('no command at all shows the help on stderr and exits 2', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: proverka');
  });
});
