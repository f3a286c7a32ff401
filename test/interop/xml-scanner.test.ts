/**
 * The XES reader's XML scanner against an independent, strict XML parser (saxes, kept as a
 * development dependency for this): on every real log of the data folder, on random documents cut
 * into random chunks, and on documents that are not well-formed, both see the same elements and
 * attributes, or both refuse.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { XmlError, XmlScanner } from '../../src/interop/xml-scanner.js';
import { findDataDir, README_TABLE } from './data-dir.js';

/** The elements of a document as lines: `<name k=v …` at a start, `</name` at an end. */
function scan(chunks: readonly string[]): string[] {
  const out: string[] = [];
  const scanner = new XmlScanner({
    open(name, attributes) {
      let line = `<${name}`;
      for (let i = 0; i < attributes.count; i++) line += ` ${attributes.names[i] as string}=${JSON.stringify(attributes.values[i])}`;
      out.push(line);
    },
    close(name) {
      out.push(`</${name}`);
    },
  });
  for (const c of chunks) scanner.write(c);
  scanner.close();
  return out;
}

/** The same lines from saxes. */
function reference(text: string): string[] {
  const out: string[] = [];
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag) => {
    let line = `<${tag.name}`;
    for (const [k, v] of Object.entries(tag.attributes)) line += ` ${k}=${JSON.stringify(v)}`;
    out.push(line);
  });
  parser.on('closetag', (tag) => out.push(`</${tag.name}`));
  parser.write(text).close();
  return out;
}

/** Cuts a text at the given fractions of its length. */
function cut(text: string, at: readonly number[]): string[] {
  const points = [...new Set(at.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(text.slice(from, p));
    from = p;
  }
  chunks.push(text.slice(from));
  return chunks;
}

const found = findDataDir();

describe('the XML scanner reads what saxes reads', () => {
  // The three largest take saxes half a minute; xes-logs.test.ts reads every log whole.
  it.runIf('dir' in found)('on every real log of the data folder under 10 MB, whole and in 1,000-character chunks', () => {
    const dir = (found as { dir: string }).dir;
    let compared = 0;
    for (const name of Object.keys(README_TABLE)) {
      const bytes = readFileSync(join(dir, name));
      const text = (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
      if (text.length > 10_000_000) continue;
      compared++;
      const expected = reference(text);
      expect(scan([text]), name).toEqual(expected);
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += 1000) chunks.push(text.slice(i, i + 1000));
      expect(scan(chunks), `${name} in chunks`).toEqual(expected);
    }
    expect(compared).toBe(5);
  });

  it('on random documents with entities, comments, CDATA and odd spacing, cut anywhere', () => {
    const name = fc.constantFrom('log', 'trace', 'event', 'string', 'date', 'a-b', 'x.y', 'ns:tag', '_u', 'Ω');
    const valueChar = fc.constantFrom('a', 'Z', ' ', '>', '/', '=', "'", '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#65;', '&#x3A9;', '\t', '\n', '\r\n', 'é', '𝄞');
    const value = fc.array(valueChar, { maxLength: 8 }).map((cs) => cs.join(''));
    const space = fc.constantFrom(' ', '  ', '\n\t', '\r\n ');
    const attribute = fc.tuple(fc.constantFrom('key', 'value', 'keys', 'scope', 'k-1', 'xmlns:x'), value, space, fc.boolean(), fc.boolean());
    const text = fc.constantFrom('', '\n  ', 'words', '&amp;', '&#10;', '<!-- a comment -->', '<![CDATA[<not> & markup]]>', '<?pi data?>');
    const element: fc.Memo<string> = fc.memo((depth) =>
      fc
        .tuple(name, fc.uniqueArray(attribute, { maxLength: 3, selector: (a) => a[0] }), fc.array(depth > 1 ? fc.oneof(element(depth - 1), text) : text, { maxLength: 3 }), fc.boolean(), space)
        .map(([n, attrs, children, empty, sp]) => {
          const a = attrs.map(([k, v, s, single, spacedEq]) => `${s}${k}${spacedEq ? ' = ' : '='}${single ? `'${v.replaceAll("'", '&apos;')}'` : `"${v.replaceAll('"', '&quot;')}"`}`).join('');
          return empty && children.length === 0 ? `<${n}${a}${sp}/>` : `<${n}${a}>${children.join('')}</${n}${sp}>`;
        }),
    );
    fc.assert(
      fc.property(element(4), fc.boolean(), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), (root, prolog, at) => {
        const doc = `${prolog ? '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by a test -->\n<!DOCTYPE log SYSTEM "x>y.dtd">\n' : ''}${root}\n`;
        const doc2 = prolog ? doc : doc.replace(/^\uFEFF/, '');
        expect(scan(cut(doc2, at))).toEqual(reference(doc2.replace(/^\uFEFF/, '')));
      }),
      { numRuns: 400, seed: 1922 },
    );
  });
});

describe('the XML scanner refuses what is not well-formed', () => {
  const broken: Record<string, string> = {
    'a mismatched end tag': '<log><trace><event></trace></log>',
    'an unclosed root': '<log><trace></trace>',
    'a second root': '<log/><log/>',
    'text before the root': 'hello <log/>',
    'text after the root': '<log/> bye',
    'no root at all': '<!-- nothing -->',
    "'<' in an attribute value": '<log a="x<y"/>',
    'an attribute twice': '<log a="1" a="2"/>',
    'attributes not separated': '<log a="1"b="2"/>',
    'an unquoted value': '<log a=1/>',
    'an attribute without a value': '<log a/>',
    'an undefined entity': '<log a="&nbsp;"/>',
    "a bare '&' in a value": '<log a="fish & chips"/>',
    "a bare '&' in text": '<log>fish & chips</log>',
    'a character reference XML does not allow': '<log a="&#0;"/>',
    "'--' in a comment": '<log><!-- a -- b --></log>',
    'an XML declaration after the start': '<log/>\n<?xml version="1.0"?>',
    'a name starting with a digit': '<1log/>',
    "']]>' in text": '<log>a ]]> b</log>',
    'the end inside a tag': '<log><trace key="a',
    'CDATA outside the root': '<![CDATA[x]]><log/>',
  };
  for (const [why, doc] of Object.entries(broken)) {
    it(`${why}, as saxes does, whole and cut in two`, () => {
      expect(() => reference(doc), `saxes accepted ${why}`).toThrow();
      expect(() => scan([doc])).toThrow(XmlError);
      expect(() => scan(cut(doc, [0.5]))).toThrow(XmlError);
    });
  }

  it('names the offset of the fault', () => {
    try {
      scan(['<log><trace><event></trace></log>']);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(XmlError);
      expect((e as XmlError).offset).toBe(19);
      expect((e as XmlError).message).toBe('unexpected close tag </trace>: <event> is open');
    }
  });

  it('refuses a DOCTYPE with an internal subset, which could define entities, rather than half-read it', () => {
    expect(() => scan(['<!DOCTYPE log [<!ENTITY e "x">]><log a="&e;"/>'])).toThrow(/internal subset is not supported/);
  });

  it('takes a long text in one write as it takes it in pieces', () => {
    const doc = `<log>${'<string key="k" value="v"/>\n'.repeat(10_000)}</log>`;
    expect(doc.length).toBeGreaterThan(1 << 16);
    expect(scan([doc])).toEqual(reference(doc));
  });
});
