/** Ids say by their prefix what they point at. */
import { describe, expect, it } from 'vitest';
import { isIdOf, kindOfId, makeId } from './ids.js';

describe('ids', () => {
  it('reads the kind from the prefix', () => {
    expect(kindOfId('per_krasin')).toBe('person');
    expect(kindOfId('unit_trade')).toBe('unit');
    expect(kindOfId('cmt_purchase')).toBe('committee');
    expect(kindOfId('asg_c1')).toBe('assignment');
    expect(kindOfId('ledger_main')).toBe('ledger');
  });
  it('refuses malformed ids', () => {
    for (const id of ['krasin', '_x', 'per_', 'per_A', 'per_x', 'foo_bar', 'per_-x', `per_${'a'.repeat(65)}`]) expect(kindOfId(id), id).toBeUndefined();
  });
  it('makes ids of a kind and refuses bad suffixes', () => {
    expect(makeId('person', 'krasin')).toBe('per_krasin');
    expect(isIdOf('person', 'per_krasin')).toBe(true);
    expect(isIdOf('unit', 'per_krasin')).toBe(false);
    expect(() => makeId('person', 'Krasin')).toThrow(RangeError);
  });
});
