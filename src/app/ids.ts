/** Sources of fresh ids: random for real use, seeded for reproducible demos and tests. */
import { randomBytes } from 'node:crypto';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { makeId, type IdSource, type StreamKind } from '../domain/ids.js';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const LENGTH = 10;

/** Random bytes drawn from the operating system a block at a time (one call per 409 ids, not one per id). */
const POOL = 4096;
let pool = Buffer.alloc(0);
let used = POOL;

/** Ids from the operating system's randomness: 10 characters of a 32-letter alphabet (50 bits). */
export const randomIds: IdSource = {
  next(kind: StreamKind): string {
    if (used + LENGTH > pool.length) {
      pool = randomBytes(POOL);
      used = 0;
    }
    let suffix = '';
    for (let i = used; i < used + LENGTH; i++) suffix += ALPHABET[(pool[i] as number) & 31];
    used += LENGTH;
    return makeId(kind, suffix);
  },
};

/** Ids from a seeded generator: the same seed gives the same ids in the same order. */
export function seededIds(seed: number): IdSource {
  const rng = xoroshiro128plus(seed);
  return {
    next(kind: StreamKind): string {
      let suffix = '';
      for (let i = 0; i < LENGTH; i++) suffix += ALPHABET[uniformInt(rng, 0, 31)];
      return makeId(kind, suffix);
    },
  };
}
