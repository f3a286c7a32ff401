/**
 * A person's roles over HTTP: read them (with the person's ETag), grant one and revoke one
 * (If-Match on the person). Granting over a unit takes an administrator over that unit; making a
 * secretary of a body, an administrator of the whole organisation.
 */
import type { CommandInput } from '../../app/commands/schemas.js';
import { readable } from '../../app/access/gate.js';
import type { StateOf } from '../../domain/streams.js';
import type { Api } from '../api.js';
import { idParam, problems } from '../api.js';
import { denied, requireCaller } from '../auth.js';
import { etagOf } from '../etag.js';
import type { ServerOptions } from '../options.js';
import { sendProblem } from '../problem.js';
import { commandBody, personSchema, represent, rolesSchema, rolesView } from './organisation.schemas.js';
import { changeOne, type KindApi } from './organisation.shared.js';

const answer = { schema: rolesSchema, represent: rolesView };
const ROLES_OF: KindApi<'person'> = { kind: 'person', base: '/api/v1/people', tag: 'roles', noun: 'person', schema: personSchema, represent: represent.person };

/** Registers the role routes. */
export function roleRoutes(api: Api, options: ServerOptions): void {
  const store = options.app.store;
  api.get(
    '/api/v1/people/:id/roles',
    { schema: { tags: ['roles'], operationId: 'getPersonRoles', summary: "The roles a person holds, each over its scope, with the person's ETag", params: idParam, response: { 200: rolesSchema, ...problems } } },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      const found = await readable(store.reads, who.principal, request.params.id);
      if (!found.ok || found.value.kind !== 'person') {
        denied(request, who.caller.personId, 'not visible or not a person');
        return sendProblem(reply, 'NOT_FOUND', `no person ${request.params.id}`);
      }
      reply.header('etag', etagOf(found.value.seq));
      return rolesView(found.value.id, found.value.seq, found.value.state as StateOf<'person'>);
    },
  );
  changeOne(api, options, ROLES_OF, {
    path: 'roles',
    operationId: 'grantRole',
    summary: 'Grant the person a role over a unit subtree (or, for a secretary, over a body)',
    body: commandBody('person.grant-role', ['personId']),
    command: (personId, body) => ({ ...body, type: 'person.grant-role', personId }) as CommandInput,
    answer,
  });
  changeOne(api, options, ROLES_OF, {
    path: 'roles/revoke',
    operationId: 'revokeRole',
    summary: 'Revoke a role the person holds',
    body: commandBody('person.revoke-role', ['personId']),
    command: (personId, body) => ({ ...body, type: 'person.revoke-role', personId }) as CommandInput,
    answer,
  });
}
