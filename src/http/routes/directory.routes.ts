/**
 * The people directory over HTTP (GET /api/v1/directory): any signed-in person — whatever their
 * roles, a session or a token that reads — finds anyone of the organisation by part of their name,
 * and sees their name and unit only, so as to name whom to hand a case to, transfer it to, or make
 * its owner or verifier (docs/decisions/0022-people-directory-and-decision-visibility.md).
 */
import { searchDirectory } from '../../app/queries/directory.js';
import type { Api } from '../api.js';
import { problems } from '../api.js';
import { requireCaller } from '../auth.js';
import type { ServerOptions } from '../options.js';
import { directoryQuerySchema, directorySchema } from './directory.schemas.js';

/** How many people the directory shows when the query does not say. */
export const DEFAULT_DIRECTORY_LIMIT = 10;

/** Registers GET /api/v1/directory. */
export function directoryRoutes(api: Api, options: ServerOptions): void {
  const store = options.app.store;
  api.get(
    '/api/v1/directory',
    {
      schema: {
        tags: ['people'],
        operationId: 'searchDirectory',
        summary: 'The people directory, to anyone signed in: people found by part of their name (case and accents ignored), with their name and unit only',
        querystring: directoryQuerySchema,
        response: { 200: directorySchema, ...problems },
      },
    },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      const q = request.query;
      return { items: await searchDirectory(store.reads, q.search, q.limit ?? DEFAULT_DIRECTORY_LIMIT) };
    },
  );
}
