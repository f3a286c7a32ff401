/**
 * The control board over HTTP (GET /api/v1/board): the caller's open cases counted — in total, per
 * unit, by escalation level — over exactly what GET /api/v1/assignments shows them, and the agenda
 * load of the bodies whose agenda they read. An unknown or hidden unit is 404.
 */
import { controlBoard } from '../../app/queries/board.js';
import type { Api } from '../api.js';
import { problems } from '../api.js';
import { denied, requireCaller } from '../auth.js';
import type { ServerOptions } from '../options.js';
import { sendAppError } from '../problem.js';
import { boardQuerySchema, boardSchema } from './board.schemas.js';

/** The soon window when the query gives none, in days. */
export const DEFAULT_SOON_DAYS = 7;

/** Registers GET /api/v1/board. */
export function boardRoutes(api: Api, options: ServerOptions): void {
  const store = options.app.store;
  api.get(
    '/api/v1/board',
    {
      schema: {
        tags: ['board'],
        operationId: 'getBoard',
        summary: "The caller's control board: open, overdue, due-soon, submitted and escalated cases they may see, per unit and by escalation level, and the agenda load of the bodies whose agenda they read",
        querystring: boardQuerySchema,
        response: { 200: boardSchema, ...problems },
      },
    },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      const q = request.query;
      const board = await controlBoard(store, who.principal, { ...(q.unit !== undefined ? { unitId: q.unit } : {}), soonDays: q.soonDays ?? DEFAULT_SOON_DAYS, now: options.clock.now() });
      if (!board.ok) {
        denied(request, who.caller.personId, 'unit not visible or not a unit');
        return sendAppError(reply, board.error);
      }
      const b = board.value;
      return { ...b, totals: { ...b.totals }, units: b.units.map((u) => ({ ...u })), escalations: b.escalations.map((e) => ({ ...e })), bodies: b.bodies.map((x) => ({ ...x })) };
    },
  );
}
