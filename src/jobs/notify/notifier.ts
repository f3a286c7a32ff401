/**
 * The notifier as a process runs it: a dispatcher over the store's outbox with an SMTP mailer when
 * a server is configured (PROVERKA_SMTP_* or given), webhooks always, daily digests on; and the
 * JSON log line of each thing it does (ids, outcomes and errors; never the content or a secret).
 */
import type { Clock } from '../../domain/clock.js';
import type { OutboxStore } from '../../store/outbox.js';
import { startDispatcher, type DispatchEvent, type Dispatcher } from './dispatcher.js';
import { smtpConfigFromEnv, smtpMailer, type SmtpConfigInput } from './mailer.js';

/** What a notifier is built from. */
export interface NotifierOptions {
  readonly outbox: OutboxStore;
  readonly clock: Clock;
  /** Its name, unique among the running ones. */
  readonly worker: string;
  /** The SMTP server; read from `env` (PROVERKA_SMTP_HOST …) when absent; no e-mail is sent without one. */
  readonly smtp?: SmtpConfigInput;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly intervalMs?: number;
  readonly onEvent?: (event: DispatchEvent) => void;
}

/** A running notifier, and whether it sends e-mail. */
export interface Notifier extends Dispatcher {
  readonly email: boolean;
}

/** Starts the dispatcher loop; `stop` ends it and closes the SMTP transport. */
export function startNotifier(options: NotifierOptions): Notifier {
  const smtp = options.smtp ?? smtpConfigFromEnv(options.env ?? {});
  const mailer = smtp === undefined ? undefined : smtpMailer(smtp);
  const dispatcher = startDispatcher({
    outbox: options.outbox,
    clock: options.clock,
    worker: options.worker,
    ...(mailer !== undefined ? { mailer } : {}),
    ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
    ...(options.onEvent !== undefined ? { onEvent: options.onEvent } : {}),
  });
  return {
    email: mailer !== undefined,
    stop: async () => {
      await dispatcher.stop();
      mailer?.close();
    },
  };
}

/** A dispatcher event as one JSON log line. */
export function notifierLogLine(worker: string, e: DispatchEvent): Record<string, unknown> {
  switch (e.type) {
    case 'error':
      return { level: 'error', event: 'notify-error', worker, error: e.error instanceof Error ? e.error.message : String(e.error) };
    case 'sent':
      return { level: 'info', event: 'notify-sent', worker, id: e.id, channel: e.channel, attempt: e.attempt };
    case 'retry':
      return { level: 'warn', event: 'notify-retry', worker, id: e.id, channel: e.channel, attempt: e.attempt, error: e.error, retryAt: e.retryAt };
    case 'failed':
      return { level: 'error', event: 'notify-failed', worker, id: e.id, channel: e.channel, attempt: e.attempt, error: e.error };
    case 'cancelled':
      return { level: 'info', event: 'notify-cancelled', worker, id: e.id, reason: e.reason };
    case 'lease-lost':
      return { level: 'info', event: 'notify-lease-lost', worker, id: e.id };
    case 'digests':
      return { level: 'info', event: 'notify-digests', worker, written: e.written };
  }
}
