/**
 * A body's agenda over HTTP (issue #5, F7): a question is submitted to a body with its full
 * statement, or pointing at a case the ladder brought up (Idempotency-Key); the body's secretary
 * returns detail questions to the competent unit, schedules items to sessions, records the body's
 * decision, or withdraws an item (If-Match); the unit an item was returned to brings it again. A
 * body's agenda is read with its load figures. Documents a statement cites must have been uploaded
 * (POST /api/v1/files). What a caller may not see is 404.
 */
import { z } from 'zod';
import type { CommandInput } from '../../app/commands/schemas.js';
import { readable } from '../../app/access/gate.js';
import type { AgendaItemState } from '../../domain/agenda/agenda-item.js';
import { bodyLoad } from '../../domain/agenda/body-load.js';
import type { StateOf } from '../../domain/streams.js';
import { toInstant, type CalendarDate } from '../../domain/time.js';
import type { Api } from '../api.js';
import { decodeCursor, encodeCursor, idParam, problems } from '../api.js';
import { denied, requireCaller } from '../auth.js';
import type { ServerOptions } from '../options.js';
import { sendProblem } from '../problem.js';
import { changeStream, createStream, isIdCursor, readStream, visibleRows, type StreamApi } from './stream-routes.js';
import { AGENDA_STATUSES, agendaItemSchema, bodyAgendaSchema } from './agenda.schemas.js';
import { commandBody } from './organisation.schemas.js';
import { pageQuery } from './organisation.shared.js';

function represent(item: string, v: number, s: AgendaItemState): z.infer<typeof agendaItemSchema> {
  const r = s.route;
  return {
    id: item,
    version: v,
    bodyId: s.bodyId,
    question: s.question,
    route:
      r.kind === 'ladder'
        ? { kind: 'ladder', assignmentId: r.assignmentId, escalationLevel: r.escalationLevel }
        : { kind: 'statement', options: [...r.options], documents: r.documents.map((d) => ({ ...d })), alreadyTried: r.alreadyTried.map((t) => ({ party: { ...t.party }, did: t.did })) },
    status: s.status,
    submittedBy: s.submittedBy,
    firstSubmittedAt: s.firstSubmittedAt,
    stays: s.stays.map((x) => ({ ...x })),
    returns: s.returns,
    lastReturn: s.lastReturn === null ? null : { ...s.lastReturn },
    session: s.session,
    decisionId: s.decisionId,
    withdrawReason: s.withdrawReason,
    lastEventAt: s.lastEventAt,
  };
}

/** The agenda item API. */
export const AGENDA_ITEMS: StreamApi<'agenda'> = { kind: 'agenda', base: '/api/v1/agenda-items', tag: 'agenda', noun: 'agenda item', schema: agendaItemSchema, represent };

const statementDocuments = (c: { readonly type: string; readonly documents?: unknown }): unknown => (c.type === 'agenda.submit' || c.type === 'agenda.resubmit' ? c.documents : undefined);

/** Registers the agenda routes. */
export function agendaRoutes(api: Api, options: ServerOptions): void {
  const store = options.app.store;

  api.get(
    '/api/v1/bodies/:id/agenda',
    {
      schema: {
        tags: ['agenda'],
        operationId: 'getBodyAgenda',
        summary: "A body's agenda items the caller may see, by id, narrowed to a status; with the body's load figures over all of them",
        params: idParam,
        querystring: z.object({ status: z.enum(AGENDA_STATUSES).optional(), ...pageQuery }).strict(),
        response: { 200: bodyAgendaSchema, ...problems },
      },
    },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      const bodyId = request.params.id;
      const body = await readable(store.reads, who.principal, bodyId);
      if (!body.ok || body.value.kind !== 'body') {
        denied(request, who.caller.personId, 'not visible or not a body');
        return sendProblem(reply, 'NOT_FOUND', `no body ${bodyId}`);
      }
      const q = request.query;
      const after = decodeCursor(q.cursor, isIdCursor);
      if (q.cursor !== undefined && after === undefined) return sendProblem(reply, 'BAD_REQUEST', 'cursor: not a cursor this API gave');
      const limit = q.limit ?? 50;
      // Every item of the body the caller may see: the figures count them all, whatever the page or the status asked.
      const all = await visibleRows(options, 'agenda', who.principal, { filter: { bodyId }, keep: () => true }, Number.MAX_SAFE_INTEGER, undefined);
      const states = all.map((s) => s.state as StateOf<'agenda'>);
      const sessions = [...new Set(states.map((s) => s.session).filter((d): d is CalendarDate => d !== null))];
      const load = bodyLoad(states, sessions, toInstant(options.clock.now()));
      const rows = all.filter((s) => (after === undefined || s.id > after.id) && (q.status === undefined || (s.state as StateOf<'agenda'>).status === q.status)).slice(0, limit + 1);
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      return {
        bodyId,
        items: items.map((s) => represent(s.id, s.seq, s.state as StateOf<'agenda'>)),
        next: rows.length > limit && last !== undefined ? encodeCursor({ id: last.id }) : null,
        load: { ...load, perSession: load.perSession.map((p) => ({ ...p })), timeOnAgenda: { ...load.timeOnAgenda } },
      };
    },
  );

  createStream(api, options, {
    url: '/api/v1/bodies/:id/agenda',
    tag: 'agenda',
    operationId: 'submitAgendaItem',
    summary:
      "Put a question on a body's agenda: with its full statement (the question, at least two options, the documents, who already tried and what they did; 422 STATEMENT_INCOMPLETE names what is missing in details.missing) or naming a case the ladder brought to the body (assignmentId). From a unit (fromUnitId: whoever may issue there) or by the body's secretary",
    body: commandBody('agenda.submit', ['bodyId']),
    command: (body, bodyId) => ({ ...body, type: 'agenda.submit', bodyId }) as CommandInput,
    made: AGENDA_ITEMS,
    documents: statementDocuments,
  });

  readStream(api, options, AGENDA_ITEMS, 'getAgendaItem', 'One agenda item, with its ETag');
  changeStream(api, options, AGENDA_ITEMS, {
    path: 'resubmit',
    operationId: 'resubmitAgendaItem',
    summary: "Submit a returned item again, with its statement (the unit it was returned to, or the body's secretary)",
    body: commandBody('agenda.resubmit', ['itemId']),
    command: (item, body) => ({ ...body, type: 'agenda.resubmit', itemId: item }) as CommandInput,
    // The unit it went back to need not see the agenda to bring the question again.
    mustSee: false,
    documents: statementDocuments,
  });
  changeStream(api, options, AGENDA_ITEMS, {
    path: 'return',
    operationId: 'returnAgendaItem',
    summary: "Send a detail question back to the competent unit, with a reason; it leaves the agenda and counts as returned (the body's secretary)",
    body: commandBody('agenda.return', ['itemId']),
    command: (item, body) => ({ ...body, type: 'agenda.return', itemId: item }) as CommandInput,
  });
  changeStream(api, options, AGENDA_ITEMS, {
    path: 'schedule',
    operationId: 'scheduleAgendaItem',
    summary: "Schedule (or move) an open item to a session, a date not in the past (the body's secretary)",
    body: commandBody('agenda.schedule', ['itemId']),
    command: (item, body) => ({ ...body, type: 'agenda.schedule', itemId: item }) as CommandInput,
  });
  changeStream(api, options, AGENDA_ITEMS, {
    path: 'decide',
    operationId: 'decideAgendaItem',
    summary: "Record the decision the body took on a scheduled item (the body's secretary)",
    body: commandBody('agenda.decide', ['itemId']),
    command: (item, body) => ({ ...body, type: 'agenda.decide', itemId: item }) as CommandInput,
  });
  changeStream(api, options, AGENDA_ITEMS, {
    path: 'withdraw',
    operationId: 'withdrawAgendaItem',
    summary: "Withdraw an item not yet decided, with a reason (the body's secretary)",
    body: commandBody('agenda.withdraw', ['itemId']),
    command: (item, body) => ({ ...body, type: 'agenda.withdraw', itemId: item }) as CommandInput,
  });
}
