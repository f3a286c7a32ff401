/**
 * The one place where every failure becomes one line for a person and an exit code: store
 * failures (StoreError codes), refusals of the application (ProverkaError / AppError codes),
 * commander's usage errors, the command's own input errors, and anything unexpected.
 */
import { CommanderError } from 'commander';
import type { AppError } from '../app/errors.js';
import { ProverkaError } from '../app/errors.js';
import { StoreError, type StoreErrorCode } from '../store/errors.js';
import { redact } from '../store/postgres/postgres-url.js';
import type { VerifyReport } from '../store/port.js';
import { EXIT, type ExitCode } from './exit-codes.js';

/** A failure the command itself detects (a bad argument, a file it will not overwrite): message and exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.USAGE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Thrown by `verify` after it printed a broken record's report: exit 1. */
export class VerificationFailed extends Error {
  constructor(readonly report: VerifyReport) {
    super('verification failed');
    this.name = 'VerificationFailed';
  }
}

/** What to tell the user and how to exit. An empty message means: print nothing more. */
export interface Failure {
  readonly message: string;
  readonly exitCode: ExitCode;
}

function storeFailure(code: StoreErrorCode, message: string): Failure {
  switch (code) {
    case 'DB_NOT_FOUND':
      return { message, exitCode: EXIT.USAGE };
    case 'DB_EXISTS':
      return { message: `${message}; it was left untouched`, exitCode: EXIT.USAGE };
    case 'DB_CORRUPT':
      return { message: `${message}; it was left untouched`, exitCode: EXIT.USAGE };
    case 'DB_NOT_INITIALISED':
      return { message: `${message}; it was left untouched (create a new database with: proverka init --db FILE-OR-URL)`, exitCode: EXIT.USAGE };
    case 'DB_UNSUPPORTED':
      return { message: `${message}; it was left untouched`, exitCode: EXIT.USAGE };
    case 'DB_UNREACHABLE':
      return { message, exitCode: EXIT.USAGE };
    case 'DB_ACCESS_DENIED':
      return { message, exitCode: EXIT.USAGE };
    case 'DUPLICATE':
      return { message, exitCode: EXIT.USAGE };
    case 'CONFLICT':
      return { message: `another process wrote to the database at the same moment; try again (${message})`, exitCode: EXIT.BUSY };
    case 'RECORD_REJECTED':
      return { message: `${message}; nothing of it was kept`, exitCode: EXIT.USAGE };
    case 'STREAM_KIND_MISMATCH':
      return { message, exitCode: EXIT.USAGE };
  }
}

/** Maps a refusal of the application (an AppError, or a ProverkaError carrying its code) to a line and an exit code. */
export function appFailure(error: AppError | ProverkaError): Failure {
  switch (error.code) {
    case 'NOT_FOUND':
      return { message: error.message, exitCode: EXIT.USAGE };
    case 'WRONG_KIND':
      return { message: error.message, exitCode: EXIT.USAGE };
    case 'ALREADY_EXISTS':
      return { message: error.message, exitCode: EXIT.USAGE };
    case 'VALIDATION_FAILED':
      return { message: `invalid input: ${error.message}`, exitCode: EXIT.USAGE };
    case 'CONFLICT':
      return { message: `another process changed the same record first; try again (${error.message})`, exitCode: EXIT.BUSY };
    default:
      return { message: `refused (${error.code}): ${error.message}`, exitCode: EXIT.USAGE };
  }
}

function commanderFailure(error: CommanderError): Failure {
  switch (error.code) {
    case 'commander.helpDisplayed':
    case 'commander.version':
      return { message: '', exitCode: EXIT.OK };
    case 'commander.help':
    case 'commander.executeSubCommandAsync':
      // Help was printed because no command was given.
      return { message: '', exitCode: EXIT.USAGE };
    default:
      return { message: oneLine(error.message.replace(/^error:\s*/, '')), exitCode: EXIT.USAGE };
  }
}

/** The SQLite driver's own codes that mean "someone else holds the database". */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY_SNAPSHOT';
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** True when an error is a network failure: nothing answered at a database server's address, no route, no such host, or the connection dropped. */
export function isNetworkFailure(error: unknown): boolean {
  return NETWORK_CODES.has(String((error as { code?: unknown } | null)?.code));
}

/**
 * PostgreSQL's own refusals that are not bugs of ours: the server refused the login (SQLSTATE class
 * 28), the connection failed or was lost (class 08, or a network error), the server is starting,
 * shutting down or out of connections. Undefined for anything else.
 */
function postgresFailure(error: unknown): Failure | undefined {
  const code = String((error as { code?: unknown } | null)?.code);
  const message = error instanceof Error ? error.message : String(error);
  if (isNetworkFailure(error)) return { message: `lost or could not open the connection to the database server (${code}): ${message}`, exitCode: EXIT.USAGE };
  if (!/^[0-9A-Z]{5}$/.test(code)) return undefined;
  if (code.startsWith('28')) return { message: `PostgreSQL refused the login: ${message}`, exitCode: EXIT.USAGE };
  if (code.startsWith('08')) return { message: `the connection to PostgreSQL failed: ${message}`, exitCode: EXIT.USAGE };
  if (code === '53300' || code === '57P03') return { message: `PostgreSQL is busy or not ready (${message}); try again`, exitCode: EXIT.BUSY };
  if (code === '57P01' || code === '57P02') return { message: `PostgreSQL ended the session (${message}); try again`, exitCode: EXIT.BUSY };
  return undefined;
}

/** One line, with the password of any PostgreSQL URL in it masked. */
function oneLine(text: string): string {
  return redact(
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .join(' '),
  );
}

/** Turns anything thrown by a command into the line to print (without the `proverka: ` prefix) and the exit code. */
export function describeFailure(error: unknown): Failure {
  if (error instanceof CommanderError) return commanderFailure(error);
  if (error instanceof VerificationFailed) {
    const first = error.report.problems[0];
    const where = first ? `; the first broken event is ${first.streamId} seq ${first.seq ?? '-'} (${first.kind})` : '';
    return { message: `the record is broken: ${error.report.problems.length} problem(s)${where}`, exitCode: EXIT.VERIFY_FAILED };
  }
  if (error instanceof CliError) return { message: oneLine(error.message), exitCode: error.exitCode };
  if (error instanceof StoreError) {
    const f = storeFailure(error.code, error.message);
    return { ...f, message: oneLine(f.message) };
  }
  if (error instanceof ProverkaError) {
    const f = appFailure(error);
    return { ...f, message: oneLine(f.message) };
  }
  if (isBusy(error)) return { message: 'the database is busy: another process holds it; try again', exitCode: EXIT.BUSY };
  const pg = postgresFailure(error);
  if (pg) return { ...pg, message: oneLine(pg.message) };
  const message = error instanceof Error ? error.message : String(error);
  return { message: oneLine(`internal error: ${message}`), exitCode: EXIT.INTERNAL };
}
