/**
 * Units, people and posts over HTTP: read one (with its ETag), list what the caller may see (by id,
 * a page at a time, narrowed to a unit subtree; people also found by part of their name, case and
 * accents ignored), create one (Idempotency-Key), and appoint to or vacate a post (If-Match). A new
 * root unit keeps its creator administrator of the whole organisation
 * (docs/decisions/0009-organisation-api.md).
 */
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { CommandInput } from '../../app/commands/schemas.js';
import { nameMatcher } from '../../app/queries/name-search.js';
import type { StateOf } from '../../domain/streams.js';
import type { StreamSnapshot } from '../../store/read-model.js';
import type { Api } from '../api.js';
import type { ServerOptions } from '../options.js';
import { bodyRoutes } from './bodies.routes.js';
import { decisionRoutes } from './decisions.routes.js';
import { roleRoutes } from './roles.routes.js';
import { commandBody, personSchema, postSchema, represent, unitSchema } from './organisation.schemas.js';
import { changeOne, createOne, listVisible, pageQuery, readOne, visibleUnits, type KindApi } from './organisation.shared.js';

const id = z.string().min(1).max(80);

/** The unit API. */
export const UNITS: KindApi<'unit'> = { kind: 'unit', base: '/api/v1/units', tag: 'units', noun: 'unit', schema: unitSchema, represent: represent.unit };
/** The person API. */
export const PEOPLE: KindApi<'person'> = { kind: 'person', base: '/api/v1/people', tag: 'people', noun: 'person', schema: personSchema, represent: represent.person };
/** The post API. */
export const POSTS: KindApi<'post'> = { kind: 'post', base: '/api/v1/posts', tag: 'posts', noun: 'post', schema: postSchema, represent: represent.post };

const unitOf = (s: StreamSnapshot): string => (s.state as { unitId: string }).unitId;

/** Registers every route of the organisation: units, people, posts, bodies, committees, decisions and roles. */
export function organisationRoutes(api: Api, options: ServerOptions): void {
  unitPeoplePostRoutes(api, options);
  bodyRoutes(api, options);
  decisionRoutes(api, options);
  roleRoutes(api, options);
}

function unitPeoplePostRoutes(api: Api, options: ServerOptions): void {
  const { app } = options;
  const store = app.store;

  /** After a root unit is created, its creator (an administrator of every root unit) is made administrator over it too, so that they stay one. */
  async function keepAdministratorOfAll(request: FastifyRequest, personId: string, command: CommandInput, created: string): Promise<void> {
    if (command.type !== 'unit.create' || command.parentId !== undefined) return;
    const grants = await store.fresh.grants(personId);
    if (grants.some((g) => g.role === 'administrator' && g.unitId === created)) return;
    const granted = await app.execute(personId, { type: 'person.grant-role', personId, role: 'administrator', scopeId: created });
    if (!granted.ok) request.log.error({ event: 'root-unit-grant-failed', who: personId, unit: created, code: granted.error.code }, granted.error.message);
  }

  readOne(api, options, UNITS, 'getUnit', 'One unit, with its ETag');
  listVisible(api, options, UNITS, {
    operationId: 'listUnits',
    summary: 'The units the caller may see, by id; narrowed to the children of a unit or to a subtree',
    query: z
      .object({
        parent: id.optional().describe('Only the units directly below this one'),
        under: id.optional().describe('Only this unit and the units below it'),
        ...pageQuery,
      })
      .strict(),
    async scope(q, principal) {
      const units = await visibleUnits(store, principal, q.under);
      const parent = q.parent;
      return { filter: { unitIds: [...units] }, keep: (s) => units.has(s.id) && (parent === undefined || (s.state as StateOf<'unit'>).parentId === parent) };
    },
  });
  createOne(api, options, UNITS, {
    operationId: 'createUnit',
    summary: 'Create a unit with its head post, under a unit (an administrator over it) or at the root (an administrator of the whole organisation)',
    body: commandBody('unit.create'),
    command: (body) => ({ ...body, type: 'unit.create' }) as CommandInput,
    after: keepAdministratorOfAll,
  });

  readOne(api, options, PEOPLE, 'getPerson', 'One person, with the roles they hold and their ETag');
  listVisible(api, options, PEOPLE, {
    operationId: 'listPeople',
    summary: 'The people the caller may see (and the caller), by id; narrowed to a unit subtree, or found by part of their name',
    query: z
      .object({
        unit: id.optional().describe('Only people of this unit and the units below it'),
        search: z.string().min(1).max(100).optional().describe('Only people whose name contains this text, ignoring case and accents (e.g. "petr" finds "Pëtr")'),
        ...pageQuery,
      })
      .strict(),
    async scope(q, principal) {
      const units = await visibleUnits(store, principal, q.unit);
      const me = await store.reads.snapshot(principal.personId);
      const myUnit = me?.kind === 'person' ? unitOf(me) : undefined;
      const inScope = myUnit !== undefined && (q.unit === undefined || (await store.reads.unitSubtree(q.unit)).includes(myUnit));
      const unitIds = inScope ? [...new Set([...units, myUnit])] : [...units];
      const named = nameMatcher(q.search);
      return { filter: { unitIds }, keep: (s) => (units.has(unitOf(s)) || s.id === principal.personId) && named((s.state as StateOf<'person'>).name) };
    },
  });
  createOne(api, options, PEOPLE, {
    operationId: 'registerPerson',
    summary: 'Register a person in a unit (an administrator over the unit)',
    body: commandBody('person.register'),
    command: (body) => ({ ...body, type: 'person.register' }) as CommandInput,
  });

  readOne(api, options, POSTS, 'getPost', 'One post, with its holder and its ETag');
  listVisible(api, options, POSTS, {
    operationId: 'listPosts',
    summary: 'The posts the caller may see, by id; narrowed to a unit subtree, a holder, or vacant posts',
    query: z
      .object({
        unit: id.optional().describe('Only posts of this unit and the units below it'),
        holder: id.optional().describe('Only posts this person holds'),
        vacant: z.enum(['true', 'false']).optional().describe('Only vacant (true) or held (false) posts'),
        ...pageQuery,
      })
      .strict(),
    async scope(q, principal) {
      const units = await visibleUnits(store, principal, q.unit);
      const keep = (s: StreamSnapshot): boolean => {
        const holder = (s.state as StateOf<'post'>).holderId;
        return units.has(unitOf(s)) && (q.holder === undefined || holder === q.holder) && (q.vacant === undefined || (holder === null) === (q.vacant === 'true'));
      };
      return { filter: { unitIds: [...units] }, keep };
    },
  });
  createOne(api, options, POSTS, {
    operationId: 'createPost',
    summary: 'Create a post in a unit, optionally with its first holder (an administrator over the unit)',
    body: commandBody('post.create'),
    command: (body) => ({ ...body, type: 'post.create' }) as CommandInput,
  });
  changeOne(api, options, POSTS, {
    path: 'appoint',
    operationId: 'appointToPost',
    summary: 'Appoint a person to the post, replacing any holder (an administrator over its unit)',
    body: commandBody('post.appoint', ['postId']),
    command: (postId, body) => ({ ...body, type: 'post.appoint', postId }) as CommandInput,
  });
  changeOne(api, options, POSTS, {
    path: 'vacate',
    operationId: 'vacatePost',
    summary: 'Make the post vacant (an administrator over its unit)',
    body: commandBody('post.vacate', ['postId']),
    command: (postId) => ({ type: 'post.vacate', postId }),
  });
  changeOne(api, options, POSTS, {
    path: 'profile',
    operationId: 'declarePostProfile',
    summary: "Declare the post's profile for the choice of people: its domains and their weights, the floors its holder's record must reach, its territory (an administrator over its unit)",
    body: commandBody('post.declare-profile', ['postId']),
    command: (postId, body) => ({ ...body, type: 'post.declare-profile', postId }) as CommandInput,
  });
}
