/**
 * The checks before solving: the instance is well formed, and its pins can all hold together.
 */
import type { PinConflict } from './errors.js';
import type { DenseFitness, Pin, SparseFitness } from './instance.js';

const MAX_PROBLEMS = 20;

/** Whether `n` is a non-negative integer (a size or an index). */
function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}

/**
 * What is wrong with the fitness, at most 20 problems (empty when well formed): sizes that are not
 * non-negative integers, arrays of the wrong length, fitness that is NaN or +Infinity (or, in a
 * sparse list, -Infinity), sparse offsets that do not rise from 0, candidates out of range or
 * listed twice for one post.
 */
export function fitnessProblems(f: DenseFitness | SparseFitness): string[] {
  const problems: string[] = [];
  const add = (p: string): boolean => problems.push(p) >= MAX_PROBLEMS;
  if (!isCount(f.posts) || !isCount(f.candidates)) return [`posts (${f.posts}) and candidates (${f.candidates}) must be non-negative integers`];
  if (f.kind === 'dense') {
    if (f.fitness.length !== f.posts * f.candidates) return [`dense fitness has ${f.fitness.length} entries, expected ${f.posts} × ${f.candidates}`];
    for (let k = 0; k < f.fitness.length; k++) {
      const w = f.fitness[k] as number;
      if (Number.isNaN(w) || w === Number.POSITIVE_INFINITY) {
        if (add(`fitness of post ${Math.floor(k / f.candidates)}, candidate ${k % f.candidates} is ${w}`)) break;
      }
    }
    return problems;
  }
  if (f.start.length !== f.posts + 1) return [`sparse start has ${f.start.length} entries, expected posts + 1 = ${f.posts + 1}`];
  if (f.start[0] !== 0) return ['sparse start[0] must be 0'];
  const size = f.start[f.posts] as number;
  if (f.candidate.length !== size || f.fitness.length !== size) return [`sparse lists have ${f.candidate.length} candidates and ${f.fitness.length} fitness values, expected start[posts] = ${size}`];
  const seen = new Int32Array(f.candidates).fill(-1);
  for (let p = 0; p < f.posts; p++) {
    const from = f.start[p] as number;
    const to = f.start[p + 1] as number;
    if (!isCount(to) || to < from || to > size) return [...problems, `sparse start must rise from 0 to ${size}: start[${p + 1}] = ${to}`];
    for (let e = from; e < to; e++) {
      const c = f.candidate[e] as number;
      const w = f.fitness[e] as number;
      if (!isCount(c) || c >= f.candidates) {
        if (add(`post ${p} lists candidate ${c}, out of range 0..${f.candidates - 1}`)) return problems;
      } else if (seen[c] === p) {
        if (add(`post ${p} lists candidate ${c} twice`)) return problems;
      } else seen[c] = p;
      if (!Number.isFinite(w) && add(`fitness of post ${p}, candidate ${c} is ${w}`)) return problems;
    }
  }
  return problems;
}

/**
 * The pins that cannot hold (empty when they all can): out of range, on a pair that is not
 * allowed, or two different pins on one post or on one candidate. The same pin twice is one pin.
 * Assumes a well-formed fitness.
 */
export function pinConflicts(f: DenseFitness | SparseFitness, pins: readonly Pin[], allowed: (post: number, candidate: number) => boolean): PinConflict[] {
  const conflicts: PinConflict[] = [];
  const candidateOfPost = new Map<number, number>();
  const postOfCandidate = new Map<number, number>();
  for (const { post, candidate } of pins) {
    if (!isCount(post) || !isCount(candidate) || post >= f.posts || candidate >= f.candidates) {
      conflicts.push({ reason: 'out-of-range', post, candidate });
      continue;
    }
    if (!allowed(post, candidate)) conflicts.push({ reason: 'pair-not-allowed', post, candidate });
    const held = candidateOfPost.get(post);
    const at = postOfCandidate.get(candidate);
    if (held !== undefined && held !== candidate) conflicts.push({ reason: 'post-pinned-twice', post, candidate });
    else if (at !== undefined && at !== post) conflicts.push({ reason: 'candidate-pinned-twice', post, candidate });
    else {
      candidateOfPost.set(post, candidate);
      postOfCandidate.set(candidate, post);
    }
  }
  return conflicts;
}
