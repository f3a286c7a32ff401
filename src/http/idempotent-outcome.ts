/**
 * Idempotency keys for creating requests that write no event (a file upload, a signed link): the
 * outcome is kept in the same table as commands' outcomes (WriteSession.recall/remember), so a
 * replay gets the first outcome back, the same key with another request is refused with
 * IDEMPOTENCY_KEY_REUSED, and of two concurrent first requests only one outcome is ever kept and
 * both get it.
 */
import { appFail, type AppResult } from '../app/errors.js';
import { StoreError } from '../store/errors.js';
import type { Store } from '../store/port.js';
import type { IdempotencyKey } from './idempotency.js';

/** An outcome, and whether it is the replay of an earlier request's. */
export interface Remembered<T> {
  readonly value: T;
  readonly replayed: boolean;
}

const ATTEMPTS = 4;

async function recalled<T>(store: Store, key: IdempotencyKey): Promise<AppResult<Remembered<T>> | undefined> {
  const before = await store.write((tx) => tx.recall(key.scope, key.key));
  if (before === undefined) return undefined;
  if (before.fingerprint !== key.fingerprint) return appFail('IDEMPOTENCY_KEY_REUSED', `the idempotency key ${key.key} was used for another request`, { key: key.key });
  return { ok: true, value: { value: before.outcome as T, replayed: true } };
}

/**
 * Produces the outcome once per key: without a key, just produces it. With one, returns what an
 * earlier request with the key produced, or produces it and remembers it; when a concurrent request
 * remembered first, its outcome is returned instead of ours.
 */
export async function onceRemembered<T>(store: Store, key: IdempotencyKey | undefined, at: string, produce: () => Promise<T>): Promise<AppResult<Remembered<T>>> {
  if (key === undefined) return { ok: true, value: { value: await produce(), replayed: false } };
  const earlier = await recalled<T>(store, key);
  if (earlier !== undefined) return earlier;
  const value = await produce();
  for (let attempt = 1; ; attempt++) {
    try {
      const won = await store.write(async (tx) => {
        if ((await tx.recall(key.scope, key.key)) !== undefined) return false;
        await tx.remember(key.scope, key.key, key.fingerprint, value, at);
        return true;
      });
      if (won) return { ok: true, value: { value, replayed: false } };
    } catch (error) {
      if (!(error instanceof StoreError) || error.code !== 'CONFLICT' || attempt >= ATTEMPTS) throw error;
    }
    const other = await recalled<T>(store, key);
    if (other !== undefined) return other;
  }
}
