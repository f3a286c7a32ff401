/**
 * Route patterns for streams of any kind (calendars, ladder policies, accountability proposals,
 * agenda items): read one with its ETag, list what the caller may see, create with an
 * Idempotency-Key, change with If-Match — every write the command the CLI runs, behind the gate
 * (mayIssue); what a caller may not see is 404. And the evidence shapes these routes share.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { canRead, mayIssue, readable } from '../../app/access/gate.js';
import type { Principal } from '../../domain/access/access-policy.js';
import type { Command, CommandInput } from '../../app/commands/schemas.js';
import { parseCommand } from '../../app/proverka.js';
import type { StreamKind } from '../../domain/ids.js';
import type { StateOf } from '../../domain/streams.js';
import type { StreamFilter, StreamSnapshot } from '../../store/read-model.js';
import type { Api } from '../api.js';
import { decodeCursor, encodeCursor, idParam, problems } from '../api.js';
import { denied, requireCaller } from '../auth.js';
import { etagOf, requireIfMatch } from '../etag.js';
import { FileStore, firstUncitableDocument } from '../files.js';
import { idempotencyKeyOf, oncePerKey } from '../idempotency.js';
import type { ServerOptions } from '../options.js';
import { sendAppError, sendProblem } from '../problem.js';
import { foldCreated } from './created.js';
import { pageOf } from './organisation.schemas.js';

const ifMatchHeader = z.object({ 'if-match': z.string().max(100).optional() }).loose();
const idempotencyHeader = z.object({ 'idempotency-key': z.string().max(200).optional() }).loose();
/** Rows read from the store per query while a list looks for visible ones. */
const BATCH = 500;

/** A document cited by its content hash (uploaded with POST /api/v1/files). */
export const documentSchema = z.object({ kind: z.literal('document'), name: z.string(), sha256: z.string(), size: z.number().optional(), mediaType: z.string().optional() });

/** Any item of evidence: a document, a figure, a link or a text. */
export const evidenceSchema = z.discriminatedUnion('kind', [
  documentSchema,
  z.object({ kind: z.literal('figure'), label: z.string(), value: z.number(), unit: z.string().optional() }),
  z.object({ kind: z.literal('link'), url: z.string(), label: z.string().optional() }),
  z.object({ kind: z.literal('text'), text: z.string() }),
]);

// ————————————————————————————————————————————— the route patterns, for streams of any kind

/** How a list narrows its query (units, body), without the paging. */
export type Narrowing = Omit<StreamFilter, 'limit' | 'after'>;

/** A kind of stream as the API shows it: where it lives, its OpenAPI tag, its schema and how its state becomes it. */
export interface StreamApi<K extends StreamKind> {
  readonly kind: K;
  /** The collection's path, e.g. `/api/v1/calendars`. */
  readonly base: string;
  readonly tag: string;
  readonly noun: string;
  readonly schema: z.ZodType;
  readonly represent: (id: string, version: number, state: StateOf<K>) => unknown;
}

/** True for a cursor these lists gave: the last id of a page. */
export function isIdCursor(v: unknown): v is { id: string } {
  return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string';
}

/** The documents a command cites, if it cites any: what must have been uploaded, with the sizes given. */
export type CitedDocuments = (command: Command) => unknown;

/** Refuses (and answers) when a cited document was not uploaded or has another size; true when all are there. */
async function documentsUploaded(reply: FastifyReply, files: FileStore, cited: unknown): Promise<boolean> {
  const bad = await firstUncitableDocument(files, cited);
  if (bad === undefined) return true;
  if (bad.problem === 'missing') sendProblem(reply, 'EVIDENCE_FILE_MISSING', `document ${bad.index + 1}: no file with sha256 ${bad.sha256} was uploaded`, { index: bad.index, sha256: bad.sha256 });
  else sendProblem(reply, 'EVIDENCE_FILE_MISMATCH', `document ${bad.index + 1}: the size given is not that of the uploaded file ${bad.sha256}`, { index: bad.index, sha256: bad.sha256 });
  return false;
}

/** The parsed command if the gate lets the caller issue it; otherwise the refusal is sent (undefined). */
async function gated(options: ServerOptions, request: FastifyRequest, reply: FastifyReply, who: { caller: { personId: string }; principal: Principal }, command: CommandInput): Promise<Command | undefined> {
  const parsed = parseCommand(command);
  if (!parsed.ok) {
    sendAppError(reply, parsed.error);
    return undefined;
  }
  const gate = await mayIssue(options.app.store.reads, who.principal, parsed.value);
  if (!gate.ok) {
    denied(request, who.caller.personId, gate.error.message);
    sendAppError(reply, gate.error);
    return undefined;
  }
  return parsed.value;
}

/** Registers GET <base>/:id: one thing of the kind with its ETag; 404 when hidden from the caller or of another kind. */
export function readStream<K extends StreamKind>(api: Api, options: ServerOptions, k: StreamApi<K>, operationId: string, summary: string): void {
  const store = options.app.store;
  api.get(`${k.base}/:id`, { schema: { tags: [k.tag], operationId, summary, params: idParam, response: { 200: k.schema, ...problems } } }, async (request, reply) => {
    const who = await requireCaller(store, request, reply);
    if (who === undefined) return reply;
    const found = await readable(store.reads, who.principal, request.params.id);
    if (!found.ok || found.value.kind !== k.kind) {
      denied(request, who.caller.personId, `not visible or not a ${k.noun}`);
      return sendProblem(reply, 'NOT_FOUND', `no ${k.noun} ${request.params.id}`);
    }
    reply.header('etag', etagOf(found.value.seq));
    return k.represent(found.value.id, found.value.seq, found.value.state as StateOf<K>);
  });
}

/** Which rows of a kind a list looks at (narrowed in the query) and the test each row's state must pass; null when the query can match nothing. */
export type RowScope<K extends StreamKind> = { readonly filter: Narrowing; readonly keep: (state: StateOf<K>) => boolean } | null;

/**
 * Up to `limit + 1` rows after the cursor, in id order, that pass `keep` and that the principal may
 * read (the gate's canRead, row by row: what a list shows is exactly what a read would).
 */
export async function visibleRows<K extends StreamKind>(options: ServerOptions, kind: K, principal: Principal, scope: RowScope<K>, limit: number, after: string | undefined): Promise<StreamSnapshot[]> {
  if (scope === null) return [];
  const reads = options.app.store.reads;
  const out: StreamSnapshot[] = [];
  let cursor = after;
  for (;;) {
    const batch = await reads.streams(kind, { ...scope.filter, limit: BATCH, ...(cursor !== undefined ? { after: cursor } : {}) });
    for (const s of batch) {
      if (!scope.keep(s.state as StateOf<K>) || !(await canRead(reads, principal, s))) continue;
      out.push(s);
      if (out.length > limit) return out;
    }
    const last = batch[batch.length - 1];
    if (last === undefined || batch.length < BATCH) return out;
    cursor = last.id;
  }
}

/** Registers GET <base>: the things of the kind the caller may see, by id, a page at a time; `scope` turns the query's filters into a RowScope. */
export function listStreams<K extends StreamKind, Q extends z.ZodObject>(
  api: Api,
  options: ServerOptions,
  k: StreamApi<K>,
  spec: { readonly operationId: string; readonly summary: string; readonly query: Q; readonly scope: (query: z.infer<Q>) => Promise<RowScope<K>> },
): void {
  const store = options.app.store;
  api.get(k.base, { schema: { tags: [k.tag], operationId: spec.operationId, summary: spec.summary, querystring: spec.query, response: { 200: pageOf(k.schema), ...problems } } }, async (request, reply) => {
    const who = await requireCaller(store, request, reply);
    if (who === undefined) return reply;
    const q = request.query as z.infer<Q> & { limit?: number; cursor?: string };
    const after = decodeCursor(q.cursor, isIdCursor);
    if (q.cursor !== undefined && after === undefined) return sendProblem(reply, 'BAD_REQUEST', 'cursor: not a cursor this API gave');
    const limit = q.limit ?? 50;
    const rows = await visibleRows(options, k.kind, who.principal, await spec.scope(q), limit, after?.id);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map((s) => k.represent(s.id, s.seq, s.state as StateOf<K>)), next: rows.length > limit && last !== undefined ? encodeCursor({ id: last.id }) : null };
  });
}

/** A creating route: where it is, the command it runs, and what it makes (its kind, representation and collection). */
export interface CreateRoute<K extends StreamKind> {
  /** The route pattern; `:id` in it (a decision, a body) is handed to `command`. */
  readonly url: string;
  readonly tag: string;
  readonly operationId: string;
  readonly summary: string;
  readonly body: z.ZodObject;
  readonly command: (body: Record<string, unknown>, pathId: string | undefined) => CommandInput;
  /** What is made: its representation, and where it then lives (`Location: <base>/<id>`). */
  readonly made: Pick<StreamApi<K>, 'kind' | 'base' | 'noun' | 'represent'> & { readonly schema: z.ZodType };
  readonly documents?: CitedDocuments;
}

/** Registers a creating POST (201, ETag, Location); an Idempotency-Key makes a retry answer exactly as the first time. */
export function createStream<K extends StreamKind>(api: Api, options: ServerOptions, spec: CreateRoute<K>): void {
  const { app } = options;
  const store = app.store;
  const files = new FileStore(options.filesDir);
  const withId = spec.url.includes('/:id');
  const schema = {
    tags: [spec.tag],
    operationId: spec.operationId,
    summary: `${spec.summary} (send an Idempotency-Key to make retries safe)`,
    ...(withId ? { params: idParam } : {}),
    body: spec.body,
    headers: idempotencyHeader,
    response: { 201: spec.made.schema, ...problems },
  };
  api.post(spec.url, { schema }, async (request, reply) => {
    const who = await requireCaller(store, request, reply);
    if (who === undefined) return reply;
    const command = spec.command(request.body, (request.params as { id?: string }).id);
    const parsed = await gated(options, request, reply, who, command);
    if (parsed === undefined) return reply;
    if (spec.documents !== undefined && !(await documentsUploaded(reply, files, spec.documents(parsed)))) return reply;
    const key = idempotencyKeyOf(request, reply, who.caller.personId);
    if (key === null) return reply;
    const result = await oncePerKey(key, reply, () => app.execute(who.caller.personId, command, key === undefined ? {} : { idempotency: key }));
    if (result === undefined) return reply;
    if (!result.ok) return sendAppError(reply, result.error);
    const made = result.value.id;
    // As the command's own events made it: a replay answers as the first answer did, even after later steps.
    let created = foldCreated(spec.made.kind, result.value);
    if (created === undefined) {
      const snap = await store.fresh.snapshot(made);
      if (snap === undefined) return sendProblem(reply, 'INTERNAL', `the ${spec.made.noun} was made but cannot be read back`);
      created = { version: snap.seq, state: snap.state as StateOf<K> };
    }
    reply.header('etag', etagOf(created.version)).header('location', `${spec.made.base}/${made}`);
    if (result.value.replayed === true) reply.header('idempotent-replayed', 'true');
    return reply.code(201).send(spec.made.represent(made, created.version, created.state));
  });
}

/** A changing route: its path under <base>/:id/, its command, and whether the caller must see the thing first. */
export interface ChangeRoute {
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly body: z.ZodObject;
  readonly command: (id: string, body: Record<string, unknown>) => CommandInput;
  /**
   * False when someone who does not see the thing may still take this step (the unit an agenda item
   * was sent back to brings it again): the gate alone decides, and hides what it refuses. Default true.
   */
  readonly mustSee?: boolean;
  readonly documents?: CitedDocuments;
}

/** Registers POST <base>/:id/<path>: a change made against the version the caller read (If-Match; none 428, stale 412). */
export function changeStream<K extends StreamKind>(api: Api, options: ServerOptions, k: StreamApi<K>, spec: ChangeRoute): void {
  const { app } = options;
  const store = app.store;
  const files = new FileStore(options.filesDir);
  const schema = { tags: [k.tag], operationId: spec.operationId, summary: `${spec.summary} (If-Match: the ETag you read)`, params: idParam, body: spec.body, headers: ifMatchHeader };
  api.post(`${k.base}/:id/${spec.path}`, { schema: { ...schema, response: { 200: k.schema, ...problems } } }, async (request, reply) => {
    const who = await requireCaller(store, request, reply);
    if (who === undefined) return reply;
    const thing = request.params.id;
    const notOne = (): unknown => {
      denied(request, who.caller.personId, `not visible or not a ${k.noun}`);
      return sendProblem(reply, 'NOT_FOUND', `no ${k.noun} ${thing}`);
    };
    if (spec.mustSee !== false) {
      const found = await readable(store.reads, who.principal, thing);
      if (!found.ok || found.value.kind !== k.kind) return notOne();
    }
    const command = spec.command(thing, request.body);
    const parsed = await gated(options, request, reply, who, command);
    if (parsed === undefined) return reply;
    if (spec.mustSee === false && (await store.reads.snapshot(thing))?.kind !== k.kind) return notOne();
    const seq = requireIfMatch(request, reply);
    if (seq === undefined) return reply;
    if (spec.documents !== undefined && !(await documentsUploaded(reply, files, spec.documents(parsed)))) return reply;
    const result = await app.execute(who.caller.personId, command, { expect: { id: thing, seq } });
    if (!result.ok) return sendAppError(reply, result.error);
    const snap = await store.fresh.snapshot(thing);
    if (snap === undefined) return sendProblem(reply, 'INTERNAL', `the ${k.noun} cannot be read back`);
    reply.header('etag', etagOf(snap.seq));
    return k.represent(thing, snap.seq, snap.state as StateOf<K>);
  });
}
