/**
 * API tokens of the signed-in account: list them (never their secret), create one (the secret is
 * shown in that answer only; an Idempotency-Key makes retries return the same token, see
 * token-replay.ts), revoke one. Only a browser session manages tokens: a token can neither see,
 * make nor revoke tokens, so a leaked token cannot mint itself successors.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Caller } from '../../app/access/principal.js';
import type { AppResult } from '../../app/errors.js';
import { secretHash } from '../../app/accounts/secrets.js';
import { keepSealedToken, sealNewToken, type SealedToken } from '../../app/accounts/token-replay.js';
import { issueToken, revokeToken, TOKEN_SCOPES } from '../../app/accounts/tokens.js';
import { toInstant } from '../../domain/time.js';
import type { TokenRecord } from '../../store/accounts.js';
import type { Api } from '../api.js';
import { idParam, problems } from '../api.js';
import { denied } from '../auth.js';
import { idempotencyKeyOf, oncePerKey } from '../idempotency.js';
import { onceRemembered } from '../idempotent-outcome.js';
import { sendAppError, sendProblem } from '../problem.js';
import { NO_CONTROL_CHARACTERS } from './auth.routes.js';
import type { ServerOptions } from '../options.js';

const scopesSchema = z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length).describe('read: GET only; write: everything the account may do');

const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const createdSchema = z.object({
  id: z.string(),
  name: z.string(),
  token: z.string().describe('The secret, shown in this answer only (and in replays with the same Idempotency-Key): send it as `Authorization: Bearer <token>`'),
  scopes: z.array(z.string()),
  createdAt: z.string(),
});

function listed(t: TokenRecord): z.infer<typeof tokenSchema> {
  return { id: t.id, name: t.name, scopes: [...t.scopes], createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt };
}

/** The session caller, or undefined after a 401 (nobody) or 403 (an API token) was sent. */
function sessionCaller(request: FastifyRequest, reply: FastifyReply): Caller | undefined {
  const caller = request.caller;
  if (caller === null) {
    sendProblem(reply, 'UNAUTHENTICATED', 'sign in first');
    return undefined;
  }
  if (caller.via !== 'session') {
    denied(request, caller.personId, 'an API token may not manage API tokens');
    sendProblem(reply, 'FORBIDDEN', 'API tokens are managed from a signed-in browser session, not with a token');
    return undefined;
  }
  return caller;
}

/** Registers /api/v1/auth/tokens. */
export function tokenRoutes(api: Api, options: ServerOptions): void {
  const store = options.app.store;

  api.get(
    '/api/v1/auth/tokens',
    { schema: { tags: ['auth'], operationId: 'listTokens', summary: 'The API tokens of the signed-in account, revoked ones included (never their secret)', response: { 200: z.object({ items: z.array(tokenSchema) }), ...problems } } },
    async (request, reply) => {
      const caller = sessionCaller(request, reply);
      if (caller === undefined) return reply;
      return { items: (await store.accounts.tokens(caller.accountId)).map(listed) };
    },
  );

  api.post(
    '/api/v1/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        operationId: 'createToken',
        summary: 'Create an API token for the signed-in account; its secret is in this answer only. Send an Idempotency-Key to make retries safe: a replay returns the same token.',
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).loose(),
        body: z.object({ name: z.string().trim().min(1).max(100).regex(NO_CONTROL_CHARACTERS, 'no control characters'), scopes: scopesSchema }).strict(),
        response: { 201: createdSchema, ...problems },
      },
    },
    async (request, reply) => {
      const caller = sessionCaller(request, reply);
      if (caller === undefined) return reply;
      const now = options.clock.now();
      const { name, scopes } = request.body;
      const key = idempotencyKeyOf(request, reply, `api-token:${caller.accountId}`);
      if (key === null) return reply;
      let issued: AppResult<{ readonly token: string; readonly record: TokenRecord }>;
      if (key === undefined) {
        issued = await issueToken(store, caller.accountId, name, scopes, now);
      } else {
        const replay = { key: key.key, fingerprint: key.fingerprint };
        // Only the key's hash is kept: the key itself is what unseals the token's secret.
        const kept = { ...key, key: secretHash(key.key) };
        const remembered = await oncePerKey(key, reply, () => onceRemembered<SealedToken>(store, kept, toInstant(now), () => sealNewToken(store, caller.accountId, name, scopes, now, replay)));
        if (remembered === undefined) return reply;
        if (!remembered.ok) return sendAppError(reply, remembered.error);
        if (remembered.value.replayed) reply.header('idempotent-replayed', 'true');
        issued = await keepSealedToken(store, remembered.value.value, replay);
      }
      if (!issued.ok) return sendAppError(reply, issued.error);
      const { token, record } = issued.value;
      request.log.info({ event: 'token-created', who: caller.personId, token: record.id, scopes: record.scopes }, 'API token created');
      return reply.code(201).send({ id: record.id, name: record.name, token, scopes: [...record.scopes], createdAt: record.createdAt });
    },
  );

  api.delete(
    '/api/v1/auth/tokens/:id',
    { schema: { tags: ['auth'], operationId: 'revokeToken', summary: 'Revoke an API token of the signed-in account: it stops working at once (revoking it again changes nothing)', params: idParam, response: { 204: z.null(), ...problems } } },
    async (request, reply) => {
      const caller = sessionCaller(request, reply);
      if (caller === undefined) return reply;
      const revoked = await revokeToken(store, caller.accountId, request.params.id, options.clock.now());
      if (!revoked.ok) {
        denied(request, caller.personId, 'not a token of this account');
        return sendAppError(reply, revoked.error);
      }
      request.log.info({ event: 'token-revoked', who: caller.personId, token: request.params.id }, 'API token revoked');
      return reply.code(204).send(null);
    },
  );
}
