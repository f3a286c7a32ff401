/**
 * Malformed requests for one operation of the OpenAPI document: a plausible request (real ids,
 * a body close to valid, a version in If-Match) with one deliberate fault, sometimes with noise
 * on top. Each request says which faults it carries, so that a failure names its cause.
 */
import fc from 'fast-check';
import type { Operation, Parameter } from './openapi.js';
import { jsonText, withOwn } from './json-text.js';
import {
  badAuthorization,
  badContentType,
  badCookie,
  badCsrf,
  badCursor,
  badIdempotencyKey,
  badIfMatch,
  badPathSegment,
  badQueryValue,
  brokenJson,
  deepJson,
  encodeAny,
  headerText,
  hugeString,
  protoQueryKeys,
} from './garbage.js';
import { fieldsOf, plausible, setAt, wrong, type FieldPath, type Pools } from './values.js';

/** Whose credentials a request carries. */
export type Credentials = 'session' | 'token' | 'read-token' | 'anonymous';

/** One request to send. Header values may hold `{session}`, `{csrf}` and `{token}`: the caller's real ones. */
export interface FuzzRequest {
  readonly op: string;
  readonly faults: readonly string[];
  readonly method: string;
  readonly url: string;
  readonly credentials: Credentials;
  /** Index of the person whose credentials are used. */
  readonly person: number;
  /** Headers on top of the credentials' own. */
  readonly headers: Readonly<Record<string, string | string[]>>;
  /** Credential headers left out (e.g. `x-csrf-token`). */
  readonly drop: readonly string[];
  readonly payload: string | undefined;
}

/** What the generator knows about the record and the callers. */
export interface RequestContext extends Pools {
  /** How many people have credentials. */
  readonly people: number;
}

interface Draft {
  method: string;
  /** Percent-encoded path segments by parameter name. */
  path: Record<string, string>;
  /** Percent-encoded query pairs. */
  query: Array<[string, string]>;
  /** The JSON body (undefined: none). */
  body: unknown;
  /** A raw payload, overriding `body`. */
  bodyText: string | undefined;
  contentType: string | null;
  headers: Record<string, string | string[]>;
  drop: string[];
  credentials: Credentials;
  person: number;
}

type Change = (d: Draft) => void;

interface Fault {
  readonly label: string;
  readonly weight: (op: Operation) => number;
  readonly make: (op: Operation, d: Draft, ctx: RequestContext) => fc.Arbitrary<Change>;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const jsonBody = (op: Operation): boolean => op.body !== undefined && op.body.mediaTypes.some((t) => t.includes('json'));
const unsafe = (op: Operation): boolean => UNSAFE.has(op.method);
const params = (op: Operation, where: Parameter['in']): Parameter[] => op.parameters.filter((p) => p.in === where);
const hasHeader = (op: Operation, name: string): boolean => op.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === name);
const when = (cond: boolean, weight: number): number => (cond ? weight : 0);

function stringify(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v) ?? '';
}

function setQuery(d: Draft, name: string, value: string): void {
  d.query = d.query.filter(([k]) => k !== name);
  d.query.push([name, value]);
}

/** Object fields of the body schema (where a key can be added). */
function objectPaths(op: Operation): FieldPath[] {
  if (op.body === undefined) return [[]];
  const found = fieldsOf(op.body.schema).filter((f) => f.schema['type'] === 'object' || f.schema['properties'] !== undefined).map((f) => f.path);
  return found.length > 0 ? found : [[]];
}

function stringPaths(op: Operation): FieldPath[] {
  if (op.body === undefined) return [['x']];
  const found = fieldsOf(op.body.schema).filter((f) => f.schema['type'] === 'string').map((f) => f.path);
  return found.length > 0 ? found : [['x']];
}

const unknownKey = fc.oneof(fc.constantFrom('type', 'id', 'actor', 'at', 'seq', 'version', 'admin', 'role', 'isAdmin', 'decisionId', 'assignmentId', 'events', 'hash', 'prevHash', '', ' ', '$where'), fc.string({ minLength: 1, maxLength: 20 }));

/** The faults, each with where it applies and how often. */
const FAULTS: readonly Fault[] = [
  {
    label: 'json.broken',
    weight: (op) => when(unsafe(op), 10),
    make: (_op, d) => brokenJson(d.body === undefined ? '{}' : jsonText(d.body)).map((t) => (x) => ((x.bodyText = t), (x.contentType = 'application/json'))),
  },
  {
    label: 'json.wrong-type',
    weight: (op) => when(jsonBody(op), 22),
    make: (op) =>
      fc.constantFrom(...fieldsOf(op.body?.schema ?? {})).chain((f) =>
        wrong(f.schema).map((v) => (x) => {
          x.body = setAt(x.body, f.path, v);
        }),
      ),
  },
  {
    label: 'json.huge',
    weight: (op) => when(unsafe(op), 1),
    make: (op) =>
      fc.oneof(
        fc.tuple(fc.constantFrom(...stringPaths(op)), hugeString).map(([path, huge]): Change => (x) => {
          x.body = setAt(x.body ?? {}, path, huge);
          x.contentType = 'application/json';
        }),
        hugeString.map((huge): Change => (x) => ((x.body = huge), (x.contentType = 'application/json'))),
        hugeString.map((huge): Change => (x) => ((x.bodyText = huge.value()), (x.contentType = 'application/json'))),
      ),
  },
  {
    label: 'json.unknown-field',
    weight: (op) => when(jsonBody(op), 8),
    make: (op) =>
      fc.tuple(fc.constantFrom(...objectPaths(op)), fc.uniqueArray(unknownKey, { minLength: 1, maxLength: 3 }), fc.jsonValue({ maxDepth: 2 })).map(([path, keys, value]) => (x) => {
        let target = path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[k] : undefined), x.body);
        if (typeof target !== 'object' || target === null || Array.isArray(target)) target = {};
        for (const k of keys) target = withOwn(target as object, k, value);
        x.body = setAt(x.body, path, target);
      }),
  },
  {
    label: 'json.proto',
    weight: (op) => when(unsafe(op), 5),
    make: (op) =>
      fc.tuple(fc.constantFrom(...objectPaths(op)), fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.constantFrom<unknown>({ polluted: 'yes' }, { prototype: { polluted: 'yes' } }, 'yes', [{ polluted: 'yes' }])).map(([path, key, value]) => (x) => {
        const at = path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[k] : undefined), x.body);
        const target = typeof at === 'object' && at !== null && !Array.isArray(at) ? at : {};
        x.body = path.length === 0 ? withOwn(target, key, value) : setAt(x.body, path, withOwn(target, key, value));
        x.contentType = 'application/json';
      }),
  },
  {
    label: 'json.deep',
    weight: (op) => when(unsafe(op), 3),
    make: (op) =>
      fc.oneof(
        deepJson.map((deep): Change => (x) => ((x.body = deep), (x.contentType = 'application/json'))),
        fc.tuple(fc.constantFrom(...fieldsOf(op.body?.schema ?? {}).map((f) => f.path).filter((p) => p.length > 0), ['x'] as FieldPath), deepJson).map(([path, deep]): Change => (x) => {
          x.body = setAt(x.body ?? {}, path, deep);
          x.contentType = 'application/json';
        }),
      ),
  },
  {
    label: 'json.missing',
    weight: (op) => when(jsonBody(op), 5),
    make: (op) => {
      const required = Array.isArray(op.body?.schema['required']) ? (op.body?.schema['required'] as string[]) : [];
      return fc.oneof(
        fc.constant<Change>((x) => ((x.body = undefined), (x.bodyText = undefined), (x.contentType = null))),
        fc.constant<Change>((x) => (x.body = {})),
        ...(required.length > 0
          ? [
              fc.constantFrom(...required).map((k): Change => (x) => {
                if (typeof x.body === 'object' && x.body !== null) {
                  const copy = { ...(x.body as Record<string, unknown>) };
                  delete copy[k];
                  x.body = copy;
                }
              }),
            ]
          : []),
      );
    },
  },
  {
    label: 'path.bad-id',
    weight: (op) => when(params(op, 'path').length > 0, 12),
    make: (op) => fc.tuple(fc.constantFrom(...params(op, 'path').map((p) => p.name)), badPathSegment).map(([name, seg]) => (x) => (x.path[name] = seg)),
  },
  {
    label: 'content-type',
    weight: (op) => when(unsafe(op), 8),
    make: () =>
      badContentType.map((ct) => (x) => {
        x.contentType = ct.type;
        if (ct.payload !== undefined) x.bodyText = ct.payload;
        else if (x.body === undefined && x.bodyText === undefined) x.body = {};
      }),
  },
  {
    label: 'header.if-match',
    weight: (op) => (hasHeader(op, 'if-match') ? 12 : 3),
    make: () => fc.oneof(badIfMatch.map((v) => (x: Draft) => (x.headers['if-match'] = v)), fc.tuple(badIfMatch, badIfMatch).map(([a, b]) => (x: Draft) => (x.headers['if-match'] = [a, b]))),
  },
  {
    label: 'header.idempotency-key',
    weight: (op) => (hasHeader(op, 'idempotency-key') ? 10 : when(unsafe(op), 2)),
    make: () => fc.oneof(badIdempotencyKey.map((v) => (x: Draft) => (x.headers['idempotency-key'] = v)), fc.tuple(badIdempotencyKey, badIdempotencyKey).map(([a, b]) => (x: Draft) => (x.headers['idempotency-key'] = [a, b]))),
  },
  {
    label: 'header.authorization',
    weight: () => 6,
    make: () => fc.tuple(badAuthorization, fc.constantFrom<Credentials>('anonymous', 'token', 'session')).map(([v, c]) => (x) => ((x.credentials = c), (x.headers['authorization'] = v))),
  },
  {
    label: 'header.cookie',
    weight: () => 5,
    make: () => fc.tuple(badCookie, fc.constantFrom<Credentials>('anonymous', 'session')).map(([v, c]) => (x) => ((x.credentials = c), (x.headers['cookie'] = v))),
  },
  {
    label: 'header.csrf',
    weight: (op) => when(unsafe(op), 4),
    make: () =>
      fc.oneof(
        badCsrf.map((v): Change => (x) => ((x.credentials = 'session'), (x.headers['x-csrf-token'] = v))),
        fc.constant<Change>((x) => ((x.credentials = 'session'), x.drop.push('x-csrf-token'))),
        badCsrf.map((v): Change => (x) => ((x.credentials = 'session'), (x.headers['x-csrf-token'] = ['{csrf}', v]))),
      ),
  },
  {
    label: 'query.wrong',
    weight: (op) => when(params(op, 'query').length > 0, 14),
    make: (op) => fc.tuple(fc.constantFrom(...params(op, 'query').map((p) => p.name)), badQueryValue).map(([name, v]) => (x) => setQuery(x, name, v)),
  },
  {
    label: 'query.duplicate',
    weight: (op) => when(params(op, 'query').length > 0, 5),
    make: (op) =>
      fc.tuple(fc.constantFrom(...params(op, 'query').map((p) => p.name)), fc.array(fc.oneof(badQueryValue, fc.constantFrom('1', 'issued', 'true', '2022-03-01T00:00:00.000Z')), { minLength: 2, maxLength: 6 })).map(([name, values]) => (x) => {
        for (const v of values) x.query.push([name, v]);
      }),
  },
  {
    label: 'query.huge',
    weight: () => 1,
    make: (op) =>
      fc.tuple(fc.constantFrom(...params(op, 'query').map((p) => p.name), 'x'), fc.integer({ min: 100_000, max: 2_000_000 }), fc.boolean()).map(([name, n, many]) => (x) => {
        if (many) for (let i = 0; i < Math.min(n / 10, 20_000); i++) x.query.push([name, String(i)]);
        else x.query.push([name, 'q'.repeat(n)]);
      }),
  },
  {
    label: 'query.cursor',
    weight: (op) => when(params(op, 'query').some((p) => p.name === 'cursor'), 8),
    make: () => badCursor.map((c) => (x) => setQuery(x, 'cursor', c)),
  },
  {
    label: 'query.proto',
    weight: (op) => (params(op, 'query').length > 0 ? 3 : 1),
    make: () => fc.tuple(fc.constantFrom(...protoQueryKeys), fc.constantFrom('x', 'polluted', '1', '')).map(([k, v]) => (x) => x.query.push([k, v])),
  },
  {
    label: 'method',
    weight: () => 3,
    make: (op) => fc.constantFrom(...['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'].filter((m) => m !== op.method)).map((m) => (x) => (x.method = m)),
  },
];

/** Garbage that a route may ignore, added on top of a fault now and then. */
const noise: fc.Arbitrary<{ label: string; change: Change }> = fc.oneof(
  fc.dictionary(fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz_'), minLength: 1, maxLength: 10 }), badQueryValue, { minKeys: 1, maxKeys: 4 }).map((q) => ({
    label: 'noise.query',
    change: (x: Draft) => {
      for (const [k, v] of Object.entries(q)) x.query.push([encodeAny(k), v]);
    },
  })),
  fc.tuple(fc.constantFrom('accept', 'accept-encoding', 'accept-language', 'x-forwarded-for', 'x-forwarded-proto', 'x-request-id', 'user-agent', 'origin', 'referer', 'if-none-match', 'range', 'x-http-method-override', 'forwarded'), headerText(200)).map(([name, v]) => ({
    label: `noise.header.${name}`,
    change: (x: Draft) => (x.headers[name] = v),
  })),
);

function plausibleQueryValue(p: Parameter, ctx: RequestContext): fc.Arbitrary<string | undefined> {
  return fc.option(plausible(p.schema, p.name, ctx).map((v) => encodeAny(stringify(v))), { nil: undefined, freq: 2 });
}

/** A plausible request for the operation, before any fault. */
function plausibleDraft(op: Operation, ctx: RequestContext): fc.Arbitrary<Draft> {
  const pathParams = params(op, 'path');
  const queryParams = params(op, 'query');
  const headerParams = params(op, 'header');
  const credentials: fc.Arbitrary<Credentials> = op.public
    ? fc.constantFrom('anonymous', 'anonymous', 'session', 'token')
    : fc.oneof({ weight: 50, arbitrary: fc.constant('session' as const) }, { weight: 32, arbitrary: fc.constant('token' as const) }, { weight: 10, arbitrary: fc.constant('read-token' as const) }, { weight: 8, arbitrary: fc.constant('anonymous' as const) });
  const json = jsonBody(op);
  const media = op.body?.mediaTypes[0];
  return fc
    .record({
      path: fc.tuple(...pathParams.map((p) => fc.constantFrom(...ctx.ids).map((id) => [p.name, encodeURIComponent(id)] as const))),
      query: fc.tuple(...queryParams.map((p) => plausibleQueryValue(p, ctx).map((v) => [p.name, v] as const))),
      headers: fc.tuple(
        ...headerParams.map((p) => {
          const name = p.name.toLowerCase();
          const value =
            name === 'if-match'
              ? fc.integer({ min: 1, max: 30 }).map((n) => `"${n}"`)
              : name === 'idempotency-key'
                ? fc.option(fc.integer({ min: 0, max: 1_000_000 }).map((n) => `fuzz-${n}-key`), { nil: undefined })
                : fc.option(plausible(p.schema, p.name, ctx).map(stringify), { nil: undefined });
          return value.map((v) => [name, v] as const);
        }),
      ),
      body: json ? plausible(op.body?.schema ?? {}, 'body', ctx) : fc.constant(undefined),
      raw: op.body !== undefined && !json ? fc.string({ unit: 'binary', maxLength: 200 }) : fc.constant(undefined),
      credentials,
      person: fc.nat({ max: ctx.people - 1 }),
    })
    .map(({ path, query, headers, body, raw, credentials: c, person }) => ({
      method: op.method,
      path: Object.fromEntries(path),
      query: query.filter((q): q is readonly [string, string] => q[1] !== undefined).map(([k, v]) => [k, v] as [string, string]),
      body,
      bodyText: raw,
      contentType: json ? 'application/json' : op.body !== undefined ? (media ?? null) : null,
      headers: Object.fromEntries(headers.filter((h): h is readonly [string, string] => h[1] !== undefined)),
      drop: [],
      credentials: c,
      person,
    }));
}

function render(op: Operation, d: Draft, faults: readonly string[]): FuzzRequest {
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => d.path[name] ?? 'x');
  const url = d.query.length > 0 ? `${path}?${d.query.map(([k, v]) => `${k}=${v}`).join('&')}` : path;
  const payload = d.bodyText ?? (d.body === undefined ? undefined : jsonText(d.body));
  const headers = { ...d.headers };
  if (d.contentType !== null) headers['content-type'] = d.contentType;
  return { op: op.id, faults, method: d.method, url, credentials: d.credentials, person: d.person, headers, drop: d.drop, payload };
}

/** Malformed requests for an operation: each carries one fault (and sometimes noise as well). */
export function malformedRequests(op: Operation, ctx: RequestContext): fc.Arbitrary<FuzzRequest> {
  const applicable = FAULTS.filter((f) => f.weight(op) > 0);
  return plausibleDraft(op, ctx).chain((draft) =>
    fc
      .tuple(
        fc.oneof(...applicable.map((f) => ({ weight: f.weight(op), arbitrary: f.make(op, draft, ctx).map((change) => ({ label: f.label, change })) }))),
        fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: noise }),
      )
      .map(([fault, extra]) => {
        const d: Draft = { ...draft, path: { ...draft.path }, query: [...draft.query], headers: { ...draft.headers }, drop: [...draft.drop] };
        fault.change(d);
        extra?.change(d);
        return render(op, d, extra === null ? [fault.label] : [fault.label, extra.label]);
      }),
  );
}
