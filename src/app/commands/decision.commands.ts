/** Registering a decision of a body and breaking it into assignments, all or nothing (F1). */
import { registerDecision } from '../../domain/decision.js';
import type { AssignmentState } from '../../domain/assignment/assignment.state.js';
import type { WriteSession } from '../../store/port.js';
import type { AppResult } from '../errors.js';
import { decideIssue, type DecidedIssue } from './assignment.commands.js';
import { existing, newId, stamp, type CommandContext, type Outcome } from './context.js';
import type { CommandOf } from './schemas.js';

/** Registers a decision with the assignments it is broken into; if any assignment is refused, nothing is written. */
export async function registerDecisionCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'decision.register'>): Promise<AppResult<Outcome>> {
  const body = await existing(tx, 'body', c.bodyId);
  if (!body.ok) return body;
  const decided = registerDecision({
    body: { id: c.bodyId, kind: 'body' },
    number: c.number,
    date: c.date,
    title: c.title,
    text: c.text,
    numberTaken: c.number.trim() !== '' && (await tx.decisionNumberTaken(c.bodyId, c.number)),
  });
  if (!decided.ok) return decided;
  const id = await newId(tx, ctx, 'decision', c.id);
  if (!id.ok) return id;
  const events = stamp(decided.value, ctx);
  const fresh = new Map<string, AssignmentState>();
  const issues: DecidedIssue[] = [];
  for (const [i, spec] of c.assignments.entries()) {
    const issued = await decideIssue(tx, ctx, id.value, spec, fresh);
    if (!issued.ok) return { ok: false, error: { ...issued.error, details: { ...issued.error.details, assignment: i + 1 } } };
    fresh.set(issued.value.id, issued.value.state);
    issues.push(issued.value);
  }
  const appended = [...(await tx.append('decision', id.value, 0, events))];
  for (const issue of issues) appended.push(...(await tx.append('assignment', issue.id, 0, issue.events)));
  return { ok: true, value: { id: id.value, events: appended } };
}
