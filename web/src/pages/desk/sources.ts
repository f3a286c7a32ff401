/**
 * The lists of the desk, each read from GET /assignments with one or more filters (the list
 * takes one status at a time, so an open-cases list is one filter per open status). A section's
 * pages are read together: each page asks every filter that has more for its next page, merged in
 * deadline order; "Show more" asks for the next page of all of them.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, query } from '../../api/client.js';
import type { AssignmentPage } from '../../api/types.js';

/** One case in a list. */
export type Summary = AssignmentPage['items'][number];

/** The sections of the desk that are lists of cases. */
export type SectionKey = 'waiting' | 'verify' | 'hold' | 'own';

/** Cases per filter per page. */
const PAGE = 20;

/** The filters of each section for person `me`. */
export function filtersOf(section: SectionKey, me: string): Record<string, string>[] {
  switch (section) {
    case 'waiting':
      return [{ awaiting: me }];
    case 'verify':
      return [{ verifier: me, status: 'submitted' }];
    case 'hold':
      // `holder` is whoever the case is with now: a submitted case is with its verifier (the section above).
      return [
        { holder: me, status: 'issued' },
        { holder: me, status: 'in_progress' },
      ];
    case 'own':
      return [
        { owner: me, status: 'issued' },
        { owner: me, status: 'in_progress' },
        { owner: me, status: 'submitted' },
      ];
  }
}

/** Each filter's cursor: null for its first page, a string for the next, false when it has no more. */
type Cursors = readonly (string | null | false)[];

interface SectionPage {
  readonly items: Summary[];
  readonly cursors: Cursors;
}

/** Which cases of its filters a section keeps: "I own" leaves out the cases I hold (listed under "I hold"). */
function keeperOf(section: SectionKey, me: string): (s: Summary) => boolean {
  return section === 'own' ? (s) => s.holderId !== me : () => true;
}

/** Rounds of requests one page may take to find enough cases that the section keeps. */
const MAX_ROUNDS = 5;

/** The cases of one section, in deadline order, with `fetchNextPage` for "Show more". */
export function useSection(section: SectionKey, me: string) {
  const filters = filtersOf(section, me);
  const keep = keeperOf(section, me);
  const first: Cursors = filters.map(() => null);
  return useInfiniteQuery({
    queryKey: ['assignments', 'desk', section, me],
    initialPageParam: first,
    queryFn: async ({ pageParam, signal }): Promise<SectionPage> => {
      const items: Summary[] = [];
      let cursors = pageParam;
      // A page asks again (a few times at most) while too few of the cases it got are kept.
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const pages = await Promise.all(
          filters.map((f, i) => {
            const cursor = cursors[i];
            return cursor === false || cursor === undefined ? Promise.resolve(null) : api<AssignmentPage>('GET', `/assignments${query({ ...f, limit: PAGE, cursor })}`, { signal });
          }),
        );
        items.push(...pages.flatMap((p) => p?.items ?? []).filter(keep));
        cursors = pages.map((p) => p?.next ?? false);
        if (items.length >= PAGE || cursors.every((c) => c === false)) break;
      }
      return { items: items.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id.localeCompare(b.id)), cursors };
    },
    getNextPageParam: (last) => (last.cursors.some((c) => c !== false) ? last.cursors : undefined),
    enabled: me !== '',
  });
}
