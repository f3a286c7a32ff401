/**
 * Decisions over HTTP: read one (with its ETag), list them by id or newest first (anyone holding a
 * role sees the organisation's decisions), narrowed to a body or found by number or title, each
 * with how it is being carried out (its assignments counted by status, by the database); register
 * one — with the assignments it is broken into, all or nothing — under an Idempotency-Key.
 * Registering takes a secretary of the body or an administrator of the whole organisation.
 */
import { z } from 'zod';
import { readable } from '../../app/access/gate.js';
import type { CommandInput } from '../../app/commands/schemas.js';
import { decisionMatches, executionOf, executionOfOne } from '../../app/queries/decision-execution.js';
import type { StateOf } from '../../domain/streams.js';
import type { DecisionDateCursor, StreamSnapshot } from '../../store/read-model.js';
import type { Api } from '../api.js';
import { decodeCursor, encodeCursor, idParam, problems } from '../api.js';
import { denied, requireCaller } from '../auth.js';
import { etagOf } from '../etag.js';
import type { ServerOptions } from '../options.js';
import { sendProblem } from '../problem.js';
import { commandBody, decisionSchema, decisionViewSchema, pageOf, represent } from './organisation.schemas.js';
import { createOne, pageQuery, type KindApi } from './organisation.shared.js';
import { isIdCursor } from './stream-routes.js';

/** The decision API (its creating route answers with the decision alone: it has no execution yet to count). */
export const DECISIONS: KindApi<'decision'> = { kind: 'decision', base: '/api/v1/decisions', tag: 'decisions', noun: 'decision', schema: decisionSchema, represent: represent.decision };

/** Rows read per query while a search looks for matching decisions. */
const BATCH = 500;

const listQuery = z
  .object({
    body: z.string().min(1).max(80).optional().describe('Only the decisions of this body'),
    search: z.string().max(200).optional().describe('Only decisions whose number or title contains this text (case-insensitive)'),
    order: z
      .enum(['id', 'newest'])
      .optional()
      .describe('`id` (the default): by id; `newest`: by decision date, newest first, then by id descending. A cursor is valid only with the order that gave it'),
    ...pageQuery,
  })
  .strict();

/** A position in the newest-first order: the decision's date and id. */
type DateCursor = DecisionDateCursor;

/** True for a cursor of the newest-first order: the date and id of the last decision of a page. */
function isDateCursor(v: unknown): v is DateCursor {
  return isIdCursor(v) && typeof (v as { date?: unknown }).date === 'string';
}

/** True for a cursor of the default order (an id), and not one of the newest-first order. */
function isIdOnlyCursor(v: unknown): v is { id: string } {
  return isIdCursor(v) && !('date' in v);
}

/** Where a decision stands in the newest-first order. */
function positionOf(s: StreamSnapshot): DateCursor {
  return { date: (s.state as StateOf<'decision'>).date, id: s.id };
}

/** Registers the decision routes. */
export function decisionRoutes(api: Api, options: ServerOptions): void {
  const store = options.app.store;

  api.get(
    '/api/v1/decisions/:id',
    { schema: { tags: ['decisions'], operationId: 'getDecision', summary: 'One decision, with its ETag and how it is being carried out', params: idParam, response: { 200: decisionViewSchema, ...problems } } },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      const found = await readable(store.reads, who.principal, request.params.id);
      if (!found.ok || found.value.kind !== 'decision') {
        denied(request, who.caller.personId, 'not visible or not a decision');
        return sendProblem(reply, 'NOT_FOUND', `no decision ${request.params.id}`);
      }
      const s = found.value;
      reply.header('etag', etagOf(s.seq));
      return { ...represent.decision(s.id, s.seq, s.state as StateOf<'decision'>), execution: await executionOfOne(store, s.id, options.clock.now()) };
    },
  );

  api.get(
    '/api/v1/decisions',
    {
      schema: {
        tags: ['decisions'],
        operationId: 'listDecisions',
        summary: 'The decisions of the organisation, by id or newest first (to anyone holding a role), each with how it is being carried out; narrowed to one body, or found by number or title',
        querystring: listQuery,
        response: { 200: pageOf(decisionViewSchema), ...problems },
      },
    },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      const q = request.query;
      const newest = q.order === 'newest';
      const after = newest ? decodeCursor(q.cursor, isDateCursor) : decodeCursor(q.cursor, isIdOnlyCursor);
      if (q.cursor !== undefined && after === undefined) return sendProblem(reply, 'BAD_REQUEST', 'cursor: not a cursor this API gave for this order');
      const limit = q.limit ?? 50;
      // The organisation's public acts: anyone holding a role sees them all, nobody else any.
      const rows: StreamSnapshot[] = [];
      let cursor = after;
      const body = q.body !== undefined ? { bodyId: q.body } : {};
      while (who.principal.grants.length > 0 && rows.length <= limit) {
        const batch = newest
          ? // In this order every cursor is a DateCursor: the one decoded with isDateCursor, or positionOf.
            await store.reads.decisionsNewest({ ...body, limit: BATCH, ...(cursor !== undefined ? { after: cursor as DateCursor } : {}) })
          : await store.reads.streams('decision', { ...body, limit: BATCH, ...(cursor !== undefined ? { after: cursor.id } : {}) });
        for (const s of batch) {
          if (rows.length > limit) break;
          if (decisionMatches(s.state as StateOf<'decision'>, q.search)) rows.push(s);
        }
        const last = batch[batch.length - 1];
        if (last === undefined || batch.length < BATCH) break;
        cursor = positionOf(last);
      }
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      const execution = await executionOf(
        store,
        items.map((s) => s.id),
        options.clock.now(),
      );
      return {
        items: items.map((s) => ({ ...represent.decision(s.id, s.seq, s.state as StateOf<'decision'>), execution: execution.get(s.id) ?? { total: 0, issued: 0, inProgress: 0, submitted: 0, verified: 0, cancelled: 0, overdue: 0 } })),
        next: rows.length > limit && last !== undefined ? encodeCursor(newest ? positionOf(last) : { id: last.id }) : null,
      };
    },
  );

  createOne(api, options, DECISIONS, {
    operationId: 'registerDecision',
    summary: 'Register a decision of a body, with the assignments it is broken into (a secretary of the body)',
    body: commandBody('decision.register'),
    command: (body) => ({ ...body, type: 'decision.register' }) as CommandInput,
  });
}
