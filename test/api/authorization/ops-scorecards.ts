/**
 * Fixtures of the unit scorecards and decree inflation (F10), all reads. The scorecards are every
 * signed-in caller's, holding only the units their roles cover (a secretary's role covers none):
 * each answer is inspected against where the record places every unit it names. A unit they may not
 * see, or one that does not exist, is 404, for the scorecards and for the cases behind a figure —
 * whose listed cases must each be one the caller may open. Decree inflation is every signed-in
 * caller's: bodies and decisions are public acts to anyone with a role, and a caller without one
 * gets no body — so what is behind a figure of a body's month is theirs too (404 to a caller without
 * a role, and for a body that does not exist), its decisions all listed, its cases only those the
 * caller may open (B's case, counted in body_beta's month, stays hidden from the callers of A).
 */
import type { Answer } from '../../support/api-world.js';
import { op, type OperationFixture, type Prepared, type Verdict } from './fixture.js';
import { adminOfAll, canSee, hasRole, roleAllows, signedIn, type Thing } from './policy.js';
import { BODIES, DECISIONS, UNITS, type CallerKey } from './roles.js';
import type { AuthzWorld } from './world.js';

const anyoneSignedIn = (caller: CallerKey): Verdict => (signedIn(caller) ? 'allow' : 'deny');
const unitA: Thing = { kind: 'unit', id: UNITS.aTop };
const seeingA = (caller: CallerKey): Verdict => (canSee(caller, unitA) ? 'allow' : 'deny');
const withRole = (caller: CallerKey): Verdict => (hasRole(caller) ? 'allow' : 'deny');
/** The month of the world's decisions (dated 2022-03-01), and a period holding it. */
const DECREE_MONTH = 'from=2022-03-01&to=2022-04-01&month=2022-03';

/** The parent of every unit now, read from the store (units other fixtures made included). */
async function parents(w: AuthzWorld): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  let after: string | undefined;
  for (;;) {
    const page = await w.store.reads.streams('unit', { limit: 1000, ...(after !== undefined ? { after } : {}) });
    for (const u of page) out.set(u.id, (u.state as { parentId: string | null }).parentId);
    const last = page[page.length - 1];
    if (last === undefined || page.length < 1000) return out;
    after = last.id;
  }
}

function chainOf(parentOf: ReadonlyMap<string, string | null>, unitId: string): string[] {
  const out: string[] = [];
  for (let at: string | null | undefined = unitId; at !== null && at !== undefined && !out.includes(at); at = parentOf.get(at)) out.push(at);
  return out;
}

/** The scorecards name only units the caller sees (within `within` when asked), each once, ranked 1, 2, … */
function scorecards(w: AuthzWorld, within?: string): (w2: AuthzWorld, caller: CallerKey) => Promise<Prepared> {
  return async (_w, caller) => {
    const parentOf = await parents(w);
    const url = `/api/v1/scorecards${within !== undefined ? `?unit=${within}` : ''}`;
    return {
      url,
      inspect: (answer: Answer) => {
        if (answer.status !== 200) return undefined;
        const units = (answer.body as { units?: ReadonlyArray<{ unitId: string; rank: number }> }).units ?? [];
        if (new Set(units.map((u) => u.unitId)).size !== units.length) return 'the scorecards list a unit twice';
        if (units.some((u, i) => u.rank !== i + 1)) return 'the scorecards are not ranked 1, 2, …';
        if (!hasRole(caller) && units.length > 0) return 'a caller without a role sees scorecards';
        for (const u of units) {
          const chain = chainOf(parentOf, u.unitId);
          if (!adminOfAll(caller) && !roleAllows(caller, 'read', { units: chain })) return `the scorecards name ${u.unitId}, which the caller may not see`;
          if (within !== undefined && !chain.includes(within)) return `the scorecards name ${u.unitId}, outside ${within}`;
        }
        return undefined;
      },
    };
  };
}

/** The cases behind a figure: as many listed as counted less the hidden ones (up to the limit). */
function figureCases(unit: string): (w: AuthzWorld, caller: CallerKey) => Promise<Prepared> {
  return () =>
    Promise.resolve({
      url: `/api/v1/scorecards/cases?unit=${unit}&figure=issued`,
      inspect: (answer: Answer) => {
        if (answer.status !== 200) return undefined;
        const b = answer.body as { total?: number; hidden?: number; items?: unknown[] };
        return (b.items?.length ?? -1) === Math.min(200, (b.total ?? 0) - (b.hidden ?? 0)) ? undefined : 'the cases listed are not the cases counted less the hidden ones';
      },
    });
}

/** What is behind a figure of a body's month: the decisions all listed (anyone with a role sees them), the cases as many as counted less the hidden ones (up to the limit). */
function decreeCases(body: string, figure: 'decisions' | 'issued'): (w: AuthzWorld, caller: CallerKey) => Promise<Prepared> {
  return () =>
    Promise.resolve({
      url: `/api/v1/decree-inflation/cases?${DECREE_MONTH}&body=${body}&figure=${figure}`,
      inspect: (answer: Answer) => {
        if (answer.status !== 200) return undefined;
        const b = answer.body as { total?: number; hidden?: number; decisions?: Array<{ id: string }>; items?: unknown[] };
        if (figure === 'decisions') {
          const want = body === BODIES.alpha ? DECISIONS.alpha : DECISIONS.beta;
          if (b.hidden !== 0 || (b.items?.length ?? -1) !== 0) return 'decisions behind a figure are hidden, or cases are listed with them';
          return b.decisions?.some((d) => d.id === want) === true && b.decisions.length === b.total ? undefined : `the decisions listed are not the ${b.total ?? '?'} counted, ${want} among them`;
        }
        if ((b.decisions?.length ?? -1) !== 0) return 'decisions are listed behind a figure of cases';
        return (b.items?.length ?? -1) === Math.min(200, (b.total ?? 0) - (b.hidden ?? 0)) ? undefined : 'the cases listed are not the cases counted less the hidden ones';
      },
    });
}

/** The fixtures of the scorecard operations. */
export const SCORECARD_OPERATIONS: readonly OperationFixture[] = [
  op({ operationId: 'getScorecards', method: 'GET', path: '/api/v1/scorecards', prepare: (w, c) => scorecards(w)(w, c), verdict: anyoneSignedIn }),
  op({ operationId: 'getScorecards', variant: 'a unit of A', method: 'GET', path: '/api/v1/scorecards', prepare: (w, c) => scorecards(w, UNITS.aTop)(w, c), verdict: seeingA }),
  op({ operationId: 'getScorecards', variant: 'a unit that does not exist', method: 'GET', path: '/api/v1/scorecards', prepare: () => Promise.resolve({ url: '/api/v1/scorecards?unit=unit_nowhere' }), verdict: () => 'deny' }),

  op({ operationId: 'listScorecardCases', method: 'GET', path: '/api/v1/scorecards/cases', prepare: figureCases(UNITS.aTop), verdict: seeingA }),
  op({ operationId: 'listScorecardCases', variant: 'a unit that does not exist', method: 'GET', path: '/api/v1/scorecards/cases', prepare: figureCases('unit_nowhere'), verdict: () => 'deny' }),

  op({
    operationId: 'getDecreeInflation',
    method: 'GET',
    path: '/api/v1/decree-inflation',
    prepare: (_w, caller) =>
      Promise.resolve({
        url: '/api/v1/decree-inflation',
        inspect: (answer: Answer) => (answer.status === 200 && !hasRole(caller) && ((answer.body as { bodies?: unknown[] }).bodies?.length ?? 0) > 0 ? 'a caller without a role sees decree inflation' : undefined),
      }),
    verdict: anyoneSignedIn,
  }),

  op({ operationId: 'listDecreeInflationCases', method: 'GET', path: '/api/v1/decree-inflation/cases', prepare: decreeCases(BODIES.alpha, 'issued'), verdict: withRole }),
  op({ operationId: 'listDecreeInflationCases', variant: 'the decisions of a month', method: 'GET', path: '/api/v1/decree-inflation/cases', prepare: decreeCases(BODIES.alpha, 'decisions'), verdict: withRole }),
  op({ operationId: 'listDecreeInflationCases', variant: "the other body's cases", method: 'GET', path: '/api/v1/decree-inflation/cases', prepare: decreeCases(BODIES.beta, 'issued'), verdict: withRole }),
  op({ operationId: 'listDecreeInflationCases', variant: 'a body that does not exist', method: 'GET', path: '/api/v1/decree-inflation/cases', prepare: decreeCases('body_nowhere', 'issued'), verdict: () => 'deny' }),
];
