/**
 * A ladder policy as a versioned stream: defined for a scope (version 1), revised any number of
 * times (version + 1 each, the scope stays), retired with a reason. The record keeps every
 * version; the state holds the one in force. Administrators edit policies; the application checks
 * that, and that no other policy in force has the same scope (`scopeTaken`).
 */
import type { EventData, StreamEvent } from '../event.js';
import { requireNotBefore, requireText } from '../guards.js';
import type { PartyRef } from '../ids.js';
import { type Result, fail, ok } from '../result.js';
import type { Instant } from '../time.js';
import { examineLadderRules, examineLadderScope, ladderProblems, type LadderProblem, type LadderRules, type LadderRulesInput, type LadderScope } from './ladder-policy.js';
import type { DomainError } from '../errors.js';

/** Events of a ladder-policy stream; `version` counts from 1 and grows by one with each revision. */
export type LadderPolicyEvent =
  | EventData<'ladder-policy.defined', { readonly version: number; readonly name: string; readonly scope: LadderScope; readonly rules: LadderRules }>
  | EventData<'ladder-policy.revised', { readonly version: number; readonly name: string; readonly rules: LadderRules }>
  | EventData<'ladder-policy.retired', { readonly reason: string }>;

/** A policy as folded from its events: its scope and the version in force. */
export interface LadderPolicyState {
  readonly name: string;
  readonly scope: LadderScope;
  readonly version: number;
  readonly rules: LadderRules;
  readonly definedAt: Instant;
  /** When the version in force was recorded. */
  readonly versionAt: Instant;
  /** When the policy was retired; null while it is in force. */
  readonly retiredAt: Instant | null;
  readonly lastEventAt: Instant;
}

/** The decided events of a policy command. */
export type LadderPolicyDecision = Result<LadderPolicyEvent[], DomainError>;

function nameProblems(name: string, problems: LadderProblem[]): void {
  if (name.trim() === '') problems.push({ path: 'name', issue: 'NAME_REQUIRED', message: 'a policy needs a name' });
}

/**
 * Decides a new policy for a unit's subtree (null: the whole organisation) and a domain (null:
 * any). `scopeTaken` says whether a policy in force already has exactly that scope.
 */
export function defineLadderPolicy(input: {
  readonly name: string;
  readonly unit: PartyRef | null;
  readonly domain: string | null;
  readonly rules: LadderRulesInput;
  readonly scopeTaken: boolean;
}): LadderPolicyDecision {
  const problems: LadderProblem[] = [];
  nameProblems(input.name, problems);
  const { scope, problems: scopeProblems } = examineLadderScope({ unit: input.unit, domain: input.domain });
  const { rules, problems: ruleProblems } = examineLadderRules(input.rules);
  const verdict = ladderProblems([...problems, ...scopeProblems, ...ruleProblems]);
  if (!verdict.ok) return verdict;
  if (input.scopeTaken)
    return fail('LADDER_POLICY_SCOPE_TAKEN', `a policy for ${scope.unitId ?? 'the whole organisation'} and ${scope.domain ?? 'every domain'} is in force: revise it instead`, { scope });
  return ok([{ type: 'ladder-policy.defined', payload: { version: 1, name: input.name.trim(), scope, rules } }]);
}

function inForce(s: LadderPolicyState, at: Instant, action: string): Result<void, DomainError> {
  if (s.retiredAt !== null) return fail('INVALID_TRANSITION', `cannot ${action} a policy retired at ${s.retiredAt}`);
  return requireNotBefore(at, s.lastEventAt);
}

/** Decides the next version of a policy in force (its name and steps; the scope stays); a revision that changes nothing is refused. */
export function reviseLadderPolicy(s: LadderPolicyState, input: { readonly name?: string | undefined; readonly rules: LadderRulesInput }, at: Instant): LadderPolicyDecision {
  const live = inForce(s, at, 'revise');
  if (!live.ok) return live;
  const problems: LadderProblem[] = [];
  const name = input.name ?? s.name;
  nameProblems(name, problems);
  const { rules, problems: ruleProblems } = examineLadderRules(input.rules);
  const verdict = ladderProblems([...problems, ...ruleProblems]);
  if (!verdict.ok) return verdict;
  if (name.trim() === s.name && JSON.stringify(rules) === JSON.stringify(s.rules))
    return fail('LADDER_POLICY_INVALID', `the revision is identical to version ${s.version}`, {
      problems: [{ path: '', issue: 'UNCHANGED', message: 'nothing changes' } satisfies LadderProblem],
    });
  return ok([{ type: 'ladder-policy.revised', payload: { version: s.version + 1, name: name.trim(), rules } }]);
}

/** Decides retiring a policy, with a reason: its cases fall to the next most specific policy. */
export function retireLadderPolicy(s: LadderPolicyState, input: { readonly reason: string }, at: Instant): LadderPolicyDecision {
  const live = inForce(s, at, 'retire');
  if (!live.ok) return live;
  const reason = requireText(input.reason, 'REASON_REQUIRED', 'a reason for retiring the policy');
  if (!reason.ok) return reason;
  return ok([{ type: 'ladder-policy.retired', payload: { reason: input.reason.trim() } }]);
}

/** Folds a ladder-policy event. Throws only on an event the rules could never have produced. */
export function evolveLadderPolicy(s: LadderPolicyState | undefined, e: StreamEvent<LadderPolicyEvent>): LadderPolicyState {
  if (e.type === 'ladder-policy.defined') {
    if (s !== undefined) throw new Error('ladder-policy.defined on an existing policy');
    const p = e.payload;
    return { name: p.name, scope: p.scope, version: p.version, rules: p.rules, definedAt: e.at, versionAt: e.at, retiredAt: null, lastEventAt: e.at };
  }
  if (s === undefined) throw new Error(`${e.type} before ladder-policy.defined`);
  if (e.type === 'ladder-policy.revised') return { ...s, name: e.payload.name, version: e.payload.version, rules: e.payload.rules, versionAt: e.at, lastEventAt: e.at };
  return { ...s, retiredAt: e.at, lastEventAt: e.at };
}
