/** One case, whole: its definition, its parties, its events with their hashes, and its hour ledger (F4). */
import type { AssignmentEvent } from '../../domain/assignment/assignment.events.js';
import type { StreamEvent } from '../../domain/event.js';
import { isIdOf } from '../../domain/ids.js';
import { hourLedger, type HourLedger } from '../../domain/ledger/hour-ledger.js';
import type { Instant } from '../../domain/time.js';
import type { RecordedEvent, Store } from '../../store/port.js';
import { appFail, type AppResult } from '../errors.js';

/** Everything a person needs to read a case. Names are resolved for every id that appears. */
export interface CaseView {
  readonly id: string;
  readonly decision: { readonly id: string; readonly number: string; readonly date: string; readonly title: string; readonly bodyId: string } | null;
  readonly ledger: HourLedger;
  readonly events: readonly RecordedEvent[];
  /** Display names of people, units, bodies and decisions mentioned in the case. */
  readonly names: ReadonlyMap<string, string>;
  /** The moment the view was computed (closes the last interval of an open case). */
  readonly asOf: Instant;
}

function mentioned(ledger: HourLedger, events: readonly RecordedEvent[]): string[] {
  const s = ledger.state;
  const ids = new Set<string>([s.issuerId, s.ownerId, s.verifierId, s.decisionId, ...s.coExecutorIds, ...Object.keys(s.units), ...Object.values(s.units)]);
  if (s.controllerId) ids.add(s.controllerId);
  if (s.parentId) ids.add(s.parentId);
  for (const e of events) ids.add(e.actor);
  for (const r of ledger.requests) ids.add(r.to);
  for (const e of events) if (e.type === 'assignment.escalated') ids.add((e.payload as { to: string }).to);
  return [...ids].filter((id) => id !== '');
}

/** The case view of an assignment as of `now`; NOT_FOUND if there is no such assignment. */
export async function caseView(store: Store, id: string, now: Instant): Promise<AppResult<CaseView>> {
  if (!isIdOf('assignment', id)) return appFail('NOT_FOUND', `no assignment with id ${id}`, { id });
  const events = await store.reads.streamEvents(id);
  if (events.length === 0) return appFail('NOT_FOUND', `no assignment with id ${id}`, { id });
  const ledger = hourLedger(events as unknown as StreamEvent<AssignmentEvent>[], now);
  const decisionEvents = await store.reads.streamEvents(ledger.state.decisionId);
  const d = decisionEvents[0]?.payload as { number: string; date: string; title: string; bodyId: string } | undefined;
  const ids = mentioned(ledger, events);
  if (d) ids.push(d.bodyId);
  const names = await store.reads.names(ids);
  return {
    ok: true,
    value: {
      id,
      decision: d ? { id: ledger.state.decisionId, number: d.number, date: d.date, title: d.title, bodyId: d.bodyId } : null,
      ledger,
      events,
      names,
      asOf: now,
    },
  };
}
