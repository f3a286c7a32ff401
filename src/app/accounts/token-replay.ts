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
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { toInstant } from '../../domain/time.js';
import type { TokenRecord } from '../../store/accounts.js';
import { StoreError } from '../../store/errors.js';
import type { Store } from '../../store/port.js';
import { appFail, type AppResult } from '../errors.js';
import { randomSecret, secretHash } from './secrets.js';
import type { TokenScope } from './tokens.js';

/** What a request carries to make a token creation replayable: the client's key, as sent, and the request's fingerprint. */
export interface ReplayKey {
  readonly key: string;
  readonly fingerprint: string;
}

/** A token made but perhaps not yet stored: its record, and its secret sealed under the replay key. */
export interface SealedToken {
  readonly record: TokenRecord;
  readonly iv: string;
  readonly sealed: string;
  readonly tag: string;
}

const SERVER_KEY = 'api-token-replay-key';

async function sealingKey(store: Store, replay: ReplayKey, accountId: string): Promise<Buffer> {
  const server = await store.accounts.secret(SERVER_KEY, () => randomSecret());
  return Buffer.from(hkdfSync('sha256', server, `${accountId}\u0000${replay.key}`, 'proverka api-token replay', 32));
}

/** Makes a token for an account (nothing stored yet) and seals its secret for replays of this key. */
export async function sealNewToken(store: Store, accountId: string, name: string, scopes: readonly TokenScope[], now: number, replay: ReplayKey): Promise<SealedToken> {
  const token = `pvk_${randomSecret()}`;
  const record: TokenRecord = { id: `tok_${randomSecret(9)}`, accountId, name: name.trim(), tokenHash: secretHash(token), scopes: [...new Set(scopes)], createdAt: toInstant(now), lastUsedAt: null, revokedAt: null };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await sealingKey(store, replay, accountId), iv);
  cipher.setAAD(Buffer.from(replay.fingerprint));
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return { record, iv: iv.toString('base64url'), sealed: sealed.toString('base64url'), tag: cipher.getAuthTag().toString('base64url') };
}

/** The secret of a sealed token, checked against its record's hash; the record is stored if it is not yet (the first request, or one that died before storing it). */
export async function keepSealedToken(store: Store, sealed: SealedToken, replay: ReplayKey): Promise<AppResult<{ readonly token: string; readonly record: TokenRecord }>> {
  let token: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', await sealingKey(store, replay, sealed.record.accountId), Buffer.from(sealed.iv, 'base64url'));
    decipher.setAAD(Buffer.from(replay.fingerprint));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
    token = Buffer.concat([decipher.update(Buffer.from(sealed.sealed, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return appFail('CONFLICT', 'the token made for this Idempotency-Key cannot be recovered; use another key');
  }
  if (secretHash(token) !== sealed.record.tokenHash) return appFail('CONFLICT', 'the token made for this Idempotency-Key cannot be recovered; use another key');
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
