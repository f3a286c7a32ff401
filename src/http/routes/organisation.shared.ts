/**
 * What the organisation routes share, one way for every kind (unit, person, post, body, committee,
 * decision): read one with its ETag (hidden or another kind: 404), list what the caller may see a
 * page at a time by id, create one with an Idempotency-Key, change one with If-Match. Every write
 * is the command the CLI runs, behind the same gate (mayIssue).
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../domain/access/access-policy.js';
import type { StateOf } from '../../domain/streams.js';
import { mayIssue, readable } from '../../app/access/gate.js';
import { visibilityOf } from '../../app/access/principal.js';
import type { CommandInput } from '../../app/commands/schemas.js';
import { parseCommand } from '../../app/proverka.js';
import type { Store } from '../../store/port.js';
import type { StreamSnapshot } from '../../store/read-model.js';
import type { Api } from '../api.js';
import { decodeCursor, encodeCursor, idParam, problems } from '../api.js';
import { denied, requireCaller } from '../auth.js';
import { etagOf, requireIfMatch } from '../etag.js';
import { idempotencyKeyOf, oncePerKey } from '../idempotency.js';
import type { ServerOptions } from '../options.js';
import { sendAppError, sendProblem } from '../problem.js';
import { foldCreated } from './created.js';
import { pageOf } from './organisation.schemas.js';
import { readStream, type Narrowing, type StreamApi } from './stream-routes.js';

/** The kinds of the organisation's record these routes serve. */
export type OrgKind = 'unit' | 'person' | 'post' | 'body' | 'committee' | 'decision';

/** A kind of the organisation as the API shows it (see StreamApi). */
export type KindApi<K extends OrgKind> = StreamApi<K>;

export type { Narrowing };

/**
 * Which rows a list shows: the filter narrowing the query, and the test each row must pass — which
 * must hold on its own (a long unit list is left out of the query and checked by `keep` alone);
 * null when the caller sees none.
 */
export type ListScope = { readonly filter: Narrowing; readonly keep: (s: StreamSnapshot) => boolean } | null;

/** The paging part of every list's query. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).optional().describe('Page size, 1 to 200 (default 50)'),
  cursor: z.string().max(500).optional().describe('The `next` of the previous page'),
};

const ifMatchHeader = z.object({ 'if-match': z.string().max(100).optional() }).loose();
const idempotencyHeader = z.object({ 'idempotency-key': z.string().max(200).optional() }).loose();
const BATCH = 500;
/** Beyond this many units, the units are not sent to the database (`IN (…)`) but checked row by row. */
const MAX_IN = 1000;

function isIdCursor(v: unknown): v is { id: string } {
  return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string';
}

/** The units whose things the principal sees (through roles), narrowed to the subtree of `under` when given. */
export async function visibleUnits(store: Store, principal: Principal, under: string | undefined): Promise<Set<string>> {
  const visible = new Set((await visibilityOf(store, principal)).unitIds);
  if (under === undefined) return visible;
  return new Set((await store.reads.unitSubtree(under)).filter((u) => visible.has(u)));
}

/** The scope of the organisation's public acts (bodies, committees, decisions): anyone holding a role sees them all. */
export function publicActs(principal: Principal, filter: Narrowing, keep: (s: StreamSnapshot) => boolean = () => true): ListScope {
  return principal.grants.length === 0 ? null : { filter, keep };
}

/** Up to `limit + 1` visible rows after the cursor, in id order (the extra row says there is a next page). */
async function visiblePage(store: Store, kind: OrgKind, scope: ListScope, limit: number, after: string | undefined): Promise<StreamSnapshot[]> {
  if (scope === null) return [];
  const { unitIds, ...rest } = scope.filter;
  const filter = unitIds !== undefined && unitIds.length <= MAX_IN ? scope.filter : rest;
  const out: StreamSnapshot[] = [];
  let cursor = after;
  for (;;) {
    const batch = await store.reads.streams(kind, { ...filter, limit: BATCH, ...(cursor !== undefined ? { after: cursor } : {}) });
    for (const s of batch) {
      if (!scope.keep(s)) continue;
      out.push(s);
      if (out.length > limit) return out;
    }
    const last = batch[batch.length - 1];
    if (last === undefined || batch.length < BATCH) return out;
    cursor = last.id;
  }
}

/** Registers GET <base>/:id: one thing of the kind with its ETag; 404 when hidden from the caller or of another kind. */
export const readOne: <K extends OrgKind>(api: Api, options: ServerOptions, k: KindApi<K>, operationId: string, summary: string) => void = readStream;

/** Registers GET <base>: the things of the kind the caller may see, by id, a page at a time; `scope` turns the query's filters into a ListScope. */
export function listVisible<K extends OrgKind, Q extends z.ZodObject>(
  api: Api,
  options: ServerOptions,
  k: KindApi<K>,
  spec: { readonly operationId: string; readonly summary: string; readonly query: Q; readonly scope: (query: z.infer<Q>, principal: Principal) => Promise<ListScope> },
): void {
  const store = options.app.store;
  api.get(k.base, { schema: { tags: [k.tag], operationId: spec.operationId, summary: spec.summary, querystring: spec.query, response: { 200: pageOf(k.schema), ...problems } } }, async (request, reply) => {
    const who = await requireCaller(store, request, reply);
    if (who === undefined) return reply;
    const q = request.query as z.infer<Q> & { limit?: number; cursor?: string };
    const after = decodeCursor(q.cursor, isIdCursor);
    if (q.cursor !== undefined && after === undefined) return sendProblem(reply, 'BAD_REQUEST', 'cursor: not a cursor this API gave');
    const limit = q.limit ?? 50;
    const rows = await visiblePage(store, k.kind, await spec.scope(q, who.principal), limit, after?.id);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map((s) => k.represent(s.id, s.seq, s.state as StateOf<K>)), next: rows.length > limit && last !== undefined ? encodeCursor({ id: last.id }) : null };
  });
}

/** What a creating route adds to the pattern: its command, and work to do once the thing exists (also on a replay). */
export interface CreateSpec {
  readonly operationId: string;
  readonly summary: string;
  readonly body: z.ZodObject;
  readonly command: (body: Record<string, unknown>) => CommandInput;
  readonly after?: (request: FastifyRequest, personId: string, command: CommandInput, created: string) => Promise<void>;
}

/** Registers POST <base>: creates one thing (201, ETag, Location); an Idempotency-Key makes a retry answer exactly as the first time. */
export function createOne<K extends OrgKind>(api: Api, options: ServerOptions, k: KindApi<K>, spec: CreateSpec): void {
  const { app } = options;
  const store = app.store;
  const schema = { tags: [k.tag], operationId: spec.operationId, summary: `${spec.summary} (send an Idempotency-Key to make retries safe)`, body: spec.body, headers: idempotencyHeader };
  api.post(k.base, { schema: { ...schema, response: { 201: k.schema, ...problems } } }, async (request, reply) => {
    const who = await requireCaller(store, request, reply);
    if (who === undefined) return reply;
    const command = spec.command(request.body);
    const parsed = parseCommand(command);
    if (!parsed.ok) return sendAppError(reply, parsed.error);
    const gate = await mayIssue(store.reads, who.principal, parsed.value);
    if (!gate.ok) {
      denied(request, who.caller.personId, gate.error.message);
      return sendAppError(reply, gate.error);
    }
    const key = idempotencyKeyOf(request, reply, who.caller.personId);
    if (key === null) return reply;
    const result = await oncePerKey(key, reply, () => app.execute(who.caller.personId, command, key === undefined ? {} : { idempotency: key }));
    if (result === undefined) return reply;
    if (!result.ok) return sendAppError(reply, result.error);
    const id = result.value.id;
    let created = foldCreated(k.kind, result.value);
    if (created === undefined) {
      const snap = await store.fresh.snapshot(id);
      if (snap === undefined) return sendProblem(reply, 'INTERNAL', `the ${k.noun} was created but cannot be read back`);
      created = { version: snap.seq, state: snap.state as StateOf<K> };
    }
    if (spec.after !== undefined) await spec.after(request, who.caller.personId, command, id);
    reply.header('etag', etagOf(created.version)).header('location', `${k.base}/${id}`);
    if (result.value.replayed === true) reply.header('idempotent-replayed', 'true');
    return reply.code(201).send(k.represent(id, created.version, created.state));
  });
}

/** What a changing route adds to the pattern: its path under <base>/:id/, its command, and (optionally) another representation to answer with. */
export interface ChangeSpec<K extends OrgKind> {
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly body: z.ZodObject;
  readonly command: (id: string, body: Record<string, unknown>) => CommandInput;
  readonly answer?: { readonly schema: z.ZodType; readonly represent: (id: string, version: number, state: StateOf<K>) => unknown };
}

/** Registers POST <base>/:id/<path>: a change made against the version the caller read (If-Match; none 428, stale 412). */
export function changeOne<K extends OrgKind>(api: Api, options: ServerOptions, k: KindApi<K>, spec: ChangeSpec<K>): void {
  const { app } = options;
  const store = app.store;
  const answer = spec.answer ?? { schema: k.schema, represent: k.represent };
  const schema = { tags: [k.tag], operationId: spec.operationId, summary: `${spec.summary} (If-Match: the ETag you read)`, params: idParam, body: spec.body, headers: ifMatchHeader };
  api.post(`${k.base}/:id/${spec.path}`, { schema: { ...schema, response: { 200: answer.schema, ...problems } } }, async (request, reply) => {
    const who = await requireCaller(store, request, reply);
    if (who === undefined) return reply;
    const id = request.params.id;
    const found = await readable(store.reads, who.principal, id);
    if (!found.ok || found.value.kind !== k.kind) {
      denied(request, who.caller.personId, `not visible or not a ${k.noun}`);
      return sendProblem(reply, 'NOT_FOUND', `no ${k.noun} ${id}`);
    }
    const command = spec.command(id, request.body);
    const parsed = parseCommand(command);
    if (!parsed.ok) return sendAppError(reply, parsed.error);
    const gate = await mayIssue(store.reads, who.principal, parsed.value);
    if (!gate.ok) {
      denied(request, who.caller.personId, gate.error.message);
      return sendAppError(reply, gate.error);
    }
    const seq = requireIfMatch(request, reply);
    if (seq === undefined) return reply;
    const result = await app.execute(who.caller.personId, command, { expect: { id, seq } });
    if (!result.ok) return sendAppError(reply, result.error);
    const snap = await store.fresh.snapshot(id);
    if (snap === undefined) return sendProblem(reply, 'INTERNAL', `the ${k.noun} cannot be read back`);
    reply.header('etag', etagOf(snap.seq));
    return answer.represent(id, snap.seq, snap.state as StateOf<K>);
  });
}
