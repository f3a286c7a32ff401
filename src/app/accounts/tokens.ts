/**
 * API tokens for machines: `pvk_` followed by a random secret; only its sha256 is stored. A token
 * carries scopes (`read`: GET only; `write`: everything the account's roles allow) and can be
 * revoked. What it may do is never more than its account's person may.
 */
import { toInstant, toMs } from '../../domain/time.js';
import type { AccountRecord, TokenRecord } from '../../store/accounts.js';
import type { Store } from '../../store/port.js';
import { appFail, type AppResult } from '../errors.js';
import { randomSecret, secretHash } from './secrets.js';

/** The scopes a token may carry. */
export const TOKEN_SCOPES = ['read', 'write'] as const;

/** A token scope. */
export type TokenScope = (typeof TOKEN_SCOPES)[number];

const PREFIX = 'pvk_';

/** Issues a token for an account; the secret is returned once and never stored. */
export async function issueToken(store: Store, accountId: string, name: string, scopes: readonly TokenScope[], now: number): Promise<AppResult<{ readonly token: string; readonly record: TokenRecord }>> {
  if (name.trim() === '') return appFail('VALIDATION_FAILED', 'a token needs a name');
  if (scopes.length === 0) return appFail('VALIDATION_FAILED', 'a token needs at least one scope');
  const token = `${PREFIX}${randomSecret()}`;
  const record: TokenRecord = { id: `tok_${randomSecret(9)}`, accountId, name: name.trim(), tokenHash: secretHash(token), scopes: [...new Set(scopes)], createdAt: toInstant(now), lastUsedAt: null, revokedAt: null };
  await store.accounts.createToken(record);
  return { ok: true, value: { token, record } };
}

/** The live token and its account for a bearer secret, or undefined. Use is written at most once a minute. */
export async function resolveToken(store: Store, token: string, now: number): Promise<{ readonly token: TokenRecord; readonly account: AccountRecord } | undefined> {
  if (!token.startsWith(PREFIX)) return undefined;
  const record = await store.accounts.tokenByHash(secretHash(token));
  if (record === undefined || record.revokedAt !== null) return undefined;
  const account = await store.accounts.byId(record.accountId);
  if (account === undefined || account.disabledAt !== null) return undefined;
  if (record.lastUsedAt === null || now - toMs(record.lastUsedAt) >= 60_000) await store.accounts.touchToken(record.id, toInstant(now));
  return { token: record, account };
}

/** Revokes a token of an account. */
export async function revokeToken(store: Store, accountId: string, tokenId: string, now: number): Promise<AppResult<void>> {
  const mine = (await store.accounts.tokens(accountId)).find((t) => t.id === tokenId);
  if (mine === undefined) return appFail('NOT_FOUND', `no token ${tokenId}`);
  await store.accounts.revokeToken(tokenId, toInstant(now));
  return { ok: true, value: undefined };
}
