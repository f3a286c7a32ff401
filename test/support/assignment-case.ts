/**
 * A kit for pure domain tests of assignments: fixed instants, a cast of parties, a valid issue
 * input, and `Case`, which drives an assignment through the rules and keeps its events.
 */
import { expect } from 'vitest';
import * as rules from '../../src/domain/assignment/assignment.rules.js';
import type { AssignmentEvent } from '../../src/domain/assignment/assignment.events.js';
import type { CommandContext, Decision, IssueInput } from '../../src/domain/assignment/assignment.rules.js';
import { evolveAssignment, type AssignmentState } from '../../src/domain/assignment/assignment.state.js';
import type { StreamEvent } from '../../src/domain/event.js';
import type { PartyRef } from '../../src/domain/ids.js';
import { toInstant } from '../../src/domain/time.js';

/** The instant every domain scenario starts at. */
export const T0_MS = Date.parse('2022-03-01T09:00:00.000Z');
/** One hour in milliseconds. */
export const HOUR = 3_600_000;

/** The canonical instant `hours` after T0 (fractions allowed). */
export function h(hours: number): string {
  return toInstant(T0_MS + hours * HOUR);
}

/** A person in a unit. */
export function personRef(id: string, unitId: string): PartyRef {
  return { id, kind: 'person', unitId };
}

/** The parties of the scenarios. */
export const P = {
  issuer: personRef('per_issuer', 'unit_sec'),
  owner: personRef('per_owner', 'unit_a'),
  verifier: personRef('per_verifier', 'unit_ctrl'),
  controller: personRef('per_controller', 'unit_ctrl'),
  co: personRef('per_co', 'unit_b'),
  other: personRef('per_other', 'unit_b'),
  third: personRef('per_third', 'unit_c'),
} as const;

/** The deadline of the default assignment: 100 hours after T0. */
export const DEADLINE = h(100);

/** A valid issue input (issuer, owner, verifier, controller, one co-executor), with overrides. */
export function issueInput(overrides: Partial<IssueInput> = {}): IssueInput {
  return {
    decisionId: 'dec_1',
    parent: null,
    title: 'Buy the canned meat',
    definitionOfDone: 'The meat is in the warehouse and paid for',
    domain: 'supply',
    deadline: DEADLINE,
    urgency: 'urgent',
    owner: P.owner,
    verifier: P.verifier,
    controller: P.controller,
    coExecutors: [P.co],
    issuer: P.issuer,
    ...overrides,
  };
}

/** Who acts, when. */
export function ctx(actor: string | PartyRef, at: string): CommandContext {
  return { actor: typeof actor === 'string' ? actor : actor.id, at };
}

/** An assignment driven through the rules; every step must be accepted, and its events are kept. */
export class Case {
  readonly events: StreamEvent<AssignmentEvent>[] = [];
  state: AssignmentState;

  private constructor(first: StreamEvent<AssignmentEvent>) {
    this.events.push(first);
    this.state = evolveAssignment(undefined, first);
  }

  /** Issues the assignment at `at` (default T0) by the input's issuer. */
  static issue(overrides: Partial<IssueInput> = {}, at = h(0)): Case {
    const input = issueInput(overrides);
    const d = rules.issue(input, ctx(input.issuer, at));
    if (!d.ok) throw new Error(`issue refused: ${d.error.code} ${d.error.message}`);
    const [e] = d.value;
    if (e === undefined) throw new Error('issue decided no event');
    return new Case({ ...e, actor: input.issuer.id, at });
  }

  /** Applies a rule by `actor` at `hours` after T0; fails the test if it is refused. */
  do(actor: PartyRef | string, hours: number, rule: (s: AssignmentState, c: CommandContext) => Decision): this {
    const c = ctx(actor, h(hours));
    const d = rule(this.state, c);
    if (!d.ok) expect.fail(`refused with ${d.error.code}: ${d.error.message}`);
    for (const e of d.value) {
      const recorded = { ...e, actor: c.actor, at: c.at };
      this.events.push(recorded);
      this.state = evolveAssignment(this.state, recorded);
    }
    return this;
  }

  /** What a rule decides now, without applying it. */
  try(actor: PartyRef | string, hours: number, rule: (s: AssignmentState, c: CommandContext) => Decision): Decision {
    return rule(this.state, ctx(actor, h(hours)));
  }
}
