/**
 * `verify`, `rebuild` and `checkpoint` on a real database of each back end, and `verify` after the
 * database was changed behind the application's back with SQL (better-sqlite3 on a file, the `pg`
 * client on PostgreSQL): it exits 1 and its first line names the stream and the sequence of the
 * first broken event.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { cliBackend } from './databases.js';
import { runCli, type CliRun } from './run-cli.js';
import { buildSmallDatabase, SMALL } from './small-db.js';

/** The case whose stream the tests break: 13 events, covered by the checkpoint appended on close. */
const STREAM = SMALL.stuck;

function expectBroken(run: CliRun, streamId: string, seq: number, kind: RegExp): void {
  expect(run.code, run.stderr).toBe(1);
  const first = run.stdout.split('\n')[0] ?? '';
  expect(first).toMatch(new RegExp(`^BROKEN at stream ${streamId}, seq ${seq} \\(`));
  expect(first).toMatch(kind);
  const errors = run.errLines.filter((l) => l.startsWith('proverka: '));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain(`the first broken event is ${streamId} seq ${seq}`);
}

/** The back ends under test, each used once here at the top level: the SQLite one registers the removal of its folder on first use, which runs after this file only if registered here. */
const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

for (const backend of BACKENDS) {
  // Concurrent: each test works on a copy of its own; the pristine database is only ever copied (PostgreSQL copies a database no session is connected to).
  describe.concurrent(`[${backend.name}] proverka verify, rebuild, checkpoint`, () => {
    const cli = cliBackend(backend);
    let pristine: string;
    /** A fresh copy of the small database, changed by `statements` (run directly on it, in one transaction). */
    const tampered = async (...statements: string[]): Promise<string> => {
      const copy = await cli.copy(pristine);
      if (statements.length > 0) await cli.execute(copy, statements);
      return copy;
    };

    beforeAll(async () => {
      pristine = cli.newLocation();
      await buildSmallDatabase(pristine);
    });

    it('an intact database verifies: exit 0 and a line with the counts', async () => {
      const run = await runCli(['verify', '--db', await tampered()]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^intact: every hash chain and checkpoint verified \(\d+ events in \d+ streams, 1 checkpoint; database integrity: ok\)\n$/);
      // Progress goes to stderr, as plain lines when stderr is not a terminal.
      expect(run.stderr).toMatch(/verifying: 100%/);
    });

    it("an event's payload altered: names that event", async () => {
      const file = await tampered(`update events set payload = ${cli.sql.payloadWith('reason', '"we never refused"')} where stream_id = '${STREAM}' and seq = 4`);
      expectBroken(await runCli(['verify', '--db', file]), STREAM, 4, /hash-mismatch/);
    });

    it('an event deleted in the middle of a stream: names the missing sequence', async () => {
      const file = await tampered(`delete from events where stream_id = '${STREAM}' and seq = 6`);
      const run = await runCli(['verify', '--db', file]);
      expectBroken(run, STREAM, 6, /missing-event/);
    });

    it('the last event of a stream deleted: names it (the checkpoint and the head recorded it)', async () => {
      const file = await tampered(`delete from events where stream_id = '${STREAM}' and seq = 13`);
      expectBroken(await runCli(['verify', '--db', file]), STREAM, 13, /missing-event/);
    });

    it('two events of a stream swapped (their seq exchanged): names the first of them', async () => {
      const file = await tampered(
        `update events set seq = -1 where stream_id = '${STREAM}' and seq = 3`,
        `update events set seq = 3 where stream_id = '${STREAM}' and seq = 4`,
        `update events set seq = 4 where stream_id = '${STREAM}' and seq = -1`,
      );
      expectBroken(await runCli(['verify', '--db', file]), STREAM, 3, /chain-broken|hash-mismatch/);
    });

    it('two events of a stream swapped (their contents exchanged): names the first of them', async () => {
      const cols = ['type', 'actor', 'at', 'payload', 'prev_hash', 'hash'];
      const set = (from: number): string => cols.map((c) => `${c} = (select ${c} from events where stream_id = '${STREAM}' and seq = ${from})`).join(', ');
      const file = await tampered(
        `create temporary table keep as select * from events where stream_id = '${STREAM}' and seq = 8`,
        `update events set ${set(9)} where stream_id = '${STREAM}' and seq = 8`,
        `update events set ${cols.map((c) => `${c} = (select ${c} from keep)`).join(', ')} where stream_id = '${STREAM}' and seq = 9`,
      );
      expectBroken(await runCli(['verify', '--db', file]), STREAM, 8, /chain-broken|hash-mismatch/);
    });

    it('a whole stream deleted with its projection row, after a checkpoint covered it: names the stream and the head the checkpoint recorded', async () => {
      const file = await tampered(`delete from events where stream_id = '${STREAM}'`, `delete from assignments where id = '${STREAM}'`, `delete from co_executors where assignment_id = '${STREAM}'`);
      expectBroken(await runCli(['verify', '--db', file]), STREAM, 13, /missing-stream/);
    });

    it('many problems: the list is capped', async () => {
      const file = await tampered(`update events set payload = ${cli.sql.payloadWith('forged', '1')} where stream_id <> 'ledger_main'`);
      const run = await runCli(['verify', '--db', file]);
      expect(run.code).toBe(1);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^BROKEN at stream \S+, seq 1 \(hash-mismatch\)/);
      expect(lines.filter((l) => l.startsWith('  ') && l.includes('(hash-mismatch)'))).toHaveLength(19);
      expect(run.stdout).toMatch(/… and \d+ more problems/);
    });

    it('rebuild keeps verify intact and the case output the same', async () => {
      const file = await tampered();
      const [before, casesBefore] = await Promise.all([runCli(['case', STREAM, '--db', file, '--json', '--at', SMALL.asOf]), runCli(['cases', '--db', file, '--at', SMALL.asOf])]);
      const rebuilt = await runCli(['rebuild', '--db', file]);
      expect(rebuilt.code, rebuilt.stderr).toBe(0);
      expect(rebuilt.stdout).toMatch(/^rebuilt every projection from \d+ events in \d+ streams\n$/);
      const [verify, after, casesAfter] = await Promise.all([
        runCli(['verify', '--db', file]),
        runCli(['case', STREAM, '--db', file, '--json', '--at', SMALL.asOf]),
        runCli(['cases', '--db', file, '--at', SMALL.asOf]),
      ]);
      expect(verify.code).toBe(0);
      expect(after.stdout).toBe(before.stdout);
      expect(casesAfter.stdout).toBe(casesBefore.stdout);
    });

    it('rebuild restores a projection row deleted by hand', async () => {
      const file = await tampered(`delete from assignments where id = '${SMALL.late}'`);
      expect((await runCli(['cases', '--db', file])).stdout).not.toContain(SMALL.late);
      expect((await runCli(['rebuild', '--db', file])).code).toBe(0);
      expect((await runCli(['cases', '--db', file])).stdout).toContain(SMALL.late);
    });

    it('checkpoint appends one now, and the record still verifies', async () => {
      const file = await tampered();
      const run = await runCli(['checkpoint', '--db', file]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^checkpoint 2 at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\n {2}root {5}[0-9a-f]{64}\n {2}covers {3}\d+ streams \(0 changed since the previous checkpoint\)\n$/);
      const verify = await runCli(['verify', '--db', file]);
      expect(verify.code).toBe(0);
      expect(verify.stdout).toContain('2 checkpoints');
    });
  });
}
