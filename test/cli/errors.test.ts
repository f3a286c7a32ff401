/**
 * Every refusal of the command: one line on stderr starting with `proverka: `, a non-zero exit,
 * and nothing written — no database created by accident, an existing file left byte for byte.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { fingerprint, listing } from './files.js';
import { runCli, type CliRun } from './run-cli.js';
import { buildSmallDatabase } from './small-db.js';

function expectOneErrorLine(run: CliRun, code: number, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.errLines).toHaveLength(1);
  expect(run.errLines[0]).toMatch(/^proverka: /);
  expect(run.errLines[0]).toMatch(pattern);
  expect(run.stdout).toBe('');
}

describe('proverka init', () => {
  const dir = tempDir('proverka-cli-init-');

  it('creates a new empty database that verifies', async () => {
    const db = join(dir, 'new.db');
    const run = await runCli(['init', '--db', db]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(db);
    const verify = await runCli(['verify', '--db', db]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^intact: .*0 events/);
  });

  it('refuses an existing database and leaves it untouched', async () => {
    const db = join(dir, 'twice.db');
    expect((await runCli(['init', '--db', db])).code).toBe(0);
    const before = fingerprint(db);
    const files = listing(dir);
    const run = await runCli(['init', '--db', db]);
    expectOneErrorLine(run, 2, /already exists/);
    expect(fingerprint(db)).toEqual(before);
    expect(listing(dir)).toEqual(files);
  });

  it('refuses an existing empty file and any other file, and leaves them untouched', async () => {
    const empty = join(dir, 'empty.db');
    const text = join(dir, 'notes.txt');
    writeFileSync(empty, '');
    writeFileSync(text, 'my notes\n');
    for (const file of [empty, text]) {
      const before = fingerprint(file);
      expectOneErrorLine(await runCli(['init', '--db', file]), 2, /already exists/);
      expect(fingerprint(file)).toEqual(before);
    }
  });

  it('refuses a folder that does not exist, creating nothing', async () => {
    const run = await runCli(['init', '--db', join(dir, 'no', 'such', 'x.db')]);
    expectOneErrorLine(run, 2, /does not exist/);
    expect(listing(join(dir, 'no'))).toEqual([]);
  });
});

describe('commands on a database that is not there or not usable', () => {
  const dir = tempDir('proverka-cli-bad-');
  const missing = join(dir, 'missing.db');
  const corrupt = join(dir, 'corrupt.db');
  const foreign = join(dir, 'foreign.db');
  const empty = join(dir, 'empty.db');
  const folder = join(dir, 'folder.db');
  const commands = (db: string): string[][] => [
    ['cases', '--db', db],
    ['case', 'asg_canned-meat-1922', '--db', db],
    ['verify', '--db', db],
    ['rebuild', '--db', db],
    ['checkpoint', '--db', db],
  ];

  beforeAll(() => {
    writeFileSync(corrupt, Buffer.from('this is not an SQLite database at all, just bytes '.repeat(200)));
    const db = new BetterSqlite3(foreign);
    db.exec('create table customers (id integer primary key, name text); insert into customers (name) values (\'Ada\');');
    db.close();
    writeFileSync(empty, '');
    mkdirSync(folder);
  });

  it('a missing file: exit 2, one line, and no file created', async () => {
    const runs = await Promise.all(commands(missing).map((args) => runCli(args)));
    for (const run of runs) expectOneErrorLine(run, 2, /no database at .*missing\.db/);
    expect(listing(dir)).not.toContain('missing.db');
    expect(listing(dir).filter((f) => f.startsWith('missing'))).toEqual([]);
  });

  it('a corrupt file, a foreign SQLite file, an empty file, a folder: exit 2, one line, left byte for byte', async () => {
    const cases: [string, RegExp][] = [
      [corrupt, /not a readable SQLite database/],
      [foreign, /not a Proverka database/],
      [empty, /not a Proverka database/],
    ];
    for (const [file, pattern] of cases) {
      const before = fingerprint(file);
      const runs = await Promise.all(commands(file).map((args) => runCli(args)));
      for (const run of runs) expectOneErrorLine(run, 2, pattern);
      expect(fingerprint(file)).toEqual(before);
    }
    expectOneErrorLine(await runCli(['cases', '--db', folder]), 2, /directory/);
    expect(listing(dir).filter((f) => f.endsWith('-wal') || f.endsWith('-shm') || f.endsWith('-journal'))).toEqual([]);
  });

  it('demo refuses an existing file of any kind, leaving it untouched', async () => {
    for (const file of [corrupt, foreign, empty]) {
      const before = fingerprint(file);
      expectOneErrorLine(await runCli(['demo', '--db', file, '--size', 'small']), 2, /already exists/);
      expect(fingerprint(file)).toEqual(before);
    }
  });

  it('demo --if-missing on a corrupt or foreign file refuses it, untouched', async () => {
    for (const [file, pattern] of [
      [corrupt, /not a readable SQLite database/],
      [foreign, /not a Proverka database/],
    ] as const) {
      const before = fingerprint(file);
      expectOneErrorLine(await runCli(['demo', '--db', file, '--size', 'small', '--if-missing']), 2, pattern);
      expect(fingerprint(file)).toEqual(before);
    }
  });
});

describe('unknown ids, bad flags and bad arguments', () => {
  const dir = tempDir('proverka-cli-args-');
  const db = join(dir, 'small.db');
  beforeAll(async () => {
    await buildSmallDatabase(db);
  });

  it('an unknown or malformed case id: exit 2, one line, the database unchanged', async () => {
    const before = fingerprint(db);
    const files = listing(dir);
    expectOneErrorLine(await runCli(['case', 'asg_no-such-case', '--db', db]), 2, /no assignment with id asg_no-such-case/);
    expectOneErrorLine(await runCli(['case', 'per_ivanov', '--db', db]), 2, /no assignment with id per_ivanov/);
    expectOneErrorLine(await runCli(['case', 'not an id', '--db', db, '--json']), 2, /no assignment with id not an id/);
    expect(fingerprint(db)).toEqual(before);
    expect(listing(dir)).toEqual(files);
  });

  it.each([
    [['cases', '--db', 'X', '--bogus'], /unknown option '--bogus'/],
    [['case', '--db', 'X'], /missing required argument 'id'/],
    [['case', 'a', 'b', '--db', 'X'], /too many arguments/],
    [['cases'], /required option '--db <file>' not specified/],
    [['cases', '--db', 'X', '--limit', 'ten'], /--limit.*not a whole number/],
    [['cases', '--db', 'X', '--limit', '0'], /--limit.*out of range/],
    [['cases', '--db', 'X', '--at', 'yesterday'], /--at.*not a date-time/],
    [['demo', '--db', 'X', '--size', 'medium'], /--size.*small, large/],
    [['demo', '--db', 'X', '--seed', '-1'], /--seed.*out of range/],
    [['verify', '--db'], /argument missing/],
    [['cas', '--db', 'X'], /unknown command 'cas'.*Did you mean case/],
  ])('%j: exit 2, one line, no file created', async (args, pattern) => {
    const files = listing(dir);
    const run = await runCli(args.map((a) => (a === 'X' ? join(dir, 'x.db') : a)));
    expectOneErrorLine(run, 2, pattern);
    expect(listing(dir)).toEqual(files);
  });

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
