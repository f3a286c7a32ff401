/**
 * The placement proposal: on random small organisations its objective equals exhaustive
 * enumeration of every placement that keeps the constraints (so the fitness matrix, the
 * constraints and the move cost reach the solver as documented), its certificate holds, its total
 * is the sum of what it proposes, and each runner-up's loss is what the best placement without
 * that pair loses. Refusals carry their codes.
 */
import { describe, expect, it } from 'vitest';
import { fitnessFor } from './fitness.js';
import type { CaseOutcome, PostProfile } from './people.js';
import { buildRecords, type Records } from './person-record.js';
import { proposePlacement, type Candidate, type ProposalInput, type PostPerson } from './proposal.js';

/** A small seeded generator (mulberry32): the same seed, the same organisations. */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(from: number, to: number): number {
    return from + Math.floor(this.next() * (to - from + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}

const DOMAINS = ['roads', 'parks', 'water'] as const;
const TERRITORIES = ['North', 'South', null] as const;

interface World {
  readonly records: Records;
  readonly posts: PostProfile[];
  readonly candidates: Candidate[];
}

/** A random organisation: people with random records in random domains, posts with random domains, demands, territories and holders. */
function world(rng: Rng, nPosts: number, nPeople: number): World {
  const people = Array.from({ length: nPeople }, (_, i) => ({ personId: `per_${i}`, unitId: `u${i % 2}` }));
  const outcomes: CaseOutcome[] = [];
  let seq = 0;
  for (const p of people) {
    for (let k = rng.int(0, 12); k > 0; k--) {
      const verified = rng.next() < 0.85;
      outcomes.push({
        assignmentId: `asg_${seq++}`,
        ownerId: p.personId,
        ownerUnitId: p.unitId,
        domain: rng.pick(DOMAINS),
        status: verified ? 'verified' : 'in_progress',
        firstTime: verified && rng.next() < 0.7,
        onTime: verified && rng.next() < 0.6,
        latenessHours: verified ? rng.int(-50, 50) : null,
        reopened: rng.next() < 0.1,
        escalated: rng.next() < 0.2,
        openOverdue: !verified && rng.next() < 0.5,
      });
    }
  }
  const records = buildRecords({ people, outcomes, hours: [] });
  const holders = rng.shuffle(people.map((p) => p.personId));
  const posts = Array.from({ length: nPosts }, (_, i): PostProfile => {
    const d1 = rng.pick(DOMAINS);
    const d2 = rng.pick(DOMAINS);
    return {
      postId: `post_${i}`,
      title: `Post ${i}`,
      unitId: `u${i % 2}`,
      territory: rng.pick(TERRITORIES),
      domains: d1 === d2 ? [{ domain: d1, weight: 1 }] : [{ domain: d1, weight: 0.6 }, { domain: d2, weight: 0.4 }],
      demands: { minVerified: rng.next() < 0.3 ? rng.int(1, 4) : 0, minFirstTime: rng.next() < 0.15 ? 0.2 : null, minOnTime: null },
      holderId: rng.next() < 0.8 ? (holders[i] ?? null) : null,
      holderSince: null,
    };
  });
  const territoryOf = new Map(posts.flatMap((p) => (p.holderId === null ? [] : [[p.holderId, p.territory] as const])));
  const candidates = people.map((p): Candidate => ({ personId: p.personId, territory: territoryOf.get(p.personId) ?? null }));
  return { records, posts, candidates };
}

/** The best objective over every placement keeping the constraints, in hundredths of a point (exhaustive). */
function bruteForce(input: ProposalInput): number {
  const { posts, candidates, records } = input;
  const moveCost = input.moveCost ?? 2;
  const excluded = new Set((input.excluded ?? []).map((x) => `${x.postId} ${x.personId}`));
  const pinOf = new Map((input.pins ?? []).map((x) => [x.postId, x.personId]));
  const value = (post: PostProfile, c: Candidate): number | null => {
    if (excluded.has(`${post.postId} ${c.personId}`)) return null;
    if (input.sameTerritory === true && post.territory !== null && c.territory !== null && post.territory !== c.territory) return null;
    const f = fitnessFor(records, c.personId, post);
    if (f.unmet.length > 0) return null;
    return Math.round(f.points * 100) + (post.holderId === c.personId ? Math.round(moveCost * 100) : 0);
  };
  let best = Number.NEGATIVE_INFINITY;
  const used = new Set<string>();
  const walk = (p: number, sum: number): void => {
    if (p === posts.length) {
      best = Math.max(best, sum);
      return;
    }
    const post = posts[p] as PostProfile;
    const pinned = pinOf.get(post.postId);
    if (pinned === undefined) walk(p + 1, sum);
    for (const c of candidates) {
      if (used.has(c.personId) || (pinned !== undefined && c.personId !== pinned)) continue;
      // A pinned person elsewhere may not take this post.
      if (pinned === undefined && [...pinOf.values()].includes(c.personId)) continue;
      const v = value(post, c);
      if (v === null) continue;
      used.add(c.personId);
      walk(p + 1, sum + v);
      used.delete(c.personId);
    }
  };
  walk(0, 0);
  return best;
}

describe('proposePlacement', () => {
  it('equals exhaustive enumeration on 300 random organisations (up to 5 posts × 6 people), with constraints and move costs', () => {
    const rng = new Rng(2026);
    for (let trial = 0; trial < 300; trial++) {
      const w = world(rng, rng.int(1, 5), rng.int(1, 6));
      const excluded: PostPerson[] = rng.next() < 0.4 ? [{ postId: rng.pick(w.posts).postId, personId: rng.pick(w.candidates).personId }] : [];
      const input: ProposalInput = { ...w, excluded, sameTerritory: rng.next() < 0.5, moveCost: rng.pick([0, 2, 10]) };
      const proposed = proposePlacement(input);
      if (!proposed.ok) throw new Error(`trial ${trial}: ${proposed.error.message}`);
      const p = proposed.value;
      expect(Math.round(p.objective * 100), `trial ${trial}`).toBe(bruteForce(input));
      expect(p.certificate.violations).toBe(0);
      expect(p.certificate.dualTotal).toBeCloseTo(p.objective, 6);
      const placed = p.posts.flatMap((x) => (x.personId === null ? [] : [x.personId]));
      expect(new Set(placed).size).toBe(placed.length);
      const sum = p.posts.reduce((s, x) => s + Math.round((x.fitness?.points ?? 0) * 100), 0);
      expect(Math.round(p.total * 100)).toBe(sum);
      expect(p.stays + p.moves).toBe(placed.length);
      for (const x of p.posts) {
        expect(excluded.some((e) => e.postId === x.postId && e.personId === x.personId)).toBe(false);
        if (x.personId !== null) expect(x.fitness?.unmet).toEqual([]);
      }
    }
  });

  it("gives each post's runner-up the loss of the best placement without that pair", () => {
    const rng = new Rng(7);
    for (let trial = 0; trial < 60; trial++) {
      const w = world(rng, rng.int(2, 4), rng.int(2, 5));
      const input: ProposalInput = { ...w, moveCost: 0 };
      const proposed = proposePlacement(input);
      if (!proposed.ok) throw new Error(proposed.error.message);
      for (const x of proposed.value.posts) {
        if (x.personId === null) {
          expect(x.runnerUp).toBeNull();
          continue;
        }
        const without = bruteForce({ ...input, excluded: [{ postId: x.postId, personId: x.personId }] });
        expect(Math.round((x.runnerUp?.loss ?? Number.NaN) * 100)).toBe(Math.round(proposed.value.objective * 100) - without);
      }
    }
  });

  it('keeps the pins, and refuses pins that cannot hold or ids outside the proposal', () => {
    const rng = new Rng(11);
    const w = world(rng, 4, 5);
    const open: PostProfile[] = w.posts.map((p) => ({ ...p, demands: { minVerified: 0, minFirstTime: null, minOnTime: null }, territory: null }));
    const pin = { postId: 'post_0', personId: 'per_4' };
    const proposed = proposePlacement({ ...w, posts: open, pins: [pin] });
    if (!proposed.ok) throw new Error(proposed.error.message);
    expect(proposed.value.posts[0]).toMatchObject({ postId: 'post_0', personId: 'per_4', pinned: true, runnerUp: null });
    expect(Math.round(proposed.value.objective * 100)).toBe(bruteForce({ ...w, posts: open, pins: [pin] }));

    const twice = proposePlacement({ ...w, posts: open, pins: [pin, { postId: 'post_1', personId: 'per_4' }] });
    expect(twice.ok ? 'ok' : twice.error.code).toBe('PLACEMENT_PINS_INFEASIBLE');
    const demanding = open.map((p, i) => (i === 0 ? { ...p, demands: { minVerified: 1000, minFirstTime: null, minOnTime: null } } : p));
    const unmet = proposePlacement({ ...w, posts: demanding, pins: [pin] });
    expect(unmet.ok ? 'ok' : unmet.error.code).toBe('PLACEMENT_PINS_INFEASIBLE');
    const stranger = proposePlacement({ ...w, posts: open, pins: [{ postId: 'post_0', personId: 'per_nobody' }] });
    expect(stranger.ok ? 'ok' : stranger.error.code).toBe('PLACEMENT_INSTANCE_INVALID');
  });

  it('keeps every holder when a move costs more than any gain, and reports the gain over each holder', () => {
    const rng = new Rng(5);
    const w = world(rng, 5, 6);
    const open: PostProfile[] = w.posts.map((p, i) => ({ ...p, demands: { minVerified: 0, minFirstTime: null, minOnTime: null }, holderId: `per_${i}` }));
    const proposed = proposePlacement({ ...w, posts: open, moveCost: 100 });
    if (!proposed.ok) throw new Error(proposed.error.message);
    expect(proposed.value.posts.map((x) => x.personId)).toEqual(open.map((p) => p.holderId));
    expect(proposed.value.moves).toBe(0);
    expect(proposed.value.total).toBeCloseTo(proposed.value.holdersTotal, 6);
    for (const x of proposed.value.posts) expect(x.gainOverHolder).toBe(0);
  });
});
