/**
 * A placement proposal (F9): the posts to fill, the candidates, the constraints (must stay,
 * excluded pairs, the same territory), the fitness of every allowed pair from the records, the
 * exact optimum with its certificate checked apart, and per post why: the person placed, who would
 * take the post if that person could not (the optimum without that pair), and the gain over the holder.
 */
import type { Result } from '../domain/result.js';
import { checkCertificate } from './certificate.js';
import type { PlacementError } from './errors.js';
import { fitnessFor } from './fitness.js';
import type { DenseFitness, PlacementInstance, SparseFitness } from './instance.js';
import type { Fitness, PostProfile } from './people.js';
import type { Records } from './person-record.js';
import { solvePlacementWithRunnerUps } from './solve.js';

/** Above this many posts the runner-up is the next best by fitness alone, not found by solving again. */
export const EXPLAIN_BY_RESOLVING_UP_TO = 400;

/** Points a holder's stay is worth over a move (the cost of moving people): a move must gain more than this. */
export const MOVE_COST = 2;

/** Dense matrices up to this many pairs; sparse lists of the allowed pairs beyond. */
const DENSE_PAIRS = 4_000_000;

/** A person who may be placed: where they are now (territory of the post they hold, if any). */
export interface Candidate {
  readonly personId: string;
  readonly territory: string | null;
}

/** A (post, person) pair named by ids. */
export interface PostPerson {
  readonly postId: string;
  readonly personId: string;
}

/** What a proposal is asked. */
export interface ProposalInput {
  readonly posts: readonly PostProfile[];
  readonly candidates: readonly Candidate[];
  readonly records: Records;
  /** People who must stay in (or be put in) a post, whatever the optimum says. */
  readonly pins?: readonly PostPerson[];
  /** Pairs that may not be chosen. */
  readonly excluded?: readonly PostPerson[];
  /** A candidate with a territory may only take posts of that territory (or of none). */
  readonly sameTerritory?: boolean;
  /** Points added to each holder's fitness for the post they hold, in the objective only (default MOVE_COST; 0: moves are free). */
  readonly moveCost?: number;
}

/** Who would take a post if the person placed there could not, and what the whole placement would lose. */
export interface RunnerUp {
  /** The person placed in the post then (null: the post would stay empty). */
  readonly personId: string | null;
  readonly points: number | null;
  /** The drop of the best objective (points); null when the runner-up is only the next best by fitness (large proposals). */
  readonly loss: number | null;
}

/** The proposal for one post. */
export interface PostProposal {
  readonly postId: string;
  /** The person proposed (null: the post stays empty — no allowed candidate adds to the total). */
  readonly personId: string | null;
  readonly fitness: Fitness | null;
  readonly pinned: boolean;
  readonly holderId: string | null;
  /** The holder's fitness for the post (null when vacant). */
  readonly holderPoints: number | null;
  /** Proposed points − the holder's (null when vacant or left empty). */
  readonly gainOverHolder: number | null;
  readonly runnerUp: RunnerUp | null;
}

/** The whole proposal and its proof. */
export interface Proposal {
  readonly posts: readonly PostProposal[];
  /** Candidates left without a post. */
  readonly unplaced: readonly string[];
  /** The total fitness of the proposal (points). */
  readonly total: number;
  /** What was maximised: the total plus the move cost for each holder who stays (points). */
  readonly objective: number;
  readonly moveCost: number;
  /** The total of the holders now, over the same posts (points; vacant posts add 0). */
  readonly holdersTotal: number;
  readonly allowedPairs: number;
  readonly kind: 'dense' | 'sparse';
  /** The certificate as checked apart from the solver: the number of violations (0 proves the optimum), and Σu + Σv + pinned. */
  readonly certificate: { readonly violations: number; readonly dualTotal: number };
  /** Holders who stay in their post, and posts whose holder changes (vacant posts filled included). */
  readonly stays: number;
  readonly moves: number;
}

/** Fitness in whole hundredths of a point: the solver then adds exact integers. */
const hundredths = (points: number): number => Math.round(points * 100);

/**
 * Proposes the placement of maximum total fitness under the constraints, exactly (solvePlacement),
 * with its certificate checked by checkCertificate. A pair is allowed when the candidate meets the
 * post's demands, is not excluded from it and, with `sameTerritory`, shares its territory. Refuses
 * pins that cannot all hold (PLACEMENT_PINS_INFEASIBLE: a pinned person who does not meet the
 * post's demands, one person pinned twice…) and unknown ids in pins or exclusions
 * (PLACEMENT_INSTANCE_INVALID). Deterministic: the same input gives the same proposal.
 */
export function proposePlacement(input: ProposalInput): Result<Proposal, PlacementError> {
  const { posts, candidates, records } = input;
  const postIndex = new Map(posts.map((p, i) => [p.postId, i]));
  const candIndex = new Map(candidates.map((c, i) => [c.personId, i]));
  const unknown = [...(input.pins ?? []), ...(input.excluded ?? [])].filter((x) => !postIndex.has(x.postId) || !candIndex.has(x.personId));
  if (unknown.length > 0) {
    const x = unknown[0] as PostPerson;
    return { ok: false, error: { code: 'PLACEMENT_INSTANCE_INVALID', message: `${x.postId} / ${x.personId} is not among the posts and candidates of the proposal`, details: { unknown } } };
  }
  const moveCost = input.moveCost ?? MOVE_COST;
  const excluded = new Set((input.excluded ?? []).map((x) => `${x.postId}\u0000${x.personId}`));
  const P = posts.length;
  const C = candidates.length;
  const fitness: (Fitness | null)[] = new Array<Fitness | null>(P * C).fill(null);
  const weight = new Float64Array(P * C).fill(Number.NEGATIVE_INFINITY);
  let allowedPairs = 0;
  posts.forEach((post, p) => {
    candidates.forEach((cand, c) => {
      if (excluded.has(`${post.postId}\u0000${cand.personId}`)) return;
      if (input.sameTerritory === true && post.territory !== null && cand.territory !== null && post.territory !== cand.territory) return;
      const f = fitnessFor(records, cand.personId, post);
      fitness[p * C + c] = f;
      if (f.unmet.length > 0) return;
      weight[p * C + c] = hundredths(f.points) + (post.holderId === cand.personId ? hundredths(moveCost) : 0);
      allowedPairs++;
    });
  });
  const kind = P * C <= DENSE_PAIRS ? 'dense' : 'sparse';
  const pins = (input.pins ?? []).map((x) => ({ post: postIndex.get(x.postId) as number, candidate: candIndex.get(x.personId) as number }));
  const instance: PlacementInstance = { fitness: kind === 'dense' ? dense(P, C, weight) : sparse(P, C, weight), pins };
  const solved = solvePlacementWithRunnerUps(instance);
  if (!solved.ok) return solved;
  const best = solved.value.best;
  const violations = checkCertificate(instance, best).length;
  const dualTotal = best.pinnedTotal + best.u.reduce((a, b) => a + b, 0) + best.v.reduce((a, b) => a + b, 0);
  const pinnedPost = new Set(pins.map((x) => x.post));

  const runnerUpOf = (p: number, c: number): RunnerUp | null => {
    if (P <= EXPLAIN_BY_RESOLVING_UP_TO) {
      const again = solved.value.without(p);
      if (again === null) return null;
      const other = again.candidateOf[p] ?? null;
      return { personId: other === null ? null : (candidates[other] as Candidate).personId, points: other === null ? null : pointsOf(fitness[p * C + other]), loss: (best.total - again.total) / 100 };
    }
    let second = -1;
    for (let o = 0; o < C; o++) if (o !== c && (weight[p * C + o] as number) > (second < 0 ? Number.NEGATIVE_INFINITY : (weight[p * C + second] as number))) second = o;
    return second < 0 ? { personId: null, points: null, loss: null } : { personId: (candidates[second] as Candidate).personId, points: pointsOf(fitness[p * C + second]), loss: null };
  };

  let holdersTotal = 0;
  let total = 0;
  let stays = 0;
  let moves = 0;
  const proposals = posts.map((post, p): PostProposal => {
    const c = best.candidateOf[p] ?? null;
    const holderIdx = post.holderId === null ? undefined : candIndex.get(post.holderId);
    const holderPoints = post.holderId === null ? null : holderIdx === undefined ? fitnessFor(records, post.holderId, post).points : pointsOf(fitness[p * C + holderIdx] ?? fitnessFor(records, post.holderId, post));
    if (holderPoints !== null) holdersTotal += hundredths(holderPoints);
    const f = c === null ? null : fitness[p * C + c] ?? null;
    if (f !== null) total += hundredths(f.points);
    const personId = c === null ? null : (candidates[c] as Candidate).personId;
    if (personId !== null && personId === post.holderId) stays++;
    else if (personId !== null) moves++;
    return {
      postId: post.postId,
      personId,
      fitness: f,
      pinned: pinnedPost.has(p),
      holderId: post.holderId,
      holderPoints,
      gainOverHolder: f === null || holderPoints === null ? null : (hundredths(f.points) - hundredths(holderPoints)) / 100,
      runnerUp: c === null || pinnedPost.has(p) ? null : runnerUpOf(p, c),
    };
  });
  const placed = new Set(best.candidateOf.filter((c): c is number => c !== null));
  return {
    ok: true,
    value: {
      posts: proposals,
      unplaced: candidates.filter((_, c) => !placed.has(c)).map((c) => c.personId),
      total: total / 100,
      objective: best.total / 100,
      moveCost,
      stays,
      moves,
      holdersTotal: holdersTotal / 100,
      allowedPairs,
      kind,
      certificate: { violations, dualTotal: dualTotal / 100 },
    },
  };
}

function pointsOf(f: Fitness | null | undefined): number | null {
  return f === null || f === undefined ? null : f.points;
}

function dense(posts: number, candidates: number, w: Float64Array): DenseFitness {
  return { kind: 'dense', posts, candidates, fitness: w };
}

function sparse(posts: number, candidates: number, w: Float64Array): SparseFitness {
  const start = new Int32Array(posts + 1);
  const cand: number[] = [];
  const fit: number[] = [];
  for (let p = 0; p < posts; p++) {
    for (let c = 0; c < candidates; c++) {
      const x = w[p * candidates + c] as number;
      if (x === Number.NEGATIVE_INFINITY) continue;
      cand.push(c);
      fit.push(x);
    }
    start[p + 1] = cand.length;
  }
  return { kind: 'sparse', posts, candidates, start, candidate: Int32Array.from(cand), fitness: Float64Array.from(fit) };
}
