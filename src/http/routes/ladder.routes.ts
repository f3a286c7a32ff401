/**
 * The escalation ladder over HTTP (issue #5): business calendars and ladder policies (defined with
 * an Idempotency-Key, read, listed, revised and retired with If-Match, by administrators of their
 * scope), the accountability actions the ladder proposed (read, listed, decided with If-Match by
 * whoever may issue where the case sits), and the urgent demand (an urgent assignment issued under
 * a decision with its documents, like issuing).
 */
import { z } from 'zod';
import type { CommandInput } from '../../app/commands/schemas.js';
import { ACCOUNTABILITY_VERDICTS } from '../../domain/ladder/accountability.js';
import type { StateOf } from '../../domain/streams.js';
import type { Api } from '../api.js';
import type { ServerOptions } from '../options.js';
import { commandBody } from './organisation.schemas.js';
import { pageQuery } from './organisation.shared.js';
import { changeStream, createStream, listStreams, readStream } from './stream-routes.js';
import { ACCOUNTABILITY, CALENDARS, LADDER_POLICIES, urgentAssignmentSchema, urgentRepresentation } from './ladder.schemas.js';

const id = z.string().min(1).max(80);
const activeQuery = z.enum(['true', 'false']).optional().describe('Only those in force (true) or retired (false)');

function activeKeep(active: 'true' | 'false' | undefined): (s: { readonly retiredAt: string | null }) => boolean {
  return active === undefined ? () => true : (s) => (s.retiredAt === null) === (active === 'true');
}

/** Registers the calendar, ladder policy, accountability and urgent demand routes. */
export function ladderRoutes(api: Api, options: ServerOptions): void {
  readStream(api, options, CALENDARS, 'getCalendar', 'One business calendar, with its ETag');
  listStreams(api, options, CALENDARS, {
    operationId: 'listCalendars',
    summary: 'The business calendars the caller may see, by id; narrowed to one unit, or to those in force or retired',
    query: z.object({ unit: id.optional().describe("Only this unit's calendars"), active: activeQuery, ...pageQuery }).strict(),
    scope: (q) => Promise.resolve({ filter: q.unit === undefined ? {} : { unitIds: [q.unit] }, keep: activeKeep(q.active) }),
  });
  createStream(api, options, {
    url: CALENDARS.base,
    tag: CALENDARS.tag,
    operationId: 'defineCalendar',
    summary: 'Define the business calendar of a unit, or of the whole organisation (an administrator of that scope); a broken rule is 422 CALENDAR_INVALID with details.problems',
    body: commandBody('calendar.define'),
    command: (body) => ({ ...body, type: 'calendar.define' }) as CommandInput,
    made: CALENDARS,
  });
  changeStream(api, options, CALENDARS, {
    path: 'revise',
    operationId: 'reviseCalendar',
    summary: 'A new revision of the calendar: its whole definition (an administrator of its scope)',
    body: commandBody('calendar.revise', ['calendarId']),
    command: (cal, body) => ({ ...body, type: 'calendar.revise', calendarId: cal }) as CommandInput,
  });
  changeStream(api, options, CALENDARS, {
    path: 'retire',
    operationId: 'retireCalendar',
    summary: 'Retire the calendar, with a reason: its scope goes back to the calendar it inherits (an administrator of its scope)',
    body: commandBody('calendar.retire', ['calendarId']),
    command: (cal, body) => ({ ...body, type: 'calendar.retire', calendarId: cal }) as CommandInput,
  });

  readStream(api, options, LADDER_POLICIES, 'getLadderPolicy', 'One escalation ladder policy, with its ETag');
  listStreams(api, options, LADDER_POLICIES, {
    operationId: 'listLadderPolicies',
    summary: 'The ladder policies the caller may see, by id; narrowed to one unit, a domain, or to those in force or retired',
    query: z.object({ unit: id.optional().describe("Only the policies scoped to this unit's subtree"), domain: z.string().max(100).optional(), active: activeQuery, ...pageQuery }).strict(),
    scope: (q) => {
      const active = activeKeep(q.active);
      return Promise.resolve({ filter: q.unit === undefined ? {} : { unitIds: [q.unit] }, keep: (s: StateOf<'ladder'>) => active(s) && (q.domain === undefined || s.scope.domain === q.domain) });
    },
  });
  createStream(api, options, {
    url: LADDER_POLICIES.base,
    tag: LADDER_POLICIES.tag,
    operationId: 'defineLadderPolicy',
    summary: "Define the ladder of a unit's subtree (or the whole organisation) and a domain (or any): reminders, superior, body (an administrator of that scope); a broken rule is 422 LADDER_POLICY_INVALID with details.problems",
    body: commandBody('ladder.define'),
    command: (body) => ({ ...body, type: 'ladder.define' }) as CommandInput,
    made: LADDER_POLICIES,
  });
  changeStream(api, options, LADDER_POLICIES, {
    path: 'revise',
    operationId: 'reviseLadderPolicy',
    summary: 'A new revision of the policy: its steps and optionally its name; the scope stays (an administrator of its scope)',
    body: commandBody('ladder.revise', ['policyId']),
    command: (policy, body) => ({ ...body, type: 'ladder.revise', policyId: policy }) as CommandInput,
  });
  changeStream(api, options, LADDER_POLICIES, {
    path: 'retire',
    operationId: 'retireLadderPolicy',
    summary: 'Retire the policy, with a reason: its cases fall to the next most specific policy (an administrator of its scope)',
    body: commandBody('ladder.retire', ['policyId']),
    command: (policy, body) => ({ ...body, type: 'ladder.retire', policyId: policy }) as CommandInput,
  });

  readStream(api, options, ACCOUNTABILITY, 'getAccountabilityProposal', 'One accountability action the ladder proposed, with its ETag');
  listStreams(api, options, ACCOUNTABILITY, {
    operationId: 'listAccountabilityProposals',
    summary: 'The accountability actions the caller may see, by id; narrowed to one case or a status',
    query: z
      .object({ assignment: id.optional().describe('Only those about this case'), status: z.enum(['proposed', ...ACCOUNTABILITY_VERDICTS]).optional(), ...pageQuery })
      .strict(),
    scope: (q) => Promise.resolve({ filter: {}, keep: (s: StateOf<'accountability'>) => (q.assignment === undefined || s.assignmentId === q.assignment) && (q.status === undefined || s.status === q.status) }),
  });
  changeStream(api, options, ACCOUNTABILITY, {
    path: 'decide',
    operationId: 'decideAccountabilityProposal',
    summary: 'Accept or decline the proposed action (verdict `accepted` or `declined`), with a reason (whoever may issue where the case sits; never the person it concerns). Nothing is applied automatically',
    body: commandBody('accountability.decide', ['proposalId']),
    command: (proposal, body) => ({ ...body, type: 'accountability.decide', proposalId: proposal }) as CommandInput,
  });

  createStream(api, options, {
    url: '/api/v1/decisions/:id/urgent-demands',
    tag: 'assignments',
    operationId: 'demandUrgently',
    summary:
      'Issue an urgent demand under a decision: an urgent assignment to a person of the competent unit, with its documents (uploaded first), a deadline at most 3 days away, the copy to the execution-control office and the statement that delay will be pursued (as issuing)',
    body: commandBody('urgent.demand', ['decisionId']),
    command: (body, decision) => ({ ...body, type: 'urgent.demand', decisionId: decision }) as CommandInput,
    made: { kind: 'assignment', base: '/api/v1/assignments', noun: 'assignment', schema: urgentAssignmentSchema, represent: urgentRepresentation },
    documents: (c) => (c.type === 'urgent.demand' ? c.documents : undefined),
  });
}
