/**
 * The record of the exactly-once test: the standard organisation, `cases` open assignments issued
 * in one bulk transaction, and `perCase` due escalations of each scheduled as `command` items,
 * their due instants spread evenly over a short window that ends now (by the machine's clock).
 * Consecutive due instants fall on different cases, so that workers rarely race for one stream.
 * Afterwards, `tally` reads the record back and counts, per item, the escalations it produced.
 */
import { expect } from 'vitest';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import { unwrap } from '../../src/app/errors.js';
import { COMMAND_KIND, commandItem } from '../../src/jobs/handlers.js';
import type { ScheduleItem } from '../../src/store/jobs.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/port.js';
import { issueCommand, makeWorld, ORG, setupOrganisation } from '../support/world.js';

/** Far enough ahead that no assignment of the test falls due by its deadline. */
const DEADLINE = '2099-12-31T00:00:00.000Z';
const REASON = 'due escalation ';

/** The item ids of the record, and what each must produce. */
export interface DuePlan {
  readonly items: readonly ScheduleItem[];
  /** The case each item escalates. */
  readonly caseOf: ReadonlyMap<string, string>;
}

/** Creates the database at `location` with `cases × perCase` due escalations, due over the `windowMs` before now. */
export async function prepareDueEscalations(location: string, cases: number, perCase: number, windowMs: number): Promise<DuePlan> {
  const store = await openStore({ location, mode: 'create' });
  // On the worlds' clock (March 2022): the workers' escalations, on the machine's clock, come after these.
  const w = makeWorld(store, { seed: 11 });
  try {
    await setupOrganisation(w);
    const ids = Array.from({ length: cases }, (_, i) => `asg_due${String(i).padStart(5, '0')}`);
    await w.app.bulk(async (run) => {
      for (const id of ids) unwrap(await run(ORG.people.secretary, issueCommand({ id, title: `Case ${id}`, deadline: DEADLINE })));
    });
    const total = cases * perCase;
    const end = Date.now();
    const items: ScheduleItem[] = [];
    const caseOf = new Map<string, string>();
    for (let n = 0; n < perCase; n++) {
      for (const [c, assignmentId] of ids.entries()) {
        const k = n * cases + c;
        const id = `esc:${assignmentId}:${n + 1}`;
        const command: CommandInput = { type: 'assignment.escalate', assignmentId, toId: ORG.bodies.sto, reason: `${REASON}${id}` };
        items.push({ id, kind: COMMAND_KIND, payload: commandItem(command), dueAt: new Date(end - windowMs + Math.floor((k * windowMs) / total)).toISOString() });
        caseOf.set(id, assignmentId);
      }
    }
    await store.jobs.schedule(items);
    expect(await store.jobs.counts(new Date(end).toISOString())).toMatchObject({ due: total, done: 0 });
    return { items, caseOf };
  } finally {
    await w.app.close();
  }
}

/** What the record holds after the run. */
export interface Tally {
  /** Items that produced no escalation. */
  readonly missed: number;
  /** Escalations beyond the first of an item. */
  readonly duplicates: number;
  /** Escalations no item accounts for, or on another case than its item's, or not by the system. */
  readonly strays: number;
  /** Escalations recorded. */
  readonly escalations: number;
}

/** Reads every escalation of the record and matches it to the item named in its reason. */
export async function tally(store: Store, plan: DuePlan): Promise<Tally> {
  const seen = new Map<string, number>();
  let strays = 0;
  let escalations = 0;
  for (let after = 0; ; ) {
    const page = await store.fresh.eventsAfter(after, 5000);
    if (page.length === 0) break;
    for (const e of page) {
      after = e.position;
      if (e.type !== 'assignment.escalated') continue;
      escalations += 1;
      const reason = (e.payload as { reason: string }).reason;
      const id = reason.startsWith(REASON) ? reason.slice(REASON.length) : '';
      if (plan.caseOf.get(id) !== e.streamId || e.actor !== 'system') strays += 1;
      else seen.set(id, (seen.get(id) ?? 0) + 1);
    }
  }
  let missed = 0;
  let duplicates = 0;
  for (const item of plan.items) {
    const n = seen.get(item.id) ?? 0;
    if (n === 0) missed += 1;
    else duplicates += n - 1;
  }
  return { missed, duplicates, strays, escalations };
}
