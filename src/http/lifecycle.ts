/**
 * Graceful shutdown of a listening server. On SIGTERM or SIGINT the server stops accepting
 * connections, answers requests that arrive on open connections meanwhile with 503, and lets the
 * requests in flight finish (fastify's close); connections still busy after a deadline are cut.
 * The caller then closes the store and the process ends with exit code 0. A second signal while
 * shutting down ends the process at once (130 after SIGINT, 143 after SIGTERM).
 */
import type { FastifyInstance } from 'fastify';

/** How long requests in flight get to finish after the signal, by default. */
export const SHUTDOWN_DEADLINE_MS = 10_000;

/** How graceful shutdown behaves. */
export interface ShutdownOptions {
  /** How long requests in flight get to finish before their connections are cut (default SHUTDOWN_DEADLINE_MS). */
  readonly deadlineMs?: number;
  /** The signals that start the shutdown (default SIGTERM and SIGINT). */
  readonly signals?: readonly NodeJS.Signals[];
}

/** A watch for the shutdown signals on one server. */
export interface ShutdownWatch {
  /** Resolves, with the signal, once the server is closed after a signal: every request in flight answered or cut at the deadline. */
  readonly closed: Promise<NodeJS.Signals>;
  /** Stops watching (the signals have their default effect again); `closed` then never resolves. */
  stop(): void;
}

/** The exit code of a process ended by a signal it did not handle gracefully: 128 + the signal's number. */
function killedBy(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 130 : 143;
}

/**
 * Watches for SIGTERM/SIGINT and closes the server gracefully on the first one. Install it before
 * the server listens, so that no signal in between ends the process abruptly.
 */
export function closeOnSignal(server: FastifyInstance, options: ShutdownOptions = {}): ShutdownWatch {
  const deadlineMs = options.deadlineMs ?? SHUTDOWN_DEADLINE_MS;
  const signals = options.signals ?? (['SIGTERM', 'SIGINT'] as const);
  let resolveClosed: (signal: NodeJS.Signals) => void = () => undefined;
  const closed = new Promise<NodeJS.Signals>((resolve) => (resolveClosed = resolve));
  let closing = false;

  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) {
      server.log.warn({ event: 'shutdown-forced', signal }, 'second signal while shutting down: ending now');
      process.exit(killedBy(signal));
    }
    closing = true;
    server.log.info({ event: 'shutdown', signal, deadlineMs }, 'shutting down: no new connections; finishing the requests in flight');
    const deadline = setTimeout(() => {
      server.log.warn({ event: 'shutdown-deadline', deadlineMs }, 'requests still in flight at the deadline: cutting their connections');
      server.server.closeAllConnections();
    }, deadlineMs);
    deadline.unref();
    server
      .close()
      .catch((error: unknown) => server.log.error({ err: error }, 'error while closing the server'))
      .finally(() => {
        clearTimeout(deadline);
        // Later signals (until the process ends) are the second-signal case above.
        server.log.info({ event: 'server-closed' }, 'server closed');
        resolveClosed(signal);
      });
  };

  for (const s of signals) process.on(s, onSignal);
  return {
    closed,
    stop: () => {
      for (const s of signals) process.removeListener(s, onSignal);
    },
  };
}

/**
 * Makes sure the process ends soon after everything was closed: if a stray handle (a timer, a
 * socket of a library) still keeps it alive after `graceMs`, it exits with its exit code. The
 * timer itself never keeps the process alive.
 */
export function exitSoon(graceMs = 2_000): void {
  setTimeout(() => process.exit(), graceMs).unref();
}
