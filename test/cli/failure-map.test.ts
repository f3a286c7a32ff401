/** The one mapping of failures to a line and an exit code, and the plain progress lines (in-process, no child). */
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { ProverkaError } from '../../src/app/errors.js';
import { CliError, describeFailure, VerificationFailed } from '../../src/cli/errors.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { lineProgress } from '../../src/cli/progress.js';
import { StoreError, type StoreErrorCode } from '../../src/store/errors.js';

describe('describeFailure', () => {
  it('maps every store code to one line and an exit code', () => {
    const codes: [StoreErrorCode, number][] = [
      ['DB_NOT_FOUND', EXIT.USAGE],
      ['DB_EXISTS', EXIT.USAGE],
      ['DB_CORRUPT', EXIT.USAGE],
      ['DB_NOT_INITIALISED', EXIT.USAGE],
      ['DB_UNSUPPORTED', EXIT.USAGE],
      ['DB_UNREACHABLE', EXIT.USAGE],
      ['RECORD_REJECTED', EXIT.USAGE],
      ['STREAM_KIND_MISMATCH', EXIT.USAGE],
      ['CONFLICT', EXIT.BUSY],
    ];
    for (const [code, exit] of codes) {
      const f = describeFailure(new StoreError(code, `what happened\nin two lines`));
      expect(f.exitCode, code).toBe(exit);
      expect(f.message).not.toContain('\n');
      expect(f.message).toContain('what happened in two lines');
    }
  });

  it("maps PostgreSQL's own refusals to one line: a refused login or a lost connection is an input error, a server out of connections is BUSY", () => {
    const pgError = (code: string, message: string): Error => Object.assign(new Error(message), { code, severity: 'FATAL' });
    expect(describeFailure(pgError('28P01', 'password authentication failed for user "clerk"'))).toEqual({ message: 'PostgreSQL refused the login: password authentication failed for user "clerk"', exitCode: EXIT.USAGE });
    expect(describeFailure(pgError('28000', 'role "clerk" does not exist')).exitCode).toBe(EXIT.USAGE);
    expect(describeFailure(pgError('08006', 'connection failure')).exitCode).toBe(EXIT.USAGE);
    expect(describeFailure(pgError('53300', 'sorry, too many clients already')).exitCode).toBe(EXIT.BUSY);
    expect(describeFailure(pgError('57P01', 'terminating connection due to administrator command')).exitCode).toBe(EXIT.BUSY);
    expect(describeFailure(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })).exitCode).toBe(EXIT.USAGE);
    // Any other SQL error is ours: an internal error.
    expect(describeFailure(pgError('42P01', 'relation "x" does not exist')).exitCode).toBe(EXIT.INTERNAL);
  });

  it('never prints the password of a PostgreSQL URL, whatever the failure says', () => {
    for (const error of [
      new StoreError('DB_NOT_FOUND', 'no database x at postgres://clerk:hunter2@db.example:5432/x'),
      new Error('could not parse postgresql://clerk:hunter2@db.example/x'),
      new CliError('cannot use postgres://clerk:hunter2@db.example/x'),
    ]) {
      const f = describeFailure(error);
      expect(f.message).not.toContain('hunter2');
      expect(f.message).toMatch(/postgres(ql)?:\/\/clerk:\*\*\*@db\.example/);
    }
  });

  it('maps application codes: unknown ids and refusals are input errors, a lost race is BUSY', () => {
    expect(describeFailure(new ProverkaError('NOT_FOUND', 'no assignment with id asg_x'))).toEqual({ message: 'no assignment with id asg_x', exitCode: EXIT.USAGE });
    expect(describeFailure(new ProverkaError('VALIDATION_FAILED', 'title: too long'))).toEqual({ message: 'invalid input: title: too long', exitCode: EXIT.USAGE });
    expect(describeFailure(new ProverkaError('NOT_THE_OWNER', 'only the owner accepts'))).toEqual({ message: 'refused (NOT_THE_OWNER): only the owner accepts', exitCode: EXIT.USAGE });
    expect(describeFailure(new ProverkaError('CONFLICT', 'head moved')).exitCode).toBe(EXIT.BUSY);
  });

  it("maps commander's errors to exit 2 without its `error:` prefix, and help to 0", () => {
    expect(describeFailure(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'"))).toEqual({ message: "unknown option '--x'", exitCode: EXIT.USAGE });
    expect(describeFailure(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'))).toEqual({ message: '', exitCode: EXIT.OK });
  });

  it('a broken record exits 1; a CLI error keeps its code; anything else is an internal error (70) on one line', () => {
    const report = { ok: false, events: 3, streams: 1, checkpoints: 0, integrity: 'ok', problems: [{ kind: 'hash-mismatch' as const, streamId: 'asg_a1', seq: 2, position: 2, message: 'altered' }] };
    expect(describeFailure(new VerificationFailed(report))).toEqual({ message: 'the record is broken: 1 problem(s); the first broken event is asg_a1 seq 2 (hash-mismatch)', exitCode: EXIT.VERIFY_FAILED });
    expect(describeFailure(new CliError('bad', EXIT.USAGE))).toEqual({ message: 'bad', exitCode: EXIT.USAGE });
    expect(describeFailure(new TypeError('x is undefined\n at y'))).toEqual({ message: 'internal error: x is undefined at y', exitCode: EXIT.INTERNAL });
    expect(describeFailure(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })).exitCode).toBe(EXIT.BUSY);
  });
});

describe('lineProgress', () => {
  it('prints a line when a phase starts and at each further quarter, with the exact percentage', () => {
    const lines: string[] = [];
    const p = lineProgress('building', (l) => lines.push(l));
    for (let done = 1; done <= 10; done++) p.update(done, 10, 'cases');
    p.update(0, 1, 'checkpoint');
    p.update(1, 1, 'checkpoint');
    p.stop();
    expect(lines).toEqual([
      'building (cases): 10% (1/10)',
      'building (cases): 30% (3/10)',
      'building (cases): 50% (5/10)',
      'building (cases): 80% (8/10)',
      'building (cases): 100% (10/10)',
      'building (checkpoint): 0% (0/1)',
      'building (checkpoint): 100% (1/1)',
    ]);
  });
});
