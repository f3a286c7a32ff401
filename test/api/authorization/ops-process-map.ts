/**
 * Fixtures of the process map of the record (issue #7): every signed-in caller's, over exactly the
 * cases their list of assignments holds — its case count is that list's length, taken just before
 * the call, and its figures hold together (every case starts once, every event is some activity's);
 * narrowed to a unit of A for those who see it, with at most as many cases. A unit they may not
 * see, or one that does not exist, is 404.
 */
import type { Answer } from '../../support/api-world.js';
import { op, type OperationFixture, type Prepared, type Verdict } from './fixture.js';
import { canSee, signedIn } from './policy.js';
import { UNITS, type CallerKey } from './roles.js';
import type { AuthzWorld } from './world.js';

interface MapAnswer {
  readonly cases?: number;
  readonly events?: number;
  readonly activities?: ReadonlyArray<{ readonly count: number }>;
  readonly starts?: ReadonlyArray<{ readonly count: number }>;
  readonly edges?: ReadonlyArray<{ readonly count: number }>;
}

const anyoneSignedIn = (caller: CallerKey): Verdict => (signedIn(caller) ? 'allow' : 'deny');
const seesUnitA = (caller: CallerKey): Verdict => (canSee(caller, { kind: 'unit', id: UNITS.aTop }) ? 'allow' : 'deny');

/** How many cases the caller's list holds (every page). */
async function listLength(w: AuthzWorld, caller: CallerKey): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const answer = await w.call(caller, 'GET', `/api/v1/assignments?limit=200${cursor === null ? '' : `&cursor=${cursor}`}`);
    if (answer.status !== 200) throw new Error(`the list of ${caller}: ${answer.status} ${answer.raw.body}`);
    const page = answer.body as { items: unknown[]; next: string | null };
    n += page.items.length;
    cursor = page.next;
  } while (cursor !== null);
  return n;
}

const sum = (xs: ReadonlyArray<{ readonly count: number }> | undefined): number => (xs ?? []).reduce((n, x) => n + x.count, 0);

/** The map's cases are `listed` exactly (or at most, for a unit), and its figures add up. */
function inspectMap(listed: number, exactly: boolean): (answer: Answer) => string | undefined {
  return (answer) => {
    if (answer.status !== 200) return undefined;
    const m = answer.body as MapAnswer;
    const cases = m.cases ?? -1;
    if (exactly ? cases !== listed : cases > listed) return `the process map counts ${cases} cases, the caller's list ${listed}`;
    if (sum(m.starts) !== cases) return `the process map's starts add up to ${sum(m.starts)}, not its ${cases} cases`;
    if (sum(m.activities) !== m.events) return `the process map's activities add up to ${sum(m.activities)}, not its ${String(m.events)} events`;
    if (sum(m.edges) !== (m.events ?? 0) - cases) return `the process map's pairs add up to ${sum(m.edges)}, not events − cases`;
    return undefined;
  };
}

function mapOf(query: string, exactly: boolean): (w: AuthzWorld, caller: CallerKey) => Promise<Prepared> {
  return async (w, caller) => {
    if (!signedIn(caller)) return { url: `/api/v1/process-map${query}` };
    return { url: `/api/v1/process-map${query}`, inspect: inspectMap(await listLength(w, caller), exactly) };
  };
}

/** The fixtures of the process map operation. */
export const PROCESS_MAP_OPERATIONS: readonly OperationFixture[] = [
  op({ operationId: 'getProcessMap', method: 'GET', path: '/api/v1/process-map', prepare: mapOf('', true), verdict: anyoneSignedIn }),
  op({
    operationId: 'getProcessMap',
    variant: 'a unit of A',
    method: 'GET',
    path: '/api/v1/process-map',
    async prepare(w, caller) {
      return canSee(caller, { kind: 'unit', id: UNITS.aTop }) ? mapOf(`?unit=${UNITS.aTop}`, false)(w, caller) : { url: `/api/v1/process-map?unit=${UNITS.aTop}` };
    },
    verdict: seesUnitA,
  }),
  op({ operationId: 'getProcessMap', variant: 'a unit that does not exist', method: 'GET', path: '/api/v1/process-map', prepare: () => Promise.resolve({ url: '/api/v1/process-map?unit=unit_nowhere' }), verdict: () => 'deny' }),
];
