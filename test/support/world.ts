/**
 * An application over a real store for tests: a manual clock, seeded ids, and a small organisation
 * (the canned-meat case of the seed) set up through commands, as a user would.
 */
import { expect } from 'vitest';
import type { Outcome } from '../../src/app/commands/context.js';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import type { AppResult } from '../../src/app/errors.js';
import { seededIds } from '../../src/app/ids.js';
import { Proverka } from '../../src/app/proverka.js';
import { ManualClock } from '../../src/domain/clock.js';
import type { Store } from '../../src/store/port.js';

/** The instant every world starts at. */
export const START = Date.parse('2022-03-01T09:00:00.000Z');
/** One hour, one day in milliseconds. */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** An application, its clock and its store. */
export interface World<S extends Store = Store> {
  readonly app: Proverka;
  readonly clock: ManualClock;
  readonly store: S;
}

/** Builds an application over a store; checkpoints only when asked unless `checkpointEvery` is given. */
export function makeWorld<S extends Store>(store: S, options: { seed?: number; start?: number; checkpointEvery?: number } = {}): World<S> {
  const clock = new ManualClock(options.start ?? START);
  const app = new Proverka({ store, clock, ids: seededIds(options.seed ?? 1), checkpointEvery: options.checkpointEvery ?? Number.MAX_SAFE_INTEGER });
  return { app, clock, store };
}

/** The canonical instant `hours` after START. */
export function at(hours: number): string {
  return new Date(START + hours * HOUR).toISOString();
}

/** The value of a successful command; fails the test with the refusal otherwise. */
export function expectOk<T>(r: AppResult<T>): T {
  if (!r.ok) expect.fail(`refused with ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Runs a command that must succeed. */
export async function run(w: World, actor: string, command: CommandInput): Promise<Outcome> {
  return expectOk(await w.app.execute(actor, command));
}

/** The ids of the standard organisation. */
export const ORG = {
  units: { sec: 'unit_sec', trade: 'unit_trade', coop: 'unit_coop', ctrl: 'unit_ctrl' },
  people: {
    secretary: 'per_secretary',
    krasin: 'per_krasin',
    khinchuk: 'per_khinchuk',
    tsiurupa: 'per_tsiurupa',
    clerk: 'per_clerk',
    auditor: 'per_auditor',
  },
  bodies: { council: 'body_council', sto: 'body_sto' },
  committee: 'cmt_purchase',
  decision: 'dec_meat',
} as const;

/** Sets up the standard organisation and decision through commands. */
export async function setupOrganisation(w: World): Promise<void> {
  const { units: u, people: p } = ORG;
  await run(w, 'system', { type: 'unit.create', id: u.sec, name: 'Secretariat', headPostId: 'post_sec-head' });
  await run(w, 'system', { type: 'unit.create', id: u.trade, name: 'Foreign trade', headPostId: 'post_trade-head' });
  await run(w, 'system', { type: 'unit.create', id: u.coop, name: "Consumers' society", headPostId: 'post_coop-head' });
  await run(w, 'system', { type: 'unit.create', id: u.ctrl, name: 'Execution control', parentId: u.sec, headPostId: 'post_ctrl-head' });
  await run(w, 'system', { type: 'person.register', id: p.secretary, name: 'Secretary', unitId: u.sec });
  await run(w, 'system', { type: 'person.register', id: p.krasin, name: 'Krasin', unitId: u.trade });
  await run(w, 'system', { type: 'person.register', id: p.khinchuk, name: 'Khinchuk', unitId: u.coop });
  await run(w, 'system', { type: 'person.register', id: p.tsiurupa, name: 'Tsiurupa', unitId: u.ctrl });
  await run(w, 'system', { type: 'person.register', id: p.clerk, name: 'Clerk', unitId: u.trade });
  await run(w, 'system', { type: 'person.register', id: p.auditor, name: 'Auditor', unitId: u.ctrl });
  await run(w, 'system', { type: 'body.create', id: ORG.bodies.council, name: "Council of People's Commissars", level: 1 });
  await run(w, 'system', { type: 'body.create', id: ORG.bodies.sto, name: 'Council of Labour and Defence', level: 2, parentId: ORG.bodies.council });
  await run(w, 'system', { type: 'committee.create', id: ORG.committee, name: 'Purchase commission', mandate: 'food purchases abroad', chairId: p.clerk, memberIds: [p.krasin], sunset: '2022-12-31' });
  await run(w, p.secretary, { type: 'decision.register', id: ORG.decision, bodyId: ORG.bodies.sto, number: '1', date: '2022-03-01', title: 'Canned meat' });
}

/** An `assignment.issue` command with sensible defaults: Krasin owns, Tsiurupa verifies, due in 10 days. */
export function issueCommand(overrides: Partial<Extract<CommandInput, { type: 'assignment.issue' }>> = {}): CommandInput {
  return {
    type: 'assignment.issue',
    decisionId: ORG.decision,
    title: 'Buy the canned meat',
    definitionOfDone: 'In the warehouse and paid for',
    deadline: at(240),
    ownerId: ORG.people.krasin,
    verifierId: ORG.people.tsiurupa,
    ...overrides,
  };
}
