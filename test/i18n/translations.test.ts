/**
 * The web app speaks English and French everywhere: every namespace has the same keys in both
 * languages, no value is empty, and each value names the same {{variables}} as its English twin.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', 'web', 'src', 'i18n');

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix === '' ? k : `${prefix}.${k}`;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

function read(lang: string, file: string): Map<string, string> {
  return flatten(JSON.parse(readFileSync(join(ROOT, lang, file), 'utf8')) as Tree);
}

const variables = (s: string): string[] => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1] ?? '').sort();

describe('translations', () => {
  const files = readdirSync(join(ROOT, 'en')).filter((f) => f.endsWith('.json'));

  it('has the same namespaces in English and French', () => {
    expect(readdirSync(join(ROOT, 'fr')).filter((f) => f.endsWith('.json')).sort()).toEqual([...files].sort());
    expect(files).toContain('common.json');
  });

  for (const file of files) {
    it(`${file}: the same keys, no empty value, the same variables`, () => {
      const en = read('en', file);
      const fr = read('fr', file);
      // French plurals may add a `_many` form (Intl.PluralRules for fr: one, many, other) beside English's `_other`.
      const frKeys = [...fr.keys()].filter((k) => !(k.endsWith('_many') && en.has(k.replace(/_many$/, '_other'))));
      expect(frKeys.sort()).toEqual([...en.keys()].sort());
      for (const [key, value] of en) {
        expect(value.trim(), `en ${file} ${key}`).not.toBe('');
        expect((fr.get(key) ?? '').trim(), `fr ${file} ${key}`).not.toBe('');
        expect(variables(fr.get(key) ?? ''), `variables of ${file} ${key}`).toEqual(variables(value));
      }
    });
  }
});
