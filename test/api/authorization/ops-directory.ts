/**
 * Fixtures of the people directory (docs/decisions/0022-people-directory-and-decision-visibility.md):
 * every signed-in caller — with a role or none, in A or in B, a party, a read-only token — finds
 * anyone of the organisation by part of the name, across subtrees; anonymous callers nobody. The
 * answer shows names and units only: the leak scan holds every e-mail address to the person's own
 * visibility, and the answer's shape is checked here.
 */
import type { Answer } from '../../support/api-world.js';
import { op, type OperationFixture, type Verdict } from './fixture.js';
import { signedIn } from './policy.js';
import { B_PARTIES, PARTIES, partyId, type CallerKey } from './roles.js';

const anyoneSignedIn = (caller: CallerKey): Verdict => (signedIn(caller) ? 'allow' : 'deny');

/** Whom a search for "partyname" must find: the parties of A's cases and of B's (names `zq?-partyname-…`). */
const FOUND = [...PARTIES.map(partyId), ...Object.values(B_PARTIES)].sort();

/** The answer holds exactly the people named `…partyname…`, each with an id, a name and a unit (id and name), and nothing else. */
function inspect(answer: Answer): string | undefined {
  if (answer.status !== 200) return undefined;
  const items = (answer.body as { items?: Array<Record<string, unknown>> }).items ?? [];
  const odd = items.find((i) => Object.keys(i).sort().join() !== 'id,name,unitId,unitName');
  if (odd !== undefined) return `a directory entry shows more or less than id, name, unitId, unitName: ${JSON.stringify(odd)}`;
  const ids = items.map((i) => String(i['id'])).sort();
  return JSON.stringify(ids) === JSON.stringify(FOUND) ? undefined : `the directory found ${ids.join(', ')}, not ${FOUND.join(', ')}`;
}

/** The fixtures of the directory operation. */
export const DIRECTORY_OPERATIONS: readonly OperationFixture[] = [
  op({
    operationId: 'searchDirectory',
    method: 'GET',
    path: '/api/v1/directory',
    prepare: () => Promise.resolve({ url: '/api/v1/directory?search=partyname&limit=20', inspect }),
    verdict: anyoneSignedIn,
  }),
];
