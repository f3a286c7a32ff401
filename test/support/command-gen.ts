/**
 * Random command sequences for the property suites: a small organisation, then assignment
 * commands — valid and invalid — by actors chosen at random or by the role they play in the case
 * at that moment, at random non-decreasing times. The runner keeps a shadow of every case, folded
 * from the events the commands return, to resolve roles and to check the projections against.
 */
import fc from 'fast-check';
import type { Outcome } from '../../src/app/commands/context.js';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import type { AppResult } from '../../src/app/errors.js';
import type { AssignmentEvent } from '../../src/domain/assignment/assignment.events.js';
import { evolveAssignment, type AssignmentState } from '../../src/domain/assignment/assignment.state.js';
import type { ManualClock } from '../../src/domain/clock.js';
import type { StreamEvent } from '../../src/domain/event.js';

export const HOUR = 3_600_000;
/** The instant every generated sequence starts at. */
export const GEN_START = Date.parse('2022-03-01T09:00:00.000Z');

/** The people of the generated organisation, and who else a command may name. */
export const PEOPLE = ['per_p1', 'per_p2', 'per_p3', 'per_p4', 'per_p5', 'per_p6'] as const;
export const UNITS = ['unit_u1', 'unit_u2', 'unit_u3'] as const;
const NON_PEOPLE = ['unit_u1', 'cmt_c1', 'body_b1', 'per_ghost'] as const;

/** A party named by a command: a person by index, or something that is not a (known) person. */
export type Target = number | (typeof NON_PEOPLE)[number];
/** Who issues a lifecycle command: the person whose move it naturally is, the person playing a role in the case now, or anyone. */
export type Role = 'owner' | 'holder' | 'verifier' | 'issuer' | 'controller' | 'recipient' | 'co';
export type Actor = Role | 'natural' | number | 'per_ghost';

/** One generated operation. `a` and `parent` count back from the latest assignment issued (or attempted). */
export type Op =
  | { readonly k: 'issue'; readonly issuer: Actor; readonly owner: Target; readonly verifier: Target; readonly controller: Target | null; readonly co: readonly Target[]; readonly deadlineH: number | 'soon'; readonly parent: number | null; readonly decision: number; readonly explicitId: boolean }
  | { readonly k: 'accept' | 'handover.accept' | 'transfer.accept' | 'extension.grant' | 'verify'; readonly a: number; readonly actor: Actor }
  | { readonly k: 'handover.offer' | 'transfer.request' | 'escalate'; readonly a: number; readonly actor: Actor; readonly to: Target; readonly reason: string }
  | { readonly k: 'handover.refuse' | 'transfer.refuse' | 'extension.refuse' | 'cancel' | 'reopen'; readonly a: number; readonly actor: Actor; readonly reason: string }
  | { readonly k: 'extension.request'; readonly a: number; readonly actor: Actor; readonly deadlineH: number | 'later' }
  | { readonly k: 'submit'; readonly a: number; readonly actor: Actor; readonly evidence: 'text' | 'document' | 'none' | 'bad-link' }
  | { readonly k: 'reject'; readonly a: number; readonly actor: Actor; readonly reasons: readonly string[] }
  /** The natural next step of the case, whatever its state; `variant` picks among the possible ones. */
  | { readonly k: 'next'; readonly a: number; readonly variant: number };

/** An operation and the time that passes before it. */
export interface Step {
  readonly dt: number;
  readonly op: Op;
}

const target: fc.Arbitrary<Target> = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: PEOPLE.length - 1 }) }, { weight: 1, arbitrary: fc.constantFrom(...NON_PEOPLE) });
const role: fc.Arbitrary<Role> = fc.constantFrom('owner', 'holder', 'verifier', 'issuer', 'controller', 'recipient', 'co');
const actor: fc.Arbitrary<Actor> = fc.oneof(
  { weight: 8, arbitrary: fc.constant('natural' as const) },
  { weight: 3, arbitrary: role },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: PEOPLE.length - 1 }) },
  { weight: 1, arbitrary: fc.constant('per_ghost' as const) },
);
const reason = fc.oneof({ weight: 9, arbitrary: fc.constantFrom('it is theirs', 'no capacity', 'late supplier') }, { weight: 1, arbitrary: fc.constantFrom('', '   ') });
/** Which assignment an operation acts on, counted back from the latest issued: mostly recent ones, sometimes one that does not exist. */
const index = fc.oneof({ weight: 6, arbitrary: fc.nat({ max: 2 }) }, { weight: 2, arbitrary: fc.nat({ max: 7 }) });

const issueOp: fc.Arbitrary<Op> = fc.record({
  k: fc.constant('issue' as const),
  issuer: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: PEOPLE.length - 1 }) }, { weight: 1, arbitrary: fc.constant('per_ghost' as const) }),
  owner: target,
  verifier: target,
  controller: fc.option(target, { freq: 2, nil: null }),
  co: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.array(target, { minLength: 1, maxLength: 2 }) }),
  deadlineH: fc.oneof({ weight: 12, arbitrary: fc.integer({ min: -6, max: 240 }) }, { weight: 1, arbitrary: fc.constant('soon' as const) }),
  parent: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: index }),
  decision: fc.nat({ max: 1 }),
  explicitId: fc.boolean(),
});

type Kind = Exclude<Op['k'], 'issue' | 'next'>;
const simple = (k: 'accept' | 'handover.accept' | 'transfer.accept' | 'extension.grant' | 'verify'): fc.Arbitrary<Op> => fc.record({ k: fc.constant(k), a: index, actor });
const toward = (k: 'handover.offer' | 'transfer.request' | 'escalate'): fc.Arbitrary<Op> => fc.record({ k: fc.constant(k), a: index, actor, to: target, reason });
const reasoned = (k: 'handover.refuse' | 'transfer.refuse' | 'extension.refuse' | 'cancel' | 'reopen'): fc.Arbitrary<Op> => fc.record({ k: fc.constant(k), a: index, actor, reason });

/** Each kind of lifecycle step with its weight: the steps of the main path come more often. */
const LIFECYCLE: ReadonlyArray<[Kind, number, fc.Arbitrary<Op>]> = [
  ['accept', 4, simple('accept')],
  ['handover.offer', 2, toward('handover.offer')],
  ['handover.accept', 2, simple('handover.accept')],
  ['handover.refuse', 1, reasoned('handover.refuse')],
  ['transfer.request', 1, toward('transfer.request')],
  ['transfer.accept', 1, simple('transfer.accept')],
  ['transfer.refuse', 1, reasoned('transfer.refuse')],
  ['extension.request', 1, fc.record({ k: fc.constant('extension.request' as const), a: index, actor, deadlineH: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: -24, max: 300 }) }, { weight: 1, arbitrary: fc.constant('later' as const) }) })],
  ['extension.grant', 1, simple('extension.grant')],
  ['extension.refuse', 1, reasoned('extension.refuse')],
  ['submit', 3, fc.record({ k: fc.constant('submit' as const), a: index, actor, evidence: fc.constantFrom('text' as const, 'text' as const, 'document' as const, 'none' as const, 'bad-link' as const) })],
  ['verify', 2, simple('verify')],
  ['reject', 1, fc.record({ k: fc.constant('reject' as const), a: index, actor, reasons: fc.array(reason, { maxLength: 2 }) })],
  ['cancel', 1, reasoned('cancel')],
  ['reopen', 1, reasoned('reopen')],
  ['escalate', 1, toward('escalate')],
];
const nextOp: fc.Arbitrary<Op> = fc.record({ k: fc.constant('next' as const), a: index, variant: fc.nat({ max: 11 }) });
const lifecycleOp: fc.Arbitrary<Op> = fc.oneof({ weight: 24, arbitrary: nextOp }, ...LIFECYCLE.map(([, weight, arbitrary]) => ({ weight, arbitrary })));

/** A random sequence of steps: a quarter of them issue assignments, the rest act on them. */
export function steps(maxLength: number): fc.Arbitrary<Step[]> {
  const dt = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 36 * HOUR }));
  return fc.array(fc.record({ dt, op: fc.oneof({ weight: 1, arbitrary: issueOp }, { weight: 3, arbitrary: lifecycleOp }) }), { minLength: Math.ceil(maxLength / 2), maxLength });
}

/** Runs one command: `app.execute`, or the runner of a bulk transaction. */
export type Exec = (actor: string, command: CommandInput) => Promise<AppResult<Outcome>>;

/** What a run did: each command's outcome code, the ids of the assignments issued, the shadow states, the last instant. */
export interface RunLog {
  readonly codes: string[];
  readonly assignments: string[];
  readonly shadow: Map<string, AssignmentState>;
  readonly end: number;
}

/** The organisation every generated sequence starts from; the second unit's head post and the second decision get generated ids. */
function setupCommands(): Array<[string, CommandInput]> {
  return [
    ['system', { type: 'unit.create', id: 'unit_u1', name: 'Trade' }],
    ['system', { type: 'unit.create', id: 'unit_u2', name: 'Cooperatives', parentId: 'unit_u1' }],
    ['system', { type: 'unit.create', id: 'unit_u3', name: 'Control' }],
    ...PEOPLE.map((id, i): [string, CommandInput] => ['system', { type: 'person.register', id, name: `Person ${i + 1}`, unitId: UNITS[Math.floor(i / 2)] as string }]),
    ['system', { type: 'body.create', id: 'body_b1', name: 'Council', level: 1 }],
    ['system', { type: 'committee.create', id: 'cmt_c1', name: 'Commission', mandate: 'advise', chairId: 'per_p1', memberIds: ['per_p2'], sunset: '2023-01-01' }],
    ['per_p1', { type: 'decision.register', id: 'dec_d1', bodyId: 'body_b1', number: '1', date: '2022-03-01', title: 'First' }],
    ['per_p1', { type: 'decision.register', bodyId: 'body_b1', number: '2', date: '2022-03-01', title: 'Second' }],
  ];
}

function resolveTarget(t: Target): string {
  return typeof t === 'number' ? (PEOPLE[t] as string) : t;
}

/** Whose move each kind of step naturally is. */
const NATURAL: { readonly [K in Kind]: Role } = {
  accept: 'owner',
  'handover.offer': 'holder',
  'handover.accept': 'recipient',
  'handover.refuse': 'recipient',
  'transfer.request': 'owner',
  'transfer.accept': 'recipient',
  'transfer.refuse': 'recipient',
  'extension.request': 'owner',
  'extension.grant': 'recipient',
  'extension.refuse': 'recipient',
  submit: 'holder',
  verify: 'verifier',
  reject: 'verifier',
  cancel: 'issuer',
  reopen: 'verifier',
  escalate: 'holder',
};

function resolveActor(a: Actor, s: AssignmentState | undefined, kind: Op['k']): string {
  if (a === 'natural') return kind === 'issue' || kind === 'next' ? PEOPLE[0] : resolveActor(NATURAL[kind], s, kind);
  if (typeof a === 'number') return PEOPLE[a] as string;
  if (a === 'per_ghost') return a;
  if (s === undefined) return PEOPLE[0];
  switch (a) {
    case 'owner':
      return s.ownerId;
    case 'holder':
      return s.holderId;
    case 'verifier':
      return s.verifierId;
    case 'issuer':
      return s.issuerId;
    case 'controller':
      return s.controllerId ?? s.issuerId;
    case 'recipient':
      return s.pending === null ? s.ownerId : s.pending.kind === 'extension' ? s.pending.approverId : s.pending.to;
    case 'co':
      return s.coExecutorIds[0] ?? s.ownerId;
  }
}

const EVIDENCE = {
  text: [{ kind: 'text', text: 'done as defined' }],
  document: [{ kind: 'document', name: 'receipt.pdf', sha256: 'a'.repeat(64) }],
  none: [],
  'bad-link': [{ kind: 'link', url: 'ftp://example.org/x' }],
} as const;

/** The assignment `k` places back from the latest one (wrapping round); 7, or none issued yet, names one that does not exist. */
function back(log: RunLog, k: number): string {
  const n = log.assignments.length;
  return n === 0 || k === 7 ? `asg_never${k}` : (log.assignments[n - 1 - (k % n)] as string);
}

/** The command an operation stands for, given the run so far. */
function commandOf(op: Op, log: RunLog, decisions: readonly string[], now: number): [string, CommandInput] {
  const iso = (ms: number): string => new Date(ms).toISOString();
  if (op.k === 'issue') {
    const n = log.assignments.length;
    const parent = op.parent === null ? undefined : back(log, op.parent);
    return [
      resolveActor(op.issuer, undefined, op.k),
      {
        type: 'assignment.issue',
        ...(op.explicitId ? { id: `asg_n${n}` } : {}),
        decisionId: decisions[op.decision] ?? 'dec_none',
        ...(parent === undefined ? {} : { parentId: parent }),
        title: `Case ${n}`,
        definitionOfDone: 'done as defined',
        deadline: op.deadlineH === 'soon' ? 'soon' : iso(now + op.deadlineH * HOUR),
        ownerId: resolveTarget(op.owner),
        verifierId: resolveTarget(op.verifier),
        ...(op.controller === null ? {} : { controllerId: resolveTarget(op.controller) }),
        coExecutorIds: op.co.map(resolveTarget),
      },
    ];
  }
  const assignmentId = back(log, op.a);
  const s = log.shadow.get(assignmentId);
  if (op.k === 'next') return nextStep(assignmentId, s, op.variant, now);
  const who = resolveActor(op.actor, s, op.k);
  switch (op.k) {
    case 'accept':
      return [who, { type: 'assignment.accept', assignmentId }];
    case 'handover.accept':
      return [who, { type: 'assignment.handover.accept', assignmentId }];
    case 'transfer.accept':
      return [who, { type: 'assignment.transfer.accept', assignmentId }];
    case 'extension.grant':
      return [who, { type: 'assignment.extension.grant', assignmentId }];
    case 'verify':
      return [who, { type: 'assignment.verify', assignmentId }];
    case 'handover.offer':
      return [who, { type: 'assignment.handover.offer', assignmentId, toId: resolveTarget(op.to), reason: op.reason }];
    case 'transfer.request':
      return [who, { type: 'assignment.transfer.request', assignmentId, toId: resolveTarget(op.to), reason: op.reason }];
    case 'escalate':
      return [who, { type: 'assignment.escalate', assignmentId, toId: resolveTarget(op.to), reason: op.reason }];
    case 'handover.refuse':
      return [who, { type: 'assignment.handover.refuse', assignmentId, reason: op.reason }];
    case 'transfer.refuse':
      return [who, { type: 'assignment.transfer.refuse', assignmentId, reason: op.reason }];
    case 'extension.refuse':
      return [who, { type: 'assignment.extension.refuse', assignmentId, reason: op.reason }];
    case 'cancel':
      return [who, { type: 'assignment.cancel', assignmentId, reason: op.reason }];
    case 'reopen':
      return [who, { type: 'assignment.reopen', assignmentId, reason: op.reason }];
    case 'extension.request':
      return [who, { type: 'assignment.extension.request', assignmentId, deadline: op.deadlineH === 'later' ? 'later' : iso(now + op.deadlineH * HOUR), reason: 'late supplier' }];
    case 'submit':
      return [who, { type: 'assignment.submit', assignmentId, evidence: [...EVIDENCE[op.evidence]] }];
    case 'reject':
      return [who, { type: 'assignment.reject', assignmentId, reasons: [...op.reasons] }];
  }
}

/** The natural next command of a case in its current state, by the person whose move it is. */
function nextStep(assignmentId: string, s: AssignmentState | undefined, variant: number, now: number): [string, CommandInput] {
  if (s === undefined) return [PEOPLE[0], { type: 'assignment.accept', assignmentId }];
  const yes = variant % 3 !== 0;
  const other = PEOPLE[variant % PEOPLE.length] as string;
  if (s.pending !== null) {
    const p = s.pending;
    if (p.kind === 'extension') return [p.approverId, yes ? { type: 'assignment.extension.grant', assignmentId } : { type: 'assignment.extension.refuse', assignmentId, reason: 'the deadline stands' }];
    const answer = p.kind === 'handover' ? 'handover' : 'transfer';
    return [p.to, yes ? { type: `assignment.${answer}.accept`, assignmentId } : { type: `assignment.${answer}.refuse`, assignmentId, reason: 'not ours' }];
  }
  switch (s.status) {
    case 'issued':
      return [s.ownerId, { type: 'assignment.accept', assignmentId }];
    case 'in_progress':
      if (variant < 6) return [s.holderId, { type: 'assignment.submit', assignmentId, evidence: [{ kind: 'text', text: 'done as defined' }] }];
      if (variant < 8) return [s.holderId, { type: 'assignment.handover.offer', assignmentId, toId: other, reason: 'it is theirs' }];
      if (variant < 10) return [s.ownerId, { type: 'assignment.extension.request', assignmentId, deadline: new Date(Math.max(now, Date.parse(s.deadline)) + 48 * HOUR).toISOString(), reason: 'late supplier' }];
      return [s.ownerId, { type: 'assignment.transfer.request', assignmentId, toId: other, reason: 'it is theirs' }];
    case 'submitted':
      return [s.verifierId, yes ? { type: 'assignment.verify', assignmentId } : { type: 'assignment.reject', assignmentId, reasons: ['the receipt is missing'] }];
    case 'verified':
    case 'cancelled':
      return [s.issuerId, { type: 'assignment.reopen', assignmentId, reason: 'it was not done after all' }];
  }
}

/**
 * Runs the organisation setup and then the steps, setting the clock before each command.
 * `afterEach` sees every command's result (for checks that nothing was written by a refusal).
 */
export async function runSteps(exec: Exec, clock: ManualClock, list: readonly Step[], afterEach?: (r: AppResult<Outcome>, command: CommandInput) => Promise<void>): Promise<RunLog> {
  const log: RunLog = { codes: [], assignments: [], shadow: new Map(), end: GEN_START };
  let now = GEN_START;
  clock.set(now);
  const decisions: string[] = [];
  for (const [who, command] of setupCommands()) {
    const r = await exec(who, command);
    if (!r.ok) throw new Error(`setup refused: ${r.error.code} ${r.error.message}`);
    if (command.type === 'decision.register') decisions.push(r.value.id);
  }
  for (const { dt, op } of list) {
    now += dt;
    clock.set(now);
    const [who, command] = commandOf(op, log, decisions, now);
    const r = await exec(who, command);
    await afterEach?.(r, command);
    log.codes.push(r.ok ? 'ok' : r.error.code);
    if (op.k === 'issue' && r.ok) log.assignments.push(r.value.id);
    if (r.ok) {
      for (const e of r.value.events) {
        if (!e.streamId.startsWith('asg_')) continue;
        log.shadow.set(e.streamId, evolveAssignment(log.shadow.get(e.streamId), e as unknown as StreamEvent<AssignmentEvent>));
      }
    }
  }
  return { ...log, end: now };
}
