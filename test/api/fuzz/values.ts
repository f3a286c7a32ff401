/**
 * Values for a JSON Schema: plausible ones (so that a request with one thing wrong gets past
 * everything else and reaches the part under test) and wrong ones (another type, out of range,
 * a malformed instant, a number JSON cannot hold), plus the paths of the fields of a schema.
 */
import fc from 'fast-check';
import type { JsonSchema } from './openapi.js';
import { HugeString, RawJson } from './json-text.js';

/** Ids that exist in the record, so that plausible values point at real things. */
export interface Pools {
  readonly ids: readonly string[];
}

const MIN_DATE = new Date('2021-01-01T00:00:00.000Z');
const MAX_DATE = new Date('2024-12-31T23:59:59.999Z');

function num(schema: JsonSchema, key: string): number | undefined {
  const v = schema[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function types(schema: JsonSchema): string[] {
  const t = schema['type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  if (schema['properties'] !== undefined) return ['object'];
  if (schema['items'] !== undefined) return ['array'];
  return [];
}

function alternatives(schema: JsonSchema): JsonSchema[] | undefined {
  const alts = schema['oneOf'] ?? schema['anyOf'];
  return Array.isArray(alts) && alts.length > 0 ? (alts as JsonSchema[]) : undefined;
}

/** The schema with `allOf` folded into one object schema. */
function merged(schema: JsonSchema): JsonSchema {
  const all = schema['allOf'];
  if (!Array.isArray(all)) return schema;
  let out: Record<string, unknown> = { ...schema, allOf: undefined };
  for (const part of all as JsonSchema[]) {
    const p = merged(part);
    out = {
      ...out,
      ...p,
      properties: { ...(out['properties'] as object), ...(p['properties'] as object) },
      required: [...((out['required'] as string[] | undefined) ?? []), ...((p['required'] as string[] | undefined) ?? [])],
    };
  }
  return out;
}

const looksLikeInstant = /(deadline|date|At$|^from$|^to$|until|since|expires)/i;
const looksLikeId = /(^id$|Id$|Ids$|^unit$|^owner$|^holder$|^verifier$|^decision$|^person$|^body$)/;

function plausibleString(schema: JsonSchema, name: string, pools: Pools): fc.Arbitrary<string> {
  const min = num(schema, 'minLength') ?? 0;
  const max = num(schema, 'maxLength') ?? 60;
  const format = schema['format'];
  const fits = (s: string): boolean => s.length >= min && s.length <= max;
  if (format === 'date-time' || looksLikeInstant.test(name)) {
    const instant = fc.date({ min: MIN_DATE, max: MAX_DATE, noInvalidDate: true }).map((d) => d.toISOString());
    return fc.oneof(instant, instant.map((s) => s.slice(0, 10))).filter(fits);
  }
  if (format === 'date') return fc.date({ min: MIN_DATE, max: MAX_DATE, noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (format === 'email') return fc.emailAddress().filter(fits);
  if (format === 'uri' || format === 'url' || /url$/i.test(name)) return fc.webUrl().filter(fits);
  if (looksLikeId.test(name)) {
    const ids = pools.ids.filter(fits);
    if (ids.length > 0) return fc.oneof({ arbitrary: fc.constantFrom(...ids), weight: 4 }, { arbitrary: fc.string({ minLength: Math.max(1, min), maxLength: Math.min(max, 20) }), weight: 1 });
  }
  const pattern = schema['pattern'];
  if (typeof pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(pattern)).filter(fits);
    } catch {
      // An ECMAScript-incompatible pattern: fall through to any string.
    }
  }
  const bounds = { minLength: min, maxLength: Math.max(min, Math.min(max, 40)) };
  return fc.oneof(fc.string(bounds), fc.string({ ...bounds, unit: 'grapheme' }));
}

/** A plausible value of the schema (valid or nearly so). */
export function plausible(schema: JsonSchema, name: string, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  const s = merged(schema);
  if (depth > 6) return fc.constant(null);
  if ('const' in s) return fc.constant(s['const']);
  const en = s['enum'];
  if (Array.isArray(en) && en.length > 0) return fc.constantFrom(...(en as unknown[]));
  const alts = alternatives(s);
  if (alts !== undefined) return fc.oneof(...alts.map((a) => plausible(a, name, pools, depth + 1)));
  const ts = types(s);
  if (ts.length > 1) return fc.oneof(...ts.map((t) => plausible({ ...s, type: t }, name, pools, depth + 1)));
  switch (ts[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'string':
      return plausibleString(s, name, pools);
    case 'integer': {
      const min = Math.max(num(s, 'minimum') ?? -1000, Number.MIN_SAFE_INTEGER);
      const max = Math.min(num(s, 'maximum') ?? Math.max(min, 0) + 1000, Number.MAX_SAFE_INTEGER);
      return fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) });
    }
    case 'number': {
      const min = num(s, 'minimum') ?? -1e6;
      const max = num(s, 'maximum') ?? 1e6;
      return fc.double({ min, max: Math.max(min, max), noNaN: true, noDefaultInfinity: true });
    }
    case 'array': {
      const minItems = num(s, 'minItems') ?? 0;
      const items = s['items'];
      return fc.array(plausible(typeof items === 'object' && items !== null ? (items as JsonSchema) : {}, name.replace(/s$/, ''), pools, depth + 1), {
        minLength: minItems,
        maxLength: Math.max(minItems, Math.min(num(s, 'maxItems') ?? 3, 3)),
      });
    }
    case 'object': {
      const props = (s['properties'] ?? {}) as Record<string, JsonSchema>;
      const required = Array.isArray(s['required']) ? (s['required'] as string[]) : [];
      if (Object.keys(props).length > 0) {
        const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, plausible(v, k, pools, depth + 1)]));
        return fc.record(model, { requiredKeys: required.filter((k) => k in props) });
      }
      const extra = s['additionalProperties'];
      if (typeof extra === 'object' && extra !== null) return fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), plausible(extra as JsonSchema, 'value', pools, depth + 1), { maxKeys: 3 });
      return fc.constant({});
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Instants that are not what the API accepts, or that break date arithmetic. */
export const BAD_INSTANTS = [
  'garbage',
  'yesterday',
  '',
  '2022-13-01T00:00:00.000Z',
  '2022-02-30T00:00:00.000Z',
  '2022-02-29T00:00:00Z',
  '2022-01-01T24:00:00Z',
  '2022-01-01T23:59:60Z',
  '2022-01-01T00:00:00',
  '2022-01-01T00:00:00+25:00',
  '2022-01-01 00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-20T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '0000-01-01T00:00:00.000Z',
  '1969-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00.000Z',
  '2022-01-01T00:00:00.0000000001Z',
  'NaN',
  'Infinity',
  '0',
  '1646125200000',
  '2022-W09-2',
  '２０２２-０１-０１',
];

/** Numbers JSON can write but JavaScript cannot hold, or that break arithmetic. */
export const BAD_NUMBERS: readonly RawJson[] = ['1e999', '-1e999', '1e-999', '-0', '123456789012345678901234567890', '0.1e1', '9007199254740993', '1E400', '-9007199254740992'].map((t) => new RawJson(t));

/** A value of any JSON type (and a few JSON cannot represent in JavaScript). */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.constantFrom(...BAD_NUMBERS),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

function typeOfJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof RawJson) return 'number';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** A value the schema refuses: another type, out of its range, or a malformed string. */
export function wrong(schema: JsonSchema): fc.Arbitrary<unknown> {
  const s = merged(schema);
  const ts = types(s);
  const otherType = anyJson.filter((v) => {
    const t = typeOfJson(v);
    if (ts.length === 0) return t === 'array' || t === 'object';
    return !ts.includes(t) && !(t === 'integer' && ts.includes('number'));
  });
  const options: fc.Arbitrary<unknown>[] = [otherType];
  const en = s['enum'];
  if (Array.isArray(en)) {
    const values = en as unknown[];
    options.push(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom<unknown>(...values.map((v) => (typeof v === 'string' ? v.toUpperCase() : v)), ...values.map((v) => `${String(v)} `))));
  }
  if (ts.includes('string')) {
    const max = num(s, 'maxLength');
    const min = num(s, 'minLength');
    if (max !== undefined) options.push(fc.integer({ min: max + 1, max: max + 2000 }).map((n) => new HugeString(n, 'ж')));
    if (min !== undefined && min > 0) options.push(fc.constant(''));
    options.push(fc.constantFrom(...BAD_INSTANTS));
    options.push(fc.string({ unit: 'binary', maxLength: 20 }));
  }
  if (ts.includes('integer') || ts.includes('number')) {
    const max = num(s, 'maximum');
    const min = num(s, 'minimum');
    options.push(fc.constantFrom<unknown>(1.5, -1, 0, 2 ** 53, -(2 ** 53), 1e308, -1e308, Number.MIN_VALUE, '1', '1e3', ...BAD_NUMBERS));
    if (max !== undefined) options.push(fc.constant(max + 1));
    if (min !== undefined) options.push(fc.constant(min - 1));
  }
  if (ts.includes('array')) {
    const maxItems = num(s, 'maxItems');
    if (maxItems !== undefined) options.push(fc.constant(Array.from({ length: Math.min(maxItems + 1, 5000) }, () => 'x')));
    options.push(fc.array(anyJson, { minLength: 1, maxLength: 4 }));
  }
  if (ts.includes('object')) options.push(fc.constantFrom<unknown>([], {}, 'object', [{}]));
  return fc.oneof(...options);
}

/** A path to a field: object keys and `0` for the first item of an array. */
export type FieldPath = readonly (string | 0)[];

/** Every field of the schema down to `maxDepth`, with its schema (the root is the empty path). */
export function fieldsOf(schema: JsonSchema, maxDepth = 3, at: FieldPath = []): Array<{ path: FieldPath; schema: JsonSchema }> {
  const s = merged(schema);
  const out = [{ path: at, schema: s }];
  if (at.length >= maxDepth) return out;
  const props = s['properties'];
  if (typeof props === 'object' && props !== null) for (const [k, v] of Object.entries(props as Record<string, JsonSchema>)) out.push(...fieldsOf(v, maxDepth, [...at, k]));
  const items = s['items'];
  if (typeof items === 'object' && items !== null) out.push(...fieldsOf(items as JsonSchema, maxDepth, [...at, 0]));
  for (const alt of alternatives(s) ?? []) out.push(...fieldsOf(alt, maxDepth, at).slice(1));
  return out;
}

/** The value with the field at `path` set (containers made as needed); the root path replaces the value. */
export function setAt(value: unknown, path: FieldPath, field: unknown): unknown {
  if (path.length === 0) return field;
  const [head, ...rest] = path;
  if (head === 0) {
    const arr = Array.isArray(value) ? [...(value as unknown[])] : [];
    arr[0] = setAt(arr[0], rest, field);
    return arr;
  }
  const obj: Record<string, unknown> = typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  obj[head as string] = setAt(obj[head as string], rest, field);
  return obj;
}
