/** The one place that knows, for every kind of stream, its events and how they fold into state. */
import type { AssignmentEvent } from './assignment/assignment.events.js';
import { evolveAssignment, type AssignmentState } from './assignment/assignment.state.js';
import { evolveLedger, type LedgerEvent, type LedgerState } from './checkpoint.js';
import { evolveDecision, type DecisionEvent, type DecisionState } from './decision.js';
import type { StreamEvent } from './event.js';
import type { StreamKind } from './ids.js';
import { evolveBody, type BodyEvent, type BodyState } from './organisation/body.js';
import { evolveCommittee, type CommitteeEvent, type CommitteeState } from './organisation/committee.js';
import { evolvePerson, type PersonEvent, type PersonState } from './organisation/person.js';
import { evolvePost, type PostEvent, type PostState } from './organisation/post.js';
import { evolveUnit, type UnitEvent, type UnitState } from './organisation/unit.js';
import { evolveCalendar, type CalendarEvent, type CalendarState } from './calendar/calendar-stream.js';
import { evolveLadderPolicy, type LadderPolicyEvent, type LadderPolicyState } from './ladder/ladder-policy-stream.js';
import { evolveAccountability, type AccountabilityEvent, type AccountabilityState } from './ladder/accountability.js';
import { evolveAgendaItem, type AgendaEvent, type AgendaItemState } from './agenda/agenda-item.js';
import { evolveTrace, type TraceEvent, type TraceState } from './trace/trace.js';

/** For each kind of stream, the events it holds and the state they fold into. */
export interface StreamTypes {
  unit: { event: UnitEvent; state: UnitState };
  person: { event: PersonEvent; state: PersonState };
  post: { event: PostEvent; state: PostState };
  body: { event: BodyEvent; state: BodyState };
  committee: { event: CommitteeEvent; state: CommitteeState };
  decision: { event: DecisionEvent; state: DecisionState };
  assignment: { event: AssignmentEvent; state: AssignmentState };
  ledger: { event: LedgerEvent; state: LedgerState };
  calendar: { event: CalendarEvent; state: CalendarState };
  ladder: { event: LadderPolicyEvent; state: LadderPolicyState };
  accountability: { event: AccountabilityEvent; state: AccountabilityState };
  agenda: { event: AgendaEvent; state: AgendaItemState };
  trace: { event: TraceEvent; state: TraceState };
}

/** Any event of any stream. */
export type AnyEvent = StreamTypes[StreamKind]['event'];
/** The state of a stream of kind K. */
export type StateOf<K extends StreamKind> = StreamTypes[K]['state'];
/** An event of a stream of kind K. */
export type EventOf<K extends StreamKind> = StreamTypes[K]['event'];

type Evolvers = { [K in StreamKind]: (s: StateOf<K> | undefined, e: StreamEvent<EventOf<K>>) => StateOf<K> };

const EVOLVERS: Evolvers = {
  unit: evolveUnit,
  person: evolvePerson,
  post: evolvePost,
  body: evolveBody,
  committee: evolveCommittee,
  decision: evolveDecision,
  assignment: evolveAssignment,
  ledger: evolveLedger,
  calendar: evolveCalendar,
  ladder: evolveLadderPolicy,
  accountability: evolveAccountability,
  agenda: evolveAgendaItem,
  trace: evolveTrace,
};

/** The event type prefix each kind of stream accepts (`assignment.` …, `checkpoint.` for the ledger). */
export const EVENT_PREFIX: { readonly [K in StreamKind]: string } = {
  unit: 'unit.',
  person: 'person.',
  post: 'post.',
  body: 'body.',
  committee: 'committee.',
  decision: 'decision.',
  assignment: 'assignment.',
  ledger: 'checkpoint.',
  calendar: 'calendar.',
  ladder: 'ladder-policy.',
  accountability: 'accountability.',
  agenda: 'agenda.',
  trace: 'trace.',
};

/** Folds an event into the state of a stream of the given kind; refuses an event of another kind of stream. */
export function evolve<K extends StreamKind>(kind: K, state: StateOf<K> | undefined, event: StreamEvent<EventOf<K>>): StateOf<K> {
  if (!event.type.startsWith(EVENT_PREFIX[kind])) throw new Error(`event ${event.type} does not belong to a ${kind} stream`);
  return (EVOLVERS[kind] as (s: StateOf<K> | undefined, e: StreamEvent<EventOf<K>>) => StateOf<K>)(state, event);
}
