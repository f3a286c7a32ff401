/** What every use case receives besides its input, and the helpers they share. */
import type { StreamEvent } from '../../domain/event.js';
import { kindOfId, type IdSource, type PartyRef, type StreamKind } from '../../domain/ids.js';
import type { Result } from '../../domain/result.js';
import type { Instant } from '../../domain/time.js';
import type { AppendedEvent, LoadOptions, Snapshot, WriteSession } from '../../store/port.js';
import { appFail, type AppResult } from '../errors.js';

/** Who acts, when, and where new ids come from. */
export interface CommandContext {
  readonly actor: string;
  readonly at: Instant;
  readonly ids: IdSource;
}

/** What a successful command produced: the id of the main thing it created or changed, and the events appended. */
export interface Outcome {
  readonly id: string;
  readonly events: readonly AppendedEvent[];
  /** True when an idempotency key found this outcome from an earlier run: nothing was written now. */
  readonly replayed?: boolean;
}

/** Dates events with the command's actor and instant. */
export function stamp<E extends { readonly type: string; readonly payload: object }>(events: readonly E[], ctx: CommandContext): StreamEvent<E>[] {
  return events.map((e) => ({ ...e, actor: ctx.actor, at: ctx.at }));
}

/** Resolves a referenced id to its kind (and a person's unit); NOT_FOUND if nothing has that id. */
export async function party(tx: WriteSession, id: string, role: string): Promise<AppResult<PartyRef>> {
  const snap = kindOfId(id) === undefined ? undefined : await tx.loadAny(id);
  if (snap === undefined) return appFail('NOT_FOUND', `no ${role} with id ${id}`, { id, role });
  if (snap.kind === 'person') return { ok: true, value: { id, kind: 'person', unitId: (snap.state as { unitId: string }).unitId } };
  return { ok: true, value: { id, kind: snap.kind } };
}

/** Resolves an optional reference: undefined stays undefined. */
export async function optionalParty(tx: WriteSession, id: string | undefined, role: string): Promise<AppResult<PartyRef | undefined>> {
  return id === undefined ? { ok: true, value: undefined } : party(tx, id, role);
}

/** Resolves many references, failing at the first unknown one. */
export async function parties(tx: WriteSession, ids: readonly string[], role: string): Promise<AppResult<PartyRef[]>> {
  const out: PartyRef[] = [];
  for (const id of ids) {
    const r = await party(tx, id, role);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return { ok: true, value: out };
}

/** A fresh id of a kind, or the requested one if it is well formed, of that kind and unused. */
export async function newId(tx: WriteSession, ctx: CommandContext, kind: StreamKind, requested: string | undefined): Promise<AppResult<string>> {
  if (requested !== undefined) {
    if (kindOfId(requested) !== kind) return appFail('VALIDATION_FAILED', `${requested} is not a valid ${kind} id`, { id: requested, kind });
    if ((await tx.loadAny(requested)) !== undefined) return appFail('ALREADY_EXISTS', `${requested} already exists`, { id: requested });
    return { ok: true, value: requested };
  }
  for (;;) {
    const id = ctx.ids.next(kind);
    if ((await tx.loadAny(id)) === undefined) return { ok: true, value: id };
  }
}

/** Widens a domain Result to an AppResult. */
export function lift<T>(r: Result<T>): AppResult<T> {
  return r;
}

/** Loads a stream that must exist and be of the given kind: NOT_FOUND or WRONG_KIND otherwise. */
export async function existing<K extends StreamKind>(tx: WriteSession, kind: K, id: string, options: LoadOptions = {}): Promise<AppResult<Snapshot<K>>> {
  const snap = kindOfId(id) === undefined ? undefined : await tx.loadAny(id, options);
  if (snap === undefined) return appFail('NOT_FOUND', `no ${kind} with id ${id}`, { id, kind });
  if (snap.kind !== kind) return appFail('WRONG_KIND', `${id} is a ${snap.kind}, not a ${kind}`, { id, kind: snap.kind, expected: kind });
  return { ok: true, value: snap as Snapshot<K> };
}
