/**
 * Sealing a secret for idempotent replays: AES-256-GCM under a key derived (HKDF-SHA256) from a
 * named server key AND the client's Idempotency-Key (which is never stored itself), bound to the
 * request's fingerprint. What the idempotency table remembers is the sealed form; only a request
 * carrying the same key and payload opens it, so the database alone never yields the secret.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Store } from '../../store/port.js';
import { randomSecret } from './secrets.js';

/** What a request carries to make a creation replayable: the client's key, as sent, and the request's fingerprint. */
export interface ReplayKey {
  readonly key: string;
  readonly fingerprint: string;
}

/** A secret sealed for replays. */
export interface Sealed {
  readonly iv: string;
  readonly sealed: string;
  readonly tag: string;
}

/** Where a sealing key comes from: the server key's name, and the purpose it is derived for. */
export interface SealingPurpose {
  readonly serverKey: string;
  readonly info: string;
}

async function sealingKey(store: Store, purpose: SealingPurpose, replay: ReplayKey, accountId: string): Promise<Buffer> {
  const server = await store.accounts.secret(purpose.serverKey, () => randomSecret());
  return Buffer.from(hkdfSync('sha256', server, `${accountId}\u0000${replay.key}`, purpose.info, 32));
}

/** Seals a secret of an account for replays of this key. */
export async function sealSecret(store: Store, purpose: SealingPurpose, replay: ReplayKey, accountId: string, secret: string): Promise<Sealed> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await sealingKey(store, purpose, replay, accountId), iv);
  cipher.setAAD(Buffer.from(replay.fingerprint));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64url'), sealed: sealed.toString('base64url'), tag: cipher.getAuthTag().toString('base64url') };
}

/** The secret sealed by sealSecret for the same purpose, key, fingerprint and account; undefined when it does not open. */
export async function openSecret(store: Store, purpose: SealingPurpose, replay: ReplayKey, accountId: string, sealed: Sealed): Promise<string | undefined> {
  try {
    const decipher = createDecipheriv('aes-256-gcm', await sealingKey(store, purpose, replay, accountId), Buffer.from(sealed.iv, 'base64url'));
    decipher.setAAD(Buffer.from(replay.fingerprint));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.sealed, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
