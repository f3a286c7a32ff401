/**
 * Password hashing with argon2id at OWASP's recommended minimum (19 MiB of memory, 2 iterations,
 * 1 lane), through @node-rs/argon2. Hashes are PHC strings, so parameters can be raised later and
 * old hashes still verify.
 */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 10;

/** An argon2id hash of a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** True when the password matches the hash. A malformed hash never matches. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of no password, to verify against when the username is unknown, so that both answers take as long. */
export const DECOY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2k7T5M0rCUGEP+u3yqH7g5J3F5ZbtDpO5r1QmM0F9Ys';
