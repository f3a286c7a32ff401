/**
 * The projector: for any event of any stream, the rows it puts in the projection tables. The
 * same function serves live appends, bulk imports and `rebuild`, which is why rebuilding
 * reproduces the live projections exactly.
 */
import type { StreamEvent } from '../../domain/event.js';
import type { StreamKind } from '../../domain/ids.js';
import type { AnyEvent, EventOf, StateOf } from '../../domain/streams.js';
import { assignmentRows } from './assignment.projector.js';
import { checkpointRows } from './ledger.projector.js';
import { accountabilityRows, agendaRows, calendarRows, ladderPolicyRows } from './ladder.projector.js';
import { bodyRows, committeeRows, decisionRows, personRows, postRows, unitRows } from './organisation.projector.js';
import type { ProjectedRow } from './rows.js';
import { traceRows } from './trace.projector.js';

/**
 * The rows one event projects to, the stream's own row among them. `before` is undefined for a new
 * stream. With `diff`, a changed row names the columns that changed (so that a single write spares
 * the other indexes); without it, whole rows (cheaper when rows are buffered and written once).
 */
export function project(kind: StreamKind, id: string, before: unknown, after: unknown, event: StreamEvent<AnyEvent>, diff = true): ProjectedRow[] {
  switch (kind) {
    case 'unit':
      return unitRows(id, after as StateOf<'unit'>);
    case 'person':
      return personRows(id, after as StateOf<'person'>, event as StreamEvent<EventOf<'person'>>);
    case 'post':
      return postRows(id, after as StateOf<'post'>);
    case 'body':
      return bodyRows(id, after as StateOf<'body'>);
    case 'committee':
      return committeeRows(id, after as StateOf<'committee'>, event as StreamEvent<EventOf<'committee'>>);
    case 'decision':
      return decisionRows(id, after as StateOf<'decision'>);
    case 'assignment':
      return assignmentRows(id, before as StateOf<'assignment'> | undefined, after as StateOf<'assignment'>, diff);
    case 'ledger':
      return checkpointRows(id, event as StreamEvent<EventOf<'ledger'>>);
    case 'calendar':
      return calendarRows(id, after as StateOf<'calendar'>);
    case 'ladder':
      return ladderPolicyRows(id, after as StateOf<'ladder'>);
    case 'accountability':
      return accountabilityRows(id, after as StateOf<'accountability'>);
    case 'agenda':
      return agendaRows(id, after as StateOf<'agenda'>);
    case 'trace':
      return traceRows(id, after as StateOf<'trace'>);
  }
}
