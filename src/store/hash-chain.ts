/**
 * The hash chain: `hash = sha256(prev_hash ‖ canonical JSON of the event)`, where the canonical
 * form is RFC 8785 (JSON Canonicalization Scheme) of {stream, seq, type, actor, at, payload}.
 * The first event of every stream chains from GENESIS_HASH.
 */
import { createHash, hash } from 'node:crypto';
import stringify from 'safe-stable-stringify';

/** The `prev_hash` of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers. */
export interface HashedFields {
  readonly stream: string;
  readonly seq: number;
  readonly type: string;
  readonly actor: string;
  readonly at: string;
  readonly payload: unknown;
}

// Keys sorted by UTF-16 code units, ECMAScript number and string serialisation, and an error on
// anything JSON cannot represent: for JSON values this is exactly RFC 8785 (a test checks it
// against the `canonicalize` reference implementation on random values).
const deterministic = stringify.configure({ deterministic: true, strict: true, bigint: false, circularValue: TypeError });

/** RFC 8785 canonical JSON of a JSON value; throws on values JSON cannot represent (NaN, functions, cycles). */
export function canonicalJson(value: unknown): string {
  const text = deterministic(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

/** The hash of an event given the hash of the event before it in its stream. */
export function eventHash(prevHash: string, fields: HashedFields): string {
  return hash('sha256', prevHash + canonicalJson(fields), 'hex');
}

/** sha256 of bytes or text, as lower-case hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
