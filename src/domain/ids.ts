/**
 * Identifiers are `<prefix>_<suffix>`: the prefix names the kind of stream, so a reference
 * says by itself whether it points at a person, a unit, a committee …
 */

/** Prefix of each kind of stream. */
export const ID_PREFIX = {
  unit: 'unit',
  person: 'per',
  post: 'post',
  body: 'body',
  committee: 'cmt',
  decision: 'dec',
  assignment: 'asg',
  ledger: 'ledger',
  calendar: 'cal',
  ladder: 'lad',
  accountability: 'acp',
  agenda: 'agd',
  trace: 'trc',
} as const;

/** A kind of stream (aggregate). */
export type StreamKind = keyof typeof ID_PREFIX;

const KIND_BY_PREFIX = new Map<string, StreamKind>(Object.entries(ID_PREFIX).map(([k, p]) => [p, k as StreamKind]));
const SUFFIX = /^[a-z0-9][a-z0-9_-]{1,63}$/;

/** The id of the ledger stream that carries checkpoints. */
export const LEDGER_STREAM_ID = 'ledger_main';

/** The kind named by an id's prefix, or undefined when the id is malformed. */
export function kindOfId(id: string): StreamKind | undefined {
  const at = id.indexOf('_');
  if (at <= 0) return undefined;
  const kind = KIND_BY_PREFIX.get(id.slice(0, at));
  return kind !== undefined && SUFFIX.test(id.slice(at + 1)) ? kind : undefined;
}

/** True when the id is well formed and of the given kind. */
export function isIdOf(kind: StreamKind, id: string): boolean {
  return kindOfId(id) === kind;
}

/** Builds an id of a kind from a suffix (lower-case letters, digits, `_` and `-`). */
export function makeId(kind: StreamKind, suffix: string): string {
  const id = `${ID_PREFIX[kind]}_${suffix}`;
  if (kindOfId(id) !== kind) throw new RangeError(`invalid ${kind} id suffix: ${suffix}`);
  return id;
}

/** Source of fresh ids; injected so that the demo and tests are reproducible. */
export interface IdSource {
  /** A new, never used id of the given kind. */
  next(kind: StreamKind): string;
}

/** A party referenced by a command, as resolved by the application: its id, its kind and (for a person) their unit. */
export interface PartyRef {
  readonly id: string;
  readonly kind: StreamKind;
  readonly unitId?: string;
}
