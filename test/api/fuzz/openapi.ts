/**
 * The operations of the server's OpenAPI 3.1 document, as the fuzzer needs them: method, path,
 * parameters with their schemas, the request body's media types and schema ($refs resolved), and
 * whether the operation is public. Read from the running server, so that every route is fuzzed.
 */

/** A JSON Schema (as the OpenAPI document carries it). */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** A parameter of an operation. */
export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: JsonSchema;
}

/** The request body an operation takes. */
export interface RequestBody {
  readonly mediaTypes: readonly string[];
  readonly schema: JsonSchema;
  readonly required: boolean;
}

/** One operation of the document. */
export interface Operation {
  readonly id: string;
  readonly method: string;
  /** The path template, e.g. `/api/v1/assignments/{id}`. */
  readonly path: string;
  readonly parameters: readonly Parameter[];
  readonly body: RequestBody | undefined;
  /** True when it declares no security requirement (e.g. login). */
  readonly public: boolean;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

type Doc = {
  readonly paths?: Record<string, Record<string, unknown>>;
  readonly security?: unknown[];
  readonly components?: Record<string, Record<string, unknown>>;
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The schema with every `$ref` replaced by what it points to (recursive schemas stop at `{}` past `depth`). */
export function deref(schema: unknown, doc: unknown, depth = 0): JsonSchema {
  if (!isObject(schema)) return {};
  if (depth > 12) return {};
  const ref = schema['$ref'];
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    let target: unknown = doc;
    for (const part of ref.slice(2).split('/')) target = isObject(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    return deref(target, doc, depth + 1);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties' && isObject(v)) out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, deref(s, doc, depth + 1)]));
    else if ((k === 'items' || k === 'additionalProperties' || k === 'not') && isObject(v)) out[k] = deref(v, doc, depth + 1);
    else if ((k === 'oneOf' || k === 'anyOf' || k === 'allOf' || k === 'prefixItems') && Array.isArray(v)) out[k] = v.map((s) => deref(s, doc, depth + 1));
    else out[k] = v;
  }
  return out;
}

function parameterOf(raw: unknown, doc: unknown): Parameter | undefined {
  const p = deref(raw, doc);
  const where = p['in'];
  if (typeof p['name'] !== 'string' || (where !== 'path' && where !== 'query' && where !== 'header' && where !== 'cookie')) return undefined;
  return { name: p['name'], in: where, required: p['required'] === true || where === 'path', schema: deref(p['schema'], doc) };
}

/** Every operation of the document, in document order. */
export function operationsOf(document: unknown): Operation[] {
  const doc = document as Doc;
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const shared = Array.isArray(item['parameters']) ? (item['parameters'] as unknown[]) : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const params = new Map<string, Parameter>();
      for (const raw of [...shared, ...(Array.isArray(op['parameters']) ? (op['parameters'] as unknown[]) : [])]) {
        const p = parameterOf(raw, doc);
        if (p !== undefined) params.set(`${p.in}:${p.name}`, p);
      }
      // Path parameters the template names but the document forgot still get a value.
      for (const m of path.matchAll(/\{([^}]+)\}/g)) {
        const name = m[1] ?? '';
        if (!params.has(`path:${name}`)) params.set(`path:${name}`, { name, in: 'path', required: true, schema: { type: 'string' } });
      }
      let body: RequestBody | undefined;
      const rb = deref(op['requestBody'], doc);
      if (isObject(rb['content'])) {
        const content = rb['content'];
        const mediaTypes = Object.keys(content);
        const first = mediaTypes.find((t) => t.includes('json')) ?? mediaTypes[0];
        const media = first === undefined ? undefined : content[first];
        body = { mediaTypes, schema: deref(isObject(media) ? media['schema'] : undefined, doc), required: rb['required'] === true };
      }
      const security = Array.isArray(op['security']) ? op['security'] : (doc.security ?? []);
      const isPublic = security.length === 0 || security.some((s) => isObject(s) && Object.keys(s).length === 0);
      const id = typeof op['operationId'] === 'string' ? op['operationId'] : `${method} ${path}`;
      out.push({ id, method: method.toUpperCase(), path, parameters: [...params.values()], body, public: isPublic });
    }
  }
  return out;
}
