/**
 * Paging through the union of several cursor-paged lists that share one order (e.g. the cases
 * issued, in work and submitted, each by deadline): each page is the next `size` items of the
 * union in that order, so the whole run equals the concatenation of the lists, each item once.
 * With one list it is plain paging.
 */

/** One page of a source list and the cursor of the next page (null on the last). */
export interface SourcePage<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

/** Fetches one page of source `index` after `cursor` (undefined: the first page). */
export type FetchSource<T> = (index: number, cursor: string | undefined) => Promise<SourcePage<T>>;

/** Where each source stands: the items read but not yet given out, and its next cursor. */
export interface MergeState<T> {
  readonly sources: ReadonlyArray<{ readonly buffer: readonly T[]; readonly cursor: string | undefined; readonly done: boolean }>;
}

/** A page of the union, and the state to continue from (null when every source is exhausted). */
export interface MergedPage<T> {
  readonly items: T[];
  readonly next: MergeState<T> | null;
}

/** The state before the first page of `count` sources. */
export function startMerge<T>(count: number): MergeState<T> {
  return { sources: Array.from({ length: count }, () => ({ buffer: [], cursor: undefined, done: false })) };
}

/**
 * The next `size` items of the union from `state`, in the order `compare` defines (which must be
 * the order each source is listed in). A source is asked for a page only when its buffer is empty
 * and it is not exhausted, so an item is given out only once every source's next item is known.
 */
export async function nextMerged<T>(state: MergeState<T>, size: number, fetch: FetchSource<T>, compare: (a: T, b: T) => number): Promise<MergedPage<T>> {
  const sources = state.sources.map((s) => ({ buffer: [...s.buffer], cursor: s.cursor, done: s.done }));
  const items: T[] = [];
  while (items.length < size) {
    await Promise.all(
      sources.map(async (s, i) => {
        if (s.buffer.length > 0 || s.done) return;
        const page = await fetch(i, s.cursor);
        s.buffer.push(...page.items);
        s.cursor = page.next ?? undefined;
        s.done = page.next === null;
      }),
    );
    // A source that answered an empty page with a cursor is asked again before anything is given out.
    if (sources.some((s) => s.buffer.length === 0 && !s.done)) continue;
    let best: (typeof sources)[number] | undefined;
    for (const s of sources) {
      const head = s.buffer[0];
      const bestHead = best?.buffer[0];
      if (head !== undefined && (bestHead === undefined || compare(head, bestHead) < 0)) best = s;
    }
    const taken = best?.buffer.shift();
    if (taken === undefined) break;
    items.push(taken);
  }
  const more = sources.some((s) => s.buffer.length > 0 || !s.done);
  return { items, next: more ? { sources } : null };
}
