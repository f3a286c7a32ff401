/**
 * Operations endpoints, outside the API and its OpenAPI document: `/healthz` (liveness: the process
 * answers), `/readyz` (readiness: the store answers a trivial query, on the primary and on the
 * read side) and `/metrics` (Prometheus text format). Metrics live in a registry of this server's
 * own — never prom-client's global one — so that several servers in one process never mix.
 */
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Store } from '../store/port.js';

/** The route label of a request that matched no route (404s): never the raw URL, whose values are unbounded. */
export const UNMATCHED_ROUTE = '(unmatched)';

/** The stream id the readiness probe looks up: no stream has it, the lookup is one indexed read. */
const PROBE_ID = 'readyz-probe';

/** The paths of the operations endpoints. */
export const OPS_PATHS = { health: '/healthz', ready: '/readyz', metrics: '/metrics' } as const;

/** A registry with the process's default metrics and the HTTP request metrics of one server. */
export interface ServerMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly duration: Histogram<'method' | 'route'>;
}

/** A new registry for one server: default process metrics, `http_requests_total` and `http_request_duration_seconds`. */
export function serverMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to sending its response, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return { registry, requests, duration };
}

/** Whether the store answers: a missing stream looked up on the primary and on the read side. */
async function storeAnswers(store: Store): Promise<{ ready: true } | { ready: false; why: string }> {
  try {
    await store.fresh.snapshot(PROBE_ID);
    if (store.reads !== store.fresh) await store.reads.snapshot(PROBE_ID);
    return { ready: true };
  } catch (error) {
    return { ready: false, why: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Adds the operations endpoints and the request metrics to the server (on the root instance, so
 * that the hook sees every route, 404s included). Call it before the other routes are registered.
 */
export function registerOps(server: FastifyInstance, store: Store): ServerMetrics {
  const metrics = serverMetrics();
  server.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  server.get(OPS_PATHS.health, { schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) => {
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });

  server.get(OPS_PATHS.ready, { schema: { hide: true }, logLevel: 'warn' }, async (request, reply) => {
    const answer = await storeAnswers(store);
    reply.header('cache-control', 'no-store');
    if (answer.ready) return reply.send({ status: 'ready' });
    request.log.warn({ event: 'not-ready', why: answer.why }, 'the store does not answer');
    return reply.code(503).send({ status: 'not ready', why: 'the database does not answer' });
  });

  server.get(OPS_PATHS.metrics, { schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) => {
    const text = await metrics.registry.metrics();
    return reply.header('cache-control', 'no-store').type(metrics.registry.contentType).send(text);
  });
  return metrics;
}
