/**
 * The single-page web app, as `npm run build` leaves it in dist/web (index.html and hashed files
 * under assets/): the hashed files at /assets/ with a year's immutable cache; index.html (no-cache,
 * with a Content-Security-Policy allowing only this origin) at `/` and for every GET that asks for
 * HTML on a path no route has, outside the API and the server's own pages — the app's client-side
 * routes (/cases/…, /board …). Without a built app, `/` is the about page. Everything else
 * unmatched keeps its problem+json 404.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { packageRoot, sendHome } from './home.js';

/** Where the built web app is: dist/web under the package root (from dist/http/ when compiled, from src/http/ under vitest); undefined when not built. */
export function webAppDir(): string | undefined {
  const root = packageRoot();
  if (root === undefined) return undefined;
  const dir = join(root, 'dist', 'web');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

/** The Content-Security-Policy of index.html: scripts, styles, images and requests from this origin only (inline styles for React's style props; data: images for the icon). */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths that are never the app's, whatever the request accepts: the API, signed links, calendar feeds, operations endpoints, the app's own files. */
const NOT_THE_APP = ['/api', '/confirm', '/calendar', '/healthz', '/readyz', '/metrics', '/assets'];

/** True when a path is one the app may answer: outside every path of NOT_THE_APP (the path itself or below it). */
export function isAppPath(path: string): boolean {
  return !NOT_THE_APP.some((p) => path === p || path.startsWith(`${p}/`));
}

/** True when the request asks for an HTML page (a browser navigating): its Accept names text/html. */
function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return typeof accept === 'string' && /(^|,)\s*text\/html\s*(;|,|$)/i.test(accept);
}

async function sendIndex(reply: FastifyReply, index: string): Promise<FastifyReply> {
  const html = await readFile(index, 'utf8');
  return reply
    .code(200)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .header('content-security-policy', WEB_APP_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .send(html);
}

/**
 * Serves the web app from `dir` (default: webAppDir()), or the about page at `/` when there is no
 * built app (`dir` null). Call on the root instance, so that its hook sees requests no route matched.
 */
export async function registerWebApp(server: FastifyInstance, aboutPage: string, dir: string | null = webAppDir() ?? null): Promise<void> {
  if (dir === null) {
    server.get('/', { schema: { hide: true } }, async (_request, reply) => sendHome(reply, aboutPage));
    return;
  }
  const index = join(dir, 'index.html');
  await server.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/assets/',
    // Their names carry their content's hash: a changed file is a new name.
    immutable: true,
    maxAge: '365d',
    index: false,
    list: false,
    redirect: false,
    dotfiles: 'ignore',
    decorateReply: false,
    // Only the files themselves (the build writes no folders there): a folder or a climb out of it is a 404 like any unknown file.
    allowedPath: (path) => /^\/?[\w-]+(\.[\w-]+)*$/.test(path),
  });
  server.get('/', { schema: { hide: true } }, async (_request, reply) => sendIndex(reply, index));
  // A client-side route (/cases/asg_x, /board …) reached by a browser: no route has it, so it gets the app.
  server.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== undefined || (request.method !== 'GET' && request.method !== 'HEAD')) return;
    if (!isAppPath(request.url.split('?')[0] ?? '') || !wantsHtml(request)) return;
    await sendIndex(reply, index);
    return reply;
  });
}
