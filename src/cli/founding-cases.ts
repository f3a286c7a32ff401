/** Finding the founding document's cases in an existing database, so that a demo can be described without rebuilding it. */
import type { Proverka } from '../app/proverka.js';

/** A founding case found in the database: its id and its title as recorded. */
export interface FoundCase {
  readonly id: string;
  readonly title: string;
}

/** The founding document's cases present in the database, in the demo's order; empty when it holds no demo. */
export async function foundingCasesIn(app: Proverka): Promise<FoundCase[]> {
  // Loaded on demand, like the generator: only `demo` and `start` need the founding texts.
  const { FOUNDING_CASES } = await import('../demo/founding/founding-cases.js');
  const names = await app.store.reads.names(FOUNDING_CASES.map((c) => c.id));
  return FOUNDING_CASES.flatMap((c) => (names.has(c.id) ? [{ id: c.id, title: c.title }] : []));
}
