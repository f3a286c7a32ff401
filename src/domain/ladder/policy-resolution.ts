/**
 * Which ladder policy governs a case: among the policies in force whose scope covers the case
 * (the owner's unit is in the policy unit's subtree, and the domain matches or the policy is for
 * every domain), the most specific wins — first the deepest unit (nearest the owner's unit; the
 * whole organisation last), then a named domain over every domain. Ties (which the scope check
 * at definition prevents) go to the smallest id, so the answer never depends on order.
 */
import type { LadderPolicyState } from './ladder-policy-stream.js';
import type { LadderRules, LadderScope } from './ladder-policy.js';

/** A policy stream as the application reads it: id and folded state. */
export interface PolicyInForce {
  readonly id: string;
  readonly state: LadderPolicyState;
}

/** The policy that governs a case: which one, which version, and its steps. */
export interface AppliedPolicy {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly scope: LadderScope;
  readonly rules: LadderRules;
}

/** What resolution needs to know of a case: its domain and the owner's unit chain, nearest first. */
export interface PolicySubject {
  readonly domain: string;
  readonly unitChain: readonly string[];
}

/** The rank of a policy for a subject (lower is more specific), or undefined when it does not cover it. */
function rank(subject: PolicySubject, scope: LadderScope): readonly [number, number] | undefined {
  const depth = scope.unitId === null ? subject.unitChain.length : subject.unitChain.indexOf(scope.unitId);
  if (depth < 0) return undefined;
  if (scope.domain !== null && scope.domain !== subject.domain) return undefined;
  return [depth, scope.domain === null ? 1 : 0];
}

/** The most specific policy in force that covers the case, or undefined when none does (then there is no ladder). */
export function policyFor(subject: PolicySubject, policies: readonly PolicyInForce[]): AppliedPolicy | undefined {
  let best: { readonly p: PolicyInForce; readonly r: readonly [number, number] } | undefined;
  for (const p of policies) {
    if (p.state.retiredAt !== null) continue;
    const r = rank(subject, p.state.scope);
    if (r === undefined) continue;
    if (best === undefined || r[0] < best.r[0] || (r[0] === best.r[0] && (r[1] < best.r[1] || (r[1] === best.r[1] && p.id < best.p.id)))) best = { p, r };
  }
  if (best === undefined) return undefined;
  const { id, state } = best.p;
  return { id, version: state.version, name: state.name, scope: state.scope, rules: state.rules };
}
