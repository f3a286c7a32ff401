/**
 * Versions of mutable resources. A resource's ETag is its stream's sequence (`"7"`): it changes with
 * every event. A change must name the version it was made against in If-Match: without it the
 * answer is 428, with a stale one 412.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from './problem.js';

/** The ETag of a stream at a sequence. */
export function etagOf(seq: number): string {
  return `"${seq}"`;
}

/** The version an If-Match names, or a 428/412 already sent (undefined). `*` is not accepted: a change must name what it saw. */
export function requireIfMatch(request: FastifyRequest, reply: FastifyReply): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header === '') {
    sendProblem(reply, 'PRECONDITION_REQUIRED', 'send If-Match with the ETag you read, so that a change never overwrites one you did not see');
    return undefined;
  }
  const m = /^\s*(?:W\/)?"(\d{1,12})"\s*$/.exec(header);
  if (m === null) {
    sendProblem(reply, 'PRECONDITION_FAILED', `If-Match must be one ETag as this API gives it (e.g. "7"), not ${header.slice(0, 40)}`);
    return undefined;
  }
  return Number(m[1]);
}
