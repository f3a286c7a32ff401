/** The row of a case imported from another system, a function of its state. */
import type { StateOf } from '../../domain/streams.js';
import { rowFor, type ProjectedRow } from './rows.js';

/** The row of an imported case: its import, source, name, number of events and first and last instants. */
export function traceRows(id: string, s: StateOf<'trace'>): ProjectedRow[] {
  return [rowFor('traces', { id, import_id: s.importId, source: s.source, name: s.name, events: s.events, first_at: s.firstAt, last_at: s.lastAt })];
}
