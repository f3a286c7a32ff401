/**
 * The canonical form the hash chain depends on: `canonicalJson` is RFC 8785, checked against the
 * reference implementation `canonicalize` on random JSON values, on its fast path (values already
 * in canonical order, written by JSON.stringify) and off it; and the Merkle root of the
 * checkpoints depends on the order of the heads and on every field of every head.
 */
import { hash } from 'node:crypto';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import stringify from 'safe-stable-stringify';
import { describe, expect, it } from 'vitest';
import type { StreamHead } from '../../src/domain/checkpoint.js';
import { canonicalJson, isCanonicalOrder } from '../../src/store/hash-chain.js';
import { merkleRoot } from '../../src/store/merkle.js';
import { sortedKeys } from './sorted-keys.js';

const canonicalize = createRequire(import.meta.url)('canonicalize') as (value: unknown) => string | undefined;

/** JSON values without -0 (JSON has no negative zero; both forms print 0, but keep the oracle honest). */
function json(stringUnit: 'grapheme' | 'grapheme-ascii' | 'binary-ascii'): fc.Arbitrary<unknown> {
  return fc.jsonValue({ maxDepth: 4, stringUnit }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
}

/** The fast path's condition on a JSON value, checked the slow way: every object's Object.keys already in UTF-16 order. */
function keysInOrder(v: unknown): boolean {
  if (Array.isArray(v)) return v.every(keysInOrder);
  if (v === null || typeof v !== 'object') return true;
  const keys = Object.keys(v);
  return keys.every((k, i) => i === 0 || (keys[i - 1] as string) < k) && Object.values(v).every(keysInOrder);
}

/** canonicalJson as it was before the fast path: safe-stable-stringify alone. */
const before = stringify.configure({ deterministic: true, strict: true, bigint: false, circularValue: TypeError });

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

  for (const unit of ['grapheme-ascii', 'grapheme', 'binary-ascii'] as const) {
    it(`on values whose keys were inserted in order, takes the fast path and still equals the reference (${unit} strings)`, () => {
      let fast = 0;
      let objects = 0;
      fc.assert(
        fc.property(json(unit).map(sortedKeys), (v) => {
          // Only integer-like keys can upset the order: V8 enumerates them first, in numeric order.
          expect(isCanonicalOrder(v)).toBe(keysInOrder(v));
          if (isCanonicalOrder(v)) {
            fast++;
            if (v !== null && typeof v === 'object') objects++;
            expect(JSON.stringify(v)).toBe(canonicalize(v));
          }
          expect(canonicalJson(v)).toBe(canonicalize(v));
        }),
        { numRuns: 400, seed: 8788 },
      );
      expect(fast).toBeGreaterThan(360);
      expect(objects).toBeGreaterThan(100);
    });

    it(`on values as generated (keys in any order), takes the fast path exactly when the keys are in order, and equals the reference (${unit} strings)`, () => {
      fc.assert(
        fc.property(json(unit), (v) => {
          expect(isCanonicalOrder(v)).toBe(keysInOrder(v));
          expect(canonicalJson(v)).toBe(canonicalize(v));
        }),
        { numRuns: 400, seed: 8789 },
      );
    });
  }

  it('with one unsorted object anywhere inside, leaves the fast path and still equals the reference', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('array' as const), before: fc.array(fc.integer(), { maxLength: 2 }) }),
      fc.record({ kind: fc.constant('object' as const), key: fc.string({ maxLength: 3 }), sibling: fc.string({ maxLength: 3 }) }),
    );
    fc.assert(
      fc.property(json('grapheme').map(sortedKeys), fc.array(step, { maxLength: 5 }), (inner, path) => {
        let v: unknown = { b: inner, a: 1 };
        for (const s of path) {
          if (s.kind === 'array') v = [...s.before, v];
          else {
            // the wrapper's own keys in order (without re-sorting what it wraps)
            const keys = s.sibling === s.key ? [s.key] : [s.key, s.sibling].sort();
            v = Object.fromEntries(keys.map((k) => [k, k === s.key ? v : null]));
          }
        }
        expect(isCanonicalOrder(v)).toBe(false);
        expect(canonicalJson(v)).toBe(canonicalize(v));
      }),
      { numRuns: 300, seed: 8790 },
    );
  });

  it('leaves the fast path for integer-like keys out of order, undefined, holes, Dates, class instances and toJSON, with the same result as before', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const hidden = { a: 1 };
    Object.defineProperty(hidden, 'toJSON', { value: () => 'hidden', enumerable: false });
    const leaves: unknown[] = [
      { '10': 1, '9': 2 }, // enumerated 9, 10; canonical order is "10" < "9"
      { '2': 1, '10': 2 }, // enumerated 2, 10; canonical order is "10" < "2"
      { a: 1, b: undefined },
      { a: undefined },
      new Date(Date.UTC(2011, 9, 1, 0, 38, 44, 546)),
      new Point(1, 2),
      { toJSON: () => ({ b: 1, a: 2 }) },
      hidden,
      Object.assign(Object.create({ inherited: true }) as object, { a: 1 }),
    ];
    for (const leaf of leaves) {
      for (const v of [leaf, [leaf], { a: [1, leaf], b: 2 }, { nested: { deeper: leaf } }]) {
        expect(isCanonicalOrder(v), JSON.stringify(v)).toBe(false);
        expect(canonicalJson(v), JSON.stringify(v)).toBe(canonicalize(v));
        expect(canonicalJson(v), JSON.stringify(v)).toBe(before(v));
      }
    }
    // canonicalize skips holes; JSON (and canonicalJson, before and after) writes null
    for (const v of [[1, , 2], [undefined], { a: [undefined] }]) {
      expect(isCanonicalOrder(v)).toBe(false);
      expect(canonicalJson(v)).toBe(before(v));
    }
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      for (const w of [v, [v], { a: v }, { a: { b: [1, v] } }]) {
        expect(isCanonicalOrder(w)).toBe(false);
        expect(() => before(w)).toThrow();
        expect(() => canonicalJson(w)).toThrow();
      }
    }
    for (const v of [1n, Symbol('s'), () => 1, undefined, { a: 1n }, { a: () => 1 }]) expect(isCanonicalOrder(v)).toBe(false);
    // and what does qualify, including a null prototype and integer-like keys that happen to be in order
    const bare = Object.assign(Object.create(null) as object, { a: 1, b: [true, null, 'x'] });
    for (const v of [null, 0, -1.5e-300, '', 'x', true, [], {}, bare, { '1': 1, '2': 2, a: 3 }, { '10': 1, a: 2 }, [[{ a: [{}] }]]]) {
      expect(isCanonicalOrder(v), String(JSON.stringify(v))).toBe(true);
      expect(canonicalJson(v)).toBe(canonicalize(v));
    }
  });

  it('cycles and very deep values leave the fast path: cycles are still refused, deep values still written', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['b'] = cyclic;
    expect(isCanonicalOrder(cyclic)).toBe(false);
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = i % 2 === 0 ? [deep] : { a: deep };
    expect(isCanonicalOrder(deep)).toBe(false);
    expect(canonicalJson(deep)).toBe(canonicalize(deep));
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
