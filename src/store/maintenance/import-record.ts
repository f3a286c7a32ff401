/**
 * Importing a record: recorded events (from a backup or another back end) appended to an empty
 * store in one bulk transaction, every event checked against its stream's head and its own hash,
 * and folded and projected exactly as a live append.
 */
import { StoreError } from '../errors.js';
import type { AppendedEvent, Progress } from '../record.js';
import type { ImportReport } from '../reports.js';
import type { Session } from '../session.js';
import type { SqlShapes } from '../sql-shapes.js';

/** Progress is reported every this many events. */
const REPORT_EVERY = 5000;

/**
 * Imports `events` in the session's (bulk) transaction. Refuses a store that holds any event
 * (DB_EXISTS); an event that does not follow, chain to or hash as recorded fails the import
 * (RECORD_REJECTED, naming stream and seq), and the caller's transaction rolls back. Progress
 * reports the events imported so far; the total is 0 as the store cannot know how many are coming.
 */
export async function importRecord(session: Session, shapes: SqlShapes, events: AsyncIterable<AppendedEvent>, progress?: Progress): Promise<ImportReport> {
  const sql = await session.connection();
  const [count] = await sql.all<{ n: number | string }>(shapes.countEvents(), []);
  const held = Number(count?.n ?? 0);
  if (held > 0) throw new StoreError('DB_EXISTS', `the target already holds a record of ${held.toLocaleString('en-US')} events; a record is imported only into an empty store`, { events: held });
  session.assumeEmpty();
  let done = 0;
  let streams = 0;
  for await (const e of events) {
    await session.importRecorded(e);
    done += 1;
    if (e.seq === 1) streams += 1;
    if (done % REPORT_EVERY === 0) progress?.(done, 0);
  }
  await session.flush();
  progress?.(done, 0);
  return { events: done, streams };
}
