/**
 * What the application tells the outside world about a command, derived from the events it
 * appended and enqueued in the same transaction (`WriteSession.notify`), so that a message exists
 * if and only if the command committed. Every assignment event goes to webhook subscribers under
 * its own type; some also e-mail the people they concern, when those people have an address.
 */
import type { AssignmentState } from '../domain/assignment/assignment.state.js';
import { kindOfId } from '../domain/ids.js';
import type { EmailKind, OutgoingMessage } from '../store/outbox.js';
import type { AppendedEvent, WriteSession } from '../store/port.js';

/** Who an e-mail goes to for an assignment event, how soon, and what it says first. */
interface EmailPlan {
  readonly to: readonly (string | null)[];
  readonly kind: EmailKind;
  readonly subject: string;
  readonly lead: string;
}

function plan(e: AppendedEvent, s: AssignmentState): EmailPlan | undefined {
  const p = e.payload as Record<string, unknown>;
  switch (e.type) {
    case 'assignment.escalated':
      return {
        to: [String(p['to']), s.controllerId],
        kind: 'immediate',
        subject: `Escalated (level ${String(p['level'])}): ${s.title}`,
        lead: `The assignment was escalated to level ${String(p['level'])}. Reason: ${String(p['reason'])}`,
      };
    case 'assignment.issued':
      if (s.urgentDemand !== null) {
        return {
          to: [s.ownerId, s.urgentDemand.copyTo.id],
          kind: 'immediate',
          subject: `URGENT demand: ${s.title}`,
          lead: `An urgent demand to ${s.urgentDemand.competentUnitId}, with ${s.urgentDemand.documents.length} document(s); copy to the execution-control office. The requester states: ${s.urgentDemand.statement}`,
        };
      }
      return { to: [s.ownerId], kind: 'digest-eligible', subject: `New assignment: ${s.title}`, lead: 'You were made the owner of this assignment.' };
    case 'assignment.reminded':
      return p['step'] === 'controller-told'
        ? { to: [String(p['to'])], kind: 'immediate', subject: `Deadline reached: ${s.title}`, lead: `The deadline ${s.deadline} is reached and the assignment is not done; you control it.` }
        : { to: [String(p['to'])], kind: 'immediate', subject: `Reminder: ${s.title} is due ${s.deadline}`, lead: `A reminder of the ladder (${String(p['step'])}): the deadline is near.` };
    case 'assignment.handover-offered':
    case 'assignment.transfer-requested':
      return { to: [String(p['to'])], kind: 'digest-eligible', subject: `Offered to you: ${s.title}`, lead: `The assignment is offered to you. Reason: ${String(p['reason'])}` };
    case 'assignment.submitted':
      return { to: [s.verifierId], kind: 'digest-eligible', subject: `To verify: ${s.title}`, lead: 'Work was submitted for your verification.' };
    case 'assignment.rejected':
      return { to: [s.holderId], kind: 'digest-eligible', subject: `Rejected: ${s.title}`, lead: `The submitted work was rejected: ${((p['reasons'] as string[] | undefined) ?? []).join('; ')}` };
    default:
      return undefined;
  }
}

/** True for something that looks like one e-mail address (no spaces, no line breaks, one @ inside). */
function isAddress(email: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(email);
}

/** The person an id stands for: a person, or the holder of a unit's head post (a copy sent to a unit). */
async function personOf(tx: WriteSession, id: string): Promise<string | undefined> {
  if (kindOfId(id) === 'person') return id;
  if (kindOfId(id) !== 'unit') return undefined;
  const unit = await tx.load('unit', id);
  const post = unit === undefined ? undefined : await tx.load('post', unit.state.headPostId);
  return post?.state.holderId ?? undefined;
}

/** The e-mail address of a person, or undefined (not a person, unknown, no address). */
async function addressOf(tx: WriteSession, id: string): Promise<string | undefined> {
  if (kindOfId(id) !== 'person') return undefined;
  const snap = await tx.load('person', id);
  const email = snap?.state.email ?? null;
  return email !== null && isAddress(email) ? email : undefined;
}

/**
 * The messages of the events one command appended: for each assignment event a webhook event of
 * the same type, and e-mails to the people it concerns (never to the actor themselves). Reads the
 * streams through the command's own session, so the states are those the command left.
 */
export async function messagesFor(tx: WriteSession, events: readonly AppendedEvent[]): Promise<OutgoingMessage[]> {
  const out: OutgoingMessage[] = [];
  for (const e of events) {
    if (kindOfId(e.streamId) !== 'assignment') continue;
    const snap = await tx.load('assignment', e.streamId);
    if (snap === undefined) continue;
    const s = snap.state;
    out.push({
      channel: 'webhook',
      event: e.type,
      at: e.at,
      data: {
        assignmentId: e.streamId,
        seq: e.seq,
        actor: e.actor,
        payload: e.payload,
        assignment: { title: s.title, decisionId: s.decisionId, status: s.status, ownerId: s.ownerId, holderId: s.holderId, controllerId: s.controllerId, deadline: s.deadline, escalationLevel: s.escalationLevel },
      },
    });
    const p = plan(e, s);
    if (p === undefined) continue;
    const named: string[] = [];
    for (const id of p.to) {
      const person = id === null ? undefined : await personOf(tx, id);
      if (person !== undefined && person !== e.actor) named.push(person);
    }
    const people = [...new Set(named)];
    for (const personId of people) {
      const to = await addressOf(tx, personId);
      if (to === undefined) continue;
      const body = [p.lead, `Assignment: ${s.title} (${e.streamId})`, `Definition of done: ${s.definitionOfDone}`, `Deadline: ${s.deadline}`, `Status: ${s.status}`].join('\n\n');
      out.push({ channel: 'email', kind: p.kind, topic: e.type, personId, to, subject: p.subject, body, at: e.at });
    }
  }
  return out;
}

/** Enqueues the messages of a command's events in its transaction; returns the outbox rows written. */
export async function enqueueMessages(tx: WriteSession, events: readonly AppendedEvent[]): Promise<number> {
  let rows = 0;
  for (const m of await messagesFor(tx, events)) rows += await tx.notify(m);
  return rows;
}
