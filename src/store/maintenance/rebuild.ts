/** `rebuild`: every projection emptied and refilled from the events alone, through the same projector as live writes. */
import type { StreamEvent } from '../../domain/event.js';
import { kindOfId } from '../../domain/ids.js';
import type { AnyEvent } from '../../domain/streams.js';
import { toRecorded, type EventRow } from '../kysely-read-model.js';
import type { Progress } from '../record.js';
import { PROJECTION_TABLES } from '../schema.js';
import type { Session } from '../session.js';
import type { SqlShapes } from '../sql-shapes.js';
import type { RebuildReport } from '../reports.js';

const PAGE = 5000;

/** Rebuilds every projection inside the session's transaction. */
export async function rebuildProjections(session: Session, shapes: SqlShapes, progress?: Progress): Promise<RebuildReport> {
  const sql = await session.connection();
  for (const table of PROJECTION_TABLES) await sql.run(shapes.deleteAll(table), []);
  const [count] = await sql.all<{ n: number | string }>(shapes.countEvents(), []);
  const total = Number(count?.n ?? 0);
  const streams = new Set<string>();
  let after = 0;
  let done = 0;
  for (;;) {
    const page = (await sql.all<EventRow>(shapes.eventsAfter(), [after, PAGE])).map(toRecorded);
    if (page.length === 0) break;
    for (const e of page) {
      const kind = kindOfId(e.streamId);
      if (kind === undefined) throw new Error(`event at position ${e.position} belongs to a malformed stream id: ${e.streamId}`);
      await session.replay(kind, { ...(e as unknown as StreamEvent<AnyEvent>), streamId: e.streamId, seq: e.seq, hash: e.hash });
      streams.add(e.streamId);
      after = e.position;
    }
    done += page.length;
    progress?.(done, total);
  }
  await session.flush();
  return { events: done, streams: streams.size };
}
