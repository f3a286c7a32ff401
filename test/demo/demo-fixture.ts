/** Builds a demo into a fresh store of a back end, the way the CLI does: seeded ids, a manual clock from 1 January 1922. */
import { seededIds } from '../../src/app/ids.js';
import { Proverka } from '../../src/app/proverka.js';
import { buildDemo, type DemoOptions, type DemoSummary } from '../../src/demo/build-demo.js';
import { ManualClock } from '../../src/domain/clock.js';
import type { AssignmentSummary } from '../../src/store/read-model.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import type { Backend } from '../support/backends.js';

/** A built demo: its store (still open), the application over it and what buildDemo returned. */
export interface BuiltDemo {
  readonly store: KyselyStore;
  readonly app: Proverka;
  readonly clock: ManualClock;
  readonly summary: DemoSummary;
}

/** Builds the demo of a size and seed into a fresh store of `backend` (a database of its own, dropped after the test file). */
export async function buildInto(backend: Backend, size: 'small' | 'large', seed: number, progress?: DemoOptions['progress']): Promise<BuiltDemo> {
  const store = await backend.fresh();
  const clock = new ManualClock(Date.parse('1922-01-01T00:00:00Z'));
  const app = new Proverka({ store, clock, ids: seededIds(seed) });
  const summary = await buildDemo(progress === undefined ? { app, clock, size, seed } : { app, clock, size, seed, progress });
  return { store, app, clock, summary };
}

/** Every event hash of the record, in position order. */
export async function allHashes(store: KyselyStore): Promise<string[]> {
  const out: string[] = [];
  for (let after = 0; ; ) {
    const page = await store.reads.eventsAfter(after, 5000);
    if (page.length === 0) return out;
    for (const e of page) out.push(`${e.streamId}#${e.seq}:${e.hash}`);
    after = page[page.length - 1]?.position ?? after;
  }
}

/** Every assignment, page by page. */
export async function allAssignments(store: KyselyStore): Promise<AssignmentSummary[]> {
  const out: AssignmentSummary[] = [];
  let after: { deadline: string; id: string } | undefined;
  for (;;) {
    const page = await store.reads.assignments(after === undefined ? { limit: 1000 } : { limit: 1000, after });
    out.push(...page);
    const last = page[page.length - 1];
    if (page.length < 1000 || last === undefined) return out;
    after = { deadline: last.deadline, id: last.id };
  }
}
