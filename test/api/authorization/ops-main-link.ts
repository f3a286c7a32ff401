/**
 * Fixtures of the main link (F15), a read every signed-in caller may make over the cases they see.
 * Each answer is inspected against the caller's own lists, taken just before the call (a read
 * changes nothing, and the sweep's clock stands still): the evidence cases are exactly the cases of
 * GET /api/v1/assignments?overdue=true (within the unit asked for, if any), and every case named as
 * blocked is in their list of open cases. A unit they may not see, or one that does not exist, is 404.
 */
import { op, type OperationFixture, type Prepared, type Verdict } from './fixture.js';
import { canSee, signedIn } from './policy.js';
import { UNITS, type CallerKey } from './roles.js';
import type { AuthzWorld } from './world.js';

interface MainLinkAnswer {
  readonly totals?: { readonly cases?: number };
  readonly cases?: ReadonlyArray<{ readonly caseId: string; readonly blockedIds: readonly string[] }>;
  readonly steps?: { readonly rows?: ReadonlyArray<{ readonly caseIds: readonly string[] }> };
}

const anyoneSignedIn = (caller: CallerKey): Verdict => (signedIn(caller) ? 'allow' : 'deny');

/** The ids of a list of the caller (every page). */
async function listIds(w: AuthzWorld, caller: CallerKey, query: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | null = null;
  do {
    const answer = await w.call(caller, 'GET', `/api/v1/assignments?limit=200&${query}${cursor === null ? '' : `&cursor=${cursor}`}`);
    if (answer.status !== 200) throw new Error(`the list of ${caller}: ${answer.status} ${answer.raw.body}`);
    const page = answer.body as { items: Array<{ id: string }>; next: string | null };
    for (const item of page.items) ids.add(item.id);
    cursor = page.next;
  } while (cursor !== null);
  return ids;
}

/** The request, and its inspection against the caller's lists (within `unit` for the overdue cases). */
function scoped(unit?: string): (w: AuthzWorld, caller: CallerKey) => Promise<Prepared> {
  return async (w, caller) => {
    const url = `/api/v1/main-link?top=1000&evidence=1000${unit === undefined ? '' : `&unit=${unit}`}`;
    if (!signedIn(caller) || (unit !== undefined && !canSee(caller, { kind: 'unit', id: unit }))) return { url };
    const overdue = await listIds(w, caller, `overdue=true${unit === undefined ? '' : `&unit=${unit}`}`);
    const open = await listIds(w, caller, 'open=true');
    return {
      url,
      inspect: (answer) => {
        if (answer.status !== 200) return undefined;
        const m = answer.body as MainLinkAnswer;
        // Every overdue case is in the ranking by step (at most six rows), all named with evidence=1000.
        const named = new Set((m.steps?.rows ?? []).flatMap((r) => r.caseIds));
        const evidence = new Set((m.cases ?? []).map((c) => c.caseId));
        if (m.totals?.cases !== overdue.size) return `main link counts ${String(m.totals?.cases)} overdue cases, the caller's list ${overdue.size}`;
        for (const id of [...named, ...evidence]) if (!overdue.has(id)) return `main link names ${id}, not in the caller's overdue list`;
        for (const id of overdue) if (!named.has(id)) return `main link leaves out ${id} of the caller's overdue list`;
        for (const c of m.cases ?? []) for (const id of c.blockedIds) if (!open.has(id)) return `main link names ${id} as blocked, not in the caller's open list`;
        return undefined;
      },
    };
  };
}

/** The fixtures of the main-link operation. */
export const MAIN_LINK_OPERATIONS: readonly OperationFixture[] = [
  op({ operationId: 'getMainLink', method: 'GET', path: '/api/v1/main-link', prepare: scoped(), verdict: anyoneSignedIn }),
  op({
    operationId: 'getMainLink',
    variant: 'a unit of A',
    method: 'GET',
    path: '/api/v1/main-link',
    prepare: scoped(UNITS.aTop),
    verdict: (caller) => (canSee(caller, { kind: 'unit', id: UNITS.aTop }) ? 'allow' : 'deny'),
  }),
  op({ operationId: 'getMainLink', variant: 'a unit that does not exist', method: 'GET', path: '/api/v1/main-link', prepare: () => Promise.resolve({ url: '/api/v1/main-link?unit=unit_nowhere' }), verdict: () => 'deny' }),
];
