/**
 * The OpenAPI document at /api/v1/openapi.json passes an independent validator
 * (@seriousme/openapi-schema-validator, the OpenAPI 3.1 JSON schema) and keeps the API's own
 * promises: version 3.1.0, every path under /api/v1, every operation with a unique operationId, a
 * summary, its path parameters declared, and RFC 9457 problem responses for its errors. Checked for
 * the server as started by default and with single sign-on configured (its routes exist only then).
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.js';
import { apiWorld, call, type ApiWorld } from '../support/api-world.js';
import { backends } from '../support/backends.js';

interface Operation {
  readonly operationId?: string;
  readonly summary?: string;
  readonly parameters?: ReadonlyArray<{ readonly in: string; readonly name: string; readonly required?: boolean }>;
  readonly responses?: Record<string, { readonly content?: Record<string, { readonly schema?: { readonly properties?: Record<string, unknown>; readonly required?: readonly string[] } }> }>;
}

interface Document {
  readonly openapi: string;
  readonly paths: Record<string, Record<string, Operation>>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** The members of every problem document (RFC 9457 plus our stable `code`). */
const PROBLEM_MEMBERS = ['type', 'title', 'status', 'code', 'detail'];

function operations(doc: Document): Array<{ readonly where: string; readonly path: string; readonly op: Operation }> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, path, op })),
  );
}

/** What is wrong with the error responses of an operation: none declared, or one that is not a problem document. */
function problemFaults(op: Operation): string[] {
  const errors = Object.entries(op.responses ?? {}).filter(([status]) => /^[45]\d\d$/.test(status));
  if (errors.length === 0) return ['declares no error response'];
  const faults: string[] = [];
  for (const [status, response] of errors) {
    const schemas = Object.values(response.content ?? {}).map((c) => c.schema);
    if (schemas.length === 0) faults.push(`${status} has no content`);
    const types = Object.keys(response.content ?? {});
    if (types.join() !== 'application/problem+json') faults.push(`${status} is labelled ${types.join(', ') || 'nothing'}, not application/problem+json`);
    for (const schema of schemas) {
      const missing = PROBLEM_MEMBERS.filter((m) => !(m in (schema?.properties ?? {})) || !(schema?.required ?? []).includes(m));
      if (missing.length > 0) faults.push(`${status} is not a problem document (missing or optional: ${missing.join(', ')})`);
    }
  }
  return faults;
}

const backend = backends().find((b) => b.name === 'sqlite') ?? backends()[0];

describe.runIf(backend !== undefined)('the OpenAPI document', () => {
  let api: ApiWorld;
  let withSso: FastifyInstance;
  const docs = new Map<string, Document>();

  beforeAll(async () => {
    if (backend === undefined) return;
    api = await apiWorld(backend);
    // The same application with single sign-on configured: discovery happens only at a first sign-in, so no provider is needed here.
    withSso = await buildServer({
      app: api.world.app,
      clock: api.world.clock,
      filesDir: api.filesDir,
      logger: false,
      oidc: { issuer: 'http://127.0.0.1:9/', clientId: 'proverka', clientSecret: 'secret', redirectUri: 'http://localhost:8080/api/v1/auth/oidc/callback' },
    });
    await withSso.ready();
    for (const [name, server] of [['default', api.server], ['with single sign-on', withSso]] as const) {
      const answer = await call(server, 'GET', '/api/v1/openapi.json', {});
      expect(answer.status).toBe(200);
      docs.set(name, answer.body as Document);
    }
  });
  afterAll(async () => {
    await withSso?.close();
    await api?.close();
  });

  for (const name of ['default', 'with single sign-on']) {
    describe(name, () => {
      const doc = (): Document => {
        const d = docs.get(name);
        if (d === undefined) throw new Error('no document');
        return d;
      };

      it('passes the OpenAPI schema validator', async () => {
        const validator = new Validator();
        const result = await validator.validate(structuredClone(doc()) as unknown as Record<string, unknown>);
        expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
        expect(result.valid).toBe(true);
        expect(validator.version).toBe('3.1');
      });

      it('is OpenAPI 3.1.0 with every path under /api/v1', () => {
        expect(doc().openapi).toBe('3.1.0');
        expect(operations(doc()).length).toBeGreaterThan(0);
        expect(Object.keys(doc().paths).filter((p) => !p.startsWith('/api/v1/'))).toEqual([]);
      });

      it('gives every operation a unique operationId and a summary', () => {
        const ops = operations(doc());
        expect(ops.filter((o) => typeof o.op.operationId !== 'string' || o.op.operationId === '').map((o) => o.where)).toEqual([]);
        const seen = new Map<string, string[]>();
        for (const o of ops) seen.set(o.op.operationId ?? '', [...(seen.get(o.op.operationId ?? '') ?? []), o.where]);
        expect([...seen].filter(([, where]) => where.length > 1)).toEqual([]);
        expect(ops.filter((o) => typeof o.op.summary !== 'string' || o.op.summary.trim() === '').map((o) => o.where)).toEqual([]);
      });

      it('declares every path parameter of every operation', () => {
        const faults = operations(doc()).flatMap((o) =>
          [...o.path.matchAll(/\{([^}]+)\}/g)]
            .map((m) => m[1] ?? '')
            .filter((param) => !(o.op.parameters ?? []).some((p) => p.in === 'path' && p.name === param && p.required === true))
            .map((param) => `${o.where}: {${param}}`),
        );
        expect(faults).toEqual([]);
      });

      it('declares problem documents as the error responses of every operation', () => {
        const faults = operations(doc()).flatMap((o) => problemFaults(o.op).map((f) => `${o.where}: ${f}`));
        expect(faults).toEqual([]);
      });
    });
  }
});
