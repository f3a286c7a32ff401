/**
 * Accounts: a person's login. A username and password (argon2id), and/or a linked OpenID Connect
 * identity. Changing the password ends every session of the account.
 */
import { toInstant } from '../../domain/time.js';
import type { AccountRecord } from '../../store/accounts.js';
import { StoreError } from '../../store/errors.js';
import type { Store } from '../../store/port.js';
import { appFail, type AppResult } from '../errors.js';
import { DECOY_HASH, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import { randomSecret } from './secrets.js';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** Creates an account for an existing person; a password is optional (single sign-on only). */
export async function createAccount(
  store: Store,
  input: { readonly personId: string; readonly username: string; readonly password?: string; readonly oidcSubject?: string },
  now: number,
): Promise<AppResult<AccountRecord>> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) return appFail('VALIDATION_FAILED', 'a username is 2 to 64 lower-case letters, digits, dots, dashes or underscores');
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) return appFail('VALIDATION_FAILED', `a password has at least ${MIN_PASSWORD_LENGTH} characters`);
  const person = await store.reads.snapshot(input.personId);
  if (person === undefined || person.kind !== 'person') return appFail('NOT_FOUND', `no person with id ${input.personId}`, { id: input.personId });
  const at = toInstant(now);
  const account: AccountRecord = {
    id: `acc_${randomSecret(12)}`,
    personId: input.personId,
    username,
    passwordHash: input.password === undefined ? null : await hashPassword(input.password),
    oidcSubject: input.oidcSubject ?? null,
    createdAt: at,
    credentialsChangedAt: at,
    disabledAt: null,
  };
  try {
    await store.accounts.create(account);
  } catch (error) {
    if (error instanceof StoreError && error.code === 'DUPLICATE') return appFail('ALREADY_EXISTS', 'that username, person or identity already has an account');
    throw error;
  }
  return { ok: true, value: account };
}

/** Checks a username and password; the same refusal (and about the same time) whether the user or the password is wrong. */
export async function authenticate(store: Store, username: string, password: string): Promise<AppResult<AccountRecord>> {
  const account = await store.accounts.byUsername(username.trim().toLowerCase());
  const valid = await verifyPassword(account?.passwordHash ?? DECOY_HASH, password);
  if (account === undefined || account.passwordHash === null || !valid || account.disabledAt !== null) {
    return appFail('UNAUTHENTICATED', 'wrong username or password');
  }
  return { ok: true, value: account };
}

/** Sets a new password, which ends every session of the account. */
export async function changePassword(store: Store, accountId: string, password: string, now: number): Promise<AppResult<void>> {
  if (password.length < MIN_PASSWORD_LENGTH) return appFail('VALIDATION_FAILED', `a password has at least ${MIN_PASSWORD_LENGTH} characters`);
  const account = await store.accounts.byId(accountId);
  if (account === undefined) return appFail('NOT_FOUND', `no account ${accountId}`);
  await store.accounts.setPassword(accountId, await hashPassword(password), toInstant(now));
  return { ok: true, value: undefined };
}
