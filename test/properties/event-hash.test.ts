/**
 * The event hash, recomputed independently of the store's code on random events: sha256 by
 * node:crypto of `prev_hash ‖ canonicalize({stream, seq, type, actor, at, payload})`, with the
 * reference `canonicalize` package. `eventHash` writes the canonical text around the payload's
 * (on its fast path) or all at once (off it); `eventHashOfPayloadText` takes the payload's text.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, eventHash, eventHashOfPayloadText, GENESIS_HASH, isCanonicalOrder, type HashedFields } from '../../src/store/hash-chain.js';
import { sortedKeys } from './sorted-keys.js';

const canonicalize = createRequire(import.meta.url)('canonicalize') as (value: unknown) => string | undefined;

function referenceHash(prevHash: string, event: unknown): string {
  const text = canonicalize(event);
  if (text === undefined) throw new Error('no canonical form');
  return createHash('sha256').update(prevHash + text, 'utf8').digest('hex');
}

const jsonValue = fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
/** Payloads sorted (the fast path, mostly) or as generated (keys in any order). */
const payload = fc.oneof(jsonValue.map(sortedKeys), jsonValue, fc.dictionary(fc.string({ maxLength: 6 }), jsonValue).map(sortedKeys));
/** Any strings, lone surrogates and control characters included (JSON.stringify escapes them; so must the hash). */
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.stringMatching(/^(asg|per|unit|dec)_[a-z0-9]{2,8}$/));
const seq = fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }));
const instant = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const prevHash = fc.oneof(fc.constant(GENESIS_HASH), fc.stringMatching(/^[0-9a-f]{64}$/));
const fields: fc.Arbitrary<HashedFields> = fc.record({ stream: text, seq, type: text, actor: text, at: fc.oneof(instant, text), payload });

describe('eventHash', () => {
  it('equals sha256(prev ‖ canonicalize(event)) on random events, and so does eventHashOfPayloadText given canonicalJson(payload)', () => {
    let fast = 0;
    fc.assert(
      fc.property(prevHash, fields, (prev, f) => {
        const expected = referenceHash(prev, f);
        if (isCanonicalOrder(f.payload)) fast++;
        expect(eventHash(prev, f)).toBe(expected);
        expect(eventHashOfPayloadText(prev, f, canonicalJson(f.payload))).toBe(expected);
        // with the fields in any order: the same event
        const reordered = Object.fromEntries(Object.entries(f).reverse()) as unknown as HashedFields;
        expect(eventHash(prev, reordered)).toBe(expected);
      }),
      { numRuns: 500, seed: 6234 },
    );
    expect(fast).toBeGreaterThan(250);
    expect(fast).toBeLessThan(500);
  });

  it('keeps its result where the written-around text does not apply: an unsafe seq, a missing payload, a field that is not a string, an extra field', () => {
    const base = { stream: 'asg_a', seq: 2, type: 'assignment.accepted', actor: 'per_krasin', at: '2022-03-01T10:00:00.000Z', payload: { a: 1, b: [true, null, 'x'] } };
    const odd: unknown[] = [
      { ...base, seq: 2 ** 53 },
      { ...base, seq: 1.5 },
      { ...base, seq: 1e21 },
      { ...base, payload: undefined },
      { ...base, actor: null },
      { ...base, at: 17 },
      { ...base, extra: 'covered too' },
      { ...base, payload: { toJSON: () => ({ b: 1, a: 2 }) } },
      { ...base, payload: new Date(Date.UTC(2011, 9, 1)) },
    ];
    for (const f of odd) expect(eventHash(GENESIS_HASH, f as HashedFields), JSON.stringify(f)).toBe(referenceHash(GENESIS_HASH, f));
    // eventHashOfPayloadText hashes the six fields, whatever else `fields` has
    for (const f of odd.slice(0, 3)) {
      const { stream, seq: s, type, actor, at, payload: p } = f as HashedFields;
      expect(eventHashOfPayloadText(GENESIS_HASH, f as HashedFields, canonicalJson(p))).toBe(referenceHash(GENESIS_HASH, { stream, seq: s, type, actor, at, payload: p }));
    }
    const { extra: _extra, ...six } = odd[6] as typeof base & { extra: string };
    expect(eventHashOfPayloadText(GENESIS_HASH, odd[6] as HashedFields, canonicalJson(base.payload))).toBe(referenceHash(GENESIS_HASH, six));
  });

  it('still refuses a payload or seq JSON cannot represent', () => {
    const base = { stream: 'asg_a', seq: 2, type: 'assignment.accepted', actor: 'per_krasin', at: '2022-03-01T10:00:00.000Z' };
    for (const p of [Number.NaN, { a: Number.POSITIVE_INFINITY }, { a: 1n }, () => 1]) expect(() => eventHash(GENESIS_HASH, { ...base, payload: p })).toThrow();
    for (const s of [Number.NaN, Number.POSITIVE_INFINITY]) expect(() => eventHash(GENESIS_HASH, { ...base, seq: s, payload: {} })).toThrow();
  });
});
