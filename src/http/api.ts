/** The typed Fastify instance routes are registered on, and what every route file shares. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** Fastify with zod schemas as its types. */
export type Api = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/** An id in a path. */
export const idParam = z.object({ id: z.string().min(1).max(80) });

/** A problem document, as every error response carries it. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    instance: z.string().optional(),
  })
  .loose()
  .describe('RFC 9457 problem details, with a stable `code`');

/** The error responses every route may give, for the OpenAPI document. */
export const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  412: problemSchema,
  422: problemSchema,
  428: problemSchema,
} as const;

/** An opaque pagination cursor: base64url of JSON. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor; undefined when it is not one. */
export function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return check(v) ? v : undefined;
  } catch {
    return undefined;
  }
}
