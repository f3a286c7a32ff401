/** Sources of fresh ids: random for real use, seeded for reproducible demos and tests. */
import { randomBytes } from 'node:crypto';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { makeId, type IdSource, type StreamKind } from '../domain/ids.js';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const LENGTH = 10;

/** Ids from the operating system's randomness: 10 characters of a 32-letter alphabet (50 bits). */
export const randomIds: IdSource = {
  next(kind: StreamKind): string {
    const bytes = randomBytes(LENGTH);
    let suffix = '';
    for (const b of bytes) suffix += ALPHABET[b & 31];
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
