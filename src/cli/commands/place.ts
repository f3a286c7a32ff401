/**
 * `proverka place`: a placement proposal (F9) — the posts to fill, the candidates and the
 * constraints from the options, the exact optimum with its checked certificate, the posts whose
 * person changes, and the holders who do not master their post's domain. Computed, never stored.
 * The CLI is the operator: it sees the whole organisation, as `cases` does.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { rootUnits } from '../../app/access/placement.js';
import { ProverkaError, unwrap } from '../../app/errors.js';
import type { Proverka } from '../../app/proverka.js';
import { mismatches, placementProposal, type ProposalQuery, type ProposalView } from '../../app/queries/people-choice.js';
import type { Principal } from '../../domain/access/access-policy.js';
import { SYSTEM_ACTOR } from '../../domain/event.js';
import { toMs, type Instant } from '../../domain/time.js';
import type { PinConflict } from '../../placement/errors.js';
import type { PostPerson } from '../../placement/proposal.js';
import { withDatabase } from '../database.js';
import type { Io } from '../io.js';
import { atOption, dbOption, jsonOption, readDbOption } from '../options.js';
import { idsOfMismatches, idsOfProposal, placementJson, renderPlacementText } from '../render/placement.js';

/**
 * The principal the CLI acts as when a query asks for one: the system, viewer over every root unit,
 * so that it sees every unit, post and person of the organisation (and changes nothing).
 */
export async function operatorPrincipal(app: Proverka): Promise<Principal> {
  return { personId: SYSTEM_ACTOR, grants: (await rootUnits(app.store.reads)).map((unitId) => ({ role: 'viewer' as const, unitId })) };
}

/** The options of `place`, as commander parses them. */
export interface PlaceOptions {
  readonly db: string;
  readonly readDb?: string;
  readonly unit?: string;
  readonly posts?: readonly string[];
  readonly vacant?: boolean;
  readonly candidates?: readonly string[];
  readonly pin?: readonly PostPerson[];
  readonly exclude?: readonly PostPerson[];
  readonly sameTerritory?: boolean;
  readonly moveCost?: number;
  readonly all?: boolean;
  readonly json?: boolean;
  readonly at?: Instant;
}

/** Parses `a,b,c`: ids separated by commas, none empty. */
export function idListArg(text: string): string[] {
  const ids = text.split(',').map((s) => s.trim());
  if (ids.some((id) => id === '' || /\s/.test(id))) throw new InvalidArgumentError('expected ids separated by commas (a,b,c)');
  return ids;
}

/** Parses `post:person` (or several, separated by commas) and adds them to the pairs given before (the option may repeat). */
export function pairsArg(text: string, previous: readonly PostPerson[] | undefined): PostPerson[] {
  const pairs = text.split(',').map((pair) => {
    const m = /^\s*([^:\s]+):([^:\s]+)\s*$/.exec(pair);
    if (m === null) throw new InvalidArgumentError(`'${pair}' is not a post:person pair (e.g. post_abc:per_xyz)`);
    return { postId: m[1] as string, personId: m[2] as string };
  });
  return [...(previous ?? []), ...pairs];
}

/** Parses the move cost: points between 0 and 100, decimals allowed. */
export function moveCostArg(text: string): number {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) throw new InvalidArgumentError('not a number of points (expected 0–100, e.g. 2 or 0.5)');
  const n = Number(t);
  if (n > 100) throw new InvalidArgumentError('out of range (expected 0–100)');
  return n;
}

const CONFLICT_WORDS: Readonly<Record<PinConflict['reason'], string>> = {
  'candidate-pinned-twice': 'a person pinned to two posts',
  'post-pinned-twice': 'a post pinned to two people',
  'pair-not-allowed': "a person pinned to a post whose demands they do not meet (or to an excluded pair, or across territories with --same-territory)",
  'out-of-range': 'a pin outside the proposal',
};

/** The proposal the options ask for; a refusal keeps its code, with the reasons of infeasible pins spelled out. */
export async function proposalFor(app: Proverka, principal: Principal, opts: Omit<PlaceOptions, 'db'>, now: Instant): Promise<ProposalView> {
  const query: ProposalQuery = {
    ...(opts.unit !== undefined ? { unitId: opts.unit } : {}),
    ...(opts.posts !== undefined ? { postIds: opts.posts } : {}),
    ...(opts.vacant === true ? { vacantOnly: true } : {}),
    ...(opts.candidates !== undefined ? { candidateIds: opts.candidates } : {}),
    ...(opts.pin !== undefined ? { pins: opts.pin } : {}),
    ...(opts.exclude !== undefined ? { excluded: opts.exclude } : {}),
    ...(opts.sameTerritory === true ? { sameTerritory: true } : {}),
    ...(opts.moveCost !== undefined ? { moveCost: opts.moveCost } : {}),
    now: toMs(now),
  };
  const found = await placementProposal(app.store, principal, query);
  if (!found.ok && found.error.code === 'PLACEMENT_PINS_INFEASIBLE') {
    const conflicts = (found.error.details?.['conflicts'] ?? []) as readonly PinConflict[];
    const reasons = [...new Set(conflicts.map((c) => CONFLICT_WORDS[c.reason] ?? c.reason))];
    throw new ProverkaError(found.error.code, `${found.error.message}${reasons.length > 0 ? `: ${reasons.join('; ')}` : ''}`, found.error.details);
  }
  return unwrap(found);
}

/** Prints the proposal (text with the mismatches of the same scope, or JSON); writes nothing to the database. */
export async function printPlacement(app: Proverka, opts: Omit<PlaceOptions, 'db'>, io: Io): Promise<void> {
  const now = opts.at ?? app.now();
  const principal = await operatorPrincipal(app);
  const view = await proposalFor(app, principal, opts, now);
  if (opts.json) {
    io.print(JSON.stringify(placementJson(view, await app.store.reads.names(idsOfProposal(view))), null, 2));
    return;
  }
  const found = unwrap(await mismatches(app.store, principal, { ...(opts.unit !== undefined ? { unitId: opts.unit } : {}), now: toMs(now) }));
  const names = await app.store.reads.names([...new Set([...idsOfProposal(view), ...idsOfMismatches(found.items)])]);
  for (const line of renderPlacementText(view, found.items, names, { all: opts.all === true })) io.print(line);
}

/** Adds `place` to the program. */
export function registerPlace(program: Command, io: Io): void {
  program
    .command('place')
    .description('propose the placement of candidates in posts of maximum total fitness, proven optimal; what changes, and who falls short of their post')
    .addOption(dbOption())
    .addOption(readDbOption())
    .option('--unit <id>', "the posts (and default candidates) of this unit's subtree; default: every post")
    .addOption(new Option('--posts <ids>', 'only these posts, comma-separated').argParser(idListArg))
    .option('--vacant', 'only vacant posts')
    .addOption(new Option('--candidates <ids>', 'only these candidates, comma-separated; default: the holders of the posts and the people without a post').argParser(idListArg))
    .addOption(new Option('--pin <post:person>', 'this person must take this post (repeat, or separate by commas)').argParser(pairsArg))
    .addOption(new Option('--exclude <post:person>', 'this person may not take this post (repeat, or separate by commas)').argParser(pairsArg))
    .option('--same-territory', 'a candidate serving a territory only takes posts of that territory (or of none)')
    .addOption(new Option('--move-cost <points>', 'points a holder staying is worth over a move (0–100; default 2): a move must gain more').argParser(moveCostArg))
    .option('--all', 'list every post, not only those whose person changes')
    .addOption(atOption())
    .addOption(jsonOption())
    .action((opts: PlaceOptions) => withDatabase(opts.db, (app) => printPlacement(app, opts, io), opts.readDb !== undefined ? { readLocation: opts.readDb } : {}));
}
