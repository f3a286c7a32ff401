/**
 * Malformed requests to the routes the OpenAPI document leaves out: the home page, the operations
 * endpoints, the API reference, and the beneficiary's signed links (/confirm/<token>), which anyone
 * holding a link reaches without an account. Tokens are spoiled versions of a real one.
 */
import fc from 'fast-check';
import { badAuthorization, badCookie, brokenJson, encodeAny, headerText, hugeString } from './garbage.js';
import { jsonText, withOwn } from './json-text.js';
import { anyJson } from './values.js';

/** One request to a page. */
export interface PageRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: string | undefined;
  readonly what: string;
}

/** Spoiled versions of a real link token (and some that never were one). */
function badTokens(token: string): fc.Arbitrary<string> {
  const [claims = '', signature = ''] = token.split('.');
  return fc.oneof(
    fc.constantFrom(
      token,
      `${token}x`,
      token.slice(0, -1),
      token.slice(1),
      `${signature}.${claims}`,
      `${claims}.`,
      `.${signature}`,
      claims,
      `${claims}.${signature}.${signature}`,
      `${Buffer.from('{"a":"asg_meat","b":"x","n":"y","e":99999999999}').toString('base64url')}.${signature}`,
      `${Buffer.from('{"a":{"$ne":1},"e":"never"}').toString('base64url')}.${signature}`,
      `${Buffer.from('[]').toString('base64url')}.${signature}`,
      `${Buffer.from('{"__proto__":{"polluted":"yes"},"a":"asg_meat"}').toString('base64url')}.${signature}`,
      '',
      '.',
      '..',
      '%zz',
      '%00',
      '../../etc/passwd',
      'a/b/c',
      'x'.repeat(100_000),
    ),
    fc.tuple(fc.nat({ max: Math.max(0, token.length - 1) }), fc.constantFrom(...'ABCabc019-_.%')).map(([i, c]) => token.slice(0, i) + c + token.slice(i + 1)),
    fc.string({ unit: 'grapheme', maxLength: 60 }).map(encodeAny),
  );
}

/** A form body (url-encoded) or JSON answer to a link, often wrong. */
const answer: fc.Arbitrary<{ type: string | null; payload: string | undefined; what: string }> = fc.oneof(
  fc
    .record({ verdict: fc.constantFrom('confirmed', 'disputed', 'maybe', '', 'CONFIRMED', '__proto__'), comment: fc.oneof(fc.string({ maxLength: 50 }), fc.integer({ min: 1000, max: 40_000 }).map((n) => 'c'.repeat(n))), extra: fc.constantFrom('', '&verdict=disputed', '&__proto__[polluted]=yes', '&constructor[prototype][polluted]=yes', '&comment=again', '&%zz=%zz') })
    .map(({ verdict, comment, extra }) => ({ type: 'application/x-www-form-urlencoded', payload: `verdict=${encodeURIComponent(verdict)}&comment=${encodeURIComponent(comment)}${extra}`, what: 'form' })),
  fc.record({ verdict: fc.oneof(fc.constantFrom('confirmed', 'disputed'), anyJson), comment: fc.oneof(fc.string({ maxLength: 30 }), anyJson) }).map((v) => ({ type: 'application/json', payload: jsonText(withOwn(v, '__proto__', { polluted: 'yes' })), what: 'json' })),
  fc.record({ verdict: fc.oneof(fc.constantFrom('confirmed', 'disputed'), anyJson), comment: fc.oneof(fc.string({ maxLength: 30 }), anyJson) }).map((v) => ({ type: 'application/json', payload: jsonText(v), what: 'json' })),
  brokenJson('{"verdict":"confirmed","comment":"ok"}').map((payload) => ({ type: 'application/json', payload, what: 'broken json' })),
  hugeString.map((h) => ({ type: 'application/x-www-form-urlencoded', payload: `comment=${h.value()}`, what: 'huge form' })),
  fc.constantFrom<{ type: string | null; payload: string | undefined; what: string }>(
    { type: null, payload: undefined, what: 'no body' },
    { type: 'text/plain', payload: 'verdict=confirmed', what: 'text' },
    { type: 'multipart/form-data; boundary=x', payload: '--x\r\nContent-Disposition: form-data; name="verdict"\r\n\r\nconfirmed\r\n--x--\r\n', what: 'multipart' },
    { type: 'application/x-www-form-urlencoded', payload: '', what: 'empty form' },
    { type: 'application/x-www-form-urlencoded', payload: '%', what: 'bad encoding' },
    { type: 'application/x-www-form-urlencoded', payload: '&&&===&&', what: 'form garbage' },
  ),
);

/** Requests to the pages, the operations endpoints and the links, given one real link token. */
export function pageRequests(token: string): fc.Arbitrary<PageRequest> {
  const fixed = fc.constantFrom('/', '/healthz', '/readyz', '/metrics', '/api/docs', '/api/docs/', '/api/docs/json', '/api/docs/static/index.html', '/confirm', '/confirm/');
  const garbagePath = fc.oneof(fc.constantFrom('/api/docs/static/', '/api/docs/', '/', '/healthz/', '/metrics/'), fc.constant('/')).chain((prefix) => fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => prefix + encodeAny(s)));
  const path = fc.oneof({ weight: 3, arbitrary: fixed }, { weight: 2, arbitrary: garbagePath }, { weight: 6, arbitrary: badTokens(token).map((t) => `/confirm/${t}`) });
  const query = fc.oneof(fc.constant(''), fc.constantFrom('?a=1&a=2', '?__proto__[polluted]=yes', '?%zz', `?${'q'.repeat(50_000)}`));
  const headers = fc.record(
    { cookie: badCookie, authorization: badAuthorization, accept: fc.oneof(fc.constantFrom('text/html', 'application/json', '*/*', 'application/problem+json'), headerText()), 'accept-language': headerText() },
    { requiredKeys: [] },
  );
  return fc.tuple(fc.constantFrom('GET', 'GET', 'POST', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'), path, query, headers, answer).map(([method, p, q, h, body]) => {
    const all: Record<string, string> = { ...h };
    const sendsBody = method !== 'GET' && method !== 'HEAD';
    if (sendsBody && body.type !== null) all['content-type'] = body.type;
    return { method, url: p + q, headers: all, payload: sendsBody ? body.payload : undefined, what: sendsBody ? body.what : 'no body' };
  });
}
