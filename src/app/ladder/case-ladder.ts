/**
 * The ladder of one case as the application computes it, from any source of the record — the
 * write transaction (when a step is performed) or the read model (when steps are scheduled): the
 * owner's unit chain, the body of its decision, the policy that governs it (the urgent protocol's
 * ladder for an urgent case), the calendar of the owner's unit, and the recipients of its steps.
 */
import type { AssignmentState } from '../../domain/assignment/assignment.state.js';
import { calendarFor } from '../../domain/calendar/calendar-definition.js';
import { calendarSetFrom } from '../../domain/calendar/calendar-stream.js';
import type { PartyRef, StreamKind } from '../../domain/ids.js';
import { ladderCaseOf, planLadder, type LadderPlan, type Recipient } from '../../domain/ladder/ladder-plan.js';
import type { LadderPolicyState } from '../../domain/ladder/ladder-policy-stream.js';
import { policyFor, type AppliedPolicy } from '../../domain/ladder/policy-resolution.js';
import type { PostState } from '../../domain/organisation/post.js';
import type { UnitState } from '../../domain/organisation/unit.js';
import type { StateOf } from '../../domain/streams.js';
import type { Instant } from '../../domain/time.js';
import { urgentLadder } from '../../domain/urgent/urgent-demand.js';
import type { ReadModel } from '../../store/read-model.js';
import type { WriteSession } from '../../store/port.js';

/** Where the ladder reads the record from. */
export interface LadderSource {
  /** A stream's folded state and kind, or undefined. */
  get(id: string): Promise<{ readonly kind: StreamKind; readonly state: unknown } | undefined>;
  /** Every stream of a kind that stays few (calendars, ladder policies, bodies). */
  all<K extends 'calendar' | 'ladder' | 'body'>(kind: K): Promise<{ readonly id: string; readonly state: StateOf<K> }[]>;
}

/** The ladder's source inside a write transaction. */
export function sourceOfSession(tx: WriteSession): LadderSource {
  return {
    get: (id) => tx.loadAny(id),
    all: async (kind) => (await tx.streams(kind)).map((s) => ({ id: s.id, state: s.state })),
  };
}

/** The ladder's source over a read model (paging through the few streams of a kind). */
export function sourceOfReads(reads: ReadModel): LadderSource {
  return {
    get: (id) => reads.snapshot(id),
    all: async <K extends 'calendar' | 'ladder' | 'body'>(kind: K) => {
      const out: { id: string; state: StateOf<K> }[] = [];
      for (let after: string | undefined; ; ) {
        const page = await reads.streams(kind, after === undefined ? { limit: 1000 } : { limit: 1000, after });
        for (const s of page) out.push({ id: s.id, state: s.state as StateOf<K> });
        if (page.length < 1000) return out;
        after = page[page.length - 1]?.id;
      }
    },
  };
}

/** A unit and the units above it, nearest first, read stream by stream. */
export async function unitChain(src: LadderSource, unitId: string): Promise<string[]> {
  const chain: string[] = [];
  for (let id: string | null = unitId; id !== null && !chain.includes(id); ) {
    const u = await src.get(id);
    if (u === undefined || u.kind !== 'unit') break;
    chain.push(id);
    id = (u.state as UnitState).parentId;
  }
  return chain;
}

/** The case's ladder and what it was computed from. */
export interface CaseLadder {
  readonly plan: LadderPlan;
  readonly unitChain: readonly string[];
  readonly bodyId: string | null;
}

/** The policy that governs a case: the most specific in force, turned into the urgent protocol's ladder for an urgent case. */
export function governingPolicy(s: AssignmentState, unitChain: readonly string[], policies: readonly { id: string; state: LadderPolicyState }[]): AppliedPolicy | undefined {
  const base = policyFor({ domain: s.domain, unitChain }, policies);
  if (s.urgency !== 'urgent') return base;
  const rules = urgentLadder(base?.rules ?? null);
  if (!rules.ok) return base;
  return { id: base?.id ?? 'urgent-protocol', version: base?.version ?? 1, name: `${base?.name ?? 'no policy'} (urgent protocol)`, scope: base?.scope ?? { unitId: null, domain: null }, rules: rules.value };
}

/** Computes the ladder of a case now, with the steps it already performed marked done. */
export async function caseLadder(src: LadderSource, assignmentId: string, s: AssignmentState): Promise<CaseLadder> {
  const chain = await unitChain(src, s.units[s.ownerId] ?? '');
  const decision = await src.get(s.decisionId);
  const bodyId = decision?.kind === 'decision' ? (decision.state as StateOf<'decision'>).bodyId : null;
  const policy = chain.length === 0 ? undefined : governingPolicy(s, chain, await src.all('ladder'));
  const calendars = policy === undefined ? [] : (await src.all('calendar')).map((c) => c.state);
  const plan = planLadder({
    assignment: ladderCaseOf(assignmentId, s, { unitChain: chain.length === 0 ? [''] : chain, bodyId, deadlineSetAt: s.deadlineSetAt }),
    policy,
    calendar: calendarFor(chain, calendarSetFrom(calendars)),
    done: new Set(s.ladderDone),
  });
  return { plan, unitChain: chain, bodyId };
}

/** The body at the top: level 1 (the smallest level), the smallest id among equals; undefined when there is no body. */
export async function topBody(src: LadderSource): Promise<string | undefined> {
  let best: { id: string; level: number } | undefined;
  for (const b of await src.all('body')) {
    const level = (b.state).level;
    if (best === undefined || level < best.level || (level === best.level && b.id < best.id)) best = { id: b.id, level };
  }
  return best?.id;
}

/**
 * The person or body a step goes to. A unit's head is the holder of its head post; a vacant head
 * post, or a head who is the owner, passes the step to the head above; with no head anywhere above,
 * or for the body step, the body (the policy's, else the decision's, else the top body).
 */
export async function resolveRecipient(src: LadderSource, to: Recipient, ownerId: string, bodyId: string | null): Promise<PartyRef | undefined> {
  if (to.kind === 'person') {
    const p = await src.get(to.personId);
    return p?.kind === 'person' ? { id: to.personId, kind: 'person', unitId: (p.state as StateOf<'person'>).unitId } : undefined;
  }
  if (to.kind === 'unit-head') {
    for (const unitId of await unitChain(src, to.unitId)) {
      const unit = await src.get(unitId);
      const post = unit === undefined ? undefined : await src.get((unit.state as UnitState).headPostId);
      const holder = post?.kind === 'post' ? (post.state as PostState).holderId : null;
      if (holder !== null && holder !== ownerId) return resolveRecipient(src, { kind: 'person', personId: holder }, ownerId, bodyId);
    }
  }
  const body = (to.kind === 'body' ? to.bodyId : null) ?? bodyId ?? (await topBody(src));
  return body === undefined ? undefined : { id: body, kind: 'body' };
}

/** The instant of a plan's next step not yet done, or undefined. */
export function nextStepAt(plan: LadderPlan): Instant | undefined {
  return plan.steps.find((s) => !s.done)?.dueAt;
}
