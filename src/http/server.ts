/**
 * The HTTP server: one JSON API under /api/v1, its OpenAPI 3.1 document generated from the zod
 * schemas that validate the requests, a browsable reference at /api/docs, problem+json for every
 * error, the caller identified on every request, operations endpoints, and the web app. Fastify 5.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { identify } from './auth.js';
import { registerHome } from './home.js';
import { registerOps } from './ops.js';
import { problemOf, sendProblem } from './problem.js';
import type { ServerOptions } from './options.js';
import { registerRoutes } from './routes/index.js';
import { registerWebApp } from './web-app.js';

export type { ServerOptions } from './options.js';


/** The largest JSON body accepted. */
export const BODY_LIMIT = 1_000_000;

/** True when a parsed request part holds U+0000 in a string or a key (walked without recursion: bodies may nest deep). */
export function holdsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return true;
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v) && typeof (v as { pipe?: unknown }).pipe !== 'function') {
      // Parsed JSON, or a query string's object (whose prototype is not Object's): not a stream or raw bytes.
      for (const [k, item] of Object.entries(v)) {
        if (k.includes('\u0000')) return true;
        stack.push(item);
      }
    }
  }
  return false;
}

/** The OpenAPI document with every 4xx/5xx response's JSON labelled application/problem+json. */
function problemMediaTypes<T>(doc: T): T {
  const paths = (doc as { paths?: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>> }).paths ?? {};
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const json = response.content?.['application/json'];
        if (Number(status) >= 400 && json !== undefined && response.content !== undefined) {
          response.content = { 'application/problem+json': json };
        }
      }
    }
  }
  return doc;
}

/** Builds the server (not listening yet). */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const server = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: false,
    // One error shape everywhere, including for Fastify's own 404.
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false } },
    // The router's own refusals (a malformed percent-encoding, an overlong path segment) are problems too.
    frameworkErrors: (error, _request, reply) => {
      sendProblem(reply, 'BAD_REQUEST', error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'a path segment is longer than 100 characters' : 'the path is not a valid URL (malformed percent-encoding)');
    },
  });
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  // First, so that the request metrics see every route (404s included).
  registerOps(server, options.app.store);
  // The about page at /about; the web app at / and its client-side routes (the about page at / when it is not built).
  await registerWebApp(server, registerHome(server, options));
  await server.register(fastifyCookie);
  // Only where a route asks (sign-in attempts): see rate-limit.ts.
  await server.register(fastifyRateLimit, { global: false });
  await server.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Proverka API', version: '1.0.0', description: 'Execution control: decisions, assignments with one accountable owner, verified completion and the hour ledger.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'proverka_session', description: 'A browser session (POST /api/v1/auth/login); unsafe requests also send X-CSRF-Token.' },
          token: { type: 'http', scheme: 'bearer', description: 'An API token (pvk_…), with read and/or write scope.' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
    // Error answers are problem documents: say so in the contract, as the server does on the wire.
    transformObject: (documents) => problemMediaTypes('openapiObject' in documents ? documents.openapiObject : documents.swaggerObject),
  });
  await server.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  // PostgreSQL text cannot hold U+0000, and no name, reason or title needs it: refused everywhere alike.
  server.addHook('preValidation', async (request, reply) => {
    if (holdsNul(request.params) || holdsNul(request.query) || holdsNul(request.body)) {
      return sendProblem(reply, 'VALIDATION_FAILED', 'text may not contain the NUL character (U+0000)');
    }
  });

  server.decorateRequest('caller', null);
  server.decorateRequest('sessionId', null);
  server.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/v1/')) return;
    await identify(options.app.store, request, reply, options.clock.now());
  });

  server.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const where = first?.instancePath ? first.instancePath.replace(/^\//, '').replace(/\//g, '.') : (error.validationContext ?? 'request');
      return sendProblem(reply, 'VALIDATION_FAILED', `${where}: ${first?.message ?? 'invalid'}`, { errors: error.validation.map((v) => ({ path: v.instancePath, message: v.message })) });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    const code = (error as { code?: string }).code ?? '';
    if (status === 415 || code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendProblem(reply, 'UNSUPPORTED_MEDIA_TYPE', 'send application/json');
    if (status === 413 || code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendProblem(reply, 'PAYLOAD_TOO_LARGE', `the body is larger than ${BODY_LIMIT} bytes`);
    if (status >= 400 && status < 500) return sendProblem(reply, status === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST', error.message);
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).type('application/problem+json').send(problemOf('INTERNAL', 'something went wrong on our side; it was logged'));
  });
  server.setNotFoundHandler((request, reply) => sendProblem(reply, 'ROUTE_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));

  await registerRoutes(server.withTypeProvider<ZodTypeProvider>(), options);
  server.get('/api/v1/openapi.json', { schema: { hide: true } }, () => server.swagger());
  return server;
}
