/** Random secrets and their hashes: session ids, CSRF tokens, API tokens, signing keys. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret of 32 bytes, base64url. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** The sha256 of a secret, hex: what is stored instead of it. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares two strings in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
