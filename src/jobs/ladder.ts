/**
 * The escalation ladder's work in the scheduler (F5). Planning reads the record (on the primary),
 * computes a case's ladder and puts one item per step not yet done in the index, each due when its
 * step is; an item already there is moved, one already done stays done. Performing a step is a
 * `ladder.step` command executed once with the item's id as its idempotency key; the command
 * re-plans in its transaction and refuses a step a later change overtook.
 */
import type { AssignmentState } from '../domain/assignment/assignment.state.js';
import type { StreamKind } from '../domain/ids.js';
import type { Proverka } from '../app/proverka.js';
import { caseLadder, sourceOfReads, type LadderSource } from '../app/ladder/case-ladder.js';
import { LADDER_PLAN_KIND, LADDER_REPLAN_KIND, LADDER_STEP_KIND, stepItem } from '../app/ladder/ladder-work.js';
import { stepsDueAt } from '../domain/ladder/ladder-plan.js';
import type { ScheduleItem } from '../store/jobs.js';
import { executeOnce, RetryLater, type JobHandler, type JobHandlers } from './effects.js';

const CLOSED = new Set(['verified', 'cancelled']);
/** Kinds whose streams a replanning pass may remember: they never change under it in a way the ladder notices before its next pass. */
const REMEMBERED = new Set<StreamKind>(['unit', 'post', 'person', 'decision', 'body']);

/** A source that remembers what it read for the length of one pass over many cases. */
function remembering(src: LadderSource): LadderSource {
  const got = new Map<string, Awaited<ReturnType<LadderSource['get']>>>();
  const all = new Map<string, Promise<unknown>>();
  return {
    async get(id) {
      if (got.has(id)) return got.get(id);
      const s = await src.get(id);
      if (s !== undefined && REMEMBERED.has(s.kind)) got.set(id, s);
      return s;
    },
    all: (kind) => {
      let p = all.get(kind);
      if (p === undefined) {
        p = src.all(kind);
        all.set(kind, p);
      }
      return p as ReturnType<LadderSource['all']>;
    },
  };
}

/** The step items of one case's ladder not done yet. */
async function stepItems(src: LadderSource, assignmentId: string, s: AssignmentState, now: string): Promise<ScheduleItem[]> {
  if (CLOSED.has(s.status)) return [];
  const { plan } = await caseLadder(src, assignmentId, s);
  // Reminders already overtaken by a later step are never sent: not planned (nor revived).
  const lapsed = new Set(stepsDueAt(plan, now, new Set(s.ladderDone)).lapsed.map((x) => x.key));
  return plan.steps.filter((step) => !step.done && !lapsed.has(step.key)).map((step) => stepItem(assignmentId, step));
}

/** Plans one case: `planned N` with the number of steps put in the index. */
export async function planCase(app: Proverka, assignmentId: string): Promise<string> {
  const snap = await app.store.fresh.snapshot(assignmentId);
  if (snap?.kind !== 'assignment') return 'gone';
  const items = await stepItems(sourceOfReads(app.store.fresh), assignmentId, snap.state as AssignmentState, app.now());
  await app.store.jobs.schedule(items);
  return `planned ${items.length}`;
}

/** Plans every open case, a page at a time: `planned N steps of M cases`. */
export async function planAll(app: Proverka): Promise<string> {
  const reads = app.store.fresh;
  const src = remembering(sourceOfReads(reads));
  let cases = 0;
  let steps = 0;
  for (let after: string | undefined; ; ) {
    const page = await reads.streams('assignment', after === undefined ? { limit: 1000 } : { limit: 1000, after });
    const items: ScheduleItem[] = [];
    for (const a of page) {
      const s = a.state as AssignmentState;
      if (CLOSED.has(s.status)) continue;
      cases += 1;
      items.push(...(await stepItems(src, a.id, s, app.now())));
    }
    await app.store.jobs.schedule(items);
    steps += items.length;
    if (page.length < 1000) return `planned ${steps} steps of ${cases} cases`;
    after = page[page.length - 1]?.id;
  }
}

/**
 * Performs one step, once. A refused step that is still to do is retried: one found not yet due
 * (its calendar moved it later) is moved in the index first; one waiting for the rung below it
 * (another worker holds the superior's step of the same case) comes back after a backoff. A step
 * overtaken or no longer planned ends there.
 */
const stepHandler: JobHandler = async (item, ctx) => {
  const { assignmentId, stepKey } = item.payload as { assignmentId: string; stepKey: string };
  const result = await executeOnce(ctx.app, item, { type: 'ladder.step', assignmentId, stepKey });
  if (result !== 'refused: LADDER_STEP_NOT_DUE') return result;
  const snap = await ctx.app.store.fresh.snapshot(assignmentId);
  if (snap?.kind !== 'assignment') return result;
  const { plan } = await caseLadder(sourceOfReads(ctx.app.store.fresh), assignmentId, snap.state as AssignmentState);
  const step = plan.steps.find((s) => s.key === stepKey && !s.done);
  if (step === undefined) return result;
  if (step.dueAt > ctx.now) {
    await ctx.app.store.jobs.schedule([stepItem(assignmentId, step)]);
    throw new RetryLater(`${stepKey} is now due at ${step.dueAt}`);
  }
  const done = new Set(plan.steps.filter((s) => s.done).map((s) => s.key));
  if (stepsDueAt(plan, ctx.now, done).due.some((s) => s.key === stepKey)) throw new RetryLater(`${stepKey} waits for an earlier step of ${assignmentId}`);
  return result;
};

/** The ladder's handlers, by kind of item. */
export function ladderHandlers(): JobHandlers {
  return {
    [LADDER_PLAN_KIND]: (item, ctx) => planCase(ctx.app, (item.payload as { assignmentId: string }).assignmentId),
    [LADDER_REPLAN_KIND]: (_item, ctx) => planAll(ctx.app),
    [LADDER_STEP_KIND]: stepHandler,
  };
}
