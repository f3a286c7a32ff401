/**
 * The about page `/about` (and `/` when the web app is not built): a short HTML page saying what
 * runs here — the Proverka API, its version, the kind of database (and where, never with a
 * password) — with links to the API reference and the OpenAPI document. Nothing on it depends on
 * who is asking. And where the package is (its root, its version).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServerOptions } from './options.js';

/** The folder of the Proverka package this code belongs to (the nearest folder above with our package.json), or undefined. */
export function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown };
        if (pkg.name === 'proverka') return dir;
      } catch {
        // Not a package.json we can read: keep looking above.
      }
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The version of the Proverka package this code belongs to ('unknown' when no package.json of ours is above it). */
export function proverkaVersion(): string {
  const root = packageRoot();
  if (root === undefined) return 'unknown';
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Text made safe to put into HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const KIND = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;

/** The home page's HTML. */
export function homePage(options: Pick<ServerOptions, 'app' | 'databaseLabel'>, version: string): string {
  const kind = KIND[options.app.store.backend];
  const where = options.databaseLabel === undefined ? '' : ` — <code>${escapeHtml(options.databaseLabel)}</code>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Proverka API</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}code{background:#f3f3f3;padding:0 .2em}</style>
</head>
<body>
<h1>Proverka API</h1>
<p>Execution control: decisions become assignments with one accountable owner, verified completion and an hour ledger.</p>
<ul>
<li>Version: <code>${escapeHtml(version)}</code></li>
<li>Database: ${kind}${where}</li>
</ul>
<ul>
<li><a href="/api/docs">API reference</a> (browsable)</li>
<li><a href="/api/v1/openapi.json">OpenAPI 3.1 document</a></li>
<li><a href="/healthz">/healthz</a>, <a href="/readyz">/readyz</a>, <a href="/metrics">/metrics</a></li>
</ul>
</body>
</html>
`;
}

/** The path of the about page. */
export const ABOUT_PATH = '/about';

/** Sends the about page. */
export function sendHome(reply: FastifyReply, page: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
}

/** Adds `GET /about` (the about page) to the server; returns the page, for `/` when the web app is not built. */
export function registerHome(server: FastifyInstance, options: ServerOptions): string {
  const page = homePage(options, proverkaVersion());
  server.get(ABOUT_PATH, { schema: { hide: true } }, async (_request, reply) => sendHome(reply, page));
  return page;
}
