/**
 * The inquiry across many cases and the hours held (issue #7, F4) over HTTP, both reads over the
 * cases the caller sees (exactly those GET /assignments lists for them): GET /api/v1/inquiry — for
 * the cases selected by domain, title text, unit (the owner's at issue, with the units below) and
 * period of issue, how they stand, where their time went by unit and role and by person, the longest
 * waits, handovers, refusals and ping-pong, each list cut to its first `top` rows with the length of
 * the whole — and GET /api/v1/hours — the time held per person or
 * per unit over a period, only the intervals of the cases the caller sees, clipped to it. A unit the
 * caller may not see, or that does not exist, is 404; a period that ends before it starts, or a
 * moment after now, is 400.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../../app/errors.js';
import { hoursHeld } from '../../app/queries/hours-report.js';
import type { HandoverReport } from '../../analytics/handovers.js';
import { inquiryOf, type InquiryView } from '../../app/queries/inquiry.js';
import { toInstant } from '../../domain/time.js';
import type { Api } from '../api.js';
import { problems } from '../api.js';
import { denied, requireCaller } from '../auth.js';
import type { ServerOptions } from '../options.js';
import { sendAppError } from '../problem.js';
import { hoursQuerySchema, hoursSchema, inquiryQuerySchema, inquirySchema } from './inquiry.schemas.js';
import { momentMs } from './process-map.routes.js';

/** How many rows of each list the inquiry gives when the query says nothing. */
export const INQUIRY_DEFAULT_TOP = 20;

/** A handover report with its lists cut to their first `top` rows, and the length of each whole list. */
function cutHandovers(h: HandoverReport, top: number) {
  const lengths = { edges: h.edges.length, pingPong: h.pingPong.length, returning: h.returning.length, refused: h.refused.length, holders: h.holders.length };
  return { ...h, edges: h.edges.slice(0, top), pingPong: h.pingPong.slice(0, top), returning: h.returning.slice(0, top).map((c) => ({ ...c, keys: [...c.keys] })), refused: h.refused.slice(0, top), holders: h.holders.slice(0, top), lengths };
}

/** The inquiry with every list cut to its first `top` rows (the longest waits already are), and the length of each whole list. */
function cutView(v: InquiryView, top: number) {
  return {
    ...v,
    byUnitRole: v.byUnitRole.slice(0, top),
    byPerson: v.byPerson.slice(0, top),
    lengths: { byUnitRole: v.byUnitRole.length, byPerson: v.byPerson.length },
    handovers: { person: cutHandovers(v.handovers.person, top), unit: cutHandovers(v.handovers.unit, top) },
  };
}

/** Every id the inquiry names: people, units, cases ('' left out). */
function inquiryIds(v: InquiryView): string[] {
  const ids = new Set<string>();
  for (const r of v.byUnitRole) ids.add(r.unitId);
  for (const p of v.byPerson) ids.add(p.key);
  for (const w of v.longestWaits) ids.add(w.caseId).add(w.personId).add(w.unitId);
  for (const h of [v.handovers.person, v.handovers.unit]) {
    for (const e of [...h.edges, ...h.refused]) ids.add(e.from).add(e.to);
    for (const p of h.pingPong) ids.add(p.a).add(p.b);
    for (const c of h.returning) {
      ids.add(c.caseId);
      for (const k of c.keys) ids.add(k);
    }
    for (const x of h.holders) ids.add(x.key);
  }
  if (v.selection.unitId !== null) ids.add(v.selection.unitId);
  ids.delete('');
  return [...ids];
}

/** Registers GET /api/v1/inquiry and GET /api/v1/hours. */
export function inquiryRoutes(api: Api, options: ServerOptions): void {
  const store = options.app.store;
  const names = async (ids: Iterable<string>): Promise<Record<string, string>> => Object.fromEntries(await store.reads.names([...new Set(ids)]));
  const refused = (request: FastifyRequest, reply: FastifyReply, personId: string, error: AppError): FastifyReply => {
    if (error.code === 'NOT_FOUND') denied(request, personId, 'unit not visible or not a unit');
    return sendAppError(reply, error);
  };
  /** The moment asked for (default now); undefined, with the 400 sent, for one after now. */
  const momentAsked = (reply: FastifyReply, text: string | undefined): number | undefined => {
    const now = options.clock.now();
    if (text === undefined) return now;
    const at = Date.parse(text);
    if (at <= now) return at;
    sendAppError(reply, { code: 'VALIDATION_FAILED', message: `at: the ledgers are computed as of now or earlier, not ${toInstant(at)}` });
    return undefined;
  };

  api.get(
    '/api/v1/inquiry',
    {
      schema: {
        tags: ['analytics'],
        operationId: 'getInquiry',
        summary:
          "Where did these cases stall? Over the cases the caller sees selected by domain, title text, unit (the owner's at issue, with its subtree) and period of issue: how they stand, where their time went by holder unit and role and by person, the longest waits, and the handovers, refusals and ping-pong among them",
        querystring: inquiryQuerySchema,
        response: { 200: inquirySchema, ...problems },
      },
    },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      const q = request.query;
      const at = momentAsked(reply, q.at);
      if (at === undefined) return reply;
      const top = q.top ?? INQUIRY_DEFAULT_TOP;
      const found = await inquiryOf(store, who.principal, {
        at,
        top,
        ...(q.domain !== undefined ? { domain: q.domain } : {}),
        ...(q.search !== undefined ? { search: q.search } : {}),
        ...(q.unit !== undefined ? { unitId: q.unit } : {}),
        ...(q.from !== undefined ? { from: momentMs(q.from) } : {}),
        ...(q.to !== undefined ? { to: momentMs(q.to) } : {}),
      });
      if (!found.ok) return refused(request, reply, who.caller.personId, found.error);
      const v = cutView(found.value, top);
      const instant = (ms: number | null): string | null => (ms === null ? null : toInstant(ms));
      const view = { ...v, domains: [...v.domains], longestWaits: [...v.longestWaits], at: toInstant(v.at), selection: { ...v.selection, from: instant(v.selection.from), to: instant(v.selection.to) }, names: await names(inquiryIds(v)) };
      return view;
    },
  );

  api.get(
    '/api/v1/hours',
    {
      schema: {
        tags: ['analytics'],
        operationId: 'getHoursHeld',
        summary:
          "Hours held per person or per unit over a period, from the hour ledgers of the cases the caller sees — each interval clipped to the period — with the overdue part, the time per role and the cases; optionally only a unit's subtree of holders and one domain",
        querystring: hoursQuerySchema,
        response: { 200: hoursSchema, ...problems },
      },
    },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      const q = request.query;
      const at = momentAsked(reply, q.at);
      if (at === undefined) return reply;
      const found = await hoursHeld(store, who.principal, {
        by: q.by ?? 'person',
        at,
        ...(q.unit !== undefined ? { unitId: q.unit } : {}),
        ...(q.domain !== undefined ? { domain: q.domain } : {}),
        ...(q.from !== undefined ? { from: momentMs(q.from) } : {}),
        ...(q.to !== undefined ? { to: momentMs(q.to) } : {}),
      });
      if (!found.ok) return refused(request, reply, who.caller.personId, found.error);
      const v = found.value;
      const ids = v.holders.map((h) => h.key).filter((k) => k !== '');
      if (v.unitId !== null) ids.push(v.unitId);
      const view = { ...v, holders: [...v.holders], from: v.from === null ? null : toInstant(v.from), to: toInstant(v.to), at: toInstant(v.at), names: await names(ids) };
      return view;
    },
  );
}
