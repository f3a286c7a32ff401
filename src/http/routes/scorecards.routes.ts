/**
 * Unit scorecards and decree inflation (F10) over HTTP, all reads: the league table of the units the
 * caller sees with each unit's figures and months (GET /scorecards), the cases behind one figure
 * (GET /scorecards/cases — every figure opens to its cases), decree inflation per body (GET
 * /decree-inflation) and the decisions or cases behind a figure of a body's month (GET
 * /decree-inflation/cases). A unit the caller may not see, or that does not exist, is 404, and so is
 * a body for a caller without a role or one without a decision in the period; a period that cannot
 * be read or ends before it begins, or a month outside it, is 400.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../domain/access/access-policy.js';
import { toInstant } from '../../domain/time.js';
import type { Figures } from '../../analytics/scorecards.js';
import { FIGURE_KEYS } from '../../analytics/scorecards.js';
import type { AppError } from '../../app/errors.js';
import { decreeCases } from '../../app/queries/decree-cases.js';
import { decreeInflationReport, scorecardCases, unitScorecards } from '../../app/queries/scorecards.js';
import type { Api } from '../api.js';
import { problems } from '../api.js';
import { denied, requireCaller } from '../auth.js';
import type { ServerOptions } from '../options.js';
import { sendAppError } from '../problem.js';
import { decreeCasesQuerySchema, decreeCasesSchema, decreeInflationQuerySchema, decreeInflationSchema, scorecardCasesQuerySchema, scorecardCasesSchema, scorecardQuerySchema, scorecardsSchema } from './scorecards.schemas.js';

/** A unit's figures as the API gives them: the counts, and how many cases are behind each (the ids are GET /scorecards/cases's). */
function figuresView({ cases, ...rest }: Figures): Omit<Figures, 'cases'> & { caseCounts: Record<string, number> } {
  return { ...rest, caseCounts: Object.fromEntries(FIGURE_KEYS.map((k) => [k, cases[k].length])) };
}

/** Registers the routes of the scorecards and decree inflation. */
export function scorecardRoutes(api: Api, options: ServerOptions): void {
  const store = options.app.store;
  const refused = (request: FastifyRequest, reply: FastifyReply, personId: string, error: AppError, what = 'unit'): FastifyReply => {
    if (error.code === 'NOT_FOUND') denied(request, personId, `${what} not visible`);
    return sendAppError(reply, error);
  };
  const caller = async (request: FastifyRequest, reply: FastifyReply): Promise<Principal | undefined> => (await requireCaller(store, request, reply))?.principal;
  const names = async (ids: Iterable<string>): Promise<Record<string, string>> => Object.fromEntries(await store.reads.names([...new Set(ids)]));

  api.get(
    '/api/v1/scorecards',
    {
      schema: {
        tags: ['scorecards'],
        operationId: 'getScorecards',
        summary:
          "Unit scorecards: per unit the caller sees (and over its subtree), cases issued and verified, verified on time and the rate, the median time from issue to verification, hours held, escalations, rejections, reopenings and extensions granted, over a period and month by month, in league order",
        querystring: scorecardQuerySchema,
        response: { 200: scorecardsSchema, ...problems },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (principal === undefined) return reply;
      const q = request.query;
      const now = options.clock.now();
      const found = await unitScorecards(store, principal, { ...(q.from !== undefined ? { from: q.from } : {}), ...(q.to !== undefined ? { to: q.to } : {}), ...(q.unit !== undefined ? { unitId: q.unit } : {}), now });
      if (!found.ok) return refused(request, reply, principal.personId, found.error);
      const r = found.value;
      return {
        asOf: toInstant(now),
        from: toInstant(r.from),
        to: toInstant(r.to),
        end: toInstant(r.end),
        unitId: q.unit ?? null,
        months: [...r.months],
        units: r.units.map((u, i) => ({
          unitId: u.unitId,
          parentId: u.parentId,
          rank: i + 1,
          own: figuresView(u.own),
          subtree: figuresView(u.subtree),
          months: u.months.map((m) => ({ month: m.month, figures: figuresView(m.figures) })),
        })),
        names: await names(r.units.map((u) => u.unitId)),
      };
    },
  );

  api.get(
    '/api/v1/scorecards/cases',
    {
      schema: {
        tags: ['scorecards'],
        operationId: 'listScorecardCases',
        summary: "The cases behind one figure of a unit's scorecard (over the period, or one month of it): how many it counts, and those the caller may open",
        querystring: scorecardCasesQuerySchema,
        response: { 200: scorecardCasesSchema, ...problems },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (principal === undefined) return reply;
      const q = request.query;
      const found = await scorecardCases(store, principal, {
        ...(q.from !== undefined ? { from: q.from } : {}),
        ...(q.to !== undefined ? { to: q.to } : {}),
        unitId: q.unit,
        figure: q.figure,
        ...(q.scope !== undefined ? { scope: q.scope } : {}),
        ...(q.month !== undefined ? { month: q.month } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
        now: options.clock.now(),
      });
      if (!found.ok) return refused(request, reply, principal.personId, found.error);
      const c = found.value;
      return { ...c, from: toInstant(c.from), to: toInstant(c.to), items: [...c.items], names: await names(c.items.map((x) => x.ownerId)) };
    },
  );

  api.get(
    '/api/v1/decree-inflation',
    {
      schema: {
        tags: ['scorecards'],
        operationId: 'getDecreeInflation',
        summary: 'Decree inflation: per body, the decisions dated in the period against those carried out (every case they gave verified), with each decision counted, and month by month the decisions dated, cases issued, verified and verified on time',
        querystring: decreeInflationQuerySchema,
        response: { 200: decreeInflationSchema, ...problems },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (principal === undefined) return reply;
      const q = request.query;
      const now = options.clock.now();
      const found = await decreeInflationReport(store, principal, { ...(q.from !== undefined ? { from: q.from } : {}), ...(q.to !== undefined ? { to: q.to } : {}), now });
      if (!found.ok) return refused(request, reply, principal.personId, found.error);
      const r = found.value;
      return {
        asOf: toInstant(now),
        from: toInstant(r.from),
        to: toInstant(r.to),
        end: toInstant(r.end),
        months: [...r.months],
        bodies: r.bodies.map(({ months, ...b }) => ({ ...b, items: [...b.items], months: months.map(({ ids: _ids, ...m }) => m) })),
        names: await names(r.bodies.flatMap((b) => [b.bodyId, ...b.items.map((i) => i.decisionId)])),
      };
    },
  );

  api.get(
    '/api/v1/decree-inflation/cases',
    {
      schema: {
        tags: ['scorecards'],
        operationId: 'listDecreeInflationCases',
        summary: "What is behind one figure of a body's month in decree inflation: the decisions dated in it, or the body's cases issued, verified or verified on time in it — how many the figure counts, and those the caller may open",
        querystring: decreeCasesQuerySchema,
        response: { 200: decreeCasesSchema, ...problems },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (principal === undefined) return reply;
      const q = request.query;
      const found = await decreeCases(store, principal, {
        ...(q.from !== undefined ? { from: q.from } : {}),
        ...(q.to !== undefined ? { to: q.to } : {}),
        bodyId: q.body,
        month: q.month,
        figure: q.figure,
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
        now: options.clock.now(),
      });
      if (!found.ok) return refused(request, reply, principal.personId, found.error, 'body');
      const c = found.value;
      return {
        bodyId: c.bodyId,
        month: c.month,
        figure: c.figure,
        from: toInstant(c.from),
        to: toInstant(c.to),
        total: c.total,
        hidden: c.hidden,
        decisions: [...c.decisions],
        items: [...c.cases],
        names: await names([c.bodyId, ...c.cases.map((x) => x.ownerId)]),
      };
    },
  );
}
