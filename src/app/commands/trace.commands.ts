/**
 * Use case of a case imported from another system (issue #7): checked by the domain and recorded as
 * one `trace.imported` event on a new stream. Imports run many of these in one bulk transaction, so
 * that a file is imported whole or not at all.
 */
import { importTrace } from '../../domain/trace/trace.js';
import type { WriteSession } from '../../store/port.js';
import type { AppResult } from '../errors.js';
import { newId, stamp, type CommandContext, type Outcome } from './context.js';
import type { CommandOf } from './schemas.js';

/** Records one imported case on a new `trace` stream; TRACE_INVALID when the domain refuses it. */
export async function importTraceCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'trace.import'>): Promise<AppResult<Outcome>> {
  const decided = importTrace(c);
  if (!decided.ok) return decided;
  const id = await newId(tx, ctx, 'trace', c.id);
  if (!id.ok) return id;
  return { ok: true, value: { id: id.value, events: await tx.append('trace', id.value, 0, stamp([decided.value], ctx)) } };
}
