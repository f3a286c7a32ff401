/**
 * The canonical form the hash chain depends on: `canonicalJson` is RFC 8785, checked against the
 * reference implementation `canonicalize` on random JSON values; and the Merkle root of the
 * checkpoints depends on the order of the heads and on every field of every head.
 */
import { hash } from 'node:crypto';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StreamHead } from '../../src/domain/checkpoint.js';
import { canonicalJson } from '../../src/store/hash-chain.js';
import { merkleRoot } from '../../src/store/merkle.js';

const canonicalize = createRequire(import.meta.url)('canonicalize') as (value: unknown) => string | undefined;

/** JSON values without -0 (JSON has no negative zero; both forms print 0, but keep the oracle honest). */
function json(stringUnit: 'grapheme' | 'grapheme-ascii' | 'binary-ascii'): fc.Arbitrary<unknown> {
  return fc.jsonValue({ maxDepth: 4, stringUnit }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
}

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const head: fc.Arbitrary<StreamHead> = fc.tuple(fc.stringMatching(/^(asg|per|unit|dec)_[a-z0-9]{2,8}$/), fc.integer({ min: 1, max: 10_000 }), hex64);

describe('canonicalJson is RFC 8785', () => {
  for (const unit of ['grapheme-ascii', 'grapheme', 'binary-ascii'] as const) {
    it(`equals the reference canonicalize on random JSON values (${unit} strings)`, () => {
      fc.assert(
        fc.property(json(unit), (v) => {
          expect(canonicalJson(v)).toBe(canonicalize(v));
        }),
        { numRuns: 400, seed: 8785 },
      );
    });
  }

  it('equals the reference on numbers that stress ECMAScript number formatting', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)), (d) => {
        expect(canonicalJson({ d, a: [d] })).toBe(canonicalize({ d, a: [d] }));
      }),
      { numRuns: 400, seed: 8786 },
    );
    for (const d of [1e21, 1e-7, 0.1 + 0.2, 2 ** 53, -1.5e-300, 5e-324, Number.MAX_VALUE]) expect(canonicalJson(d)).toBe(canonicalize(d));
  });

  it('sorts keys by UTF-16 code units, whatever the insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 4 }), fc.integer()), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(o));
        expect(canonicalJson(o)).toBe(canonicalize(o));
      }),
      { numRuns: 200, seed: 8787 },
    );
    expect(canonicalJson({ '\u00e9': 1, z: 2, '\ud83d\ude00': 3, '\uff41': 4 })).toBe('{"z":2,"é":1,"😀":3,"ａ":4}');
  });

  it('refuses what JSON cannot represent', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow();
    expect(() => canonicalJson(() => 1)).toThrow();
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow();
  });
});

/** The tree built level by level, the last odd node carried up unchanged: the reference the streaming builder must equal. */
function levelByLevelRoot(heads: readonly StreamHead[]): string {
  if (heads.length === 0) return hash('sha256', '', 'hex');
  let level: Buffer[] = heads.map((h) => hash('sha256', Buffer.concat([Buffer.from([0]), Buffer.from(JSON.stringify(h), 'utf8')]), 'buffer'));
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(hash('sha256', Buffer.concat([Buffer.from([1]), level[i] as Buffer, level[i + 1] as Buffer]), 'buffer'));
    if (level.length % 2 === 1) next.push(level[level.length - 1] as Buffer);
    level = next;
  }
  return (level[0] as Buffer).toString('hex');
}

describe('merkleRoot', () => {
  it('built one head at a time, equals the tree built level by level for every size (0 to 300 heads)', () => {
    const heads: StreamHead[] = Array.from({ length: 300 }, (_, i) => [`asg_${String(i).padStart(4, '0')}`, i + 1, hash('sha256', String(i), 'hex')]);
    const roots = new Set<string>();
    for (let n = 0; n <= heads.length; n++) {
      const root = merkleRoot(heads.slice(0, n));
      expect(root).toBe(levelByLevelRoot(heads.slice(0, n)));
      roots.add(root);
    }
    expect(roots.size).toBe(heads.length + 1);
  });

  it('is order-sensitive: swapping two different heads changes the root', () => {
    fc.assert(
      fc.property(fc.uniqueArray(head, { minLength: 2, maxLength: 40, selector: (h) => h[0] }), fc.nat(), fc.nat(), (heads, i, j) => {
        const a = i % heads.length;
        const b = j % heads.length;
        fc.pre(a !== b);
        const swapped = [...heads];
        [swapped[a], swapped[b]] = [swapped[b] as StreamHead, swapped[a] as StreamHead];
        expect(merkleRoot(swapped)).not.toBe(merkleRoot(heads));
      }),
      { numRuns: 300, seed: 6962 },
    );
  });

  it('changes when any field of any head changes, and when a head is added or removed', () => {
    fc.assert(
      fc.property(fc.uniqueArray(head, { minLength: 1, maxLength: 40, selector: (h) => h[0] }), fc.nat(), fc.constantFrom(0, 1, 2), head, (heads, i, field, other) => {
        const k = i % heads.length;
        const h = heads[k] as StreamHead;
        const changed: StreamHead = field === 0 ? [`${h[0]}x`, h[1], h[2]] : field === 1 ? [h[0], h[1] + 1, h[2]] : [h[0], h[1], h[2] === other[2] ? `${h[2].slice(1)}0` : other[2]];
        const root = merkleRoot(heads);
        expect(merkleRoot(heads.map((x, n) => (n === k ? changed : x)))).not.toBe(root);
        expect(merkleRoot([...heads, other])).not.toBe(root);
        expect(merkleRoot(heads.filter((_, n) => n !== k))).not.toBe(root);
        // and it is a function of the heads alone
        expect(merkleRoot(heads.map((x) => [...x] as StreamHead))).toBe(root);
      }),
      { numRuns: 300, seed: 6963 },
    );
  });

  it('a leaf cannot pass for an inner node (RFC 6962 domain separation)', () => {
    const heads: StreamHead[] = [
      ['asg_aa', 1, 'a'.repeat(64)],
      ['asg_bb', 2, 'b'.repeat(64)],
    ];
    expect(merkleRoot(heads)).toMatch(/^[0-9a-f]{64}$/);
    expect(merkleRoot([heads[0] as StreamHead])).not.toBe(merkleRoot(heads));
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
