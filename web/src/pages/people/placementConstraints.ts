/**
 * The constraints a reader puts on a placement proposal: keep a person in a post (a pin: GET
 * /placement `pins`) or exclude a person from a post (`exclude`); choosing them row by row, and
 * carrying them in the URL as `post:person` pairs separated by commas, as the API takes them.
 */

/** Keep (the person must take the post) or exclude (the person may not take it). */
export type ConstraintKind = 'keep' | 'exclude';

/** One constraint on a proposal. */
export interface Constraint {
  readonly kind: ConstraintKind;
  readonly postId: string;
  readonly personId: string;
}

/** A pair the API takes: no colon, comma or space in either id. */
const PAIR = /^([^:,\s]+):([^:,\s]+)$/;

/** True when `a` and `b` are the same constraint. */
export function sameConstraint(a: Constraint, b: Constraint): boolean {
  return a.kind === b.kind && a.postId === b.postId && a.personId === b.personId;
}

/** True when `list` holds `c`. */
export function hasConstraint(list: readonly Constraint[], c: Constraint): boolean {
  return list.some((x) => sameConstraint(x, c));
}

/** `list` without `c`. */
export function removeConstraint(list: readonly Constraint[], c: Constraint): Constraint[] {
  return list.filter((x) => !sameConstraint(x, c));
}

/**
 * `list` with `c` toggled: removed when present; else added, replacing what a row's own buttons
 * contradict — another person kept in the same post, or the same pair kept and excluded. A person
 * kept in two posts is left for the server to refuse (PLACEMENT_PINS_INFEASIBLE), said on the page.
 */
export function toggleConstraint(list: readonly Constraint[], c: Constraint): Constraint[] {
  if (hasConstraint(list, c)) return removeConstraint(list, c);
  const contradicts = (x: Constraint): boolean =>
    x.postId === c.postId && ((x.kind === 'keep' && c.kind === 'keep') || (x.personId === c.personId && x.kind !== c.kind));
  return [...list.filter((x) => !contradicts(x)), c];
}

/** True when `a` and `b` hold the same constraints, in any order. */
export function sameConstraints(a: readonly Constraint[], b: readonly Constraint[]): boolean {
  return a.length === b.length && a.every((x) => hasConstraint(b, x)) && b.every((x) => hasConstraint(a, x));
}

/** The pairs of one kind as the API takes them (`post:person,post:person`); undefined when there is none. */
export function pairsOf(list: readonly Constraint[], kind: ConstraintKind): string | undefined {
  const pairs = list.filter((c) => c.kind === kind).map((c) => `${c.postId}:${c.personId}`);
  return pairs.length === 0 ? undefined : pairs.join(',');
}

function readPairs(text: string | null, kind: ConstraintKind): Constraint[] {
  if (text === null || text === '') return [];
  return text.split(',').flatMap((pair): Constraint[] => {
    const m = PAIR.exec(pair);
    return m === null ? [] : [{ kind, postId: m[1] as string, personId: m[2] as string }];
  });
}

/** The constraints in search parameters `pins` and `exclude`, keeps first; malformed or repeated pairs left out. */
export function readConstraints(params: URLSearchParams): Constraint[] {
  const out: Constraint[] = [];
  for (const c of [...readPairs(params.get('pins'), 'keep'), ...readPairs(params.get('exclude'), 'exclude')]) if (!hasConstraint(out, c)) out.push(c);
  return out;
}

/** The posts the constraints name. */
export function constrainedPosts(list: readonly Constraint[]): ReadonlySet<string> {
  return new Set(list.map((c) => c.postId));
}
