/**
 * Evidence files over HTTP. Anyone signed in with write scope uploads the raw bytes of a file
 * (any media type, at most MAX_FILE_BYTES); it is stored by its sha256, which a submission then
 * cites. A file is read back only through an assignment the caller may see whose submissions cite
 * it: an uploaded file nobody cites is readable by nobody.
 */
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { AssignmentState } from '../../domain/assignment/assignment.state.js';
import { readable } from '../../app/access/gate.js';
import { sha256Hex, canonicalJson } from '../../store/hash-chain.js';
import type { Api } from '../api.js';
import { problems, problemSchema } from '../api.js';
import { denied, requireCaller } from '../auth.js';
import { FileStore, FileTooLarge, isSha256, MAX_FILE_BYTES } from '../files.js';
import { idempotencyKeyOf, oncePerKey } from '../idempotency.js';
import { onceRemembered } from '../idempotent-outcome.js';
import { sendAppError, sendProblem } from '../problem.js';
import type { ServerOptions } from '../options.js';

/** What an upload returns: the file's content address, size and media type. */
export const storedFileSchema = z.object({
  sha256: z.string().describe('The content address: cite it as `sha256` of a `document` evidence item'),
  size: z.number().int().describe('Bytes'),
  mediaType: z.string().describe('The media type the upload was sent with'),
});

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** The media type of a Content-Type header, lower-cased and without parameters; octet-stream when there is none worth keeping. */
export function mediaTypeOf(header: string | undefined): string {
  const essence = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return MEDIA_TYPE.test(essence) ? essence : 'application/octet-stream';
}

/** A Content-Disposition that always downloads, with an ASCII fallback name and the exact name in UTF-8. */
export function attachmentDisposition(name: string): string {
  const cleaned = name.replace(/[\\/\p{Cc}]/gu, '_').trim().slice(0, 200) || 'evidence';
  const ascii = cleaned.replace(/[^\x20-\x7e]/g, '_').replace(/["%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(cleaned).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

interface CitedDocument {
  readonly name: string;
  readonly sha256: string;
  readonly mediaType?: string;
}

function documentsOf(evidence: unknown): CitedDocument[] {
  if (!Array.isArray(evidence)) return [];
  return evidence.filter((e): e is CitedDocument & { kind: 'document' } => typeof e === 'object' && e !== null && (e as { kind?: unknown }).kind === 'document' && typeof (e as { sha256?: unknown }).sha256 === 'string');
}

const evidenceParams = z.object({ id: z.string().min(1).max(80), sha256: z.string().max(64).describe('The sha256 the submission cites') });

/** Registers the upload of evidence files and their download through an assignment. */
export function fileRoutes(api: Api, options: ServerOptions): void {
  const { app } = options;
  const store = app.store;
  const files = new FileStore(options.filesDir);

  // The upload takes the raw body as a stream, whatever its media type: a parser for this route only.
  api.register((scope: Api, _opts, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, next) => {
      next(null, payload);
    });
    scope.post(
      '/api/v1/files',
      {
        schema: {
          tags: ['evidence'],
          operationId: 'uploadFile',
          summary: 'Upload an evidence file as raw bytes (any media type, at most 50 MiB); it is kept by its sha256 (send an Idempotency-Key to make retries safe)',
          description:
            'The body is the file itself, sent with its own Content-Type. The answer names its sha256, which a submission cites in a `document` evidence item. An uploaded file can be read back only through an assignment that cites it.',
          consumes: ['application/octet-stream'],
          body: z.any().meta({ type: 'string', format: 'binary', description: 'The bytes of the file' }),
          headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).loose(),
          response: { 201: storedFileSchema, ...problems, 413: problemSchema },
        },
      },
      async (request, reply) => {
        const who = await requireCaller(store, request, reply);
        if (who === undefined) return reply;
        const source = request.body as Readable | undefined;
        // The key is checked before any byte is read; its fingerprint is that of the file stored.
        (request as { body: unknown }).body = null;
        const probe = idempotencyKeyOf(request, reply, who.caller.personId);
        if (probe === null) return reply;
        const declared = Number(request.headers['content-length'] ?? '0');
        if (declared > MAX_FILE_BYTES) return sendProblem(reply, 'PAYLOAD_TOO_LARGE', `a file may be at most ${MAX_FILE_BYTES} bytes`, { limit: MAX_FILE_BYTES });
        if (source === undefined || typeof (source as { pipe?: unknown }).pipe !== 'function') return sendProblem(reply, 'BAD_REQUEST', 'send the bytes of the file as the body');
        let stored;
        try {
          stored = await files.put(source, MAX_FILE_BYTES);
        } catch (error) {
          if (error instanceof FileTooLarge) return sendProblem(reply, 'PAYLOAD_TOO_LARGE', `a file may be at most ${MAX_FILE_BYTES} bytes`, { limit: MAX_FILE_BYTES });
          request.log.info({ err: error }, 'upload cut off');
          return sendProblem(reply, 'BAD_REQUEST', 'the upload did not arrive whole');
        }
        if (stored.size === 0) return sendProblem(reply, 'BAD_REQUEST', 'the file is empty');
        const answer = { sha256: stored.sha256, size: stored.size, mediaType: mediaTypeOf(request.headers['content-type']) };
        const key = probe === undefined ? undefined : { ...probe, fingerprint: sha256Hex(`POST /api/v1/files\n${canonicalJson(answer)}`) };
        const result = await oncePerKey(key, reply, () => onceRemembered(store, key, app.now(), () => Promise.resolve(answer)));
        if (result === undefined) return reply;
        if (!result.ok) return sendAppError(reply, result.error);
        if (result.value.replayed) reply.header('idempotent-replayed', 'true');
        return reply.code(201).send(result.value.value);
      },
    );
    done();
  });

  api.get(
    '/api/v1/assignments/:id/evidence/:sha256',
    {
      schema: {
        tags: ['evidence'],
        operationId: 'getAssignmentEvidence',
        summary: 'Download an evidence file a submission of the assignment cites',
        description: 'Always sent as an attachment, with the media type and name the submission gave it.',
        params: evidenceParams,
        response: {
          200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } },
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      const { id, sha256 } = request.params;
      const found = await readable(store.reads, who.principal, id);
      if (!found.ok || found.value.kind !== 'assignment') {
        denied(request, who.caller.personId, 'not visible or not an assignment');
        return sendProblem(reply, 'NOT_FOUND', `no assignment ${id}`);
      }
      const cited = isSha256(sha256) ? await citation(found.value.state as AssignmentState, id, sha256) : undefined;
      const file = cited === undefined ? undefined : await files.open(sha256);
      if (cited === undefined || file === undefined) return sendProblem(reply, 'NOT_FOUND', `assignment ${id} cites no stored file ${sha256}`);
      return reply
        .header('content-type', mediaTypeOf(cited.mediaType))
        .header('content-length', String(file.size))
        .header('content-disposition', attachmentDisposition(cited.name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-cache')
        .send(file.stream as never); // a stream is sent as is, never serialised
    },
  );

  /** The document item citing the file: in the current submission, or else in any earlier submit event of the stream. */
  async function citation(state: AssignmentState, id: string, sha256: string): Promise<CitedDocument | undefined> {
    const current = documentsOf(state.submission?.evidence).find((d) => d.sha256 === sha256);
    if (current !== undefined) return current;
    for (const e of (await store.reads.streamEvents(id)).reverse()) {
      if (e.type !== 'assignment.submitted') continue;
      const earlier = documentsOf((e.payload as { evidence?: unknown }).evidence).find((d) => d.sha256 === sha256);
      if (earlier !== undefined) return earlier;
    }
    return undefined;
  }
}
