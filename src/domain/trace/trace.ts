/**
 * A case imported from another system (issue #7): the history of one case of an event log (an XES
 * trace, or the rows of a CSV with the same case id), recorded as it was — activities, instants,
 * lifecycle transitions, resources and groups — so that an organisation brings its past into the
 * record and the analytics read it beside its own cases. Such a case has no owner, verifier or
 * deadline (the other system did not record them), so it is not an assignment: it is a stream of
 * its own kind, `trace`, holding one event, `trace.imported`, with the whole history. One event
 * per case keeps the hash chain and the projections at one write per case, not per event.
 */
import type { EventData, StreamEvent } from '../event.js';
import { fail, ok, type Result } from '../result.js';
import { isCanonicalInstant, type Instant } from '../time.js';
import { eventsOf, forEachRow, tableOf, type ImportedEvent, type ImportedEventVisitor, type ImportedRow, type ImportedTable } from './imported-table.js';

export type { ImportedEvent, ImportedEventVisitor, ImportedRow, ImportedTable } from './imported-table.js';

/** Where an imported case came from: the import it belongs to, the file or system, and its format. */
export interface ImportSource {
  /** The import run (all cases of one file share it), e.g. `imp-2026-11-26-ab12cd`. */
  readonly importId: string;
  /** What was imported, as the person importing named it (by default the file's name). */
  readonly source: string;
  readonly format: 'xes' | 'csv';
}

/** An imported case but its events: where it came from, and its name and attributes in the other system. */
export interface CaseHead extends ImportSource {
  /** The case's id or name in the other system (XES concept:name), or null. */
  readonly name: string | null;
  readonly attributes: Readonly<Record<string, string>>;
}

/** An imported case as given to the import (and as read back): its events in the order given. */
export interface ImportedCase extends CaseHead {
  readonly events: readonly ImportedEvent[];
}

/** Payload of `trace.imported` as recorded: the case with its events as a table (imported-table.ts). */
export interface TraceImportedPayload extends CaseHead {
  readonly table: ImportedTable;
}

/** A `trace.imported` payload as a record may hold it: the table form, or — in records made before decision 0036 — the case itself, its events as objects. Both are read. */
export type RecordedCase = TraceImportedPayload | ImportedCase;

/** Events of an imported case's stream. */
export type TraceEvent = EventData<'trace.imported', RecordedCase>;

/** An imported case as folded: its source and name, how many events, and its first and last instants. */
export interface TraceState extends ImportSource {
  readonly name: string | null;
  readonly events: number;
  readonly firstAt: Instant | null;
  readonly lastAt: Instant | null;
  readonly importedAt: Instant;
  readonly importedBy: string;
}

/** The most events one imported case may hold: a case is one row of history, not a log. */
export const MAX_TRACE_EVENTS = 100_000;
const MAX_TEXT = 10_000;
const IMPORT_ID = /^imp-[a-z0-9-]{1,60}$/;

function tooLong(text: string | null | undefined): boolean {
  return text !== null && text !== undefined && text.length > MAX_TEXT;
}

/** An imported case as the import command gives it: its events as objects (`events`) or already as a table (`table`), exactly one of the two. */
export interface CaseToImport extends CaseHead {
  readonly events?: readonly ImportedEvent[];
  readonly table?: ImportedTable;
}

/**
 * Checks an imported case and makes its event, the events recorded as a table (made here from
 * events given as objects). Fails with TRACE_INVALID (details name the event) when the import id
 * is malformed, the source is blank, there are more than MAX_TRACE_EVENTS events, an instant is
 * not a UTC instant, a text is longer than 10,000 characters, a row of a table names a text it
 * does not have, or the case gives both or neither of events and table. An empty case (no events)
 * is kept: logs have them, and counting cases must count it.
 */
export function importTrace(c: CaseToImport): Result<TraceEvent> {
  if (!IMPORT_ID.test(c.importId)) return fail('TRACE_INVALID', `import id ${c.importId} is not of the form imp-<lower-case letters, digits, dashes>`);
  if (c.source.trim() === '' || tooLong(c.source)) return fail('TRACE_INVALID', 'the source of an import is required (at most 10,000 characters)');
  if (tooLong(c.name)) return fail('TRACE_INVALID', 'a case name may have at most 10,000 characters');
  if ((c.events === undefined) === (c.table === undefined)) return fail('TRACE_INVALID', `case ${c.name ?? '(unnamed)'}: give its events either as objects or as a table, not ${c.events === undefined ? 'neither' : 'both'}`, { name: c.name });
  const count = c.events?.length ?? c.table?.rows.length ?? 0;
  if (count > MAX_TRACE_EVENTS) return fail('TRACE_INVALID', `a case may hold at most ${MAX_TRACE_EVENTS.toLocaleString('en')} events, this one has ${count.toLocaleString('en')}`, { name: c.name });
  const refused = c.events !== undefined ? refusedEvent(c.events, c.name) : refusedRow(c.table as ImportedTable, c.name);
  if (refused !== undefined) return refused;
  // Keys in code-unit order, the record's canonical order: the hash chain then serialises the payload once, without sorting.
  const { attributes, format, importId, name, source } = c;
  const table = c.table !== undefined ? { rows: c.table.rows, texts: c.table.texts } : tableOf(c.events as readonly ImportedEvent[]);
  return ok({ type: 'trace.imported', payload: { attributes, format, importId, name, source, table } });
}

/** The refusal of the first event given as an object that breaks a rule, or undefined. */
function refusedEvent(events: readonly ImportedEvent[], name: string | null): Result<never> | undefined {
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as ImportedEvent;
    if (e.at !== null && !isCanonicalInstant(e.at)) return notAnInstant(name, i, e.at);
    if (tooLong(e.activity) || tooLong(e.resource) || tooLong(e.group) || tooLong(e.lifecycle)) return textTooLong(name, i);
  }
  return undefined;
}

/** The refusal of the first row of a table that breaks a rule (its texts checked once each), or undefined. */
function refusedRow(table: ImportedTable, name: string | null): Result<never> | undefined {
  const { rows, texts } = table;
  const n = texts.length;
  for (const t of texts) if (tooLong(t)) return fail('TRACE_INVALID', `case ${name ?? '(unnamed)'}: a text is longer than 10,000 characters`, { name });
  const index = (x: number | null): boolean => x === null || (Number.isInteger(x) && x >= 0 && x < n);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as ImportedRow;
    if ((r.length !== 5 && r.length !== 6) || r[0] === null || !index(r[0]) || !index(r[2]) || !index(r[3]) || !index(r[4])) {
      return fail('TRACE_INVALID', `event ${i + 1} of case ${name ?? '(unnamed)'}: its row is not [activity, at, lifecycle, resource, group] with indexes into the case's ${n} texts`, { name, event: i + 1 });
    }
    if (r[1] !== null && !isCanonicalInstant(r[1])) return notAnInstant(name, i, r[1]);
  }
  return undefined;
}

function notAnInstant(name: string | null, i: number, at: string): Result<never> {
  return fail('TRACE_INVALID', `event ${i + 1} of case ${name ?? '(unnamed)'}: ${at} is not a UTC instant`, { name, event: i + 1 });
}

function textTooLong(name: string | null, i: number): Result<never> {
  return fail('TRACE_INVALID', `event ${i + 1} of case ${name ?? '(unnamed)'}: a text is longer than 10,000 characters`, { name, event: i + 1 });
}

/** True when the payload is the table form (every import since decision 0036). */
function isTable(p: RecordedCase): p is TraceImportedPayload {
  return (p as Partial<TraceImportedPayload>).table !== undefined;
}

/** How many events an imported case holds, whichever form it was recorded in. */
export function importedEventCount(p: RecordedCase): number {
  return isTable(p) ? p.table.rows.length : p.events.length;
}

/** Visits each event of an imported case in the order given, whichever form it was recorded in, without making an object of each. */
export function forEachImportedEvent(p: RecordedCase, visit: ImportedEventVisitor): void {
  if (isTable(p)) forEachRow(p.table, visit);
  else for (const e of p.events) visit(e.activity, e.at, e.lifecycle, e.resource, e.group, e.attributes);
}

/** The imported case as it was given to the import, whichever form it was recorded in. */
export function importedCase(p: RecordedCase): ImportedCase {
  if (!isTable(p)) return p;
  return { importId: p.importId, source: p.source, format: p.format, name: p.name, attributes: p.attributes, events: eventsOf(p.table) };
}

/** Folds an imported case's event; a second `trace.imported` on the same stream is a programming error. */
export function evolveTrace(state: TraceState | undefined, event: StreamEvent<TraceEvent>): TraceState {
  if (state !== undefined) throw new Error('an imported case is imported once');
  const p = event.payload;
  let firstAt: Instant | null = null;
  let lastAt: Instant | null = null;
  forEachImportedEvent(p, (_activity, at) => {
    if (at === null) return;
    if (firstAt === null || at < firstAt) firstAt = at;
    if (lastAt === null || at > lastAt) lastAt = at;
  });
  return { importId: p.importId, source: p.source, format: p.format, name: p.name, events: importedEventCount(p), firstAt, lastAt, importedAt: event.at, importedBy: event.actor };
}
