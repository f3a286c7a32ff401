/**
 * Issuing an API token under an Idempotency-Key, so that a retry gets the same token back without
 * the secret ever being stored in clear. The token is made first, not yet stored: its record and
 * its secret sealed with AES-256-GCM under a key derived (HKDF-SHA256) from the server's replay key
 * AND the client's Idempotency-Key, which is never stored itself (only its sha256 is). This sealed
 * outcome is what the idempotency table remembers; every request with the key (the first, a
 * replay, a concurrent duplicate in another process) unseals the remembered one and stores its
 * record if it is not there yet. So one key yields one token, every answer carries the same
 * secret, and reading the database alone never yields it: that takes the client's key too.
 */
import { toInstant } from '../../domain/time.js';
import type { TokenRecord } from '../../store/accounts.js';
import { StoreError } from '../../store/errors.js';
import type { Store } from '../../store/port.js';
import { appFail, type AppResult } from '../errors.js';
import { openSecret, sealSecret, type ReplayKey, type Sealed } from './sealed-secret.js';
import { randomSecret, secretHash } from './secrets.js';
import type { TokenScope } from './tokens.js';

export type { ReplayKey } from './sealed-secret.js';

/** A token made but perhaps not yet stored: its record, and its secret sealed under the replay key. */
export interface SealedToken extends Sealed {
  readonly record: TokenRecord;
}

const PURPOSE = { serverKey: 'api-token-replay-key', info: 'proverka api-token replay' } as const;

/** Makes a token for an account (nothing stored yet) and seals its secret for replays of this key. */
export async function sealNewToken(store: Store, accountId: string, name: string, scopes: readonly TokenScope[], now: number, replay: ReplayKey): Promise<SealedToken> {
  const token = `pvk_${randomSecret()}`;
  const record: TokenRecord = { id: `tok_${randomSecret(9)}`, accountId, name: name.trim(), tokenHash: secretHash(token), scopes: [...new Set(scopes)], createdAt: toInstant(now), lastUsedAt: null, revokedAt: null };
  return { record, ...(await sealSecret(store, PURPOSE, replay, accountId, token)) };
}

/** The secret of a sealed token, checked against its record's hash; the record is stored if it is not yet (the first request, or one that died before storing it). */
export async function keepSealedToken(store: Store, sealed: SealedToken, replay: ReplayKey): Promise<AppResult<{ readonly token: string; readonly record: TokenRecord }>> {
  const token = await openSecret(store, PURPOSE, replay, sealed.record.accountId, sealed);
  if (token === undefined || secretHash(token) !== sealed.record.tokenHash) return appFail('CONFLICT', 'the token made for this Idempotency-Key cannot be recovered; use another key');
  if ((await store.accounts.tokenByHash(sealed.record.tokenHash)) === undefined) {
    try {
      await store.accounts.createToken(sealed.record);
    } catch (error) {
      // A concurrent request with the same key stored it first.
      if (!(error instanceof StoreError && error.code === 'DUPLICATE')) throw error;
    }
  }
  return { ok: true, value: { token, record: sealed.record } };
}
