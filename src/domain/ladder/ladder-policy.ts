/**
 * The shape of an escalation ladder (F5) and its validation. A policy applies to the assignments
 * of one domain (or any) whose owner sits in one unit's subtree (or anywhere). Its steps:
 * reminders some working time before the deadline; the controller told at the deadline (always);
 * escalation to the owner's superior N working days (or hours) after it; escalation to the body
 * M more after that. Each escalation may carry an accountability action, which the system only
 * proposes: a person decides it (accountability.ts).
 */
import { isIdOf } from '../ids.js';
import { type Result, fail, ok } from '../result.js';
import type { DomainError } from '../errors.js';

/** Units a delay is counted in: working days (calendar days that are worked) or working hours. */
export const DELAY_UNITS = ['working-days', 'working-hours'] as const;
/** A unit of delay. */
export type DelayUnit = (typeof DELAY_UNITS)[number];

/** An amount of working time, counted in the calendar of the owner's unit. */
export interface Delay {
  readonly amount: number;
  readonly unit: DelayUnit;
}

/** What an escalation may propose; a person decides it, the system never applies it. */
export const ACCOUNTABILITY_ACTIONS = ['warning', 'reprimand', 'proposal-to-replace'] as const;
/** An accountability action. */
export type AccountabilityAction = (typeof ACCOUNTABILITY_ACTIONS)[number];

/** An escalation step: how long after the step before it, and the action it proposes (if any). */
export interface EscalationRule {
  readonly after: Delay;
  readonly action: AccountabilityAction | null;
}

/** The escalation to a body: to the policy's body, or (null) to the body whose decision the case carries out. */
export interface BodyEscalationRule extends EscalationRule {
  readonly bodyId: string | null;
}

/** The steps of a ladder as recorded. */
export interface LadderRules {
  /** Lead times before the deadline, each > 0, at most five, no two alike. */
  readonly reminders: readonly Delay[];
  /** After the deadline (N ≥ 0). */
  readonly superior: EscalationRule | null;
  /** After the superior's step (M ≥ 1); there is no body step without a superior step. */
  readonly body: BodyEscalationRule | null;
}

/** Where a policy applies: a unit's subtree (null: the whole organisation) and a domain (null: any). */
export interface LadderScope {
  readonly unitId: string | null;
  readonly domain: string | null;
}

/** A delay as submitted (values may come from outside and are checked). */
export interface DelayInput {
  readonly amount: number;
  readonly unit: string;
}

/** Ladder steps as submitted. */
export interface LadderRulesInput {
  readonly reminders?: readonly DelayInput[] | null | undefined;
  readonly superior?: { readonly after: DelayInput; readonly action?: string | null | undefined } | null | undefined;
  readonly body?: { readonly after: DelayInput; readonly action?: string | null | undefined; readonly bodyId?: string | null | undefined } | null | undefined;
}

/** Stable names of what can be wrong in a policy (in `details.problems[].issue`). */
export type LadderProblemIssue =
  | 'NAME_REQUIRED'
  | 'SCOPE_NOT_A_UNIT'
  | 'DOMAIN_BLANK'
  | 'DELAY_NEGATIVE'
  | 'DELAY_NOT_WHOLE'
  | 'DELAY_ZERO'
  | 'DELAY_TOO_LONG'
  | 'DELAY_UNIT_UNKNOWN'
  | 'REMINDER_DUPLICATE'
  | 'TOO_MANY_REMINDERS'
  | 'BODY_WITHOUT_SUPERIOR'
  | 'ACTION_UNKNOWN'
  | 'BODY_NOT_A_BODY'
  | 'UNCHANGED';

/** One broken rule of a policy: where, which rule, and a message for people. */
export interface LadderProblem {
  readonly path: string;
  readonly issue: LadderProblemIssue;
  readonly message: string;
}

/** The most reminders a policy may send before one deadline. */
export const MAX_REMINDERS = 5;
/** The longest delay: a year of working days, or of round-the-clock hours. */
const MAX_AMOUNT: Readonly<Record<DelayUnit, number>> = { 'working-days': 366, 'working-hours': 366 * 24 };

/** A ladder that fits most organisations: reminders 3 and 1 working days ahead; superior after 2 with a warning; the body 3 later with a reprimand. */
export const STANDARD_LADDER: LadderRules = {
  reminders: [
    { amount: 3, unit: 'working-days' },
    { amount: 1, unit: 'working-days' },
  ],
  superior: { after: { amount: 2, unit: 'working-days' }, action: 'warning' },
  body: { after: { amount: 3, unit: 'working-days' }, action: 'reprimand', bodyId: null },
};

/** The short label of a delay in step names and keys: `3wd` (working days), `4wh` (working hours). */
export function delayLabel(d: Delay): string {
  return `${d.amount}${d.unit === 'working-days' ? 'wd' : 'wh'}`;
}

function isDelayUnit(u: string): u is DelayUnit {
  return (DELAY_UNITS as readonly string[]).includes(u);
}

function isAction(a: string): a is AccountabilityAction {
  return (ACCOUNTABILITY_ACTIONS as readonly string[]).includes(a);
}

function delay(input: DelayInput, path: string, min: 0 | 1, problems: LadderProblem[]): Delay {
  const { amount, unit } = input;
  const before = problems.length;
  if (!isDelayUnit(unit)) problems.push({ path: `${path}.unit`, issue: 'DELAY_UNIT_UNKNOWN', message: `a delay is counted in ${DELAY_UNITS.join(' or ')}, not ${String(unit)}` });
  if (typeof amount !== 'number' || Number.isNaN(amount)) problems.push({ path: `${path}.amount`, issue: 'DELAY_NOT_WHOLE', message: `a delay is a whole number, not ${String(amount)}` });
  else if (amount < 0) problems.push({ path: `${path}.amount`, issue: 'DELAY_NEGATIVE', message: `a delay cannot be negative (${amount})` });
  else if (!Number.isInteger(amount)) problems.push({ path: `${path}.amount`, issue: 'DELAY_NOT_WHOLE', message: `a delay is a whole number, not ${amount}` });
  else if (amount < min) problems.push({ path: `${path}.amount`, issue: 'DELAY_ZERO', message: 'this delay must be at least 1' });
  else if (isDelayUnit(unit) && amount > MAX_AMOUNT[unit]) problems.push({ path: `${path}.amount`, issue: 'DELAY_TOO_LONG', message: `at most ${MAX_AMOUNT[unit]} ${unit}` });
  return problems.length === before ? { amount, unit: unit as DelayUnit } : { amount: 0, unit: 'working-days' };
}

function action(input: string | null | undefined, path: string, problems: LadderProblem[]): AccountabilityAction | null {
  if (input === null || input === undefined) return null;
  if (isAction(input)) return input;
  problems.push({ path, issue: 'ACTION_UNKNOWN', message: `an accountability action is one of ${ACCOUNTABILITY_ACTIONS.join(', ')}, not ${String(input)}` });
  return null;
}

/** Every problem of submitted ladder steps (empty when they are valid), and their recorded form. */
export function examineLadderRules(input: LadderRulesInput): { readonly problems: readonly LadderProblem[]; readonly rules: LadderRules } {
  const problems: LadderProblem[] = [];
  const given = input.reminders ?? [];
  if (given.length > MAX_REMINDERS) problems.push({ path: 'reminders', issue: 'TOO_MANY_REMINDERS', message: `at most ${MAX_REMINDERS} reminders before a deadline` });
  const reminders = given.map((r, i) => delay(r, `reminders[${i}]`, 1, problems));
  const seen = new Set<string>();
  reminders.forEach((r, i) => {
    if (r.amount === 0) return;
    const label = delayLabel(r);
    if (seen.has(label)) problems.push({ path: `reminders[${i}]`, issue: 'REMINDER_DUPLICATE', message: `a reminder ${r.amount} ${r.unit} ahead is already set` });
    seen.add(label);
  });
  const sup = input.superior ?? null;
  const superior: EscalationRule | null = sup === null ? null : { after: delay(sup.after, 'superior.after', 0, problems), action: action(sup.action, 'superior.action', problems) };
  const bod = input.body ?? null;
  let body: BodyEscalationRule | null = null;
  if (bod !== null) {
    if (sup === null) problems.push({ path: 'body', issue: 'BODY_WITHOUT_SUPERIOR', message: 'a case reaches the body only after the superior: set the superior step first' });
    const bodyId = bod.bodyId ?? null;
    if (bodyId !== null && !isIdOf('body', bodyId)) problems.push({ path: 'body.bodyId', issue: 'BODY_NOT_A_BODY', message: `not the id of a body: ${String(bodyId)}` });
    body = { after: delay(bod.after, 'body.after', 1, problems), action: action(bod.action, 'body.action', problems), bodyId };
  }
  return { problems, rules: { reminders, superior, body } };
}

/** Every problem of a scope (a unit reference and a domain), and its recorded form. */
export function examineLadderScope(input: { readonly unit: { readonly id: string; readonly kind: string } | null; readonly domain: string | null | undefined }): {
  readonly problems: readonly LadderProblem[];
  readonly scope: LadderScope;
} {
  const problems: LadderProblem[] = [];
  if (input.unit !== null && input.unit.kind !== 'unit') problems.push({ path: 'scope.unitId', issue: 'SCOPE_NOT_A_UNIT', message: `a policy covers a unit's subtree, and ${input.unit.id} is a ${input.unit.kind}` });
  const domain = input.domain ?? null;
  if (domain !== null && domain.trim() === '') problems.push({ path: 'scope.domain', issue: 'DOMAIN_BLANK', message: 'a domain is named, or left out (null) for every domain' });
  return { problems, scope: { unitId: input.unit?.id ?? null, domain: domain === null ? null : domain.trim() } };
}

/** Refuses with LADDER_POLICY_INVALID listing every problem in `details.problems`, or passes. */
export function ladderProblems(problems: readonly LadderProblem[]): Result<void, DomainError> {
  if (problems.length === 0) return ok(undefined);
  return fail('LADDER_POLICY_INVALID', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { problems });
}

/** Valid ladder steps in their recorded form, or LADDER_POLICY_INVALID with every problem. */
export function checkLadderRules(input: LadderRulesInput): Result<LadderRules, DomainError> {
  const { problems, rules } = examineLadderRules(input);
  const verdict = ladderProblems(problems);
  return verdict.ok ? ok(rules) : verdict;
}
