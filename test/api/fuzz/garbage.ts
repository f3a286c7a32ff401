/**
 * Catalogues of malformed pieces of HTTP requests: ids for paths, header values (as a real
 * server would receive them: Latin-1 bytes, no line breaks), content types, broken JSON texts,
 * deep nesting, cursors and query strings.
 */
import fc from 'fast-check';
import { HugeString, RawJson } from './json-text.js';

/** A string's UTF-8 bytes read as Latin-1: how Node hands a header with non-ASCII bytes to the server. */
export function utf8AsLatin1(s: string): string {
  return Buffer.from(s, 'utf8').toString('latin1');
}

/** Percent-encodes anything, lone surrogates included (as their WTF-8 bytes). */
export function encodeAny(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    let out = '';
    for (const ch of s) {
      const code = ch.codePointAt(0) ?? 0;
      if (code >= 0xd800 && code <= 0xdfff) out += `%${(0xe0 | (code >> 12)).toString(16).toUpperCase()}%${(0x80 | ((code >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (code & 0x3f)).toString(16).toUpperCase()}`;
      else out += encodeURIComponent(ch);
    }
    return out;
  }
}

/** A header value of printable Latin-1 characters (what an HTTP parser lets through). */
export const headerText = (maxLength = 60): fc.Arbitrary<string> =>
  fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }), fc.constant(0x09)).map((c) => String.fromCharCode(c)), maxLength });

/** Ids for path segments, already percent-encoded (some deliberately badly). */
export const badPathSegment: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '',
      '%20',
      '%C3%A4',
      encodeURIComponent('ключ'),
      encodeURIComponent('🦄'),
      encodeURIComponent('\u202Eevil'),
      encodeURIComponent('a\u0000b'),
      '%00',
      'a'.repeat(81),
      'a'.repeat(1000),
      '..',
      '.',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '..%2F..%2Fetc%2Fpasswd',
      '%2F',
      'null',
      'undefined',
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      encodeURIComponent("' OR 1=1 --"),
      encodeURIComponent('"; DROP TABLE events; --'),
      encodeURIComponent('${jndi:ldap://x}'),
      encodeURIComponent('{{7*7}}'),
      '%zz',
      '%',
      '%E0%A4%A',
      '%C0%AF',
      '%FF',
      '%F0%9F%98',
      '%ED%A0%80',
      'asg_meat%00',
      'ASG_MEAT',
      'asg_meat%20',
      '%20asg_meat',
      'asg_meat%09',
      'asg_meat;x=1',
      'asg_meat%3Bx%3D1',
      '0',
      '-1',
      '1e999',
      'NaN',
      'Infinity',
      '%5B%5D',
      '%7B%7D',
      'true',
      'per_krasin',
      'unit_trade',
      'dec_meat',
      'body_sto',
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }).map(encodeAny) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encodeAny) },
  { weight: 1, arbitrary: fc.integer({ min: 81, max: 100_000 }).map((n) => 'x'.repeat(n)) },
);

/** If-Match values that are not one ETag as the API gives it (and a few that are, of other versions). */
export const badIfMatch: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('*', '', ' ', '"', '""', '"abc"', 'W/"1"', 'W/', '"-1"', '"1.5"', '"01"', '"999999999999"', '"9999999999999"', '"1", "2"', '1', 'W/"x"', '"1"'.repeat(100), `"${utf8AsLatin1('ключ')}"`, '"NaN"', '"Infinity"', '"0x10"', '"1e3"', 'a'.repeat(10_000)),
  fc.integer({ min: 0, max: 40 }).map((n) => `"${n}"`),
  headerText(),
);

/** Idempotency keys the API must refuse (and a few well-formed ones, reused across payloads). */
export const badIdempotencyKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'short', 'a'.repeat(201), 'a'.repeat(20_000), 'has space key', utf8AsLatin1('ключ-ключ-ключ'), '../../../etc', '%00%00%00%00', 'key\tkey\tkey', '*'.repeat(10), '__proto__', 'constructor', '"quoted-key"'),
  fc.integer({ min: 0, max: 5 }).map((n) => `fuzz-key-${n}`),
  headerText(),
);

/** Authorization headers that carry no valid credential. */
export const badAuthorization: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    'Bearer',
    'Bearer ',
    'Bearer pvk_',
    'Bearer pvk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    `Bearer pvk_${'A'.repeat(5000)}`,
    'Basic dXNlcjpwYXNz',
    'Basic',
    'Bearer a b',
    'bearer pvk_x',
    'Bearer\tpvk_x',
    'Token abc',
    `Bearer ${utf8AsLatin1('ключ')}`,
    'Bearer __proto__',
    'Bearer constructor',
    'Negotiate YII=',
    'Bearer {token}x',
    'Bearer x{token}',
    'Bearer {token} {token}',
    'Basic {token}',
  ),
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 1, maxLength: 80 }).map((s) => `Bearer pvk_${s}`),
  headerText().map((s) => `Bearer ${s}`),
  headerText(),
);

/** Cookie headers with no valid session (or a valid one spoiled). */
export const badCookie: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'proverka_session=',
    'proverka_session=x',
    'proverka_session=%',
    'proverka_session=%E0%A4%A',
    'proverka_session="abc',
    'proverka_session=a; proverka_session=b',
    '; ; ;',
    '=',
    '=x',
    'proverka_session',
    '__proto__=x',
    'constructor=x; proverka_session=__proto__',
    `proverka_session=${'a'.repeat(8000)}`,
    'proverka_session={session}x',
    'proverka_session=x{session}',
    'proverka_session={session}; proverka_session=x',
    'proverka_session=x; proverka_session={session}',
    `proverka_session=${utf8AsLatin1('ключ')}`,
  ),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 64 }).map((s) => `proverka_session=${s}`),
  headerText().map((s) => `proverka_session=${s}`),
  headerText(),
);

/** X-CSRF-Token values that are not the session's. */
export const badCsrf: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'x', 'X{csrf}', '{csrf}x', ' {csrf}', '{csrf}{csrf}', 'null', 'undefined', utf8AsLatin1('ключ'), 'a'.repeat(10_000)),
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 43, maxLength: 43 }),
  headerText(),
);

/** Content types the API does not take JSON under (null: no Content-Type at all), each with a payload to match. */
export const badContentType: fc.Arbitrary<{ type: string | null; payload?: string }> = fc.oneof(
  fc.constantFrom<{ type: string | null; payload?: string }>(
    { type: 'text/plain' },
    { type: 'text/plain; charset=utf-8', payload: 'hello' },
    { type: 'multipart/form-data; boundary=----fuzz', payload: '------fuzz\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n------fuzz--\r\n' },
    { type: 'multipart/form-data' },
    { type: 'application/x-www-form-urlencoded', payload: 'title=x&deadline=y' },
    { type: 'application/xml', payload: '<a><b>1</b></a>' },
    { type: 'application/octet-stream' },
    { type: null },
    { type: '' },
    { type: ' ' },
    { type: ';' },
    { type: 'application/json;' },
    { type: 'application/json; charset=latin1' },
    { type: 'application/json; charset=utf-16le' },
    { type: 'Application/JSON' },
    { type: 'application/json, text/plain' },
    { type: 'application/jsonp' },
    { type: 'application/problem+json' },
    { type: 'application/merge-patch+json' },
    { type: 'application/json; boundary=x' },
    { type: '*/*' },
    { type: 'application/*' },
    { type: 'text/html', payload: '<script>alert(1)</script>' },
    { type: 'image/png', payload: '\u0089PNG\r\n\u001a\n' },
  ),
  headerText(40).map((type) => ({ type })),
);

/** Texts that are not JSON, given the JSON text of a plausible body. */
export function brokenJson(valid: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.integer({ min: 0, max: Math.max(0, valid.length - 1) }).map((n) => valid.slice(0, n)),
    fc.constantFrom(
      '',
      ' ',
      '{',
      '}',
      '[',
      '{"a":',
      '{"a":1,}',
      "{'a':1}",
      '{a:1}',
      '{"a":NaN}',
      '{"a":Infinity}',
      '{"a":undefined}',
      '{"a":0x10}',
      '{"a":01}',
      '{"a":.5}',
      '{"a":"\\x41"}',
      '{"a":"\\ud800"}',
      '{"a":"\u0000"}',
      '\uFEFF{}',
      '{}{}',
      '{} x',
      'null',
      'true',
      '0',
      '"string"',
      '[]',
      '[{}]',
      '{"a":1 /* comment */}',
      '{"a":"unterminated}',
      `${valid},`,
      `${valid}}`,
      `[${valid}]`,
      valid.replace(/"/g, "'"),
      valid.replace(/:/g, '='),
    ),
    fc.string({ unit: 'binary', maxLength: 50 }),
  );
}

/** Deeply nested JSON text: arrays, objects, or both. */
export const deepJson: fc.Arbitrary<RawJson> = fc.oneof(
  fc.integer({ min: 100, max: 200_000 }).map((n) => new RawJson('['.repeat(n) + ']'.repeat(n))),
  fc.integer({ min: 100, max: 100_000 }).map((n) => new RawJson('{"a":'.repeat(n) + '1' + '}'.repeat(n))),
  fc.integer({ min: 100, max: 50_000 }).map((n) => new RawJson('[{"a":'.repeat(n) + 'null' + '}]'.repeat(n))),
  fc.integer({ min: 1000, max: 50_000 }).map((n) => new RawJson('['.repeat(n))),
);

/** A huge string (100k to 2M characters of one repeated unit). */
export const hugeString: fc.Arbitrary<HugeString> = fc
  .record({ length: fc.integer({ min: 100_000, max: 2_000_000 }), unit: fc.constantFrom('x', 'ж', '🦄', '\\', '"', ' ', '\u0000', 'ab') })
  .map(({ length, unit }) => new HugeString(length, unit));

const b64 = (v: string): string => Buffer.from(v).toString('base64url');

/** Cursors this API never gave (percent-encoded for a query string). */
export const badCursor: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '!!!',
    '====',
    '%00',
    'a',
    'a'.repeat(10_000),
    b64('{}'),
    b64('[]'),
    b64('null'),
    b64('1'),
    b64('"x"'),
    b64('{"deadline":1,"id":2}'),
    b64('{"deadline":"garbage","id":"x"}'),
    b64('{"deadline":"","id":""}'),
    b64('{"deadline":"2022-01-01T00:00:00.000Z","id":{"$gt":""}}'),
    b64('{"deadline":"+275760-09-13T00:00:00.001Z","id":"x"}'),
    b64(`{"deadline":"${'9'.repeat(300)}","id":"x"}`),
    b64('{"__proto__":{"polluted":"yes"},"deadline":"2022-01-01T00:00:00.000Z","id":"x"}'),
    b64('{"constructor":{"prototype":{"polluted":"yes"}},"deadline":"2022-01-01T00:00:00.000Z","id":"x"}'),
    b64('{"deadline":"2022-01-01T00:00:00.000Z","id":"x","extra":' + '['.repeat(150) + ']'.repeat(150) + '}'),
    b64('['.repeat(300) + ']'.repeat(300)),
    b64("{'deadline':'x'}"),
    b64('{"deadline":"2022-01-01T00:00:00.000Z","id":"\u0000"}'),
    b64('{"deadline":"2022-01-01T00:00:00.000Z","id":"x\' OR 1=1 --"}'),
    Buffer.from('{"deadline":"2022-01-01T00:00:00.000Z","id":"x"}').toString('base64'),
  ),
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), maxLength: 80 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => b64(JSON.stringify(v))),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => Buffer.from(s).toString('base64url')),
).map(encodeAny);

/** Query values of a wrong shape (percent-encoded). */
export const badQueryValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'abc', '-1', '0', '1.5', '1e3', '0x10', ' 1', 'NaN', 'Infinity', '9'.repeat(400), 'true', 'null', 'ISSUED', 'issued ', '%zz', '%', '%E0%A4%A', '%00', '..%2F..', '__proto__'),
  fc.string({ unit: 'grapheme', maxLength: 40 }).map(encodeAny),
  fc.string({ unit: 'binary', maxLength: 40 }).map(encodeAny),
);

/** Query keys that try prototype pollution or nested-object parsing. */
export const protoQueryKeys = ['__proto__', '__proto__%5Bpolluted%5D', '__proto__[polluted]', 'constructor', 'constructor[prototype][polluted]', 'constructor.prototype.polluted', 'toString', 'hasOwnProperty', 'valueOf', 'a[]', 'a[0]', 'a[b][c]'];
