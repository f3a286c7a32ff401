/**
 * The choice of people (F9) over HTTP, all reads: a person's record (GET /people/{id}/record), the
 * census (GET /census), the mismatches (GET /mismatches) and a placement proposal (GET /placement —
 * computed, never stored: appointing stays the administrator's act, POST /posts/{id}/appoint).
 * Every answer holds only the people and posts of the units the caller's roles cover; a hidden or
 * unknown unit, post or person is 404. Each answer carries the display names of what it names.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Principal } from '../../domain/access/access-policy.js';
import type { AppError } from '../../app/errors.js';
import { census, mismatches, personRecord, placementProposal } from '../../app/queries/people-choice.js';
import type { Store } from '../../store/port.js';
import type { Api } from '../api.js';
import { problems } from '../api.js';
import { denied, requireCaller } from '../auth.js';
import type { ServerOptions } from '../options.js';
import { sendAppError } from '../problem.js';
import { censusQuerySchema, censusSchema, mismatchesSchema, mismatchQuerySchema, personRecordParams, personRecordSchema, proposalQuerySchema, proposalSchema } from './people-choice.schemas.js';

/** Plain JSON of a computed answer (readonly arrays and all), as its response schema serialises it. */
function plain<S extends z.ZodType>(value: unknown): z.infer<S> {
  return JSON.parse(JSON.stringify(value)) as z.infer<S>;
}

/** `a:b,c:d` as pairs. */
function pairs(list: string | undefined): { postId: string; personId: string }[] | undefined {
  return list?.split(',').map((pair) => {
    const [postId, personId] = pair.split(':') as [string, string];
    return { postId, personId };
  });
}

async function namesOf(store: Store, ids: Iterable<string | null>): Promise<Record<string, string>> {
  const wanted = [...new Set([...ids].filter((x): x is string => x !== null))];
  return Object.fromEntries(await store.reads.names(wanted));
}

/** Registers the routes of the choice of people. */
export function peopleChoiceRoutes(api: Api, options: ServerOptions): void {
  const store = options.app.store;
  const refused = (request: FastifyRequest, reply: FastifyReply, personId: string, error: AppError): FastifyReply => {
    if (error.code === 'NOT_FOUND') denied(request, personId, 'unit, post or person not visible');
    return sendAppError(reply, error);
  };
  const caller = async (request: FastifyRequest, reply: FastifyReply): Promise<Principal | undefined> => (await requireCaller(store, request, reply))?.principal;

  api.get(
    '/api/v1/people/:id/record',
    {
      schema: {
        tags: ['choice of people'],
        operationId: 'getPersonRecord',
        summary: "A person's record per domain, from verified outcomes only, every rate with its 95% interval and its estimate shrunk toward the unit's mean (the person themself, or a role over their unit)",
        params: personRecordParams,
        response: { 200: personRecordSchema, ...problems },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (principal === undefined) return reply;
      const found = await personRecord(store, principal, request.params.id, options.clock.now());
      if (!found.ok) return refused(request, reply, principal.personId, found.error);
      const { name, record, posts } = found.value;
      return plain<typeof personRecordSchema>({ ...record, name, posts });
    },
  );

  api.get(
    '/api/v1/census',
    {
      schema: {
        tags: ['choice of people'],
        operationId: 'getCensus',
        summary: 'The census of responsible people (holding a post or owning a case) the caller sees, grouped by unit, domain, territory or tenure, with their records',
        querystring: censusQuerySchema,
        response: { 200: censusSchema, ...problems },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (principal === undefined) return reply;
      const q = request.query;
      const found = await census(store, principal, { by: q.by, ...(q.unit !== undefined ? { unitId: q.unit } : {}), now: options.clock.now() });
      if (!found.ok) return refused(request, reply, principal.personId, found.error);
      const c = found.value;
      const names = await namesOf(store, [...c.entries.flatMap((e) => [e.personId, e.unitId, e.postId]), ...(c.by === 'unit' ? c.groups.map((g) => g.key) : [])]);
      return plain<typeof censusSchema>({ ...c, names });
    },
  );

  api.get(
    '/api/v1/mismatches',
    {
      schema: {
        tags: ['choice of people'],
        operationId: 'listMismatches',
        summary: "Holders whose record shows, beyond its uncertainty, that they do not master their post's domain: what they should learn, and the post where they would deliver",
        querystring: mismatchQuerySchema,
        response: { 200: mismatchesSchema, ...problems },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (principal === undefined) return reply;
      const q = request.query;
      const found = await mismatches(store, principal, { ...(q.unit !== undefined ? { unitId: q.unit } : {}), now: options.clock.now() });
      if (!found.ok) return refused(request, reply, principal.personId, found.error);
      const names = await namesOf(store, found.value.items.flatMap((m) => [m.personId, m.postId, m.better?.postId ?? null]));
      return plain<typeof mismatchesSchema>({ ...found.value, names });
    },
  );

  api.get(
    '/api/v1/placement',
    {
      schema: {
        tags: ['choice of people'],
        operationId: 'proposePlacement',
        summary:
          'The placement of candidates in posts of maximum total fitness, solved exactly (Jonker–Volgenant) under the constraints (must stay, excluded pairs, territory), its optimality certificate checked apart, and per post who came second and the gain over the holder. Computed, not stored.',
        querystring: proposalQuerySchema,
        response: { 200: proposalSchema, ...problems },
      },
    },
    async (request, reply) => {
      const principal = await caller(request, reply);
      if (principal === undefined) return reply;
      const q = request.query;
      const pins = pairs(q.pins);
      const excluded = pairs(q.exclude);
      const found = await placementProposal(store, principal, {
        ...(q.unit !== undefined ? { unitId: q.unit } : {}),
        ...(q.posts !== undefined ? { postIds: q.posts.split(',') } : {}),
        ...(q.candidates !== undefined ? { candidateIds: q.candidates.split(',') } : {}),
        ...(pins !== undefined ? { pins } : {}),
        ...(excluded !== undefined ? { excluded } : {}),
        vacantOnly: q.vacant === 'true',
        sameTerritory: q.sameTerritory === 'true',
        ...(q.moveCost !== undefined ? { moveCost: q.moveCost } : {}),
        now: options.clock.now(),
      });
      if (!found.ok) return refused(request, reply, principal.personId, found.error);
      const p = found.value;
      const names = await namesOf(store, [...p.posts.flatMap((x) => [x.postId, x.personId, x.holderId, x.runnerUp?.personId ?? null]), ...p.unplaced]);
      return plain<typeof proposalSchema>({ ...p, names });
    },
  );
}
