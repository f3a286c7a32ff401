/**
 * The main link (F15) over HTTP (GET /api/v1/main-link): the person, unit and step whose current
 * holdings account for the most overdue hours among the cases the caller may see, with the cases
 * they block and the evidence cases, named. A read; a hidden or unknown unit is 404.
 */
import { mainLinkOf } from '../../app/queries/main-link.js';
import type { z } from 'zod';
import { parseInstant, toMs } from '../../domain/time.js';
import type { Api } from '../api.js';
import { problems } from '../api.js';
import { denied, requireCaller } from '../auth.js';
import type { ServerOptions } from '../options.js';
import { sendAppError } from '../problem.js';
import { mainLinkQuerySchema, mainLinkSchema } from './main-link.schemas.js';

/** Rows per ranking, and evidence cases per row, when the query gives none. */
export const MAIN_LINK_DEFAULTS = { top: 10, evidence: 50 } as const;

/** Registers GET /api/v1/main-link. */
export function mainLinkRoutes(api: Api, options: ServerOptions): void {
  const store = options.app.store;
  api.get(
    '/api/v1/main-link',
    {
      schema: {
        tags: ['analytics'],
        operationId: 'getMainLink',
        summary:
          'The main link: the person, unit and step whose current holdings of overdue cases account for the most overdue hours, ranked, with the dependent cases they block and the evidence cases (over the cases the caller sees)',
        querystring: mainLinkQuerySchema,
        response: { 200: mainLinkSchema, ...problems },
      },
    },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      const q = request.query;
      const instant = q.at === undefined ? undefined : parseInstant(q.at);
      if (q.at !== undefined && instant === undefined) return sendAppError(reply, { code: 'VALIDATION_FAILED', message: `not a moment: ${q.at}` });
      const at = instant === undefined ? undefined : toMs(instant);
      const found = await mainLinkOf(store, who.principal, {
        ...(q.unit !== undefined ? { unitId: q.unit } : {}),
        top: q.top ?? MAIN_LINK_DEFAULTS.top,
        evidence: q.evidence ?? MAIN_LINK_DEFAULTS.evidence,
        ...(at !== undefined ? { at } : {}),
        now: options.clock.now(),
      });
      if (!found.ok) {
        if (found.error.code === 'NOT_FOUND') denied(request, who.caller.personId, 'unit not visible or not a unit');
        return sendAppError(reply, found.error);
      }
      const v = found.value;
      const ids = new Set<string>();
      for (const r of [...v.persons.rows, ...v.units.rows]) ids.add(r.key);
      for (const c of v.cases) ids.add(c.personId).add(c.unitId);
      if (v.unitId !== null) ids.add(v.unitId);
      ids.delete('');
      const names = Object.fromEntries(await store.reads.names([...ids]));
      return JSON.parse(JSON.stringify({ ...v, names })) as z.infer<typeof mainLinkSchema>;
    },
  );
}
