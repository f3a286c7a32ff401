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
  // Already in canonical order: the native serialiser writes the same text, about twice as fast.
  if (isCanonicalOrder(value)) return JSON.stringify(value);
  const text = deterministic(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

// Deeper values are not walked (and cycles end here): they take the general path, whose result is the same.
const MAX_CANONICAL_DEPTH = 64;

/**
 * True only if `JSON.stringify(value)` is exactly its RFC 8785 canonical form: every value a
 * string, finite number, boolean, null, array without holes, or plain object without `toJSON`
 * whose keys come in strictly increasing UTF-16 order; false (never wrong) for anything else.
 */
export function isCanonicalOrder(value: unknown): boolean {
  return canonicalOrder(value, 0);
}

function canonicalOrder(value: unknown, depth: number): boolean {
  if (typeof value !== 'object') return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
  if (value === null) return true;
  if (depth === MAX_CANONICAL_DEPTH || (value as { toJSON?: unknown }).toJSON !== undefined) return false;
  if (Array.isArray(value)) {
    // A hole reads as undefined, which fails below.
    for (let i = 0; i < value.length; i++) if (!canonicalOrder(value[i], depth + 1)) return false;
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  // for…in visits the own enumerable keys in the order JSON.stringify writes them (integer-like
  // keys first, in numeric order), so comparing neighbours checks the order that will be written.
  // Any inherited enumerable key (a polluted Object.prototype) is checked too: stricter, never wrong.
  let previous: string | undefined;
  for (const key in value) {
    if (previous !== undefined && !(previous < key)) return false;
    previous = key;
    if (!canonicalOrder((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/** The hash of an event given the hash of the event before it in its stream (a payload in canonical order is written once, by JSON.stringify). */
export function eventHash(prevHash: string, fields: HashedFields): string {
  if (onlyHashedFields(fields) && isCanonicalOrder(fields.payload)) {
    const text = eventText(fields, JSON.stringify(fields.payload));
    if (text !== undefined) return hash('sha256', prevHash + text, 'hex');
  }
  return hash('sha256', prevHash + canonicalJson(fields), 'hex');
}

/**
 * The hash of the event {stream, seq, type, actor, at, payload} (any other property of `fields`
 * ignored) given `canonicalJson(fields.payload)`, which it trusts: equal to `eventHash` then.
 */
export function eventHashOfPayloadText(prevHash: string, fields: HashedFields, canonicalPayloadText: string): string {
  const text = eventText(fields, canonicalPayloadText);
  if (text !== undefined) return hash('sha256', prevHash + text, 'hex');
  const { stream, seq, type, actor, at, payload } = fields;
  return hash('sha256', prevHash + canonicalJson({ stream, seq, type, actor, at, payload }), 'hex');
}

/**
 * The canonical text of the six fields, written around the payload's canonical text (keys in
 * UTF-16 order: actor, at, payload, seq, stream, type); undefined unless the four texts are
 * strings and seq a safe integer, whose JSON forms are then their canonical forms.
 */
function eventText(f: HashedFields, payloadText: string): string | undefined {
  const { stream, seq, type, actor, at } = f;
  if (typeof stream !== 'string' || typeof type !== 'string' || typeof actor !== 'string' || typeof at !== 'string' || !Number.isSafeInteger(seq)) return undefined;
  return `{"actor":${JSON.stringify(actor)},"at":${JSON.stringify(at)},"payload":${payloadText},"seq":${seq},"stream":${JSON.stringify(stream)},"type":${JSON.stringify(type)}}`;
}

const HASHED_KEYS = 6;

/** True if `fields` is a plain object with exactly the six hashed fields as its enumerable properties (nothing else would be hashed). */
function onlyHashedFields(fields: HashedFields): boolean {
  const proto: unknown = Object.getPrototypeOf(fields);
  if ((proto !== Object.prototype && proto !== null) || (fields as { toJSON?: unknown }).toJSON !== undefined) return false;
  let n = 0;
  for (const key in fields) {
    if (!Object.hasOwn(fields, key)) return false;
    if (key !== 'stream' && key !== 'seq' && key !== 'type' && key !== 'actor' && key !== 'at' && key !== 'payload') return false;
    n++;
  }
  return n === HASHED_KEYS;
}

/** sha256 of bytes or text, as lower-case hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
