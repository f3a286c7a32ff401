/**
 * Decisions over HTTP: read one (with its ETag), list them (anyone holding a role sees the
 * organisation's decisions), register one — with the assignments it is broken into, all or
 * nothing — under an Idempotency-Key. Registering takes a secretary of the body or an
 * administrator of the whole organisation.
 */
import { z } from 'zod';
import type { CommandInput } from '../../app/commands/schemas.js';
import type { Api } from '../api.js';
import type { ServerOptions } from '../options.js';
import { commandBody, decisionSchema, represent } from './organisation.schemas.js';
import { createOne, listVisible, pageQuery, publicActs, readOne, type KindApi } from './organisation.shared.js';

/** The decision API. */
export const DECISIONS: KindApi<'decision'> = { kind: 'decision', base: '/api/v1/decisions', tag: 'decisions', noun: 'decision', schema: decisionSchema, represent: represent.decision };

/** Registers the decision routes. */
export function decisionRoutes(api: Api, options: ServerOptions): void {
  readOne(api, options, DECISIONS, 'getDecision', 'One decision, with its ETag');
  listVisible(api, options, DECISIONS, {
    operationId: 'listDecisions',
    summary: 'The decisions of the organisation, by id (to anyone holding a role); narrowed to one body',
    query: z.object({ body: z.string().min(1).max(80).optional().describe('Only the decisions of this body'), ...pageQuery }).strict(),
    scope: (q, principal) => Promise.resolve(publicActs(principal, q.body === undefined ? {} : { bodyId: q.body })),
  });
  createOne(api, options, DECISIONS, {
    operationId: 'registerDecision',
    summary: 'Register a decision of a body, with the assignments it is broken into (a secretary of the body)',
    body: commandBody('decision.register'),
    command: (body) => ({ ...body, type: 'decision.register' }) as CommandInput,
  });
}
