/**
 * A kit for the ladder's integration tests (issue #5): the standard organisation grown by a unit
 * tree (the buyers' unit under Foreign trade, whose head post Krasin holds), people with e-mail
 * addresses, a scheduler pass driven by the world's manual clock, and readers of what the ladder
 * wrote — the notices and escalations of a case, the accountability proposals, the agenda items
 * and the step items of the job index.
 */
import { expect } from 'vitest';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import { LADDER_STEP_KIND } from '../../src/app/ladder/ladder-work.js';
import type { AgendaItemState } from '../../src/domain/agenda/agenda-item.js';
import type { AccountabilityState } from '../../src/domain/ladder/accountability.js';
import { defaultHandlers } from '../../src/jobs/handlers.js';
import { SchedulerPass } from '../../src/jobs/scheduler.js';
import type { JobItem } from '../../src/store/jobs.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import type { Backend } from '../support/backends.js';
import { DAY, makeWorld, ORG, run, setupOrganisation, type World } from '../support/world.js';

/** The ids this kit adds to the standard organisation. */
export const TREE = {
  /** The buyers' unit, below Foreign trade (ORG.units.trade). */
  buy: 'unit_buy',
  buyHead: 'post_buy-head',
  /** The owner of the ladder's cases, in the buyers' unit (with an e-mail address). */
  buyer: 'per_buyer',
  /** The head of the execution-control office (with an e-mail address). */
  inspector: 'per_inspector',
  /** The decision whose body (the STO) the ladder's cases reach. */
  decision: ORG.decision,
  body: ORG.bodies.sto,
} as const;

/** The e-mail addresses of the kit's people. */
export const EMAIL = { buyer: 'buyer@example.org', inspector: 'inspector@example.org' } as const;

/** The instant of a local (UTC) date and time, e.g. `t('2022-03-11', '15:00')`. */
export function t(date: string, time: string): string {
  return new Date(`${date}T${time}:00.000Z`).toISOString();
}

/** The organisation calendar of March 2022 the tests use: Monday to Friday, 09:00–18:00 UTC, with the holidays given. */
export function workweek(holidays: readonly string[] = []): CommandInput {
  return { type: 'calendar.define', id: 'cal_org', definition: { workingWeekdays: [1, 2, 3, 4, 5], workingHours: { start: '09:00', end: '18:00' }, utcOffsetMinutes: 0, holidays: [...holidays] } };
}

/** The ladder of the brief: reminders 3 and 1 working days ahead; the superior 2 working days after the deadline with a warning; the body 3 later with a reprimand. */
export function standardPolicy(id = 'lad_std'): CommandInput {
  return {
    type: 'ladder.define',
    id,
    name: 'Standard ladder',
    rules: {
      reminders: [
        { amount: 3, unit: 'working-days' },
        { amount: 1, unit: 'working-days' },
      ],
      superior: { after: { amount: 2, unit: 'working-days' }, action: 'warning' },
      body: { after: { amount: 3, unit: 'working-days' }, action: 'reprimand', bodyId: null },
    },
  };
}

/**
 * A world on a fresh store of the back end: the standard organisation, the buyers' unit under
 * Foreign trade with the buyer in it, Krasin appointed head of Foreign trade (the buyer's
 * superior), the inspector appointed head of the execution-control office.
 */
export async function ladderWorld(backend: Backend, seed = 7): Promise<World<KyselyStore>> {
  const w = makeWorld(await backend.fresh(), { seed });
  try {
    await setupOrganisation(w);
    await run(w, 'system', { type: 'unit.create', id: TREE.buy, name: 'Buyers', parentId: ORG.units.trade, headPostId: TREE.buyHead });
    await run(w, 'system', { type: 'person.register', id: TREE.buyer, name: 'Buyer', unitId: TREE.buy, email: EMAIL.buyer });
    await run(w, 'system', { type: 'person.register', id: TREE.inspector, name: 'Inspector', unitId: ORG.units.ctrl, email: EMAIL.inspector });
    await run(w, 'system', { type: 'post.appoint', postId: 'post_trade-head', personId: ORG.people.krasin });
    await run(w, 'system', { type: 'post.appoint', postId: 'post_ctrl-head', personId: TREE.inspector });
  } catch (error) {
    await w.app.close();
    throw error;
  }
  return w;
}

/** An ordinary case owned by the buyer, verified by Tsiurupa, controlled by the auditor, under the STO's decision. */
export function buyerCase(id: string, deadline: string, overrides: Partial<Extract<CommandInput, { type: 'assignment.issue' }>> = {}): CommandInput {
  return {
    type: 'assignment.issue',
    id,
    decisionId: TREE.decision,
    title: `Case ${id}`,
    definitionOfDone: 'Done and reported',
    deadline,
    ownerId: TREE.buyer,
    verifierId: ORG.people.tsiurupa,
    controllerId: ORG.people.auditor,
    ...overrides,
  };
}

/** A scheduler pass over the world's clock with every default handler. */
export function schedulerPass(w: World<KyselyStore>, worker = 'w1'): SchedulerPass {
  return new SchedulerPass({ app: w.app, clock: w.clock, handlers: defaultHandlers(), worker, leaseMs: 60_000, batch: 10 });
}

/** Sets the clock to an instant (never backwards) and runs passes until nothing is due; returns the items done. */
export async function drainAt(w: World<KyselyStore>, instant: string, pass = schedulerPass(w)): Promise<number> {
  const ms = Date.parse(instant);
  if (ms < w.clock.now()) throw new Error(`the clock would go back from ${w.app.now()} to ${instant}`);
  w.clock.set(ms);
  return pass.drain();
}

/** Advances the clock one day at a time up to `until` (inclusive), draining after each step. */
export async function drainDaily(w: World<KyselyStore>, until: string, pass = schedulerPass(w)): Promise<void> {
  const end = Date.parse(until);
  while (w.clock.now() + DAY <= end) {
    w.clock.advance(DAY);
    await pass.drain();
  }
}

/** What the ladder (or a person) appended to a case: notices and escalations, in order. */
export interface LadderEntry {
  readonly type: 'assignment.reminded' | 'assignment.escalated';
  readonly at: string;
  readonly actor: string;
  readonly stepKey: string | undefined;
  readonly to: string;
  /** The escalation level; null for a notice. */
  readonly level: number | null;
}

/** The notices and escalations of a case, in order. */
export async function ladderEntries(store: KyselyStore, assignmentId: string): Promise<LadderEntry[]> {
  const out: LadderEntry[] = [];
  for (const e of await store.fresh.streamEvents(assignmentId)) {
    if (e.type !== 'assignment.reminded' && e.type !== 'assignment.escalated') continue;
    const p = e.payload as { stepKey?: string; to: string; level?: number };
    out.push({ type: e.type, at: e.at, actor: e.actor, stepKey: p.stepKey, to: p.to, level: p.level ?? null });
  }
  return out;
}

/** The states of every stream of a kind (few in these tests), in id order. */
async function statesOf<T>(store: KyselyStore, kind: 'accountability' | 'agenda'): Promise<Array<{ id: string; state: T }>> {
  const page = await store.fresh.streams(kind, { limit: 1000 });
  return page.map((s) => ({ id: s.id, state: s.state as T }));
}

/** Every accountability proposal, in id order. */
export function proposals(store: KyselyStore): Promise<Array<{ id: string; state: AccountabilityState }>> {
  return statesOf<AccountabilityState>(store, 'accountability');
}

/** Every agenda item, in id order. */
export function agendaItems(store: KyselyStore): Promise<Array<{ id: string; state: AgendaItemState }>> {
  return statesOf<AgendaItemState>(store, 'agenda');
}

/** The id of the job item that performs one step of a case. */
export function stepItemId(assignmentId: string, key: string): string {
  return `ladder:${assignmentId}:${key}`;
}

/** The job item of one step of a case; fails the test when it is not in the index. */
export async function stepItemOf(store: KyselyStore, assignmentId: string, key: string): Promise<JobItem> {
  const item = await store.jobs.get(stepItemId(assignmentId, key));
  if (item === undefined) expect.fail(`no item ${stepItemId(assignmentId, key)} in the index`);
  return item;
}

/** The step items of a case in the index: id suffix (the step key), due instant and result, in due order. */
export async function stepItems(store: KyselyStore, assignmentId: string): Promise<Array<{ key: string; dueAt: string; result: string | null }>> {
  const prefix = stepItemId(assignmentId, '');
  const items = (await store.jobs.list({ kind: LADDER_STEP_KIND })).filter((i) => i.id.startsWith(prefix));
  return items
    .map((i) => ({ key: i.id.slice(prefix.length), dueAt: i.dueAt, result: i.result }))
    .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The code a command is refused with (fails the test when it is accepted), and its details. */
export async function refusal(w: World, actor: string, command: CommandInput): Promise<{ code: string; details: Readonly<Record<string, unknown>> | undefined }> {
  const r = await w.app.execute(actor, command);
  if (r.ok) expect.fail(`${command.type} was accepted; a refusal was expected`);
  return { code: r.error.code, details: r.error.details };
}
