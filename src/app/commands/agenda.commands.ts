/**
 * Use cases of a body's agenda (F7): a question submitted with its full statement (or, by a person,
 * pointing at a case the ladder brought up), sent back to the competent unit by the secretary,
 * submitted again, scheduled to a session, decided there, or withdrawn.
 */
import { decideAgendaItem, returnAgendaItem, scheduleAgendaItem, submitAgendaItem, withdrawAgendaItem, type AgendaSubmissionInput } from '../../domain/agenda/agenda-item.js';
import { kindOfId } from '../../domain/ids.js';
import type { WriteSession } from '../../store/port.js';
import type { AppResult } from '../errors.js';
import { existing, newId, party, stamp, type CommandContext, type Outcome } from './context.js';
import type { CommandOf } from './schemas.js';

type Statement = Pick<CommandOf<'agenda.submit'>, 'question' | 'options' | 'documents' | 'alreadyTried'>;

/** The submission's input: the body, the statement, and the case's ladder facts when it names a case. */
async function submission(tx: WriteSession, bodyId: string, c: Statement & { readonly assignmentId?: string | undefined }): Promise<AppResult<AgendaSubmissionInput>> {
  const body = await party(tx, bodyId, 'body');
  if (!body.ok) return body;
  const alreadyTried = [];
  for (const t of c.alreadyTried) {
    const who = await party(tx, t.partyId, 'party who already tried');
    if (!who.ok) return who;
    alreadyTried.push({ party: who.value, did: t.did });
  }
  let ladder: AgendaSubmissionInput['ladder'];
  if (c.assignmentId !== undefined) {
    const a = await existing(tx, 'assignment', c.assignmentId);
    if (!a.ok) return a;
    ladder = { assignmentId: c.assignmentId, escalationLevel: a.value.state.escalationLevel, escalatedToBodyId: kindOfId(a.value.state.escalatedTo ?? '') === 'body' ? a.value.state.escalatedTo : null };
  }
  return { ok: true, value: { body: body.value, question: c.question, ladder, options: c.options, documents: c.documents, alreadyTried } };
}

/** Puts a question on a body's agenda: by the ladder (a case escalated to it) or with a full statement. */
export async function submitAgendaCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'agenda.submit'>): Promise<AppResult<Outcome>> {
  const input = await submission(tx, c.bodyId, c);
  if (!input.ok) return input;
  const decided = submitAgendaItem(undefined, input.value, ctx);
  if (!decided.ok) return decided;
  const id = await newId(tx, ctx, 'agenda', c.id);
  if (!id.ok) return id;
  return { ok: true, value: { id: id.value, events: await tx.append('agenda', id.value, 0, stamp(decided.value, ctx)) } };
}

/** Every later step of an agenda item. */
export async function agendaItemCommand(
  tx: WriteSession,
  ctx: CommandContext,
  c: CommandOf<'agenda.resubmit' | 'agenda.return' | 'agenda.schedule' | 'agenda.decide' | 'agenda.withdraw'>,
): Promise<AppResult<Outcome>> {
  const snap = await existing(tx, 'agenda', c.itemId);
  if (!snap.ok) return snap;
  const s = snap.value.state;
  let decided;
  switch (c.type) {
    case 'agenda.resubmit': {
      const input = await submission(tx, s.bodyId, { ...c, assignmentId: s.route.kind === 'ladder' ? s.route.assignmentId : undefined });
      if (!input.ok) return input;
      decided = submitAgendaItem(s, input.value, ctx);
      break;
    }
    case 'agenda.return': {
      const to = await party(tx, c.toUnitId, 'competent unit');
      if (!to.ok) return to;
      decided = returnAgendaItem(s, { to: to.value, reason: c.reason }, ctx);
      break;
    }
    case 'agenda.schedule':
      decided = scheduleAgendaItem(s, { session: c.session }, ctx);
      break;
    case 'agenda.decide': {
      const decision = await existing(tx, 'decision', c.decisionId);
      if (!decision.ok) return decision;
      if (decision.value.state.bodyId !== s.bodyId) {
        return { ok: false, error: { code: 'AGENDA_DECISION_INVALID', message: `${c.decisionId} is a decision of ${decision.value.state.bodyId}, not of ${s.bodyId} whose agenda the item is on`, details: { decisionId: c.decisionId, bodyId: s.bodyId } } };
      }
      decided = decideAgendaItem(s, { decisionId: c.decisionId }, ctx);
      break;
    }
    case 'agenda.withdraw':
      decided = withdrawAgendaItem(s, { reason: c.reason }, ctx);
      break;
  }
  if (!decided.ok) return decided;
  return { ok: true, value: { id: c.itemId, events: await tx.append('agenda', c.itemId, snap.value.seq, stamp(decided.value, ctx)) } };
}
