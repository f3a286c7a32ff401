/**
 * Fixtures of the control board and of the sign-in methods (the web app's issue #6). The board is
 * every signed-in caller's, counted over what they may see: its rows are the top-most units their
 * roles cover (none for a party or a secretary), its open and overdue totals are the lengths of
 * their own lists, its bodies those whose agenda they read; a unit they may not see, or one that
 * does not exist, is 404. The sign-in methods are public.
 */
import type { Answer } from '../../support/api-world.js';
import { op, type OperationFixture, type Verdict } from './fixture.js';
import { adminOfAll, canSee, grantsOf, signedIn } from './policy.js';
import { BODIES, UNITS, type CallerKey } from './roles.js';
import type { AuthzWorld } from './world.js';

interface BoardAnswer {
  readonly totals?: { readonly open?: number; readonly overdue?: number };
  readonly units?: ReadonlyArray<{ readonly unitId: string }>;
  readonly bodies?: ReadonlyArray<{ readonly bodyId: string }>;
}

const anyoneSignedIn = (caller: CallerKey): Verdict => (signedIn(caller) ? 'allow' : 'deny');

/** The top-most units a caller's roles cover (the administrator of everything: at least the root). */
function topUnits(caller: CallerKey): string[] {
  if (adminOfAll(caller)) return [UNITS.root];
  const units = grantsOf(caller).flatMap((g) => (g.role === 'secretary' ? [] : [g.unitId]));
  return [...new Set(units)].sort();
}

/** The bodies whose agenda a caller reads: their own as secretary, every body for the administrator of everything (at least these two). */
function agendaBodies(caller: CallerKey): string[] {
  if (adminOfAll(caller)) return [BODIES.alpha, BODIES.beta];
  return grantsOf(caller).flatMap((g) => (g.role === 'secretary' ? [g.bodyId] : []));
}

/** How many cases a list of the caller holds (every page). */
async function listLength(w: AuthzWorld, caller: CallerKey, query: string): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const answer = await w.call(caller, 'GET', `/api/v1/assignments?limit=200&${query}${cursor === null ? '' : `&cursor=${cursor}`}`);
    if (answer.status !== 200) throw new Error(`the list of ${caller}: ${answer.status} ${answer.raw.body}`);
    const page = answer.body as { items: unknown[]; next: string | null };
    n += page.items.length;
    cursor = page.next;
  } while (cursor !== null);
  return n;
}

/** The board's totals must be the lengths of the caller's lists (taken just before the call: a read changes nothing). */
async function countedAsLists(w: AuthzWorld, caller: CallerKey, unit: string | undefined): Promise<(b: BoardAnswer) => string | undefined> {
  if (!signedIn(caller)) return () => undefined;
  const scope = unit === undefined ? '' : `unit=${unit}&`;
  const open = await listLength(w, caller, `${scope}open=true`);
  const overdue = await listLength(w, caller, `${scope}overdue=true`);
  return (b) => (b.totals?.open === open && b.totals.overdue === overdue ? undefined : `board totals ${JSON.stringify(b.totals)} are not the lists' lengths (open ${open}, overdue ${overdue})`);
}

function inspectBoard(check: (b: BoardAnswer) => string | undefined): (answer: Answer) => string | undefined {
  return (answer: Answer) => (answer.status === 200 ? check(answer.body as BoardAnswer) : undefined);
}

/** The fixtures of the board and sign-in method operations. */
export const BOARD_OPERATIONS: readonly OperationFixture[] = [
  op({
    operationId: 'getBoard',
    method: 'GET',
    path: '/api/v1/board',
    async prepare(w, caller) {
      const lists = await countedAsLists(w, caller, undefined);
      const inspect = inspectBoard((b) => {
        const rows = (b.units ?? []).map((u) => u.unitId).sort();
        const expected = topUnits(caller);
        // New root units made by other fixtures join the administrator's rows: theirs must hold the root at least.
        const rowsOk = adminOfAll(caller) ? expected.every((u) => rows.includes(u)) : JSON.stringify(rows) === JSON.stringify(expected);
        if (!rowsOk) return `board rows ${rows.join(', ')} are not the top-most units of the caller (${expected.join(', ')})`;
        const bodies = (b.bodies ?? []).map((x) => x.bodyId).sort();
        const readable = agendaBodies(caller).sort();
        // Bodies made by other fixtures join the administrator's too.
        const bodiesOk = adminOfAll(caller) ? readable.every((x) => bodies.includes(x)) : JSON.stringify(bodies) === JSON.stringify(readable);
        if (!bodiesOk) return `board bodies ${bodies.join(', ')} are not those whose agenda the caller reads (${readable.join(', ')})`;
        return lists(b);
      });
      return { url: '/api/v1/board?soonDays=30', inspect };
    },
    verdict: anyoneSignedIn,
  }),
  op({
    operationId: 'getBoard',
    variant: 'a unit of A',
    method: 'GET',
    path: '/api/v1/board',
    async prepare(w, caller) {
      const sees = canSee(caller, { kind: 'unit', id: UNITS.aTop });
      const lists = sees ? await countedAsLists(w, caller, UNITS.aTop) : () => undefined;
      const inspect = inspectBoard((b) => ((b.units ?? []).some((u) => u.unitId === UNITS.aSub) ? lists(b) : `the rows of ${UNITS.aTop} leave out its child ${UNITS.aSub}`));
      return { url: `/api/v1/board?unit=${UNITS.aTop}`, inspect };
    },
    verdict: (caller) => (canSee(caller, { kind: 'unit', id: UNITS.aTop }) ? 'allow' : 'deny'),
  }),
  op({
    operationId: 'getBoard',
    variant: 'a unit that does not exist',
    method: 'GET',
    path: '/api/v1/board',
    prepare: () => Promise.resolve({ url: '/api/v1/board?unit=unit_nowhere' }),
    verdict: () => 'deny',
  }),
  op({
    operationId: 'authMethods',
    method: 'GET',
    path: '/api/v1/auth/methods',
    prepare: () =>
      Promise.resolve({
        url: '/api/v1/auth/methods',
        auth: 'none',
        // The sweep's server has single sign-on configured.
        inspect: (answer: Answer) => (JSON.stringify(answer.body) === JSON.stringify({ password: true, oidc: true }) ? undefined : `auth methods: ${answer.raw.body}`),
      }),
    verdict: () => 'allow',
  }),
];
