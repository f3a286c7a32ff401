/**
 * The process map of the record over HTTP (GET /api/v1/process-map): the directly-follows graph of
 * the cases the caller sees (exactly those GET /assignments lists for them), filtered by unit (the
 * owner's unit at issue, with the units below it), domain and period (cases issued in [from, to)).
 * A unit the caller may not see, or that does not exist, is 404; `to` not after `from` is 400.
 */
import { processMap } from '../../app/queries/process-map.js';
import type { Api } from '../api.js';
import { problems } from '../api.js';
import { denied, requireCaller } from '../auth.js';
import type { ServerOptions } from '../options.js';
import { sendAppError, sendProblem } from '../problem.js';
import { processMapQuerySchema, processMapSchema } from './process-map.schemas.js';

/** UTC ms of a day (midnight UTC) or an instant with its zone, as the query schema admits them. */
export function momentMs(text: string): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
}

/** Registers GET /api/v1/process-map. */
export function processMapRoutes(api: Api, options: ServerOptions): void {
  const store = options.app.store;
  api.get(
    '/api/v1/process-map',
    {
      schema: {
        tags: ['analytics'],
        operationId: 'getProcessMap',
        summary:
          "The process map of the cases the caller sees: the directly-follows graph of their events' kinds, with each activity's frequency and each pair's frequency and mean and median time; by unit (the owner's at issue, with its subtree), domain and period (cases issued in [from, to))",
        querystring: processMapQuerySchema,
        response: { 200: processMapSchema, ...problems },
      },
    },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      const q = request.query;
      const from = q.from === undefined ? undefined : momentMs(q.from);
      const to = q.to === undefined ? undefined : momentMs(q.to);
      if (from !== undefined && to !== undefined && to <= from) return sendProblem(reply, 'BAD_REQUEST', 'to: must be after from');
      const found = await processMap(store, who.principal, {
        ...(q.unit !== undefined ? { unitId: q.unit } : {}),
        ...(q.domain !== undefined ? { domain: q.domain } : {}),
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
      });
      if (!found.ok) {
        denied(request, who.caller.personId, 'unit not visible or not a unit');
        return sendAppError(reply, found.error);
      }
      const g = found.value;
      return {
        unitId: q.unit ?? null,
        domain: q.domain ?? null,
        from: from === undefined ? null : new Date(from).toISOString(),
        to: to === undefined ? null : new Date(to).toISOString(),
        cases: g.cases,
        events: g.events,
        activities: g.activities.map((a) => ({ ...a })),
        starts: g.starts.map((a) => ({ ...a })),
        ends: g.ends.map((a) => ({ ...a })),
        edges: g.edges.map((e) => ({ ...e })),
        domains: [...g.domains],
      };
    },
  );
}
