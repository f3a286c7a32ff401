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

/** One event of an imported case, as the other system recorded it. */
export interface ImportedEvent {
  /** The activity (XES concept:name); '' when the log named none. */
  readonly activity: string;
  /** When it happened, in UTC; null when the log gave no (readable) instant. */
  readonly at: Instant | null;
  /** XES lifecycle:transition (start, complete, schedule …), or null. */
  readonly lifecycle: string | null;
  /** Who did it (XES org:resource), or null. */
  readonly resource: string | null;
  /** Their unit or team (XES org:group), or null. */
  readonly group: string | null;
  /** Any other attribute, as text. */
  readonly attributes?: Readonly<Record<string, string>>;
}

/** Where an imported case came from: the import it belongs to, the file or system, and its format. */
export interface ImportSource {
  /** The import run (all cases of one file share it), e.g. `imp-2026-11-26-ab12cd`. */
  readonly importId: string;
  /** What was imported, as the person importing named it (by default the file's name). */
  readonly source: string;
  readonly format: 'xes' | 'csv';
}

/** Payload of `trace.imported`: the source, the case's name and attributes in the other system, and its events in the order given. */
export interface TraceImportedPayload extends ImportSource {
  /** The case's id or name in the other system (XES concept:name), or null. */
  readonly name: string | null;
  readonly attributes: Readonly<Record<string, string>>;
  readonly events: readonly ImportedEvent[];
}

/** Events of an imported case's stream. */
export type TraceEvent = EventData<'trace.imported', TraceImportedPayload>;

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

/**
 * Checks an imported case and makes its event. Fails with TRACE_INVALID (details name the event)
 * when the import id is malformed, the source is blank, there are more than MAX_TRACE_EVENTS
 * events, an instant is not a UTC instant, or a text is longer than 10,000 characters. An empty
 * case (no events) is kept: logs have them, and counting cases must count it.
 */
export function importTrace(payload: TraceImportedPayload): Result<TraceEvent> {
  if (!IMPORT_ID.test(payload.importId)) return fail('TRACE_INVALID', `import id ${payload.importId} is not of the form imp-<lower-case letters, digits, dashes>`);
  if (payload.source.trim() === '' || tooLong(payload.source)) return fail('TRACE_INVALID', 'the source of an import is required (at most 10,000 characters)');
  if (payload.events.length > MAX_TRACE_EVENTS) return fail('TRACE_INVALID', `a case may hold at most ${MAX_TRACE_EVENTS.toLocaleString('en')} events, this one has ${payload.events.length.toLocaleString('en')}`, { name: payload.name });
  if (tooLong(payload.name)) return fail('TRACE_INVALID', 'a case name may have at most 10,000 characters');
  for (let i = 0; i < payload.events.length; i++) {
    const e = payload.events[i] as ImportedEvent;
    if (e.at !== null && !isCanonicalInstant(e.at)) return fail('TRACE_INVALID', `event ${i + 1} of case ${payload.name ?? '(unnamed)'}: ${e.at} is not a UTC instant`, { name: payload.name, event: i + 1 });
    if (tooLong(e.activity) || tooLong(e.resource) || tooLong(e.group) || tooLong(e.lifecycle)) return fail('TRACE_INVALID', `event ${i + 1} of case ${payload.name ?? '(unnamed)'}: a text is longer than 10,000 characters`, { name: payload.name, event: i + 1 });
  }
  return ok({ type: 'trace.imported', payload });
}

/** Folds an imported case's event; a second `trace.imported` on the same stream is a programming error. */
export function evolveTrace(state: TraceState | undefined, event: StreamEvent<TraceEvent>): TraceState {
  if (state !== undefined) throw new Error('an imported case is imported once');
  const p = event.payload;
  let firstAt: Instant | null = null;
  let lastAt: Instant | null = null;
  for (const e of p.events) {
    if (e.at === null) continue;
    if (firstAt === null || e.at < firstAt) firstAt = e.at;
    if (lastAt === null || e.at > lastAt) lastAt = e.at;
  }
  return { importId: p.importId, source: p.source, format: p.format, name: p.name, events: p.events.length, firstAt, lastAt, importedAt: event.at, importedBy: event.actor };
}
