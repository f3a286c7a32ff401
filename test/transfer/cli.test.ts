/**
 * `proverka backup`, `restore` and `migrate` run as a user runs them, on each back end as the
 * other end of the move: success prints one line on stdout (progress on stderr); a refusal prints
 * one `proverka: ` line, exits 2 and leaves nothing behind — no file, no `.building` file, no
 * database — and an existing target untouched.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { moveRecord } from '../../src/app/record-transfer.js';
import { openStore } from '../../src/store/open-store.js';
import { parsePostgresUrl } from '../../src/store/postgres/postgres-url.js';
import { backends, type Backend } from '../support/backends.js';
import { tempDir } from '../support/temp.js';
import { fingerprint } from '../cli/files.js';
import { runCli, type CliRun } from '../cli/run-cli.js';
import { buildSmallDatabase } from '../cli/small-db.js';
import { archiveLines, hashesOf, postgresDatabaseExists, resealed, writeArchiveLines } from './transfer-support.js';

/** The back ends, each used once at the top level so that the clean-up of its databases (registered on first use) runs after this file. */
const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

function expectRefused(run: CliRun, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  const errors = run.errLines.filter((l) => l.startsWith('proverka: '));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(pattern);
  expect(run.stdout).toBe('');
}

/** The record's hashes at a location, in position order. */
async function hashesAt(location: string): Promise<string[]> {
  const store = await openStore({ location, mode: 'open' });
  try {
    return await hashesOf(store);
  } finally {
    await store.close();
  }
}

/** True when nothing is left at a location: no file of that name (nor a companion or `.building` file), no database of that name. */
async function nothingAt(backend: Backend, location: string): Promise<boolean> {
  if (backend.name === 'postgres') return !(await postgresDatabaseExists(location));
  return !readdirSync(dirname(location)).some((f) => f.startsWith(basename(location)));
}

for (const backend of BACKENDS) {
  describe(`[${backend.name}] proverka backup, restore and migrate`, () => {
    const dir = tempDir('proverka-cli-transfer-');
    const small = join(dir, 'small.db');
    /** The small database, on this back end. */
    let source = '';
    let archive = '';
    let hashes: string[] = [];

    beforeAll(async () => {
      await buildSmallDatabase(small);
      source = small;
      if (backend.name !== 'sqlite') {
        source = backend.newLocation();
        const from = await openStore({ location: small, mode: 'open' });
        const to = await openStore({ location: source, mode: 'create' });
        await moveRecord(from, to);
        await Promise.all([from.close(), to.close()]);
      }
      hashes = await hashesAt(source);
      archive = join(dir, 'small.proverka.gz');
      const run = await runCli(['backup', '--db', source, '--to', archive]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^backed up ${hashes.length} events in \\d+ streams from .+ \\(${backend.name}\\) to ${archive}: [\\d,]+ bytes, last checkpoint 1 \\(root [0-9a-f]{16}…\\), sha256 [0-9a-f]{64}\\n$`));
      expect(run.stderr).toMatch(/backing up \(checking\): 100%/);
    }, 120_000);

    it('backup writes an archive that restore turns into a new database with the same record, verified', async () => {
      const target = backend.newLocation();
      const run = await runCli(['restore', '--from', archive, '--db', target]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^restored ${hashes.length} events in \\d+ streams from ${archive} \\(a backup of ${backend.name} made .+\\) into .+ \\(${backend.name}\\); verified: every hash chain and checkpoint intact\\n$`));
      expect(run.stderr).toMatch(/restoring \(verifying\): 100%/);
      expect(await hashesAt(target)).toEqual(hashes);
    });

    it('migrate copies the database to a new SQLite file and back into a new one here, each verified', async () => {
      const file = join(dir, 'migrated.db');
      const there = await runCli(['migrate', '--from', source, '--to', file]);
      expect(there.code, there.stderr).toBe(0);
      expect(there.stdout).toMatch(new RegExp(`^migrated ${hashes.length} events in \\d+ streams from .+ \\(${backend.name}\\) into ${file} \\(sqlite\\); verified`));
      expect(await hashesAt(file)).toEqual(hashes);
      const target = backend.newLocation();
      const back = await runCli(['migrate', '--from', file, '--to', target]);
      expect(back.code, back.stderr).toBe(0);
      expect(await hashesAt(target)).toEqual(hashes);
      expect((await runCli(['verify', '--db', target])).code).toBe(0);
    });

    it('backup refuses an existing file and leaves it untouched', async () => {
      const before = fingerprint(archive);
      expectRefused(await runCli(['backup', '--db', source, '--to', archive]), /already exists; choose another file/);
      expect(fingerprint(archive)).toEqual(before);
    });

    it('restore of an archive with an altered line: refused before anything is imported, no target left', async () => {
      const lines = archiveLines(archive);
      lines[3] = (lines[3] ?? '').replace('"actor":"', '"actor":"x');
      const bad = join(dir, 'altered.proverka.gz');
      writeArchiveLines(bad, lines);
      const target = backend.newLocation();
      expectRefused(await runCli(['restore', '--from', bad, '--db', target]), /altered\.proverka\.gz was altered: its events do not match its trailer.*nothing was restored/);
      expect(await nothingAt(backend, target)).toBe(true);
    });

    it('restore of a truncated archive: refused, no target left', async () => {
      const bad = join(dir, 'truncated.proverka.gz');
      writeArchiveLines(bad, [...archiveLines(archive).slice(0, 10), '']);
      const target = backend.newLocation();
      expectRefused(await runCli(['restore', '--from', bad, '--db', target]), /is truncated/);
      expect(await nothingAt(backend, target)).toBe(true);
    });

    it('restore of an archive whose event breaks its chain: refused naming the stream and seq, no target left', async () => {
      const lines = archiveLines(archive);
      const i = lines.findIndex((l) => l.includes('"stream":"asg_canned-meat-small","seq":5'));
      lines[i] = (lines[i] ?? '').replace(/"prevHash":"[0-9a-f]{64}"/, `"prevHash":"${'b'.repeat(64)}"`);
      const bad = join(dir, 'forged.proverka.gz');
      writeArchiveLines(bad, resealed(lines));
      const target = backend.newLocation();
      expectRefused(await runCli(['restore', '--from', bad, '--db', target]), /the record was refused: event 5 of asg_canned-meat-small does not chain/);
      expect(await nothingAt(backend, target)).toBe(true);
    });

    it('restore and migrate refuse a target that holds a record, and leave it as it was', async () => {
      const before = await hashesAt(source);
      expectRefused(await runCli(['restore', '--from', archive, '--db', source]), /already (exists|holds a Proverka record)/);
      expectRefused(await runCli(['migrate', '--from', small, '--to', source]), /already (exists|holds a Proverka record)|the same database/);
      expect(await hashesAt(source)).toEqual(before);
    });

    it('restore of a missing archive: refused, no target left', async () => {
      const target = backend.newLocation();
      expectRefused(await runCli(['restore', '--from', join(dir, 'nowhere.gz'), '--db', target]), /no archive at/);
      expect(await nothingAt(backend, target)).toBe(true);
    });

    // PostgreSQL only: an SQLite target is always a new file, while a PostgreSQL target may be an existing, empty database.
    if (backend.name === 'postgres') {
      it('restore into an existing empty PostgreSQL database that fails leaves it empty again', async () => {
        const target = backend.newLocation();
        const { database, admin } = parsePostgresUrl(target);
        const client = new pg.Client({ connectionString: admin });
        await client.connect();
        await client.query(`create database ${client.escapeIdentifier(database)}`);
        await client.end();
        const bad = join(dir, 'not-an-archive.gz');
        writeFileSync(bad, 'not gzip');
        expectRefused(await runCli(['restore', '--from', bad, '--db', target]), /not an intact gzip file/);
        expect(await postgresDatabaseExists(target)).toBe(true);
        const check = new pg.Client({ connectionString: target });
        await check.connect();
        const { rows } = await check.query("select tablename from pg_tables where schemaname = 'public'");
        await check.end();
        expect(rows).toEqual([]);
      });
    }
  });
}

it('migrate refuses the same location as source and target', async () => {
  const dir = tempDir('proverka-cli-transfer-same-');
  const file = join(dir, 'x.db');
  expectRefused(await runCli(['migrate', '--from', file, '--to', file]), /name the same database/);
  expect(existsSync(file)).toBe(false);
});
