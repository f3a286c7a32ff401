/**
 * The urgent demand (F6) as a use case: an urgent assignment to a person of the competent unit,
 * issued under a decision with its documents, a short deadline, the copy to the execution-control
 * office and the requester's statement, all kept in the record (`assignment.issued` carries the
 * urgent block). Its ladder is the urgent protocol's: the superior is told at the first delay.
 */
import { demandUrgently } from '../../domain/urgent/urgent-demand.js';
import type { WriteSession } from '../../store/port.js';
import type { AppResult } from '../errors.js';
import { decidedIssue, resolveIssue } from './assignment.commands.js';
import { existing, optionalParty, type CommandContext, type Outcome } from './context.js';
import type { CommandOf } from './schemas.js';

/** The longest lead an urgent demand may give: three days. */
export const URGENT_MAX_LEAD_MS = 3 * 24 * 3_600_000;

/** Issues an urgent demand; refused without documents, copy, statement or a short enough deadline (the urgent protocol's codes). */
export async function urgentDemandCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'urgent.demand'>): Promise<AppResult<Outcome>> {
  const decision = await existing(tx, 'decision', c.decisionId);
  if (!decision.ok) return decision;
  const [unit, copy] = [await optionalParty(tx, c.competentUnitId, 'competent unit'), await optionalParty(tx, c.copyToId, 'execution-control office')];
  if (!unit.ok) return unit;
  if (!copy.ok) return copy;
  const resolved = await resolveIssue(tx, ctx, c.decisionId, c);
  if (!resolved.ok) return resolved;
  const demanded = demandUrgently(
    { ...resolved.value.input, competentUnit: unit.value, documents: c.documents, copyTo: copy.value, statement: c.statement, maxLeadMs: URGENT_MAX_LEAD_MS },
    ctx,
  );
  if (!demanded.ok) return demanded;
  const { issued, urgentDemand } = demanded.value;
  const d = decidedIssue(resolved.value.id, [{ type: 'assignment.issued', payload: { ...issued, urgentDemand } }], ctx);
  return { ok: true, value: { id: d.id, events: await tx.append('assignment', d.id, 0, d.events) } };
}
