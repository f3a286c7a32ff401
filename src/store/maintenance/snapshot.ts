/** Read transactions that see one consistent snapshot of the record, however many writers commit meanwhile. */
import type { ControlledTransaction, Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';
import type { Database } from '../schema.js';

/** Opens a read transaction as the dialect says a snapshot is taken (`DialectCapabilities.snapshot`). */
export async function beginSnapshot(db: Kysely<Database>, caps: DialectCapabilities): Promise<ControlledTransaction<Database>> {
  let begin = db.startTransaction();
  if (caps.snapshot.isolationLevel !== undefined) begin = begin.setIsolationLevel(caps.snapshot.isolationLevel);
  if (caps.snapshot.accessMode !== undefined) begin = begin.setAccessMode(caps.snapshot.accessMode);
  return begin.execute();
}

/** Runs `fn` inside a snapshot read transaction, which ends (committed, nothing having been written) when `fn` does. */
export async function inSnapshot<T>(db: Kysely<Database>, caps: DialectCapabilities, fn: (trx: ControlledTransaction<Database>) => Promise<T>): Promise<T> {
  const trx = await beginSnapshot(db, caps);
  try {
    const result = await fn(trx);
    await trx.commit().execute();
    return result;
  } catch (error) {
    await trx.rollback().execute().catch(() => undefined);
    throw error;
  }
}
