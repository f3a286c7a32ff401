/**
 * Exporting the record: every event in position order, read page by page inside ONE read
 * transaction, so that what comes out is a single consistent snapshot however many writers commit
 * meanwhile. How that transaction is begun is the dialect's (`DialectCapabilities.snapshot`).
 */
import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';
import { readerQuery, toRecorded, type EventRow } from '../kysely-read-model.js';
import type { Progress, RecordedEvent } from '../record.js';
import type { Database } from '../schema.js';
import type { SqlShapes } from '../sql-shapes.js';
import { beginSnapshot } from './snapshot.js';

/** Events read per query. */
export const EXPORT_PAGE = 5000;

/**
 * Every event of the record, in position order, from one snapshot. The read transaction opens at
 * the first `next()` and ends when the iteration does (completed, broken off or failed). Progress
 * is reported once the snapshot is open (0 of the total it holds) and after every page. On SQLite
 * the transaction holds the store's one reader connection: the store's other reads wait until the
 * iteration ends, so the loop consuming it must not query the same store (writes are not held up).
 */
export async function* exportRecord(db: Kysely<Database>, shapes: SqlShapes, caps: DialectCapabilities, progress?: Progress): AsyncGenerator<RecordedEvent, void, undefined> {
  const trx = await beginSnapshot(db, caps);
  let open = true;
  try {
    const run = readerQuery(trx);
    // The first read fixes the snapshot (SQLite): the count and every page come from it.
    const [count] = await run<{ n: number | string }>(shapes.countEvents(), []);
    const total = Number(count?.n ?? 0);
    progress?.(0, total);
    let after = 0;
    let done = 0;
    for (;;) {
      const page = await run<EventRow>(shapes.eventsAfter(), [after, EXPORT_PAGE]);
      const last = page[page.length - 1];
      if (last === undefined) break;
      for (const row of page) yield toRecorded(row);
      after = Number(last.position);
      done += page.length;
      progress?.(done, total);
    }
    open = false;
    await trx.commit().execute();
  } finally {
    if (open) await trx.rollback().execute().catch(() => undefined);
  }
}
