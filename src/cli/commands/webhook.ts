/**
 * `proverka webhook`: webhook subscriptions from the command line. `add URL` (a fresh signing
 * secret, printed once on stdout), `list`, `remove ID` (deactivated: kept for its delivery log;
 * messages not yet sent to it are cancelled), and `log` (the latest delivery attempts). Also
 * `proverka notify digest PERSON on|off`: whether a person's digest-eligible e-mails wait for their
 * daily digest.
 */
import { randomBytes } from 'node:crypto';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { systemClock } from '../../domain/clock.js';
import { kindOfId } from '../../domain/ids.js';
import { toInstant } from '../../domain/time.js';
import { newWebhookSecret } from '../../jobs/notify/webhooks.js';
import { withDatabase } from '../database.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import { dbOption, integerIn, jsonOption } from '../options.js';

/** Parses a webhook URL: absolute http or https, no credentials in it. */
export function webhookUrlArg(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new InvalidArgumentError('not a URL (e.g. https://example.org/hooks/proverka)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidArgumentError('not an http or https URL');
  if (url.username !== '' || url.password !== '') throw new InvalidArgumentError('a webhook URL carries no user name or password (deliveries are signed instead)');
  return url.toString();
}

/** Parses event types: comma-separated `assignment.escalated`, `assignment.*` or `*`. */
export function eventTypesArg(text: string): string[] {
  const types = text.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const wrong = types.filter((t) => !/^(\*|[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*(\.\*)?)$/.test(t));
  if (types.length === 0 || wrong.length > 0) throw new InvalidArgumentError(`not a list of event types (e.g. assignment.escalated,assignment.* or *)${wrong.length > 0 ? `: ${wrong.join(', ')}` : ''}`);
  return [...new Set(types)];
}

/** Adds a subscription; prints its id on stderr and its secret, once, on stdout. */
export async function webhookAdd(url: string, opts: { readonly db: string; readonly events: readonly string[] }, io: Io): Promise<void> {
  await withDatabase(opts.db, async (app) => {
    const id = `whk_${randomBytes(8).toString('hex')}`;
    const secret = newWebhookSecret();
    await app.store.outbox.addSubscription({ id, url, secret, eventTypes: opts.events, active: true, createdAt: toInstant(systemClock.now()) });
    io.note(`proverka: added the webhook ${id} to ${url} for ${opts.events.join(', ')}; its signing secret is shown once, below: give it to the receiver now`);
    io.print(secret);
  });
}

/** Lists subscriptions (active ones unless `all`); never their secrets. */
export async function webhookList(opts: { readonly db: string; readonly json?: boolean; readonly all?: boolean }, io: Io): Promise<void> {
  await withDatabase(opts.db, async (app) => {
    const subs = (await app.store.outbox.subscriptions(opts.all === true)).map((s) => ({ id: s.id, url: s.url, eventTypes: s.eventTypes, active: s.active, createdAt: s.createdAt }));
    if (opts.json) {
      io.print(JSON.stringify(subs, null, 2));
      return;
    }
    if (subs.length === 0) {
      io.print('no webhooks (add one with: proverka webhook add URL --events TYPES --db DB)');
      return;
    }
    for (const s of subs) io.print([s.id, s.active ? 'active' : 'removed', s.createdAt.slice(0, 19).replace('T', ' '), s.eventTypes.join(','), s.url].join('  '));
  });
}

/** Removes (deactivates) a subscription; a usage error when no active one has that id. */
export async function webhookRemove(id: string, opts: { readonly db: string }, io: Io): Promise<void> {
  await withDatabase(opts.db, async (app) => {
    if (!(await app.store.outbox.removeSubscription(id))) throw new CliError(`no active webhook with the id ${id}`);
    io.print(`removed the webhook ${id}; deliveries not yet made to it will be cancelled`);
  });
}

/** Prints the latest delivery attempts (of every message, or of one). */
export async function webhookLog(opts: { readonly db: string; readonly json?: boolean; readonly message?: string; readonly limit: number }, io: Io): Promise<void> {
  await withDatabase(opts.db, async (app) => {
    const log = (await app.store.outbox.deliveries(opts.message)).slice(-opts.limit);
    if (opts.json) {
      io.print(JSON.stringify(log, null, 2));
      return;
    }
    if (log.length === 0) io.print('no delivery attempts yet');
    for (const d of log) io.print([d.at, d.outboxId, `#${d.attempt}`, d.outcome, d.statusCode ?? '-', `${d.durationMs} ms`, d.error ?? ''].join('  ').trimEnd());
  });
}

/** Sets whether a person's digest-eligible e-mails wait for their daily digest. */
export async function notifyDigest(personId: string, setting: 'on' | 'off', opts: { readonly db: string }, io: Io): Promise<void> {
  await withDatabase(opts.db, async (app) => {
    const name = kindOfId(personId) === 'person' ? (await app.store.fresh.names([personId])).get(personId) : undefined;
    if (name === undefined) throw new CliError(`no person with the id ${personId}`);
    await app.store.outbox.setDigest(personId, setting === 'on', toInstant(systemClock.now()));
    io.print(setting === 'on' ? `${name} (${personId}) now gets a daily digest instead of each notice` : `${name} (${personId}) now gets each notice at once`);
  });
}

/** Adds `webhook` and `notify` and their subcommands to the program. */
export function registerWebhook(program: Command, io: Io): void {
  const webhook = program.command('webhook').description('signed webhooks: add, list, remove, log');
  webhook
    .command('add')
    .description('subscribe a URL to events; prints its signing secret once')
    .argument('<url>', 'where to POST (http or https)', webhookUrlArg)
    .addOption(new Option('--events <types>', 'comma-separated event types: assignment.escalated, assignment.* or *').argParser(eventTypesArg).default(['*'], '*'))
    .addOption(dbOption())
    .action((url: string, opts: { db: string; events: string[] }) => webhookAdd(url, opts, io));
  webhook
    .command('list')
    .description('the subscriptions (never their secrets)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .option('--all', 'removed ones too')
    .action((opts: { db: string; json?: boolean; all?: boolean }) => webhookList(opts, io));
  webhook
    .command('remove')
    .description('remove a subscription (its pending deliveries are cancelled)')
    .argument('<id>', 'the whk_… id')
    .addOption(dbOption())
    .action((id: string, opts: { db: string }) => webhookRemove(id, opts, io));
  webhook
    .command('log')
    .description('the latest delivery attempts of webhooks and e-mails')
    .addOption(dbOption())
    .addOption(jsonOption())
    .option('--message <id>', 'only the attempts of this out_… message')
    .addOption(new Option('--limit <n>', 'how many (latest first cut)').argParser(integerIn(1, 100_000)).default(50))
    .action((opts: { db: string; json?: boolean; message?: string; limit: number }) => webhookLog(opts, io));

  const notify = program.command('notify').description('e-mail notifications: the daily digest');
  notify
    .command('digest')
    .description("whether a person's routine notices wait for one daily e-mail (escalations are always sent at once)")
    .argument('<person-id>')
    .argument('<setting>', 'on or off', (text: string) => {
      if (text !== 'on' && text !== 'off') throw new InvalidArgumentError('on or off');
      return text;
    })
    .addOption(dbOption())
    .action((personId: string, setting: 'on' | 'off', opts: { db: string }) => notifyDigest(personId, setting, opts, io));
}
