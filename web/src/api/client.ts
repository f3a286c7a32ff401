/**
 * The one way the app talks to the server: JSON over `/api/v1` with the session cookie, the CSRF
 * token on every unsafe request, `If-Match` for changes and an `Idempotency-Key` for creations.
 * A problem+json answer becomes an ApiError carrying its stable `code`, so screens can say what
 * went wrong in the reader's language.
 */

/** An RFC 9457 problem the server answered, or a network failure (status 0, code NETWORK). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

let csrfToken: string | null = null;

/** Remembers the CSRF token of the signed-in session (null when signed out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** A fresh key for a creating request, so that a retry is answered with the first outcome. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

/** What a request may carry besides its method and path. */
export interface RequestOptions {
  readonly body?: unknown;
  /** The version read (the ETag without quotes): sent as If-Match. */
  readonly version?: number;
  /** Sent as Idempotency-Key. */
  readonly idempotencyKey?: string;
  /** A raw body (a file upload) instead of JSON. */
  readonly raw?: Blob;
  readonly signal?: AbortSignal;
}

async function problemOf(response: Response): Promise<ApiError> {
  try {
    const p = (await response.json()) as { code?: string; detail?: string; title?: string; details?: Record<string, unknown> };
    return new ApiError(response.status, p.code ?? `HTTP_${response.status}`, p.detail ?? p.title ?? response.statusText, p.details ?? {});
  } catch {
    return new ApiError(response.status, `HTTP_${response.status}`, response.statusText);
  }
}

/** Sends a request to `/api/v1{path}` and returns the parsed JSON body (undefined for 204). */
export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.raw !== undefined) {
    headers['content-type'] = options.raw.type || 'application/octet-stream';
    body = options.raw;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  if (options.version !== undefined) headers['if-match'] = `"${options.version}"`;
  if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A query string from the defined entries of `params`. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}
