/**
 * Every case's hour ledger, read in one pass over the record: the events of all assignment streams
 * are read page by page in position order, grouped by stream, and each stream's ledger computed as
 * of `now`. For reports over all cases (the handover network); the operator sees everything.
 */
import type { AssignmentEvent } from '../../domain/assignment/assignment.events.js';
import type { StreamEvent } from '../../domain/event.js';
import { kindOfId } from '../../domain/ids.js';
import { hourLedger, type HourLedger } from '../../domain/ledger/hour-ledger.js';
import type { Instant } from '../../domain/time.js';
import type { RecordedEvent } from '../../store/record.js';
import type { Store } from '../../store/port.js';

const EVENT_PAGE = 5000;

/** One case and its ledger. */
export interface CaseLedger {
  readonly caseId: string;
  readonly ledger: HourLedger;
}

/** Every event of every assignment stream, grouped by stream in order (streams in order of their first event), and the newest position of the record. */
export async function assignmentEvents(store: Store): Promise<{ position: number; byStream: Map<string, StreamEvent<AssignmentEvent>[]> }> {
  const byStream = new Map<string, StreamEvent<AssignmentEvent>[]>();
  let position = 0;
  for (;;) {
    const page: RecordedEvent[] = await store.reads.eventsAfter(position, EVENT_PAGE);
    for (const e of page) {
      if (kindOfId(e.streamId) !== 'assignment') continue;
      let list = byStream.get(e.streamId);
      if (list === undefined) byStream.set(e.streamId, (list = []));
      list.push(e as unknown as StreamEvent<AssignmentEvent>);
    }
    const last = page[page.length - 1];
    if (last !== undefined) position = last.position;
    if (page.length < EVENT_PAGE) return { position, byStream };
  }
}

/** The ledger of every assignment in the record as of `now`, in order of each case's first event. */
export async function caseLedgers(store: Store, now: Instant): Promise<CaseLedger[]> {
  const { byStream } = await assignmentEvents(store);
  return [...byStream].map(([caseId, events]) => ({ caseId, ledger: hourLedger(events, now) }));
}
