/** Parsers of option values: each returns the value or throws commander's InvalidArgumentError (a usage error, exit 2). */
import { InvalidArgumentError, Option } from 'commander';
import { parseInstant, type Instant } from '../domain/time.js';
import { isPostgresUrl } from '../store/postgres/postgres-url.js';

/** A parser of whole numbers between `min` and `max`. */
export function integerIn(min: number, max: number): (text: string) => number {
  return (text) => {
    if (!/^-?\d+$/.test(text.trim())) throw new InvalidArgumentError(`not a whole number (expected ${min}–${max})`);
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`out of range (expected ${min}–${max})`);
    return n;
  };
}

/** Parses an instant: an ISO-8601 date-time with its zone, or a date `YYYY-MM-DD` (midnight UTC). */
export function instantArg(text: string): Instant {
  const t = text.trim();
  const at = parseInstant(/^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00Z` : t);
  if (at === undefined) throw new InvalidArgumentError('not a date-time (e.g. 1922-03-01T12:00:00Z or 1922-03-01)');
  return at;
}

/** The `--db` option every command but `start` requires: an SQLite file or a `postgres://` URL. */
export function dbOption(): Option {
  return new Option('--db <location>', 'the database: an SQLite file, or a postgres://user@host:port/name URL').makeOptionMandatory();
}

/** Parses a PostgreSQL URL (`postgres://` or `postgresql://`); anything else is a usage error. */
export function postgresUrlArg(text: string): string {
  if (!isPostgresUrl(text.trim())) throw new InvalidArgumentError('not a PostgreSQL URL (postgres://user@host:port/name)');
  return text.trim();
}

/** The `--read-db URL` option of the read-only commands: their queries go to this PostgreSQL replica of `--db`. */
export function readDbOption(): Option {
  return new Option('--read-db <url>', 'send the queries to this read replica of the --db PostgreSQL database').argParser(postgresUrlArg);
}

/** The `--at INSTANT` option of the queries: the moment the view is computed for (default now). */
export function atOption(): Option {
  return new Option('--at <instant>', 'compute as of this moment (ISO-8601 or YYYY-MM-DD; default: now)').argParser(instantArg);
}

/** The `--json` option: machine-readable output on stdout. */
export function jsonOption(): Option {
  return new Option('--json', 'print JSON instead of text');
}
