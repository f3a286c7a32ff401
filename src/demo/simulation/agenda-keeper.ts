/**
 * The top body's secretary keeping its agenda (F7) in a simulation. On the morning of a session
 * (weekly) the secretary goes through the items that came since: an item whose case was closed
 * meanwhile is withdrawn; a detail question — a case that carries out a decision of a lower body,
 * or, drawn from the seed, a share of the others — goes back to the owner's unit with a reason,
 * and that unit finishes the case; the rest is scheduled for the session. At the session the body
 * decides each scheduled item — on the case's own decision when the body took it, or by a decision
 * it registers now — and decides the accountability actions its escalations proposed. Every step
 * is a command issued as the secretary.
 */
import type { AgendaItemState } from '../../domain/agenda/agenda-item.js';
import type { AccountabilityState } from '../../domain/ladder/accountability.js';
import type { CalendarDate } from '../../domain/time.js';
import type { Rng } from '../random.js';
import type { Acting } from './acting.js';
import { allStreams, type SimulationCast } from './simulation-cast.js';

/** The share of the items that are not a lower body's business which the secretary still finds to be detail questions. */
export const DETAIL_SHARE = 0.15;
/** The share of items on the body's own decisions that it decides on that decision rather than by a new one. */
export const ON_EXISTING_DECISION = 0.5;
/** The share of the actions proposed to the body that it accepts. */
export const ACCEPTED_BY_BODY = 0.5;

/** The top body's secretary. */
export class AgendaKeeper {
  /** The sessions held, in order. */
  readonly sessions: CalendarDate[] = [];

  constructor(
    private readonly acting: Acting,
    private readonly rng: Rng,
    private readonly cast: SimulationCast,
    private readonly secretaryId: string,
  ) {}

  /** The body's open items, in id order. */
  private async openItems(): Promise<{ id: string; state: AgendaItemState }[]> {
    return (await allStreams(this.acting.reads, 'agenda'))
      .map((s) => ({ id: s.id, state: s.state as AgendaItemState }))
      .filter((i) => i.state.bodyId === this.cast.topBodyId && (i.state.status === 'submitted' || i.state.status === 'scheduled'));
  }

  /** The case an item is about: the one the ladder brought, or the one a statement of this simulation was about. */
  private caseOf(id: string, item: AgendaItemState): string | undefined {
    return item.route.kind === 'ladder' ? item.route.assignmentId : this.acting.statementCases.get(id);
  }

  /** The morning of a session: withdraw what was settled, send back detail questions, schedule the rest for `session`. */
  async prepare(session: CalendarDate): Promise<void> {
    const { acting, rng, cast, secretaryId } = this;
    for (const { id, state: item } of await this.openItems()) {
      if (item.status === 'scheduled') {
        // Set for a session that was not held (a holiday): moved to this one.
        if (item.session !== null && item.session < session) await acting.run(secretaryId, { type: 'agenda.schedule', itemId: id, session });
        continue;
      }
      const caseId = this.caseOf(id, item);
      const s = caseId === undefined ? undefined : await acting.assignment(caseId);
      if (caseId !== undefined && s !== undefined && s.closedAt !== null) {
        await acting.run(secretaryId, { type: 'agenda.withdraw', itemId: id, reason: `Settled before the session: ${caseId} was ${s.status} on ${s.closedAt.slice(0, 10)}.` });
        continue;
      }
      const owner = s === undefined ? undefined : await acting.person(s.ownerId);
      const body = s === undefined ? undefined : await acting.decidingBody(s.decisionId);
      const lower = body !== undefined && body.level > cast.topBodyLevel;
      if (caseId !== undefined && owner !== undefined && (lower || rng.chance(DETAIL_SHARE))) {
        const reason =
          lower && body !== undefined
            ? `A detail question: ${caseId} carries out decision ${body.number} of the ${body.name}, not of the ${cast.topBodyName}; the competent unit settles it.`
            : `A detail question: ${caseId} needs no decision of the ${cast.topBodyName}; the competent unit settles it.`;
        if ((await acting.run(secretaryId, { type: 'agenda.return', itemId: id, toUnitId: owner.unitId, reason })) !== undefined) acting.pressed.add(caseId);
        continue;
      }
      await acting.run(secretaryId, { type: 'agenda.schedule', itemId: id, session });
    }
  }

  /** The session: the body decides every item scheduled for it, and the accountability actions proposed to it. */
  async hold(session: CalendarDate): Promise<void> {
    const { acting, rng, cast, secretaryId } = this;
    this.sessions.push(session);
    for (const { id, state: item } of await this.openItems()) {
      if (item.status !== 'scheduled' || item.session !== session) continue;
      const caseId = this.caseOf(id, item);
      const s = caseId === undefined ? undefined : await acting.assignment(caseId);
      const body = s === undefined ? undefined : await acting.decidingBody(s.decisionId);
      let decisionId = s !== undefined && body?.bodyId === cast.topBodyId && rng.chance(ON_EXISTING_DECISION) ? s.decisionId : undefined;
      if (decisionId === undefined) {
        const about = s === undefined ? item.question : `${caseId ?? ''}: ${s.title}`;
        const out = await acting.run(secretaryId, {
          type: 'decision.register',
          bodyId: cast.topBodyId,
          // Numbered after the item it decides: unique in the body's series, whatever ran before.
          number: `AG-${session}/${id}`,
          date: session,
          title: `On the overdue case ${about}`.slice(0, 500),
          text: `The ${cast.topBodyName} heard the question brought to its agenda (${id}) and orders the owner to finish the work and the verifier to check it without delay.`,
        });
        decisionId = out?.id;
      }
      if (decisionId === undefined) continue;
      if ((await acting.run(secretaryId, { type: 'agenda.decide', itemId: id, decisionId })) !== undefined && caseId !== undefined) acting.pressed.add(caseId);
    }
    await this.decideProposals();
  }

  private async decideProposals(): Promise<void> {
    const { acting, rng, cast, secretaryId } = this;
    for (const snap of await allStreams(acting.reads, 'accountability')) {
      const p = snap.state as AccountabilityState;
      if (p.status !== 'proposed' || p.subjectId === secretaryId || (await acting.escalationTarget(snap.id, p)) !== cast.topBodyId) continue;
      const accepted = rng.chance(ACCEPTED_BY_BODY);
      await acting.run(secretaryId, {
        type: 'accountability.decide',
        proposalId: snap.id,
        verdict: accepted ? 'accepted' : 'declined',
        reason: accepted ? `The ${cast.topBodyName} imposes the ${p.action}.` : `The ${cast.topBodyName} declines the ${p.action}: the case is being finished.`,
      });
    }
  }
}
