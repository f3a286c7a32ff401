/**
 * Fixtures of the inquiry across many cases and of the hours held (issue #7, F4): reads every
 * signed-in caller may make, over exactly the cases their list of assignments holds (taken just
 * before the call; a read changes nothing and the sweep's clock stands still). The inquiry counts
 * that list's cases and names none outside it (longest waits, cases that came back); the hours held
 * over all time add up to the inquiry's time in hand for the same caller, over at most as many
 * cases. Narrowed to a unit of A for those who see it; a unit they may not see, or one that does not
 * exist, is 404.
 */
import type { Answer } from '../../support/api-world.js';
import { op, type OperationFixture, type Prepared, type Verdict } from './fixture.js';
import { canSee, signedIn } from './policy.js';
import { UNITS, type CallerKey } from './roles.js';
import type { AuthzWorld } from './world.js';

interface InquiryAnswer {
  readonly at?: string;
  readonly cases?: number;
  readonly totalMs?: number;
  readonly longestWaits?: ReadonlyArray<{ readonly caseId: string }>;
  readonly handovers?: { readonly person?: { readonly returning?: ReadonlyArray<{ readonly caseId: string }> }; readonly unit?: { readonly returning?: ReadonlyArray<{ readonly caseId: string }> } };
}

interface HoursAnswer {
  readonly totalMs?: number;
  readonly cases?: number;
}

const anyoneSignedIn = (caller: CallerKey): Verdict => (signedIn(caller) ? 'allow' : 'deny');
const seesUnitA = (caller: CallerKey): Verdict => (canSee(caller, { kind: 'unit', id: UNITS.aTop }) ? 'allow' : 'deny');

/** The ids of the caller's list of cases (every page). */
async function listIds(w: AuthzWorld, caller: CallerKey): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | null = null;
  do {
    const answer = await w.call(caller, 'GET', `/api/v1/assignments?limit=200${cursor === null ? '' : `&cursor=${cursor}`}`);
    if (answer.status !== 200) throw new Error(`the list of ${caller}: ${answer.status} ${answer.raw.body}`);
    const page = answer.body as { items: Array<{ id: string }>; next: string | null };
    for (const item of page.items) ids.add(item.id);
    cursor = page.next;
  } while (cursor !== null);
  return ids;
}

/** The cases the inquiry names. */
function namedCases(m: InquiryAnswer): string[] {
  return [...(m.longestWaits ?? []), ...(m.handovers?.person?.returning ?? []), ...(m.handovers?.unit?.returning ?? [])].map((c) => c.caseId);
}

/** The inquiry counts `listed` exactly (or at most, for a unit) and names no case outside it. */
function inspectInquiry(listed: ReadonlySet<string>, exactly: boolean): (answer: Answer) => string | undefined {
  return (answer) => {
    if (answer.status !== 200) return undefined;
    const m = answer.body as InquiryAnswer;
    const cases = m.cases ?? -1;
    if (exactly ? cases !== listed.size : cases > listed.size) return `the inquiry counts ${cases} cases, the caller's list ${listed.size}`;
    for (const id of namedCases(m)) if (!listed.has(id)) return `the inquiry names ${id}, not in the caller's list`;
    return undefined;
  };
}

function inquiryOf(query: string, exactly: boolean): (w: AuthzWorld, caller: CallerKey) => Promise<Prepared> {
  return async (w, caller) => {
    const url = `/api/v1/inquiry?top=1000${query}`;
    if (!signedIn(caller)) return { url };
    return { url, inspect: inspectInquiry(await listIds(w, caller), exactly) };
  };
}

/** Hours held over all time: the same time as the caller's inquiry over every case they see, over at most as many cases. */
async function hoursOf(w: AuthzWorld, caller: CallerKey): Promise<Prepared> {
  const url = '/api/v1/hours?by=unit';
  if (!signedIn(caller)) return { url };
  const listed = await listIds(w, caller);
  const inquiry = await w.call(caller, 'GET', '/api/v1/inquiry?top=1');
  if (inquiry.status !== 200) throw new Error(`the inquiry of ${caller}: ${inquiry.status} ${inquiry.raw.body}`);
  const whole = inquiry.body as InquiryAnswer;
  return {
    url: `${url}&at=${encodeURIComponent(whole.at ?? '')}`,
    inspect: (answer) => {
      if (answer.status !== 200) return undefined;
      const h = answer.body as HoursAnswer;
      if (h.totalMs !== whole.totalMs) return `hours held add up to ${String(h.totalMs)} ms, the caller's inquiry ${String(whole.totalMs)}`;
      if ((h.cases ?? Infinity) > listed.size) return `hours held count ${String(h.cases)} cases, the caller's list ${listed.size}`;
      return undefined;
    },
  };
}

/** The fixtures of the inquiry and hours operations. */
export const INQUIRY_OPERATIONS: readonly OperationFixture[] = [
  op({ operationId: 'getInquiry', method: 'GET', path: '/api/v1/inquiry', prepare: inquiryOf('', true), verdict: anyoneSignedIn }),
  op({
    operationId: 'getInquiry',
    variant: 'a unit of A',
    method: 'GET',
    path: '/api/v1/inquiry',
    async prepare(w, caller) {
      return canSee(caller, { kind: 'unit', id: UNITS.aTop }) ? inquiryOf(`&unit=${UNITS.aTop}`, false)(w, caller) : { url: `/api/v1/inquiry?unit=${UNITS.aTop}` };
    },
    verdict: seesUnitA,
  }),
  op({ operationId: 'getInquiry', variant: 'a unit that does not exist', method: 'GET', path: '/api/v1/inquiry', prepare: () => Promise.resolve({ url: '/api/v1/inquiry?unit=unit_nowhere' }), verdict: () => 'deny' }),
  op({ operationId: 'getHoursHeld', method: 'GET', path: '/api/v1/hours', prepare: hoursOf, verdict: anyoneSignedIn }),
  op({
    operationId: 'getHoursHeld',
    variant: 'a unit of A',
    method: 'GET',
    path: '/api/v1/hours',
    prepare: () => Promise.resolve({ url: `/api/v1/hours?unit=${UNITS.aTop}` }),
    verdict: seesUnitA,
  }),
  op({ operationId: 'getHoursHeld', variant: 'a unit that does not exist', method: 'GET', path: '/api/v1/hours', prepare: () => Promise.resolve({ url: '/api/v1/hours?unit=unit_nowhere' }), verdict: () => 'deny' }),
];
