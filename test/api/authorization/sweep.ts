/**
 * The sweep: every operation of the OpenAPI document, called as every caller of roles.ts, each on
 * its own well-formed request (a fresh target for changes). Each answer is held against the
 * policy's verdict and scanned for markers the caller may not see. Nothing is asserted here: the
 * findings are returned for the test to assert on, with enough detail to name the culprit.
 */
import type { Answer } from '../../support/api-world.js';
import type { OperationFixture } from './fixture.js';
import { caseName, OPERATIONS } from './operations.js';
import { CALLERS, type CallerKey } from './roles.js';
import type { AuthzWorld } from './world.js';

/** One operation as the document declares it. */
export interface DocumentOperation {
  readonly method: string;
  readonly path: string;
  readonly operationId: string | undefined;
}

/** What went wrong on one call. */
export type FindingKind =
  /** The policy refuses, the server answered 2xx. */
  | 'unauthorized-2xx'
  /** The policy refuses and the server refused, but the record or the accounts changed. */
  | 'refused-but-changed'
  /** The policy refuses; the server did not answer 2xx but not with 401/403/404 either. */
  | 'refused-oddly'
  /** The policy allows, the server refused (401/403/404). */
  | 'allowed-but-refused'
  /** The policy allows, the server answered another error (400, 409, 422 …): the fixture's request or target no longer fits, and its refusals prove little. */
  | 'allowed-but-failed'
  /** A marker of an object the caller may not see. */
  | 'leak'
  /** A 5xx. */
  | 'server-error'
  /** The fixture's own check of the answer failed. */
  | 'inspect'
  /** A whole list leaves out an object the caller may see. */
  | 'list-incomplete'
  /** A whole list shows an object the caller may not see. */
  | 'list-leak';

/** A finding: which operation, which caller, what status, what. */
export interface Finding {
  readonly kind: FindingKind;
  readonly operationId: string;
  readonly caller: CallerKey;
  readonly status: number;
  readonly detail: string;
}

/** The result of a sweep. */
export interface SweepResult {
  /** Operations of the document (method path operationId). */
  readonly documented: readonly string[];
  /** Operations of the document without a fixture (or whose fixture names another method or path). */
  readonly uncovered: readonly string[];
  /** Fixtures for operations the document does not have. */
  readonly stale: readonly string[];
  /** Operations of the document covered by a fixture. */
  readonly covered: number;
  /** Cases swept (an operation's main case and its variants). */
  readonly cases: number;
  readonly calls: number;
  /** Calls the policy allows that answered 2xx (the positive side, as a count). */
  readonly allowed2xx: number;
  /** Whole lists checked for what they show. */
  readonly listsJudged: number;
  /** How long each operation's calls took, for the curious (AUTHZ_VERBOSE=1). */
  readonly timings: readonly string[];
  /** Allowed calls that did not answer 2xx (a redirect, or the lifecycle's 409/422), as `operationId caller status code`. */
  readonly allowedOther: readonly string[];
  readonly allowed: number;
  readonly denied: number;
  readonly findings: readonly Finding[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const REFUSALS = new Set([401, 403, 404]);

/** The operations of an OpenAPI document. */
export function documentOperations(doc: unknown): DocumentOperation[] {
  const paths = (doc as { paths?: Record<string, Record<string, { operationId?: string }>> }).paths ?? {};
  const out: DocumentOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const m of METHODS) {
      const o = item[m];
      if (o !== undefined) out.push({ method: m.toUpperCase(), path, operationId: o.operationId });
    }
  }
  return out;
}

function label(o: DocumentOperation): string {
  return `${o.method} ${o.path} (${o.operationId ?? 'no operationId'})`;
}

function textOf(answer: Answer): string {
  return `${JSON.stringify(answer.headers)}\n${answer.raw.body}`;
}

function statusText(answer: Answer): string {
  const code = (answer.body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${answer.status} ${code}` : String(answer.status);
}

/** Whether a whole list (200, no next page) shows the object; undefined when the answer is not a whole list. */
function presence(answer: Answer, id: string): boolean | undefined {
  const page = answer.body as { items?: unknown; next?: unknown } | undefined;
  if (answer.status !== 200 || page === undefined || !Array.isArray(page.items) || page.next !== null) return undefined;
  return page.items.some((item) => (item as { id?: unknown }).id === id);
}

/** Matches the document against the fixture table. */
export function coverage(doc: unknown): {
  readonly matched: Array<{ readonly doc: DocumentOperation; readonly fixture: OperationFixture }>;
  readonly uncovered: string[];
  readonly stale: string[];
} {
  const ops = documentOperations(doc);
  const matched: Array<{ doc: DocumentOperation; fixture: OperationFixture }> = [];
  const uncovered: string[] = [];
  for (const o of ops) {
    const cases = o.operationId === undefined ? undefined : OPERATIONS.get(o.operationId);
    const f = cases?.[0];
    if (cases === undefined || f === undefined || f.method !== o.method || f.path !== o.path) uncovered.push(label(o) + (f === undefined ? '' : ` — the fixture says ${f.method} ${f.path}`));
    else for (const c of cases) matched.push({ doc: o, fixture: c });
  }
  const ids = new Set(ops.map((o) => o.operationId));
  const stale = [...OPERATIONS.keys()].filter((id) => !ids.has(id));
  return { matched, uncovered, stale };
}

/** Calls every covered operation as every caller. */
export async function sweep(w: AuthzWorld, doc: unknown, callers: readonly CallerKey[] = CALLERS.map((c) => c.key)): Promise<SweepResult> {
  const { matched, uncovered, stale } = coverage(doc);
  const findings: Finding[] = [];
  let calls = 0;
  let allowed = 0;
  let denied = 0;
  let allowed2xx = 0;
  const allowedOther: string[] = [];
  let listsJudged = 0;
  const timings: string[] = [];
  for (const { fixture } of matched) {
    const started = performance.now();
    for (const caller of callers) {
      const verdict = fixture.verdict(caller);
      const prepared = await fixture.prepare(w, caller);
      const unsafe = UNSAFE.has(fixture.method);
      const before = unsafe ? { events: (await w.store.fresh.counts()).events, footprint: JSON.stringify(await prepared.footprint?.()) } : undefined;
      const answer = await w.call(caller, fixture.method, prepared.url, {
        ...(prepared.body !== undefined ? { body: prepared.body } : {}),
        ...(prepared.payload !== undefined ? { payload: prepared.payload } : {}),
        ...(prepared.headers !== undefined ? { headers: prepared.headers } : {}),
        ...(prepared.auth !== undefined ? { auth: prepared.auth } : {}),
      });
      calls += 1;
      const found = (kind: FindingKind, detail: string): void => {
        findings.push({ kind, operationId: caseName(fixture), caller, status: answer.status, detail });
      };
      const ok = answer.status >= 200 && answer.status < 300;
      if (answer.status >= 500) found('server-error', `${fixture.method} ${prepared.url} → ${answer.raw.body.slice(0, 300)}`);
      if (verdict === 'deny') {
        denied += 1;
        if (ok) found('unauthorized-2xx', `${fixture.method} ${prepared.url} answered ${answer.status}`);
        else if (!REFUSALS.has(answer.status)) found('refused-oddly', `${fixture.method} ${prepared.url} answered ${statusText(answer)}`);
        if (before !== undefined) {
          const events = (await w.store.fresh.counts()).events;
          const footprint = JSON.stringify(await prepared.footprint?.());
          if (events !== before.events) found('refused-but-changed', `${events - before.events} event(s) appended by a refused ${fixture.method} ${prepared.url}`);
          if (footprint !== before.footprint) found('refused-but-changed', `the accounts changed: ${before.footprint} → ${footprint}`);
        }
      } else if (verdict === 'allow') {
        allowed += 1;
        if (REFUSALS.has(answer.status)) found('allowed-but-refused', `${fixture.method} ${prepared.url} answered ${statusText(answer)}: ${answer.raw.body.slice(0, 200)}`);
        else if (answer.status >= 400 && answer.status < 500) found('allowed-but-failed', `${fixture.method} ${prepared.url} answered ${statusText(answer)}: ${answer.raw.body.slice(0, 200)}`);
        if (ok) allowed2xx += 1;
        else allowedOther.push(`${caseName(fixture)} ${caller} ${statusText(answer)}`);
      }
      const listed = prepared.lists === undefined ? undefined : presence(answer, prepared.lists.id);
      if (listed !== undefined) listsJudged += 1;
      if (listed === false && prepared.lists?.visible === true) found('list-incomplete', `${fixture.method} ${prepared.url} leaves out ${prepared.lists.id}, which the caller may see`);
      if (listed === true && prepared.lists?.visible === false) found('list-leak', `${fixture.method} ${prepared.url} shows ${prepared.lists.id}, which the caller may not see`);
      if (ok) prepared.created?.(answer);
      const extra = prepared.inspect?.(answer);
      if (extra !== undefined) found('inspect', extra);
      const request = `${prepared.url}\n${JSON.stringify(prepared.body ?? null)}\n${prepared.payload ?? ''}\n${JSON.stringify(prepared.headers ?? {})}`;
      for (const leak of w.markers.scan(caller, request, textOf(answer))) found('leak', `"${leak.marker}" of ${leak.owner} in the answer to ${fixture.method} ${prepared.url}`);
    }
    timings.push(`${caseName(fixture)} ${Math.round(performance.now() - started)} ms`);
  }
  return { documented: documentOperations(doc).map(label), uncovered, stale, covered: new Set(matched.map((m) => m.fixture.operationId)).size, cases: matched.length, calls, allowed, denied, allowed2xx, allowedOther, listsJudged, timings, findings };
}
