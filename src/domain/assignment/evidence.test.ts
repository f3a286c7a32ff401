/** Evidence of work done (F3): what a submission must carry, item by item. */
import { describe, expect, it } from 'vitest';
import type { Result } from '../result.js';
import { checkEvidence, type Evidence } from './evidence.js';

/** The code of a refused result, or undefined when it passed. */
function codeOf(r: Result<unknown>): string | undefined {
  return r.ok ? undefined : r.error.code;
}

const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('checkEvidence', () => {
  it('accepts every well-formed kind of item', () => {
    const items: Evidence[] = [
      { kind: 'document', name: 'receipt.pdf', sha256: SHA, size: 1024, mediaType: 'application/pdf' },
      { kind: 'figure', label: 'tonnes delivered', value: 12.5, unit: 't' },
      { kind: 'figure', label: 'complaints', value: 0 },
      { kind: 'figure', label: 'balance', value: -3 },
      { kind: 'link', url: 'https://example.org/report' },
      { kind: 'link', url: 'http://example.org/a?b=c', label: 'report' },
      { kind: 'text', text: 'the warehouse confirms' },
    ];
    expect(checkEvidence(items)).toEqual({ ok: true, value: undefined });
  });

  it('EVIDENCE_REQUIRED: no item at all', () => {
    expect(codeOf(checkEvidence([]))).toBe('EVIDENCE_REQUIRED');
  });

  const invalid: Array<[string, Evidence]> = [
    ['a sha256 that is too short', { kind: 'document', name: 'a.pdf', sha256: SHA.slice(1) }],
    ['a sha256 in upper case', { kind: 'document', name: 'a.pdf', sha256: SHA.toUpperCase() }],
    ['a sha256 with a non-hex digit', { kind: 'document', name: 'a.pdf', sha256: `${SHA.slice(0, 63)}g` }],
    ['a document without a name', { kind: 'document', name: '  ', sha256: SHA }],
    ['a URL that does not parse', { kind: 'link', url: 'not a url' }],
    ['a URL with a relative path only', { kind: 'link', url: '/reports/1' }],
    ['a link that is not http(s)', { kind: 'link', url: 'javascript:alert(1)' }],
    ['a file link', { kind: 'link', url: 'file:///etc/passwd' }],
    ['a blank text', { kind: 'text', text: ' \n\t ' }],
    ['a figure that is NaN', { kind: 'figure', label: 'cost', value: Number.NaN }],
    ['a figure that is infinite', { kind: 'figure', label: 'cost', value: Number.POSITIVE_INFINITY }],
    ['a figure that is -infinite', { kind: 'figure', label: 'cost', value: Number.NEGATIVE_INFINITY }],
    ['a figure without a label', { kind: 'figure', label: '', value: 1 }],
  ];
  for (const [what, item] of invalid) {
    it(`EVIDENCE_INVALID: ${what}`, () => {
      expect(codeOf(checkEvidence([item]))).toBe('EVIDENCE_INVALID');
    });
  }

  it('EVIDENCE_INVALID names the offending item (after valid ones)', () => {
    const r = checkEvidence([{ kind: 'text', text: 'ok' }, { kind: 'link', url: 'https://example.org' }, { kind: 'text', text: '' }]);
    expect(r).toMatchObject({ ok: false, error: { code: 'EVIDENCE_INVALID', details: { index: 2 } } });
    expect(!r.ok && r.error.message).toContain('item 3');
  });

  it('EVIDENCE_INVALID: an unknown kind of item (input that escaped validation)', () => {
    expect(codeOf(checkEvidence([{ kind: 'photo', url: 'x' } as unknown as Evidence]))).toBe('EVIDENCE_INVALID');
  });
});
