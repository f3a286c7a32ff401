/**
 * `proverka serve --db FILE|URL`: the HTTP API over a database, until SIGTERM or SIGINT. Logs are
 * JSON lines on stdout (level from LOG_LEVEL, default info; credentials redacted); one line on
 * stderr says where it listens. A missing or corrupt database, or a port in use, ends it at once
 * with one line and exit code 2. On a signal it stops accepting, finishes the requests in flight
 * (cut after 10 s), closes the database and exits 0.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { FastifyServerOptions } from 'fastify';
import { oidcOptionsFromEnv, type OidcOptions } from '../../app/accounts/oidc.js';
import { systemClock } from '../../domain/clock.js';
import { defaultHandlers } from '../../jobs/handlers.js';
import { notifierLogLine, startNotifier } from '../../jobs/notify/notifier.js';
import { startScheduler } from '../../jobs/scheduler.js';
import { isPostgresUrl } from '../../store/postgres/postgres-url.js';
import { displayLocation, withDatabase } from '../database.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import { dbOption, integerIn, readDbOption } from '../options.js';
import { defaultWorkerId, schedulerLogLine } from './worker.js';

/** The port served when neither --port nor PORT says otherwise. */
export const DEFAULT_PORT = 3000;

/** The address listened on when neither --host nor HOST says otherwise: this machine only. */
export const DEFAULT_HOST = '127.0.0.1';

/** Where evidence files go for a PostgreSQL database when --files is not given. */
export const DEFAULT_POSTGRES_FILES = 'proverka-files';

/** The log levels LOG_LEVEL may name. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Where and how to serve. */
export interface ServeOptions {
  readonly db: string;
  readonly readDb?: string;
  readonly port: number;
  readonly host: string;
  /** Where evidence files are kept; beside the database file (`FILE.files`) or ./proverka-files by default. */
  readonly files?: string;
  /** The URL users reach the server at (behind a proxy: its URL); https makes the cookies Secure. */
  readonly publicUrl?: string;
  /** Run the scheduler (due reminders and escalations) in this process too (default true; `--no-scheduler`). */
  readonly scheduler?: boolean;
}

/** Single sign-on from PROVERKA_OIDC_* (none when none is set); a partial or malformed setting is a usage error. */
export function oidcFromEnv(env: NodeJS.ProcessEnv = process.env): OidcOptions | undefined {
  try {
    return oidcOptionsFromEnv(env);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

/** Parses an http(s) URL. */
export function publicUrlArg(text: string): string {
  const t = text.trim().replace(/\/+$/, '');
  if (!URL.canParse(t) || !/^https?:$/.test(new URL(t).protocol)) throw new InvalidArgumentError('not an http(s) URL');
  return t;
}

/** The folder of evidence files: --files if given, else `FILE.files` beside a database file, else ./proverka-files for PostgreSQL. */
export function filesDirFor(db: string, files?: string): string {
  if (files !== undefined) return resolve(files);
  return resolve(isPostgresUrl(db) ? DEFAULT_POSTGRES_FILES : `${db}.files`);
}

/** The server's logger: pino JSON lines on stdout at LOG_LEVEL (default info), with credentials redacted. */
export function loggerOptions(env: NodeJS.ProcessEnv = process.env): Exclude<FastifyServerOptions['logger'], undefined | boolean> {
  const level = (env['LOG_LEVEL'] ?? 'info').trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new CliError(`LOG_LEVEL=${env['LOG_LEVEL'] ?? ''} is not a log level (one of ${LOG_LEVELS.join(', ')})`);
  return {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    serializers: {
      // Fastify's own request fields, with the secrets some URLs carry taken out.
      req: (req: { method: string; url: string; hostname?: string; ip?: string; socket?: { remotePort?: number } }) => ({
        method: req.method,
        url: redactUrl(req.url),
        host: req.hostname,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
}

/** A URL fit for the logs: a beneficiary link's token, a calendar feed's token and a sign-in's code and state are secrets. */
export function redactUrl(url: string): string {
  return url.replace(/^\/(confirm|calendar)\/[^/?#]+/, '/$1/[redacted]').replace(/([?&](?:code|state|session_state)=)[^&#]*/g, '$1[redacted]');
}

/** The port from the PORT environment variable, or the default. */
export function portFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = env['PORT'];
  if (text === undefined || text.trim() === '') return DEFAULT_PORT;
  try {
    return integerIn(0, 65_535)(text);
  } catch (error) {
    throw new CliError(`PORT=${text} is not a port: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The address from the HOST environment variable, or the default. */
export function hostFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const text = env['HOST']?.trim();
  return text === undefined || text === '' ? DEFAULT_HOST : text;
}

/** PROVERKA_PUBLIC_URL, checked. */
function publicUrlFromEnv(text: string): string {
  try {
    return publicUrlArg(text);
  } catch {
    throw new CliError(`PROVERKA_PUBLIC_URL=${text} is not an http(s) URL`);
  }
}

/** The URL of a listening address, as a browser takes it. */
export function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** One line for a failure to listen. */
function listenFailure(error: unknown, host: string, port: number): Error {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return new CliError(`cannot listen on ${host}:${port}: the port is in use (choose another with --port or PORT)`);
  if (code === 'EACCES') return new CliError(`cannot listen on ${host}:${port}: not allowed (ports below 1024 need privileges)`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new CliError(`cannot listen on ${host}:${port}: no such address on this machine`);
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Serves the API over the database until SIGTERM or SIGINT, then closes everything. `onListening`
 * runs once the server listens (what `start` prints then).
 */
export async function serve(opts: ServeOptions, io: Io, onListening?: (url: string) => void): Promise<void> {
  const logger = loggerOptions();
  const oidc = oidcFromEnv();
  const filesDir = filesDirFor(opts.db, opts.files);
  const setup = opts.readDb !== undefined ? { readLocation: opts.readDb } : {};
  // Loaded on demand: the other commands never pay for the HTTP server and its plugins.
  const [{ buildServer }, { closeOnSignal, exitSoon }] = await Promise.all([import('../../http/server.js'), import('../../http/lifecycle.js')]);
  await withDatabase(
    opts.db,
    async (app) => {
      try {
        mkdirSync(filesDir, { recursive: true });
      } catch (error) {
        throw new CliError(`cannot use ${filesDir} for evidence files: ${error instanceof Error ? error.message : String(error)}`);
      }
      const server = await buildServer({
        app,
        clock: systemClock,
        filesDir,
        logger,
        databaseLabel: displayLocation(opts.db),
        ...(oidc !== undefined ? { oidc } : {}),
        ...(opts.publicUrl !== undefined ? { publicUrl: opts.publicUrl, secure: opts.publicUrl.startsWith('https:') } : {}),
      });
      const watch = closeOnSignal(server);
      try {
        await server.listen({ port: opts.port, host: opts.host });
      } catch (error) {
        watch.stop();
        await server.close().catch(() => undefined);
        throw listenFailure(error, opts.host, opts.port);
      }
      const address = server.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : opts.port;
      const url = urlOf(opts.host, port);
      io.note(`proverka: serving ${displayLocation(opts.db)} at ${url} (API reference: ${url}/api/docs; stop with Ctrl-C)`);
      onListening?.(url);
      // The scheduler runs beside the API once it listens, and stops (its item in hand finished) before the database closes.
      const worker = defaultWorkerId('serve');
      const scheduler =
        opts.scheduler === false
          ? undefined
          : startScheduler({
              app,
              clock: systemClock,
              handlers: defaultHandlers(),
              worker,
              onEvent: (e) => {
                const { level, ...line } = schedulerLogLine(worker, e);
                if (level === 'error') server.log.error(line, 'scheduler error');
                else if (level === 'warn') server.log.warn(line, 'job failed');
                else server.log.info(line, 'job done');
              },
            });
      // Notifications (e-mail when PROVERKA_SMTP_* is set, webhooks) go out after commit, from the outbox, beside the scheduler.
      const notifier =
        opts.scheduler === false
          ? undefined
          : startNotifier({
              outbox: app.store.outbox,
              clock: systemClock,
              worker,
              env: process.env,
              onEvent: (e) => {
                const { level, ...line } = notifierLogLine(worker, e);
                if (level === 'error') server.log.error(line, 'notification error');
                else if (level === 'warn') server.log.warn(line, 'notification retry');
                else server.log.info(line, 'notification');
              },
            });
      await watch.closed;
      await scheduler?.stop();
      await notifier?.stop();
    },
    setup,
  );
  // Everything is closed: nothing should keep the process alive; if a stray handle does, end anyway.
  exitSoon();
}

/** The `--port` option, defaulting to PORT or 3000. */
export function portOption(): Option {
  return new Option('--port <n>', `the port to listen on (0: any free port; default: PORT or ${DEFAULT_PORT})`).argParser(integerIn(0, 65_535));
}

/** The `--host` option, defaulting to HOST or 127.0.0.1. */
export function hostOption(): Option {
  return new Option('--host <address>', `the address to listen on (default: HOST or ${DEFAULT_HOST}; 0.0.0.0 for every interface)`).argParser((text) => {
    if (text.trim() === '') throw new InvalidArgumentError('an address is needed');
    return text.trim();
  });
}

/** Adds `serve` to the program. */
export function registerServe(program: Command, io: Io): void {
  program
    .command('serve')
    .description('serve the HTTP API over a database (JSON logs on stdout; /healthz, /readyz, /metrics; stop with SIGTERM or Ctrl-C)')
    .addOption(dbOption())
    .addOption(readDbOption())
    .addOption(portOption())
    .addOption(hostOption())
    .option('--files <dir>', 'where evidence files are kept (default: FILE.files beside a database file, ./proverka-files for PostgreSQL)')
    .option('--no-scheduler', 'do not run the scheduler (due reminders and escalations) in this process; run `proverka worker` instead')
    .addOption(new Option('--public-url <url>', 'the URL users reach the server at, e.g. behind a proxy (default: PROVERKA_PUBLIC_URL); https makes cookies Secure').argParser(publicUrlArg))
    .addHelpText('after', '\nSingle sign-on: set PROVERKA_OIDC_ISSUER, PROVERKA_OIDC_CLIENT_ID, PROVERKA_OIDC_CLIENT_SECRET and PROVERKA_OIDC_REDIRECT_URI.\nLogs: JSON lines on stdout at LOG_LEVEL (default info).')
    .action((opts: { db: string; readDb?: string; port?: number; host?: string; files?: string; publicUrl?: string; scheduler: boolean }) => {
      const envUrl = process.env['PROVERKA_PUBLIC_URL'];
      const publicUrl = opts.publicUrl ?? (envUrl !== undefined && envUrl.trim() !== '' ? publicUrlFromEnv(envUrl) : undefined);
      return serve(
        {
          db: opts.db,
          port: opts.port ?? portFromEnv(),
          host: opts.host ?? hostFromEnv(),
          scheduler: opts.scheduler,
          ...(opts.readDb !== undefined ? { readDb: opts.readDb } : {}),
          ...(opts.files !== undefined ? { files: opts.files } : {}),
          ...(publicUrl !== undefined ? { publicUrl } : {}),
        },
        io,
      );
    });
}
