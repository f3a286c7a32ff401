/**
 * `case` and `cases` on a small database built through the application (text and JSON), on each
 * back end: an SQLite file and a PostgreSQL database, the same output from both.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { cliBackend } from './databases.js';
import { runCli } from './run-cli.js';
import { buildSmallDatabase, SMALL } from './small-db.js';

interface JsonInterval {
  from: string;
  to: string;
  ms: number;
  personId: string;
  unitId: string;
  role: string;
  overdue: boolean;
}
interface JsonCase {
  id: string;
  decision: { number: string; date: string; title: string } | null;
  ledger: {
    elapsedMs: number;
    overdueMs: number;
    intervals: JsonInterval[];
    byPerson: { id: string; ms: number; overdueMs: number }[];
    requests: { kind: string; by: string; to: string; outcome: string; answer: string | null }[];
  };
  events: { seq: number; type: string; hash: string }[];
  names: Record<string, string>;
  asOf: string;
}
interface JsonCases {
  asOf: string;
  cases: { id: string; status: string; overdue: boolean; ownerId: string; holderId: string }[];
  names: Record<string, string>;
}

const HOUR = 3_600_000;

/** The back ends under test, each used once here at the top level: the SQLite one registers the removal of its folder on first use, which runs after this file only if registered here. */
const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

for (const backend of BACKENDS) {
  // Concurrent: every test only reads the one small database.
  describe.concurrent(`[${backend.name}] proverka case / cases`, () => {
    const cli = cliBackend(backend);
    let db: string;
    beforeAll(async () => {
      db = cli.newLocation();
      await buildSmallDatabase(db);
    });

    it('case prints the header, the timeline with who held it and for how long, the totals and whom the overdue hours fall on', async () => {
      const run = await runCli(['case', SMALL.stuck, '--db', db, '--at', SMALL.asOf]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toBe('');
      const out = run.stdout;
      // Header.
      expect(out).toContain(`CASE ${SMALL.stuck}: Buy the canned meat offered in port`);
      expect(out).toMatch(/decision\s+No\. 17\/1921 of 2021-03-01: "On the purchase of canned meat" \(Council of Labour and Defence\)/);
      expect(out).toMatch(/owner\s+Ivan Ivanov \(per_ivanov\)/);
      expect(out).toMatch(/verifier\s+Anna Sidorova \(per_sidorova\)/);
      expect(out).toMatch(/controller\s+Alexander Tsiurupa \(per_tsiurupa\)/);
      expect(out).toMatch(/issuer\s+The Chair \(per_chair\)/);
      expect(out).toMatch(/deadline\s+2021-03-08 09:00 \(never changed\)/);
      expect(out).toMatch(/status\s+verified 2021-03-15 09:00 by Anna Sidorova/);
      expect(out).toContain('2021-03-01 09:00 → 2021-03-15 09:00: 14 d 0 h, of which 7 d 0 h overdue');
      // Timeline: each interval with holder, unit, role, duration and the overdue mark.
      expect(out).toMatch(/2021-03-02 09:00 {2}2021-03-04 09:00 {2}Pyotr Petrov\s+Foreign Trade Commissariat\s+to answer handover\s+2 d 0 h\s*\n/);
      expect(out).toMatch(/2021-03-05 09:00 {2}2021-03-06 09:00 {2}Alexander Tsiurupa\s+Execution Control Office\s+to answer extension\s+1 d 0 h\s*\n/);
      expect(out).toMatch(/2021-03-08 09:00 {2}2021-03-10 14:00 {2}Ivan Ivanov\s+Consumers' Society\s+executing\s+2 d 5 h {2}OVERDUE/);
      expect(out).toMatch(/2021-03-10 17:00 {2}2021-03-12 09:00 {2}Pyotr Petrov\s+Foreign Trade Commissariat\s+executing\s+1 d 16 h {2}OVERDUE/);
      // Totals per person and unit.
      expect(out).toMatch(/Ivan Ivanov\s+Consumers' Society\s+6 d 5 h\s+2 d 5 h/);
      expect(out).toMatch(/Pyotr Petrov\s+Foreign Trade Commissariat\s+4 d 19 h\s+2 d 19 h/);
      expect(out).toMatch(/Execution Control Office\s+3 d 0 h\s+2 d 0 h/);
      // The plain sentence.
      expect(out).toContain(
        'The case ran 7 d 0 h past the deadline in force; those overdue hours fall on Pyotr Petrov (2 d 19 h), Ivan Ivanov (2 d 5 h) and Anna Sidorova (2 d 0 h)',
      );
      // Requests: who asked whom, the outcome and the refusal's reason.
      expect(out).toContain('HANDOVER: Ivan Ivanov offered the case to Pyotr Petrov: "foreign trade buys abroad"');
      expect(out).toContain('REFUSED by Pyotr Petrov 2021-03-04 09:00, 2 d 0 h later: "not our business: the society pays"');
      expect(out).toContain('EXTENSION: Ivan Ivanov asked Alexander Tsiurupa to extend the deadline to 2021-03-20 09:00: "no money yet"');
      expect(out).toContain('REFUSED by Alexander Tsiurupa 2021-03-06 09:00, 1 d 0 h later: "the ship will not wait"');
      expect(out).toContain('→ accepted by Pyotr Petrov 2021-03-10 17:00, 0 d 3 h later');
      // Escalations and rejections.
      expect(out).toContain('level 1: Alexander Tsiurupa raised it to The Chair: "two agencies send each other to the devil"');
      expect(out).toContain('rejected by Anna Sidorova: "no invoice attached"');
      // The event log with the first 12 hex digits of each hash.
      expect(out).toContain('EVENT LOG (13 events, hash-chained)');
      expect(out).toMatch(/ {3}1 {2}2021-03-01 09:00 {2}assignment\.issued\s+The Chair\s+[0-9a-f]{12}\n/);
      expect(out).toMatch(/13 {2}2021-03-15 09:00 {2}assignment\.verified\s+Anna Sidorova\s+[0-9a-f]{12}\n/);
    });

    it('case --json prints the whole view; its intervals tile the life of the case and the names are an object', async () => {
      const run = await runCli(['case', SMALL.stuck, '--db', db, '--json', '--at', SMALL.asOf]);
      expect(run.code, run.stderr).toBe(0);
      const view = JSON.parse(run.stdout) as JsonCase;
      expect(view.id).toBe(SMALL.stuck);
      expect(view.asOf).toBe(SMALL.asOf);
      expect(view.decision).toMatchObject({ number: '17/1921', date: '2021-03-01', title: 'On the purchase of canned meat' });
      expect(view.names[SMALL.people.trader]).toBe('Pyotr Petrov');
      expect(view.ledger.elapsedMs).toBe(14 * 24 * HOUR);
      expect(view.ledger.overdueMs).toBe(7 * 24 * HOUR);
      expect(view.ledger.intervals.reduce((sum, i) => sum + i.ms, 0)).toBe(view.ledger.elapsedMs);
      expect(view.ledger.byPerson.find((t) => t.id === SMALL.people.trader)).toEqual({ id: SMALL.people.trader, ms: (4 * 24 + 19) * HOUR, overdueMs: (2 * 24 + 19) * HOUR });
      expect(view.ledger.requests.map((r) => [r.kind, r.by, r.to, r.outcome])).toEqual([
        ['handover', SMALL.people.clerk, SMALL.people.trader, 'refused'],
        ['extension', SMALL.people.clerk, SMALL.people.controller, 'refused'],
        ['handover', SMALL.people.clerk, SMALL.people.trader, 'accepted'],
      ]);
      expect(view.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
      expect(view.events.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    });

    it('an open case is computed up to --at, with its current holder', async () => {
      const run = await runCli(['case', SMALL.late, '--db', db, '--at', SMALL.asOf]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/holder now\s+Pyotr Petrov \(Foreign Trade Commissariat\), executing/);
      expect(run.stdout).toContain('→ 2021-04-01 00:00 (still open)');
      expect(run.stdout).toContain('The case has run 27 d 15 h past the deadline in force; those overdue hours fall on Pyotr Petrov (27 d 15 h)');
      expect(run.stdout).toMatch(/HANDOVERS, TRANSFERS AND EXTENSION REQUESTS\n {2}none/);
    });

    it('cases lists every case by deadline with its owner, holder and overdue mark', async () => {
      const run = await runCli(['cases', '--db', db, '--at', SMALL.asOf]);
      expect(run.code, run.stderr).toBe(0);
      const lines = run.stdout.split('\n');
      expect(lines[0]).toMatch(/^id\s+status\s+deadline \(UTC\)\s+owner\s+holder\s+overdue\s+title$/);
      expect(lines[1]).toMatch(/^asg_late-open\s+in progress\s+2021-03-04 09:00\s+Pyotr Petrov\s+Pyotr Petrov\s+OVERDUE\s+Report on coal stocks$/);
      expect(lines[2]).toMatch(/^asg_canned-meat-small\s+verified\s+2021-03-08 09:00\s+Ivan Ivanov\s+Anna Sidorova\s+Buy the canned meat offered in port$/);
      expect(lines[3]).toMatch(/^asg_in-time\s+issued\s+2031-01-01 00:00\s+Ivan Ivanov\s+Ivan Ivanov\s+Audit the commissions$/);
      expect(run.stdout).toContain('3 cases, 1 overdue case (as of 2021-04-01 00:00 UTC)');
    });

    it('cases --search finds by title or definition of done, case-insensitively', async () => {
      const [byTitle, byDone, none] = await Promise.all([
        runCli(['cases', '--db', db, '--search', 'CANNED']),
        runCli(['cases', '--db', db, '--search', 'commissions to close', '--json']),
        runCli(['cases', '--db', db, '--search', 'nothing like this']),
      ]);
      expect(byTitle.code, byTitle.stderr).toBe(0);
      expect(byTitle.stdout).toContain(SMALL.stuck);
      expect(byTitle.stdout).not.toContain(SMALL.late);
      expect((JSON.parse(byDone.stdout) as JsonCases).cases.map((c) => c.id)).toEqual([SMALL.onTime]);
      expect(none.code).toBe(0);
      expect(none.stdout).toMatch(/^no cases match/);
    });

    it('cases --overdue keeps the open cases past their deadline; --limit cuts the list', async () => {
      const [overdue, limited] = await Promise.all([
        runCli(['cases', '--db', db, '--overdue', '--json', '--at', SMALL.asOf]),
        runCli(['cases', '--db', db, '--limit', '2', '--at', SMALL.asOf]),
      ]);
      const list = JSON.parse(overdue.stdout) as JsonCases;
      expect(list.cases.map((c) => [c.id, c.overdue])).toEqual([[SMALL.late, true]]);
      expect(list.names[SMALL.people.trader]).toBe('Pyotr Petrov');
      expect(limited.stdout).toContain(SMALL.late);
      expect(limited.stdout).not.toContain(SMALL.onTime);
      expect(limited.stdout).toContain('raise --limit');
    });

    it('queries write nothing to the database', async () => {
      const before = await cli.snapshot(db);
      await Promise.all([runCli(['cases', '--db', db]), runCli(['case', SMALL.stuck, '--db', db, '--json'])]);
      expect(await cli.snapshot(db)).toEqual(before);
    });

    if (backend.name === 'postgres') {
      it('--read-db URL hands the read URL to the store: one that is not a streaming replica of --db is refused, one line, exit 2, no password shown (PostgreSQL only: a file has no replica; its counterpart is the refusal for a file)', async () => {
      // The routing to a real replica (built with pg_basebackup) is the replica suite's; here, what the command makes of the option.
      const withPassword = db.replace('postgres://postgres@', 'postgres://postgres:hunter2@');
      for (const args of [
        ['cases', '--db', db, '--read-db', withPassword],
        ['case', SMALL.stuck, '--db', db, '--read-db', withPassword],
      ]) {
        const run = await runCli(args);
        expect(run.code, run.stderr).toBe(2);
        expect(run.errLines).toEqual([expect.stringMatching(/^proverka: .*is not a streaming replica of /)]);
        expect(run.stderr).not.toContain('hunter2');
        expect(run.stdout).toBe('');
      }
      const bad = await runCli(['cases', '--db', db, '--read-db', 'replica.db']);
      expect(bad.code).toBe(2);
      expect(bad.errLines).toEqual([expect.stringMatching(/^proverka: option '--read-db <url>' argument 'replica.db' is invalid\. not a PostgreSQL URL/)]);
    });
  } else {
      it('--read-db is refused with a file for --db, reading nothing (a read replica serves a PostgreSQL primary; its SQLite counterpart is this refusal)', async () => {
        const before = await cli.snapshot(db);
        for (const args of [
          ['cases', '--db', db, '--read-db', 'postgres://postgres@127.0.0.1:5432/replica'],
          ['case', SMALL.stuck, '--db', db, '--read-db', 'postgres://postgres@127.0.0.1:5432/replica'],
        ]) {
          const run = await runCli(args);
          expect(run.code).toBe(2);
          expect(run.errLines).toEqual([expect.stringMatching(/^proverka: .*read replica.*needs PostgreSQL/)]);
          expect(run.stdout).toBe('');
        }
        expect(await cli.snapshot(db)).toEqual(before);
      });
    }
  });
}
