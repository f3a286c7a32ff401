/**
 * Bodies and committees over HTTP: read one (with its ETag), list them (anyone holding a role sees
 * the organisation's bodies and committees), create one (Idempotency-Key), dissolve a committee
 * (If-Match). Creating bodies and committees, and dissolving, take an administrator of the whole
 * organisation.
 */
import { z } from 'zod';
import type { CommandInput } from '../../app/commands/schemas.js';
import type { StateOf } from '../../domain/streams.js';
import type { Api } from '../api.js';
import type { ServerOptions } from '../options.js';
import { bodySchema, commandBody, committeeSchema, represent } from './organisation.schemas.js';
import { changeOne, createOne, listVisible, pageQuery, publicActs, readOne, type KindApi } from './organisation.shared.js';

const id = z.string().min(1).max(80);

/** The body API. */
export const BODIES: KindApi<'body'> = { kind: 'body', base: '/api/v1/bodies', tag: 'bodies', noun: 'body', schema: bodySchema, represent: represent.body };
/** The committee API. */
export const COMMITTEES: KindApi<'committee'> = { kind: 'committee', base: '/api/v1/committees', tag: 'committees', noun: 'committee', schema: committeeSchema, represent: represent.committee };

/** Registers the body and committee routes. */
export function bodyRoutes(api: Api, options: ServerOptions): void {
  readOne(api, options, BODIES, 'getBody', 'One body, with its ETag');
  listVisible(api, options, BODIES, {
    operationId: 'listBodies',
    summary: 'The bodies of the organisation, by id (to anyone holding a role); narrowed to those directly below a body',
    query: z.object({ parent: id.optional().describe('Only the bodies directly below this one'), ...pageQuery }).strict(),
    scope: (q, principal) => {
      const parent = q.parent;
      return Promise.resolve(publicActs(principal, {}, parent === undefined ? undefined : (s) => (s.state as StateOf<'body'>).parentId === parent));
    },
  });
  createOne(api, options, BODIES, {
    operationId: 'createBody',
    summary: 'Create a body at a level, under an optional body above it (an administrator of the whole organisation)',
    body: commandBody('body.create'),
    command: (body) => ({ ...body, type: 'body.create' }) as CommandInput,
  });

  readOne(api, options, COMMITTEES, 'getCommittee', 'One committee, with its ETag');
  listVisible(api, options, COMMITTEES, {
    operationId: 'listCommittees',
    summary: 'The committees of the organisation, by id (to anyone holding a role); narrowed to a body, or to active or dissolved ones',
    query: z
      .object({
        body: id.optional().describe('Only the committees reporting to this body'),
        active: z.enum(['true', 'false']).optional().describe('Only active (true) or dissolved (false) committees'),
        ...pageQuery,
      })
      .strict(),
    scope: (q, principal) => {
      const active = q.active;
      const keep = active === undefined ? undefined : (s: { state: unknown }): boolean => ((s.state as StateOf<'committee'>).dissolvedAt === null) === (active === 'true');
      return Promise.resolve(publicActs(principal, q.body === undefined ? {} : { bodyId: q.body }, keep));
    },
  });
  createOne(api, options, COMMITTEES, {
    operationId: 'createCommittee',
    summary: 'Create a committee with its mandate, chair, members and sunset date (an administrator of the whole organisation)',
    body: commandBody('committee.create'),
    command: (body) => ({ ...body, type: 'committee.create' }) as CommandInput,
  });
  changeOne(api, options, COMMITTEES, {
    path: 'dissolve',
    operationId: 'dissolveCommittee',
    summary: 'Dissolve the committee, with a reason (an administrator of the whole organisation)',
    body: commandBody('committee.dissolve', ['committeeId']),
    command: (committeeId, body) => ({ ...body, type: 'committee.dissolve', committeeId }) as CommandInput,
  });
}
