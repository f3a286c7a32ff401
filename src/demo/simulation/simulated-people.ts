/**
 * The people of the organisation on one simulated day, drawn from a seeded generator: on their
 * own working days (their unit's calendar) recipients answer waiting handovers, transfers and
 * extension requests; owners accept new cases; holders submit a share of the work in hand;
 * verifiers verify a share of what was submitted — a larger share of the cases the top body
 * decided on or sent back, a smaller one otherwise, so that some cases are finished in time and
 * others climb the ladder. A superior a case was escalated to may bring it to the top body with a
 * full statement; the person an escalation reached decides the accountability action it proposed.
 * Everything is a command issued as the person who would issue it.
 */
import type { AssignmentState } from '../../domain/assignment/assignment.state.js';
import type { AccountabilityState } from '../../domain/ladder/accountability.js';
import { kindOfId } from '../../domain/ids.js';
import type { CalendarDate, Instant } from '../../domain/time.js';
import type { AssignmentCursor } from '../../store/read-model.js';
import { documentOf } from '../evidence.js';
import type { Rng } from '../random.js';
import type { Acting } from './acting.js';
import { allStreams, type SimulationCast } from './simulation-cast.js';

const OPEN = ['issued', 'in_progress', 'submitted'];

/** How likely each step is on a working day of the person who takes it. */
export const DAILY_CHANCE = {
  answer: 0.5,
  grantExtension: 0.5,
  accept: 0.5,
  /** Submitting: the base share, once overdue, once escalated, and once the top body has spoken. */
  submit: { base: 0.04, overdue: 0.06, escalated: 0.1, pressed: 0.6 },
  verify: { base: 0.45, pressed: 0.9 },
  /** A superior brings a case escalated to them before the top body, with a full statement. */
  bringToBody: 0.04,
  /** A person an escalation reached decides the action it proposed; and accepts it with this chance. */
  decideAccountability: 0.35,
  acceptAccountability: 0.6,
} as const;

/** The open cases in the listing order (deadline, then id). */
async function openCases(acting: Acting): Promise<{ id: string; state: AssignmentState }[]> {
  const out: { id: string; state: AssignmentState }[] = [];
  for (let after: AssignmentCursor | undefined; ; ) {
    const page = await acting.reads.assignments(after === undefined ? { statuses: OPEN, limit: 1000 } : { statuses: OPEN, limit: 1000, after });
    for (const a of page) {
      const state = await acting.assignment(a.id);
      if (state !== undefined) out.push({ id: a.id, state });
    }
    const last = page[page.length - 1];
    if (page.length < 1000 || last === undefined) return out;
    after = { deadline: last.deadline, id: last.id };
  }
}

/** The executors, verifiers and superiors of the organisation. */
export class SimulatedPeople {
  private readonly brought = new Set<string>();

  constructor(
    private readonly acting: Acting,
    private readonly rng: Rng,
    /** The top body a superior may bring a case to (none: nobody brings anything). */
    private readonly cast: SimulationCast | undefined,
  ) {}

  /** One day's work at `at` (the date is `date`); only people whose unit works that day act. */
  async workday(at: Instant, date: CalendarDate): Promise<void> {
    for (const c of await openCases(this.acting)) await this.onCase(c.id, c.state, at, date);
    await this.decideProposals(date);
  }

  private async onCase(id: string, s: AssignmentState, at: Instant, date: CalendarDate): Promise<void> {
    const { acting, rng } = this;
    const pressed = acting.pressed.has(id);
    const p = s.pending;
    if (p !== null) {
      const who = p.kind === 'extension' ? p.approverId : p.to;
      if (!(await acting.works(who, date)) || !rng.chance(DAILY_CHANCE.answer)) return;
      if (p.kind === 'handover') await acting.run(who, { type: 'assignment.handover.accept', assignmentId: id });
      else if (p.kind === 'transfer') await acting.run(who, { type: 'assignment.transfer.accept', assignmentId: id });
      else if (rng.chance(DAILY_CHANCE.grantExtension)) await acting.run(who, { type: 'assignment.extension.grant', assignmentId: id });
      else await acting.run(who, { type: 'assignment.extension.refuse', assignmentId: id, reason: 'No more time: finish with what you have.' });
      return;
    }
    switch (s.status) {
      case 'issued':
        if ((await acting.works(s.ownerId, date)) && (pressed || rng.chance(DAILY_CHANCE.accept))) await acting.run(s.ownerId, { type: 'assignment.accept', assignmentId: id });
        return;
      case 'in_progress': {
        const by = s.holderId === s.verifierId ? s.ownerId : s.holderId;
        if (!(await acting.works(by, date))) return;
        const chance = DAILY_CHANCE.submit;
        const share = pressed ? chance.pressed : s.escalationLevel > 0 ? chance.escalated : s.deadline < at ? chance.overdue : chance.base;
        if (rng.chance(share)) await this.submit(id, s, by, date);
        else if (s.escalationLevel === 1) await this.maybeBring(id, s, date);
        return;
      }
      case 'submitted':
        if ((await acting.works(s.verifierId, date)) && rng.chance(pressed ? DAILY_CHANCE.verify.pressed : DAILY_CHANCE.verify.base)) {
          await acting.run(s.verifierId, { type: 'assignment.verify', assignmentId: id, note: pressed ? 'Checked after the decision of the body.' : 'Checked.' });
        }
        return;
      case 'verified':
      case 'cancelled':
        return;
    }
  }

  private async submit(id: string, s: AssignmentState, by: string, date: CalendarDate): Promise<void> {
    const act = [`Report of completion — ${s.title}`, `Case ${id}`, `Done as defined: ${s.definitionOfDone}`, `Submitted on ${date}`].join('\n');
    await this.acting.run(by, {
      type: 'assignment.submit',
      assignmentId: id,
      evidence: [documentOf(`Report of completion ${id}.txt`, act), { kind: 'text', text: `Done on ${date}; the report is attached.` }],
    });
  }

  /** The superior a case was escalated to may bring it to the top body with a full statement, once. */
  private async maybeBring(id: string, s: AssignmentState, date: CalendarDate): Promise<void> {
    const { acting, rng, cast } = this;
    const superior = s.escalatedTo;
    if (cast === undefined || superior === null || kindOfId(superior) !== 'person' || this.brought.has(id)) return;
    if (!(await acting.works(superior, date)) || !rng.chance(DAILY_CHANCE.bringToBody)) return;
    const [mine, owner] = [await acting.person(superior), await acting.person(s.ownerId)];
    if (mine === undefined || owner === undefined) return;
    this.brought.add(id);
    const paper = [`Statement on case ${id}: ${s.title}`, `Due ${s.deadline}, not done.`, `Definition of done: ${s.definitionOfDone}`].join('\n');
    const out = await acting.run(superior, {
      type: 'agenda.submit',
      bodyId: cast.topBodyId,
      fromUnitId: mine.unitId,
      question: `${s.title}: overdue since ${s.deadline.slice(0, 10)} and still not done after escalation; what is the ${cast.topBodyName} to decide?`,
      options: [`Extend the deadline once more and hold ${owner.name} to it`, `Give the case to another unit and close it there`],
      documents: [documentOf(`Statement on ${id}.txt`, paper)],
      alreadyTried: [
        { partyId: owner.unitId, did: `The owner's unit worked the case and asked for help; it is still open.` },
        { partyId: superior, did: `Took the escalation and pressed the owner; it was not enough.` },
      ],
    });
    if (out !== undefined) acting.statementCases.set(out.id, id);
  }

  /** The person an escalation reached decides the accountability action it proposed (a body's proposals wait for its session). */
  private async decideProposals(date: CalendarDate): Promise<void> {
    const { acting, rng } = this;
    for (const snap of await allStreams(acting.reads, 'accountability')) {
      const p = snap.state as AccountabilityState;
      if (p.status !== 'proposed') continue;
      const decider = await this.deciderOf(snap.id, p);
      if (decider === null || !(await acting.works(decider, date)) || !rng.chance(DAILY_CHANCE.decideAccountability)) continue;
      const accepted = rng.chance(DAILY_CHANCE.acceptAccountability);
      await acting.run(decider, {
        type: 'accountability.decide',
        proposalId: snap.id,
        verdict: accepted ? 'accepted' : 'declined',
        reason: accepted ? `The ${p.action} stands: the case was left overdue without a word.` : 'Declined: the delay had a cause outside the owner\'s control.',
      });
    }
  }

  /** The person the proposal's escalation went to, when it is a person other than its subject; null otherwise. */
  private async deciderOf(proposalId: string, p: AccountabilityState): Promise<string | null> {
    const to = await this.acting.escalationTarget(proposalId, p);
    return to !== null && kindOfId(to) === 'person' && to !== p.subjectId ? to : null;
  }
}
