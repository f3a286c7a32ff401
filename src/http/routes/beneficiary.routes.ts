/**
 * Beneficiary confirmation through signed links. A party answerable for an assignment (issuer,
 * controller, owner, verifier) or someone with a role allowing 'act' over it makes a link for a
 * named beneficiary; the beneficiary opens /confirm/<token> without any account, sees the work
 * and its evidence, and confirms or disputes it once. The answer is the command
 * `assignment.beneficiary.answer`, recorded by the actor `beneficiary` with the link's id; a
 * dispute of verified work sends it back to the verifier. The link carries no other power.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { allowed } from '../../domain/access/access-policy.js';
import { BENEFICIARY_ACTOR } from '../../domain/assignment/assignment.rules.js';
import type { AssignmentState } from '../../domain/assignment/assignment.state.js';
import { toInstant } from '../../domain/time.js';
import { DEFAULT_LINK_DAYS, linkKey, makeLink, MAX_BENEFICIARY_LENGTH, MAX_LINK_DAYS, openLink, type LinkClaims } from '../../app/access/beneficiary-links.js';
import { readable } from '../../app/access/gate.js';
import { placementOf } from '../../app/access/placement.js';
import type { RecordedEvent } from '../../store/record.js';
import type { Api } from '../api.js';
import { idParam, problems } from '../api.js';
import { denied, requireCaller } from '../auth.js';
import { idempotencyKeyOf, oncePerKey } from '../idempotency.js';
import { onceRemembered } from '../idempotent-outcome.js';
import { problemOf, sendAppError, sendProblem, statusOf } from '../problem.js';
import type { ServerOptions } from '../options.js';
import { confirmPage, MAX_COMMENT_LENGTH, PAGE_HEADERS, refusalPage, thanksPage } from './confirm-page.js';

const linkBody = z
  .object({
    beneficiary: z.string().trim().min(1).max(MAX_BENEFICIARY_LENGTH).describe('Who the link is for, as the record will name them (a person or an organisation)'),
    expiresInDays: z.number().int().min(1).max(MAX_LINK_DAYS).default(DEFAULT_LINK_DAYS).describe(`Days the link works (default ${DEFAULT_LINK_DAYS})`),
  })
  .strict();

const linkSchema = z.object({
  url: z.string().describe('The link to send to the beneficiary: /confirm/<token>, absolute when the server knows its public URL'),
  linkId: z.string().describe('The id the answer will carry in the record'),
  expiresAt: z.string().describe('ISO-8601 UTC instant'),
});

const answerBody = z
  .object({
    verdict: z.enum(['confirmed', 'disputed']),
    comment: z.string().max(MAX_COMMENT_LENGTH).default(''),
  })
  .strip();

/** The token is a wildcard, not a parameter: router parameters are limited to 100 characters, a token is longer. */
const tokenParam = z.object({ '*': z.string().max(3000) });

/** Statuses in which a beneficiary has something to answer. */
const ANSWERABLE = new Set(['submitted', 'verified']);

/** The answer a link gave, if any: the first confirmation or dispute carrying its id. */
export function answerOf(events: readonly RecordedEvent[], linkId: string): { readonly verdict: 'confirmed' | 'disputed'; readonly comment: string } | undefined {
  for (const e of events) {
    if (e.type !== 'assignment.beneficiary-confirmed' && e.type !== 'assignment.beneficiary-disputed') continue;
    const p = e.payload as { linkId?: unknown; comment?: unknown };
    if (p.linkId === linkId) return { verdict: e.type === 'assignment.beneficiary-confirmed' ? 'confirmed' : 'disputed', comment: typeof p.comment === 'string' ? p.comment : '' };
  }
  return undefined;
}

/** Registers the link-making route and the confirmation pages. */
export function beneficiaryRoutes(api: Api, options: ServerOptions): void {
  const { app } = options;
  const store = app.store;
  let key: Promise<string> | undefined;
  const signingKey = (): Promise<string> => {
    key ??= linkKey(store).catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  };
  const base = (options.publicUrl ?? '').replace(/\/+$/, '');

  api.post(
    '/api/v1/assignments/:id/beneficiary-links',
    {
      schema: {
        tags: ['beneficiary'],
        operationId: 'createBeneficiaryLink',
        summary: 'Make a signed, expiring link for a beneficiary to confirm or dispute submitted work (send an Idempotency-Key to make retries safe)',
        description:
          "For the assignment's issuer, controller, owner or verifier, or someone with a role allowing 'act' over it, once work was submitted. The link names the beneficiary and needs no account; it answers once.",
        params: idParam,
        body: linkBody,
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).loose(),
        response: { 201: linkSchema, ...problems },
      },
    },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      const id = request.params.id;
      const found = await readable(store.reads, who.principal, id);
      if (!found.ok || found.value.kind !== 'assignment') {
        denied(request, who.caller.personId, 'not visible or not an assignment');
        return sendProblem(reply, 'NOT_FOUND', `no assignment ${id}`);
      }
      const state = found.value.state as AssignmentState;
      const me = who.caller.personId;
      const answerable = [state.issuerId, state.controllerId, state.ownerId, state.verifierId].includes(me);
      if (!answerable && !allowed(who.principal, 'act', await placementOf(store.reads, found.value))) {
        denied(request, me, 'a beneficiary link is made by the issuer, controller, owner or verifier, or a role acting over the assignment');
        return sendProblem(reply, 'FORBIDDEN', `only the issuer, controller, owner or verifier of ${id}, or a role allowing 'act' over it, makes a beneficiary link`);
      }
      if (!ANSWERABLE.has(state.status)) return sendProblem(reply, 'INVALID_TRANSITION', `${id} is ${state.status}: a beneficiary confirms submitted or verified work`, { assignmentStatus: state.status });
      const idem = idempotencyKeyOf(request, reply, me);
      if (idem === null) return reply;
      const body = request.body;
      const result = await oncePerKey(idem, reply, () =>
        onceRemembered(store, idem, app.now(), async () => {
          const made = makeLink(await signingKey(), { assignmentId: id, beneficiary: body.beneficiary }, options.clock.now(), body.expiresInDays);
          return { url: `${base}/confirm/${made.token}`, linkId: made.claims.linkId, expiresAt: toInstant(made.claims.expiresAt) };
        }),
      );
      if (result === undefined) return reply;
      if (!result.ok) return sendAppError(reply, result.error);
      if (result.value.replayed) reply.header('idempotent-replayed', 'true');
      request.log.info({ event: 'beneficiary-link', who: me, assignment: id, linkId: result.value.value.linkId }, 'beneficiary link made');
      return reply.code(201).send(result.value.value);
    },
  );

  // The pages: no account, no session (the /api/v1 hook never runs here); forms come url-encoded.
  api.register((scope: Api, _opts, done) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_request, body, next) => {
      const params = new URLSearchParams(String(body));
      const fields: Record<string, string> = {};
      for (const [k, v] of params) if (!(k in fields)) fields[k] = v;
      next(null, fields);
    });

    /** The link's claims and the assignment, or a refusal already sent. */
    async function opened(token: string, request: FastifyRequest, reply: FastifyReply, asJson: boolean): Promise<{ claims: LinkClaims; state: AssignmentState; events: RecordedEvent[] } | undefined> {
      const link = openLink(await signingKey(), token, options.clock.now());
      const snap = link.ok ? await store.fresh.snapshot(link.claims.assignmentId) : undefined;
      if (!link.ok || snap === undefined || snap.kind !== 'assignment') {
        request.log.warn({ event: 'access-denied', who: BENEFICIARY_ACTOR, what: `${request.method} /confirm/…`, why: link.ok ? 'the link names no assignment' : `link ${link.why}` }, 'access denied');
        refuse(reply, asJson, 'LINK_INVALID', 'This link is not valid', 'The link is not valid or has expired. Ask the person who sent it for a new one.');
        return undefined;
      }
      return { claims: link.claims, state: snap.state as AssignmentState, events: await store.fresh.streamEvents(snap.id) };
    }

    scope.get('/confirm/*', { schema: { hide: true, params: tokenParam } }, async (request, reply) => {
      const link = await opened(request.params['*'], request, reply, false);
      if (link === undefined) return reply;
      const answered = answerOf(link.events, link.claims.linkId);
      if (answered !== undefined) return reply.code(200).headers(PAGE_HEADERS).send(thanksPage(link.state.title, answered.verdict, true));
      const note = [...link.events].reverse().find((e) => e.type === 'assignment.submitted')?.payload as { note?: string } | undefined;
      return reply
        .code(200)
        .headers(PAGE_HEADERS)
        .send(confirmPage({ state: link.state, note: note?.note ?? null, beneficiary: link.claims.beneficiary, expiresAt: toInstant(link.claims.expiresAt) }));
    });

    scope.post('/confirm/*', { schema: { hide: true, params: tokenParam } }, async (request, reply) => {
      const asJson = /^application\/json\b/i.test(request.headers['content-type'] ?? '');
      const link = await opened(request.params['*'], request, reply, asJson);
      if (link === undefined) return reply;
      const parsed = answerBody.safeParse(request.body ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return refuse(reply, asJson, 'VALIDATION_FAILED', 'The answer was not understood', `${issue?.path.join('.') || 'answer'}: ${issue?.message ?? 'invalid'}`);
      }
      const { verdict, comment } = parsed.data;
      const { claims } = link;
      const earlier = answerOf(link.events, claims.linkId);
      const fingerprint = createHash('sha256').update(`${verdict}\n${comment.trim()}`).digest('hex');
      if (earlier !== undefined) return alreadyAnswered(reply, asJson, link.state.title, claims, earlier.verdict, earlier.verdict === verdict && earlier.comment === comment.trim());
      const result = await app.execute(
        BENEFICIARY_ACTOR,
        { type: 'assignment.beneficiary.answer', assignmentId: claims.assignmentId, linkId: claims.linkId, beneficiary: claims.beneficiary, verdict, comment },
        // The link's id as an idempotency key: one answer per link, even when two arrive at once.
        { idempotency: { scope: 'beneficiary-link', key: claims.linkId, fingerprint } },
      );
      if (!result.ok) {
        if (result.error.code === 'IDEMPOTENCY_KEY_REUSED') return alreadyAnswered(reply, asJson, link.state.title, claims, verdict, false);
        return refuse(reply, asJson, result.error.code, 'Your answer was not recorded', result.error.message);
      }
      if (result.value.replayed === true) return alreadyAnswered(reply, asJson, link.state.title, claims, verdict, true);
      request.log.info({ event: 'beneficiary-answer', assignment: claims.assignmentId, linkId: claims.linkId, verdict }, 'beneficiary answered');
      if (asJson) return reply.code(200).send({ assignmentId: claims.assignmentId, linkId: claims.linkId, verdict, recorded: true });
      return reply.code(200).headers(PAGE_HEADERS).send(thanksPage(link.state.title, verdict, false));
    });
    done();
  });
}

/** A refusal as problem+json for machines, or as a page for people. */
function refuse(reply: FastifyReply, asJson: boolean, code: string, heading: string, detail: string): FastifyReply {
  // The token stays out of the problem document (it is a capability).
  if (asJson) return sendProblem(reply, code, detail, { instance: '/confirm/…' });
  return reply.code(statusOf(code)).headers(PAGE_HEADERS).send(refusalPage(heading, detail));
}

/** The link answered before: the same answer again is a replay (200); another one is refused (LINK_USED). */
function alreadyAnswered(reply: FastifyReply, asJson: boolean, title: string, claims: LinkClaims, verdict: 'confirmed' | 'disputed', same: boolean): FastifyReply {
  if (same) {
    if (asJson) return reply.code(200).header('idempotent-replayed', 'true').send({ assignmentId: claims.assignmentId, linkId: claims.linkId, verdict, recorded: true });
    return reply.code(200).headers(PAGE_HEADERS).send(thanksPage(title, verdict, true));
  }
  const detail = 'This link was already used to answer; it answers once. Ask the person who sent it for a new one.';
  if (asJson) return reply.code(statusOf('LINK_USED')).type('application/problem+json').send(problemOf('LINK_USED', detail, { instance: '/confirm/…' }));
  return reply.code(statusOf('LINK_USED')).headers(PAGE_HEADERS).send(refusalPage('This link was already used', detail));
}
