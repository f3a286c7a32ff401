/**
 * Use cases of the escalation ladder (F5): business calendars and ladder policies (defined, revised
 * and retired by administrators, versioned as events), a due ladder step performed by the system,
 * and a person's verdict on the accountability action a step proposed.
 */
import { decideAccountability } from '../../domain/ladder/accountability.js';
import { defineCalendar, retireCalendar, reviseCalendar } from '../../domain/calendar/calendar-stream.js';
import { performLadderStep } from '../../domain/ladder/ladder-step.js';
import { defineLadderPolicy, retireLadderPolicy, reviseLadderPolicy } from '../../domain/ladder/ladder-policy-stream.js';
import { submitAgendaItem } from '../../domain/agenda/agenda-item.js';
import type { StreamEvent } from '../../domain/event.js';
import type { AppendedEvent, WriteSession } from '../../store/port.js';
import { appFail, type AppResult } from '../errors.js';
import { caseLadder, resolveRecipient, sourceOfSession } from '../ladder/case-ladder.js';
import { existing, newId, optionalParty, party, stamp, type CommandContext, type Outcome } from './context.js';
import type { CommandOf } from './schemas.js';

/** Defines the calendar of the organisation (no unit) or of a unit; refused when that scope has one in force. */
export async function defineCalendarCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'calendar.define'>): Promise<AppResult<Outcome>> {
  const scope = await optionalParty(tx, c.unitId, 'unit');
  if (!scope.ok) return scope;
  const taken = (await tx.streams('calendar')).some((s) => s.state.retiredAt === null && s.state.unitId === (c.unitId ?? null));
  const decided = defineCalendar({ scope: scope.value ?? null, definition: c.definition, scopeTaken: taken });
  if (!decided.ok) return decided;
  const id = await newId(tx, ctx, 'calendar', c.id);
  if (!id.ok) return id;
  return { ok: true, value: { id: id.value, events: await tx.append('calendar', id.value, 0, stamp(decided.value, ctx)) } };
}

/** Revises or retires a calendar in force. */
export async function changeCalendarCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'calendar.revise' | 'calendar.retire'>): Promise<AppResult<Outcome>> {
  const snap = await existing(tx, 'calendar', c.calendarId);
  if (!snap.ok) return snap;
  const decided = c.type === 'calendar.revise' ? reviseCalendar(snap.value.state, { definition: c.definition }, ctx.at) : retireCalendar(snap.value.state, { reason: c.reason }, ctx.at);
  if (!decided.ok) return decided;
  return { ok: true, value: { id: c.calendarId, events: await tx.append('calendar', c.calendarId, snap.value.seq, stamp(decided.value, ctx)) } };
}

/** Defines a ladder policy for a unit's subtree (or the organisation) and a domain (or any); refused when that scope has one in force. */
export async function defineLadderCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'ladder.define'>): Promise<AppResult<Outcome>> {
  const unit = await optionalParty(tx, c.unitId, 'unit');
  if (!unit.ok) return unit;
  const domain = c.domain ?? null;
  const taken = (await tx.streams('ladder')).some((s) => s.state.retiredAt === null && s.state.scope.unitId === (c.unitId ?? null) && s.state.scope.domain === (domain === null ? null : domain.trim()));
  const decided = defineLadderPolicy({ name: c.name, unit: unit.value ?? null, domain, rules: c.rules, scopeTaken: taken });
  if (!decided.ok) return decided;
  const id = await newId(tx, ctx, 'ladder', c.id);
  if (!id.ok) return id;
  return { ok: true, value: { id: id.value, events: await tx.append('ladder', id.value, 0, stamp(decided.value, ctx)) } };
}

/** Revises (a new version) or retires a ladder policy in force. */
export async function changeLadderCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'ladder.revise' | 'ladder.retire'>): Promise<AppResult<Outcome>> {
  const snap = await existing(tx, 'ladder', c.policyId);
  if (!snap.ok) return snap;
  const decided = c.type === 'ladder.revise' ? reviseLadderPolicy(snap.value.state, { name: c.name, rules: c.rules }, ctx.at) : retireLadderPolicy(snap.value.state, { reason: c.reason }, ctx.at);
  if (!decided.ok) return decided;
  return { ok: true, value: { id: c.policyId, events: await tx.append('ladder', c.policyId, snap.value.seq, stamp(decided.value, ctx)) } };
}

/**
 * Performs one due step of a case's ladder, as the system: re-plans the case in this transaction
 * (so a step overtaken by a change since it was scheduled is refused, LADDER_STEP_NOT_DUE), appends
 * the notice or the escalation to the case, the accountability proposal the step carries (a new
 * stream), and — when the case reaches a body — the item on that body's agenda, arrived by the ladder.
 */
export async function ladderStepCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'ladder.step'>): Promise<AppResult<Outcome>> {
  const snap = await existing(tx, 'assignment', c.assignmentId);
  if (!snap.ok) return snap;
  const s = snap.value.state;
  const src = sourceOfSession(tx);
  const { plan, bodyId } = await caseLadder(src, c.assignmentId, s);
  const step = plan.steps.find((x) => x.key === c.stepKey);
  const to = step === undefined ? { id: s.ownerId, kind: 'person' as const } : await resolveRecipient(src, step.to, s.ownerId, bodyId);
  if (to === undefined) return appFail('NOT_FOUND', `nobody to address ${c.stepKey} to: no person and no body`, { stepKey: c.stepKey });
  const performed = performLadderStep(s, plan, c.stepKey, to, ctx.at);
  if (!performed.ok) return performed;
  const { events, proposal, level } = performed.value;
  const appended: AppendedEvent[] = [...(await tx.append('assignment', c.assignmentId, snap.value.seq, stamp(events, ctx)))];
  if (proposal !== null) {
    const id = await newId(tx, ctx, 'accountability', undefined);
    if (!id.ok) return id;
    appended.push(...(await tx.append('accountability', id.value, 0, stamp(proposal, ctx))));
  }
  if (to.kind === 'body' && level !== null) {
    const item = submitAgendaItem(
      undefined,
      {
        body: to,
        question: `${s.title}: due ${s.deadline}, not done; the ladder brought it to the body (level ${level}).`,
        ladder: { assignmentId: c.assignmentId, escalationLevel: level, escalatedToBodyId: to.id },
      },
      ctx,
    );
    // A case escalated to a body below level 2 (no superior anywhere above the owner) goes on the agenda only at level 2.
    if (item.ok) {
      const id = await newId(tx, ctx, 'agenda', undefined);
      if (!id.ok) return id;
      appended.push(...(await tx.append('agenda', id.value, 0, stamp(item.value, ctx))));
    } else if (item.error.code !== 'LADDER_NOT_REACHED') return item;
  }
  return { ok: true, value: { id: c.assignmentId, events: appended } };
}

/** A person accepts or declines the accountability action a ladder step proposed; never the person it concerns. */
export async function decideAccountabilityCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'accountability.decide'>): Promise<AppResult<Outcome>> {
  const snap = await existing(tx, 'accountability', c.proposalId);
  if (!snap.ok) return snap;
  const actor = await party(tx, ctx.actor, 'decider');
  if (!actor.ok) return actor;
  const decided = decideAccountability(snap.value.state, { verdict: c.verdict, reason: c.reason }, ctx);
  if (!decided.ok) return decided;
  const events: StreamEvent<(typeof decided.value)[number]>[] = stamp(decided.value, ctx);
  return { ok: true, value: { id: c.proposalId, events: await tx.append('accountability', c.proposalId, snap.value.seq, events) } };
}
