/**
 * `proverka user`: accounts from the command line. `add` (a password read from stdin, or none for
 * an account that signs in only through single sign-on), `passwd` (ends the account's sessions),
 * `token` (an API token, printed once), `token-revoke`, `list`, and `grant` (a role, granted by
 * the system: how the first administrator is made). Passwords are only ever read from stdin,
 * never from arguments (which other users of the machine can see).
 */
import { Option, InvalidArgumentError, type Command } from 'commander';
import { changePassword, createAccount } from '../../app/accounts/accounts.js';
import { issueToken, revokeToken, TOKEN_SCOPES, type TokenScope } from '../../app/accounts/tokens.js';
import { unwrap } from '../../app/errors.js';
import type { Proverka } from '../../app/proverka.js';
import { ROLES, type Role } from '../../domain/access/roles.js';
import { systemClock } from '../../domain/clock.js';
import { SYSTEM_ACTOR } from '../../domain/event.js';
import type { AccountRecord } from '../../store/accounts.js';
import { withDatabase } from '../database.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import { dbOption, jsonOption } from '../options.js';

/** Where a password comes from: the whole of stdin, one line. */
export type SecretSource = () => Promise<string>;

/** Reads the password from the process's stdin: everything up to its end, less one trailing newline. */
export async function readStdinSecret(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The password in what stdin gave: one line, its line ending removed; refused when empty or several lines. */
export function passwordFrom(text: string): string {
  const password = text.replace(/\r?\n$/, '');
  if (password === '') throw new CliError('no password on stdin (pipe it in, e.g. `printf %s "$PASSWORD" | proverka user ...`)');
  if (/[\r\n]/.test(password)) throw new CliError('the password on stdin is more than one line');
  return password;
}

/** Parses `read`, `write` or `read,write`. */
export function scopesArg(text: string): TokenScope[] {
  const scopes = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const wrong = scopes.filter((s) => !(TOKEN_SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || wrong.length > 0) throw new InvalidArgumentError(`not a scope list (read, write or read,write)${wrong.length > 0 ? `: ${wrong.join(', ')}` : ''}`);
  return [...new Set(scopes)] as TokenScope[];
}

/** Parses a role name. */
function roleArg(text: string): Role {
  if (!(ROLES as readonly string[]).includes(text)) throw new InvalidArgumentError(`not a role (one of ${ROLES.join(', ')})`);
  return text as Role;
}

/** Parses `ISSUER#SUBJECT`. */
function subjectArg(text: string): string {
  const t = text.trim();
  const hash = t.lastIndexOf('#');
  if (hash <= 0 || hash === t.length - 1) throw new InvalidArgumentError('not ISSUER#SUBJECT (the issuer URL, #, the subject)');
  return t;
}

/** The account of a username, or a usage error naming it. */
async function accountOf(app: Proverka, username: string): Promise<AccountRecord> {
  const account = await app.store.accounts.byUsername(username.trim().toLowerCase());
  if (account === undefined) throw new CliError(`no account with the username ${username}`);
  return account;
}

/** A person's name for messages, or the id when it has none. */
async function nameOf(app: Proverka, personId: string): Promise<string> {
  return (await app.store.reads.names([personId])).get(personId) ?? personId;
}

/** The options of `user add`. */
export interface UserAddOptions {
  readonly db: string;
  readonly person: string;
  readonly passwordStdin?: boolean;
  readonly oidcSubject?: string;
}

/** Creates an account for a person; with `passwordStdin` its password is read from stdin, otherwise it signs in only through single sign-on. */
export async function userAdd(username: string, opts: UserAddOptions, io: Io, secret: SecretSource = readStdinSecret): Promise<void> {
  const password = opts.passwordStdin ? passwordFrom(await secret()) : undefined;
  if (password === undefined && opts.oidcSubject === undefined) io.note('proverka: no password given: the account signs in only through single sign-on (set one later with: proverka user passwd)');
  await withDatabase(opts.db, async (app) => {
    const account = unwrap(
      await createAccount(
        app.store,
        { personId: opts.person, username, ...(password !== undefined ? { password } : {}), ...(opts.oidcSubject !== undefined ? { oidcSubject: opts.oidcSubject } : {}) },
        systemClock.now(),
      ),
    );
    const how = [account.passwordHash !== null ? 'a password' : undefined, account.oidcSubject !== null ? `single sign-on as ${account.oidcSubject}` : undefined].filter((s) => s !== undefined);
    io.print(`created the account ${account.username} (${account.id}) for ${await nameOf(app, account.personId)} (${account.personId}); signs in with ${how.length > 0 ? how.join(' or ') : 'single sign-on once an identity is linked'}`);
  });
}

/** Sets an account's password from stdin, which ends every session of the account. */
export async function userPasswd(username: string, opts: { readonly db: string }, io: Io, secret: SecretSource = readStdinSecret): Promise<void> {
  const password = passwordFrom(await secret());
  await withDatabase(opts.db, async (app) => {
    const account = await accountOf(app, username);
    unwrap(await changePassword(app.store, account.id, password, systemClock.now()));
    io.print(`changed the password of ${account.username}; every session of the account has ended`);
  });
}

/** Issues an API token; the token itself is printed once, on stdout, and never stored. */
export async function userToken(username: string, opts: { readonly db: string; readonly name: string; readonly scope: readonly TokenScope[] }, io: Io): Promise<void> {
  await withDatabase(opts.db, async (app) => {
    const account = await accountOf(app, username);
    const { token, record } = unwrap(await issueToken(app.store, account.id, opts.name, opts.scope, systemClock.now()));
    io.note(`proverka: issued the token ${record.id} (${record.name}; ${record.scopes.join(', ')}) for ${account.username}; it is shown once, below: keep it now`);
    io.print(token);
  });
}

/** Revokes an API token of an account. */
export async function userTokenRevoke(username: string, tokenId: string, opts: { readonly db: string }, io: Io): Promise<void> {
  await withDatabase(opts.db, async (app) => {
    const account = await accountOf(app, username);
    unwrap(await revokeToken(app.store, account.id, tokenId, systemClock.now()));
    io.print(`revoked the token ${tokenId} of ${account.username}`);
  });
}

/** One account as `user list` shows it. */
export interface AccountRow {
  readonly username: string;
  readonly accountId: string;
  readonly personId: string;
  readonly person: string;
  readonly createdAt: string;
  readonly password: boolean;
  readonly oidcSubject: string | null;
  readonly disabled: boolean;
  /** API tokens not revoked. */
  readonly tokens: number;
  readonly revokedTokens: number;
}

/** Every account, by username: found through the people (an account belongs to one person). */
export async function listAccounts(app: Proverka): Promise<AccountRow[]> {
  const rows: AccountRow[] = [];
  for (let after: string | undefined; ; ) {
    const people = await app.store.fresh.streams('person', { limit: 1000, ...(after !== undefined ? { after } : {}) });
    const accounts = (await Promise.all(people.map((p) => app.store.accounts.byPerson(p.id)))).filter((a) => a !== undefined);
    const names = await app.store.fresh.names(accounts.map((a) => a.personId));
    for (const a of accounts) {
      const tokens = await app.store.accounts.tokens(a.id);
      const revoked = tokens.filter((t) => t.revokedAt !== null).length;
      rows.push({
        username: a.username,
        accountId: a.id,
        personId: a.personId,
        person: names.get(a.personId) ?? a.personId,
        createdAt: a.createdAt,
        password: a.passwordHash !== null,
        oidcSubject: a.oidcSubject,
        disabled: a.disabledAt !== null,
        tokens: tokens.length - revoked,
        revokedTokens: revoked,
      });
    }
    if (people.length < 1000) break;
    after = people[people.length - 1]?.id;
  }
  return rows.sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
}

/** Prints every account: username, person, when created, how it signs in, live tokens. */
export async function userList(opts: { readonly db: string; readonly json?: boolean }, io: Io): Promise<void> {
  await withDatabase(opts.db, async (app) => {
    const rows = await listAccounts(app);
    if (opts.json) {
      io.print(JSON.stringify(rows, null, 2));
      return;
    }
    if (rows.length === 0) {
      io.print('no accounts (create one with: proverka user add USERNAME --person ID --db DB --password-stdin)');
      return;
    }
    const table = [
      ['USERNAME', 'PERSON', 'NAME', 'CREATED', 'SIGN-IN', 'TOKENS'],
      ...rows.map((r) => [
        r.username,
        r.personId,
        r.person,
        r.createdAt.slice(0, 19).replace('T', ' '),
        r.disabled ? 'disabled' : [r.password ? 'password' : '', r.oidcSubject !== null ? 'sso' : ''].filter((s) => s !== '').join('+') || 'none',
        String(r.tokens),
      ]),
    ];
    const widths = table[0]?.map((_, i) => Math.max(...table.map((row) => row[i]?.length ?? 0))) ?? [];
    for (const row of table) io.print(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '));
  });
}

/** Grants the account's person a role over a unit subtree (or a body, for a secretary), issued by the system. */
export async function userGrant(username: string, role: Role, scopeId: string, opts: { readonly db: string }, io: Io): Promise<void> {
  await withDatabase(opts.db, async (app) => {
    const account = await accountOf(app, username);
    unwrap(await app.execute(SYSTEM_ACTOR, { type: 'person.grant-role', personId: account.personId, role, scopeId }));
    io.print(`granted ${role} over ${scopeId} to ${await nameOf(app, account.personId)} (${account.personId}, account ${account.username})`);
  });
}

/** Adds `user` and its subcommands to the program. */
export function registerUser(program: Command, io: Io): void {
  const user = program.command('user').description('accounts: add, passwd, token, token-revoke, list, grant (passwords are read from stdin)');
  user
    .command('add')
    .description('create an account for a person (no password: single sign-on only)')
    .argument('<username>', '2 to 64 lower-case letters, digits, dots, dashes or underscores')
    .addOption(new Option('--person <id>', 'the person the account belongs to').makeOptionMandatory())
    .addOption(dbOption())
    .option('--password-stdin', 'read the password from stdin (one line)')
    .addOption(new Option('--oidc-subject <issuer#subject>', 'link an OpenID Connect identity').argParser(subjectArg))
    .action((username: string, opts: UserAddOptions) => userAdd(username, opts, io));
  user
    .command('passwd')
    .description("set an account's password, read from stdin (ends every session of the account)")
    .argument('<username>')
    .addOption(dbOption())
    .action((username: string, opts: { db: string }) => userPasswd(username, opts, io));
  user
    .command('token')
    .description('issue an API token for an account; it is printed once')
    .argument('<username>')
    .addOption(new Option('--name <name>', 'what the token is for').makeOptionMandatory())
    .addOption(new Option('--scope <scopes>', 'read, write or read,write').argParser(scopesArg).makeOptionMandatory())
    .addOption(dbOption())
    .action((username: string, opts: { db: string; name: string; scope: TokenScope[] }) => userToken(username, opts, io));
  user
    .command('token-revoke')
    .description('revoke an API token of an account')
    .argument('<username>')
    .argument('<token-id>', 'the tok_… id printed when the token was issued')
    .addOption(dbOption())
    .action((username: string, tokenId: string, opts: { db: string }) => userTokenRevoke(username, tokenId, opts, io));
  user
    .command('list')
    .description('every account: username, person, created, how it signs in, live API tokens')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action((opts: { db: string; json?: boolean }) => userList(opts, io));
  user
    .command('grant')
    .description("grant the account's person a role over a unit subtree (a secretary: over a body), as the system")
    .argument('<username>')
    .argument('<role>', ROLES.join(' | '), roleArg)
    .argument('<scope-id>', 'a unit id (a body id for secretary)')
    .addOption(dbOption())
    .action((username: string, role: Role, scopeId: string, opts: { db: string }) => userGrant(username, role, scopeId, opts, io));
}
